from django.urls import path

from notices import views

urlpatterns = [
    path("notices/", views.notices, name="notices"),
    path("notices/read/", views.notices_read, name="notices-read"),
]
