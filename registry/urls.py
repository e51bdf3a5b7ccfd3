from django.urls import path

from registry import views

app_name = "registry"

urlpatterns = [
    path("people/", views.people_list, name="people"),
    path("people/<int:pk>/", views.person_card, name="person"),
    path("people/<int:pk>/edit/", views.person_edit, name="person-edit"),
    path("people/new/", views.person_edit, name="person-new"),
    path("people/<int:pk>/consents/", views.consent_add, name="consent-add"),
    path("consents/<int:pk>/scan/", views.consent_scan, name="consent-scan"),
    path("consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent-withdraw"),
    path("people/import/", views.people_import, name="people-import"),
    path("export/", views.registry_export, name="export"),
    path("people/import/confirm/", views.people_import_confirm, name="people-import-confirm"),
]
