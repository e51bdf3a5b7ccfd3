"""The pairs list's filters (django-filter): only known values reach the query (a NUL byte in
`?form=` once broke PostgreSQL)."""

from __future__ import annotations

import datetime

import django_filters
from django.utils.translation import gettext_lazy as _

from mentoring.models import Assignment, AssignmentStatus
from registry.models import MentoringForm


class AssignmentFilter(django_filters.FilterSet):
    form = django_filters.ModelChoiceFilter(
        label=_("Форма"),
        queryset=MentoringForm.objects.all(),
        to_field_name="code",
        empty_label=_("все формы"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Статус"),
        choices=AssignmentStatus.choices,
        empty_label=_("все статусы"),
        method="by_status",
    )
    kind = django_filters.ChoiceFilter(
        label=_("Вид"), choices=Assignment.Kind.choices, empty_label=_("пары и группы")
    )

    class Meta:
        model = Assignment
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, today: datetime.date, **kwargs):
        self.today = today
        super().__init__(data, queryset, **kwargs)

    def by_status(self, queryset, _name, value):
        """As the status reads on the page's day («завершена»: past the end date)."""
        return queryset.in_status_on(value, self.today)
