from django.urls import path

from jobs import views

urlpatterns = [
    path("jobs/<int:pk>/", views.job_status, name="job-status"),
    path("jobs/<int:pk>/download/", views.job_download, name="job-download"),
    path("healthz", views.healthz, name="healthz"),
]
