from django.urls import path

from registry import profile_views, views

app_name = "registry"

urlpatterns = [
    path("people/", views.people_list, name="people"),
    path("people/<int:pk>/", views.person_card, name="person"),
    path("people/<int:pk>/edit/", views.person_edit, name="person-edit"),
    path("people/<int:pk>/flags/", views.person_flags, name="person-flags"),
    path("people/new/", views.person_edit, name="person-new"),
    path("people/<int:pk>/consents/", views.consent_add, name="consent-add"),
    path("consents/<int:pk>/scan/", views.consent_scan, name="consent-scan"),
    path("consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent-withdraw"),
    path("people/import/", views.people_import, name="people-import"),
    path("export/", views.registry_export, name="export"),
    path("people/import/confirm/", views.people_import_confirm, name="people-import-confirm"),
    path("people/import/template.xlsx", views.people_import_template, name="import-template"),
    path("mentors/", profile_views.mentor_list, name="mentors"),
    path("mentees/", profile_views.mentee_list, name="mentees"),
    path("young-specialists/", profile_views.young_specialists, name="young-specialists"),
    path("people/<int:pk>/mentor/", profile_views.mentor_edit, name="mentor-edit"),
    path("people/<int:pk>/mentee/", profile_views.mentee_edit, name="mentee-edit"),
    path("mentors/<int:pk>/status/", profile_views.mentor_status, name="mentor-status"),
    path("mentors/<int:pk>/training/", profile_views.training_add, name="training-add"),
    path("training/<int:pk>/delete/", profile_views.training_delete, name="training-delete"),
    path("mentors/<int:pk>/incentives/", profile_views.incentive_add, name="incentive-add"),
    path("incentives/<int:pk>/delete/", profile_views.incentive_delete, name="incentive-delete"),
]
