from django.urls import path

from monitoring import rollup_views

app_name = "monitoring"

urlpatterns = [
    path("rollup/", rollup_views.rollup, name="rollup"),
    path("rollup/xlsx/", rollup_views.rollup_xlsx, name="rollup-xlsx"),
]
