from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    path("people/<int:pk>/subject/", views.subject_request, name="subject-request"),
]
