from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from mentoring.models import (
    Assignment,
    AssignmentMentee,
    AssignmentMentor,
    IndividualRoute,
    Meeting,
    Plan,
    PlanEvent,
    PlanTask,
    Program,
    Roadmap,
    RoadmapEvent,
    RoadmapItem,
    RouteStep,
)


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ("title", "organization", "academic_year", "form", "curator")
    list_filter = ("organization", "academic_year", "form")
    raw_id_fields = ("curator",)


class AssignmentMentorInline(admin.TabularInline):
    model = AssignmentMentor
    raw_id_fields = ("mentor",)
    extra = 0


class AssignmentMenteeInline(admin.TabularInline):
    model = AssignmentMentee
    raw_id_fields = ("mentee",)
    readonly_fields = ("form", "in_preparation")
    extra = 0


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    """Read-mostly: statuses change only through the services (and signed orders)."""

    list_display = ("__str__", "organization", "form", "kind", "status", "starts_on", "ends_on")
    list_filter = ("organization", "status", "kind", "form", "academic_year")
    readonly_fields = ("status", "status_reason", "status_changed_at", "created_by", "created_at")
    raw_id_fields = ("program",)
    inlines = [AssignmentMentorInline, AssignmentMenteeInline]


class PlanEventInline(admin.TabularInline):
    model = PlanEvent
    extra = 0
    raw_id_fields = ("done_by",)


@admin.register(PlanTask)
class PlanTaskAdmin(admin.ModelAdmin):
    list_display = ("__str__", "plan")
    inlines = [PlanEventInline]
    raw_id_fields = ("plan",)


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("__str__", "created_at")
    raw_id_fields = ("assignment",)


class RouteStepInline(admin.TabularInline):
    model = RouteStep
    extra = 0


@admin.register(IndividualRoute)
class IndividualRouteAdmin(admin.ModelAdmin):
    list_display = ("__str__", "plan")
    raw_id_fields = ("plan", "mentee")
    inlines = [RouteStepInline]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("held_on", "topic", "assignment", "duration_minutes")
    raw_id_fields = ("assignment", "created_by")
    date_hierarchy = "held_on"


class RoadmapItemInline(admin.StackedInline):
    model = RoadmapItem
    extra = 0
    raw_id_fields = ("responsible_person",)
    show_change_link = True


@admin.register(Roadmap)
class RoadmapAdmin(admin.ModelAdmin):
    list_display = ("title", "organization", "academic_year", "years", "agreed_by", "agreed_on")
    list_filter = ("organization", "academic_year")
    raw_id_fields = ("agreed_by",)
    # The items' periods are read against the years: an import sets them, with the items.
    readonly_fields = ("years",)
    inlines = [RoadmapItemInline]


class RoadmapEventInline(admin.TabularInline):
    model = RoadmapEvent
    extra = 0


@admin.register(RoadmapItem)
class RoadmapItemAdmin(admin.ModelAdmin):
    list_display = ("number", "task", "roadmap", "mark_status")
    raw_id_fields = ("roadmap", "responsible_person")
    inlines = [RoadmapEventInline]
