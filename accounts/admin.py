from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import (
    AcademicYear,
    Coordinator,
    Membership,
    MembershipRole,
    Municipality,
    Organization,
    User,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            _("Личные данные"),
            {"fields": ("last_name", "first_name", "middle_name", "gender", "email")},
        ),
        (
            _("Права"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Даты"), {"fields": ("last_login", "date_joined")}),
    )
    list_display = ("username", "last_name", "first_name", "middle_name", "is_active")
    search_fields = ("username", "last_name", "first_name", "email")


class MembershipRoleInline(admin.TabularInline):
    model = MembershipRole
    extra = 1


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organization", "roles_display", "is_active")
    list_filter = ("organization", "roles__role", "is_active")
    search_fields = ("user__username", "user__last_name")
    autocomplete_fields = ("user", "organization")
    inlines = [MembershipRoleInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("user", "organization")
            .prefetch_related("roles")
        )

    @admin.display(description=_("роли"))
    def roles_display(self, obj):
        return ", ".join(str(label) for label in obj.role_labels)


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ("name", "region")
    search_fields = ("name",)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("short_name", "kind", "municipality", "slug")
    list_filter = ("kind", "municipality")
    search_fields = ("short_name", "full_name", "slug")
    prepopulated_fields = {"slug": ("short_name",)}
    autocomplete_fields = ("director",)


@admin.register(AcademicYear)
class AcademicYearAdmin(admin.ModelAdmin):
    list_display = (
        "__str__",
        "first_half_starts",
        "first_half_ends",
        "second_half_starts",
        "second_half_ends",
    )


@admin.register(Coordinator)
class CoordinatorAdmin(admin.ModelAdmin):
    list_display = ("user", "municipality")
    autocomplete_fields = ("user",)
