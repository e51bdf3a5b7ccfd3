from django.urls import path  # noqa: F401 - views are added as the app grows

app_name = "mentoring"

urlpatterns: list = []
