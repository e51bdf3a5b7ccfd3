from django.urls import path

from mentoring.views import assignments, matching, plans, programs, roadmap

app_name = "mentoring"

urlpatterns = [
    path("assignments/", assignments.assignment_list, name="assignment-list"),
    path("assignments/new/", assignments.assignment_create, name="assignment-create"),
    path("assignments/bulk/", assignments.assignment_bulk, name="assignment-bulk"),
    path("mine/", assignments.my_assignments, name="my-assignments"),
    path("assignments/without-meetings/", assignments.stale_list, name="stale-list"),
    path("assignments/<int:pk>/", assignments.assignment_detail, name="assignment-detail"),
    path("assignments/<int:pk>/edit/", assignments.assignment_edit, name="assignment-edit"),
    path(
        "assignments/<int:pk>/status/",
        assignments.assignment_transition,
        name="assignment-transition",
    ),
    path("assignments/<int:pk>/delete/", assignments.assignment_delete, name="assignment-delete"),
    path("assignments/<int:pk>/plan/", plans.plan_create, name="plan-create"),
    path("assignments/<int:pk>/plan/edit/", plans.plan_edit, name="plan-edit"),
    path("assignments/<int:pk>/plan/routes/<int:route_pk>/", plans.route_edit, name="route-edit"),
    path("assignments/<int:pk>/plan/tasks/<int:task_pk>/add/", plans.event_add, name="event-add"),
    path("assignments/<int:pk>/plan/events/<int:event_pk>/", plans.event_edit, name="event-edit"),
    path(
        "assignments/<int:pk>/plan/events/<int:event_pk>/done/", plans.event_done, name="event-done"
    ),
    path(
        "assignments/<int:pk>/plan/events/<int:event_pk>/reopen/",
        plans.event_reopen,
        name="event-reopen",
    ),
    path(
        "assignments/<int:pk>/plan/events/<int:event_pk>/delete/",
        plans.event_delete,
        name="event-delete",
    ),
    path("assignments/<int:pk>/meetings/", plans.meeting_create, name="meeting-create"),
    path("assignments/<int:pk>/meetings/plan/", plans.meeting_plan, name="meeting-plan"),
    path(
        "assignments/<int:pk>/meetings/<int:meeting_pk>/held/",
        plans.meeting_held,
        name="meeting-held",
    ),
    path(
        "assignments/<int:pk>/meetings/<int:meeting_pk>.ics",
        plans.meeting_ics,
        name="meeting-ics",
    ),
    path("matching/", matching.waiting_list, name="waiting-list"),
    path("matching/cohort/", matching.cohort, name="cohort"),
    path("matching/<int:pk>/", matching.mentee_match, name="mentee-match"),
    path("programs/", programs.program_list, name="program-list"),
    path("programs/new/", programs.program_create, name="program-create"),
    path("programs/<int:pk>/", programs.program_edit, name="program-edit"),
    path("roadmap/", roadmap.roadmap_detail, name="roadmap"),
    path("roadmap/sample/", roadmap.roadmap_sample, name="roadmap-sample"),
    path("roadmap/upload/", roadmap.roadmap_upload, name="roadmap-upload"),
    path("roadmap/template.xlsx", roadmap.roadmap_template, name="roadmap-template"),
    path("roadmap/export/", roadmap.roadmap_export, name="roadmap-export"),
    path("roadmap/roadmap.pdf", roadmap.roadmap_pdf, name="roadmap-pdf"),
    path("roadmap/items/new/", roadmap.roadmap_item_add, name="roadmap-item-add"),
    path("roadmap/items/<int:pk>/", roadmap.roadmap_item_edit, name="roadmap-item"),
    path("roadmap/items/<int:pk>/delete/", roadmap.roadmap_item_delete, name="roadmap-item-delete"),
    path("roadmap/municipal/", roadmap.municipal_roadmaps, name="municipal-roadmaps"),
    path(
        "roadmap/municipal/<int:pk>/",
        roadmap.municipal_roadmap_detail,
        name="municipal-roadmap",
    ),
    path("roadmap/<int:pk>/agree/", roadmap.roadmap_agree, name="roadmap-agree"),
]
