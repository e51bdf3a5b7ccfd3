from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from registry.models import (
    Competency,
    Consent,
    Incentive,
    MenteeProfile,
    MentoringForm,
    MentorProfile,
    Person,
    TrainingRecord,
)


@admin.register(MentoringForm)
class MentoringFormAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "mentor_categories", "mentee_categories", "order")


@admin.register(Competency)
class CompetencyAdmin(admin.ModelAdmin):
    search_fields = ("name",)


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ("last_name", "first_name", "middle_name", "category", "organization")
    list_filter = ("organization", "category", "left_on")
    search_fields = ("last_name", "first_name", "email")
    raw_id_fields = ("user",)
    list_select_related = ("organization",)


class TrainingInline(admin.TabularInline):
    model = TrainingRecord
    extra = 0


class IncentiveInline(admin.TabularInline):
    model = Incentive
    extra = 0


@admin.register(MentorProfile)
class MentorProfileAdmin(SimpleHistoryAdmin):
    list_display = ("person", "status", "capacity", "network_ready")
    list_filter = ("status", "network_ready", "forms")
    search_fields = ("person__last_name",)
    raw_id_fields = ("person",)
    filter_horizontal = ("forms", "competencies")
    inlines = [TrainingInline, IncentiveInline]
    list_select_related = ("person",)


@admin.register(MenteeProfile)
class MenteeProfileAdmin(SimpleHistoryAdmin):
    list_display = ("person", "source", "desired_form")
    list_filter = ("source", "desired_form")
    search_fields = ("person__last_name",)
    raw_id_fields = ("person",)
    filter_horizontal = ("deficits",)
    list_select_related = ("person", "desired_form")


@admin.register(Consent)
class ConsentAdmin(SimpleHistoryAdmin):
    list_display = ("person", "kind", "given_on", "valid_until", "withdrawn_on")
    list_filter = ("kind",)
    search_fields = ("person__last_name",)
    raw_id_fields = ("person",)
    list_select_related = ("person",)
