"""The registry's list filters (django-filter): each field one rule, dated ones as of `today`.

A value that does not validate (an unknown category, a NUL byte) filters nothing; the form
shows it as given."""

from __future__ import annotations

import datetime

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization
from registry.models import MenteeProfile, MentoringForm, MentorProfile, Person, PersonCategory
from registry.selectors import contains, name_search, participants_without_consent

TRAINED_CHOICES = [("yes", _("прошли курсы")), ("no", _("не обучены"))]


def name_filter(prefix: str = "") -> django_filters.CharFilter:
    return django_filters.CharFilter(
        label=_("Поиск по ФИО"),
        max_length=100,
        method=lambda queryset, _name, value: name_search(queryset, value, prefix),
    )


def checkbox(label) -> django_filters.BooleanFilter:
    """A tick that filters when ticked and does nothing otherwise (not «yes / no / any»)."""
    return django_filters.BooleanFilter(label=label, widget=forms.CheckboxInput, method="ticked")


class DatedFilterSet(django_filters.FilterSet):
    """A filter set whose rules are as of `today`, in one organization's rows."""

    def __init__(self, data=None, queryset=None, *, today: datetime.date, organization, **kwargs):
        self.today = today
        self.organization: Organization = organization
        super().__init__(data, queryset, **kwargs)

    def ticked(self, queryset, name: str, value):
        return getattr(self, f"tick_{name}")(queryset) if value else queryset

    def value(self, name: str):
        """The validated value of a field, or None (an unbound or invalid form filters nothing)."""
        return self.form.cleaned_data.get(name) if self.is_bound and self.is_valid() else None


class PeopleFilter(DatedFilterSet):
    q = name_filter()
    category = django_filters.ChoiceFilter(
        label=_("Категория"), choices=PersonCategory.choices, empty_label=_("все категории")
    )
    school_class = django_filters.CharFilter(label=_("Класс"), max_length=10, method="in_class")
    subject = django_filters.CharFilter(label=_("Предмет"), max_length=100, method="by_subject")
    young = checkbox(_("Молодые специалисты"))
    no_consent = checkbox(_("Без согласия на обработку персональных данных"))

    class Meta:
        model = Person
        fields: list[str] = []

    def in_class(self, queryset, _name, value):
        return queryset.in_class(value, self.today)

    def by_subject(self, queryset, _name, value):
        return queryset.filter(contains("subject", value))

    def tick_young(self, queryset):
        return queryset.young_specialists_on(self.today)

    def tick_no_consent(self, queryset):  # the home page's warning links here
        return queryset.filter(pk__in=participants_without_consent(self.organization, self.today))


class MentorFilter(DatedFilterSet):
    q = name_filter("person__")
    status = django_filters.ChoiceFilter(
        label=_("Статус"), choices=MentorProfile.Status.choices, empty_label=_("все статусы")
    )
    mentoring_form = django_filters.ModelChoiceFilter(
        label=_("Форма"),
        field_name="forms",
        queryset=MentoringForm.objects.all(),
        empty_label=_("все формы"),
    )
    trained = django_filters.ChoiceFilter(
        label=_("Обучение"), choices=TRAINED_CHOICES, empty_label=_("все"), method="by_training"
    )
    network_ready = checkbox(_("Готовы к сетевому"))

    class Meta:
        model = MentorProfile
        fields: list[str] = []

    def by_training(self, queryset, _name, value):
        trained = MentorProfile.objects.trained_by(self.today)
        if value == "yes":
            return queryset.filter(pk__in=trained)
        return queryset.exclude(pk__in=trained).needing_training()

    def tick_network_ready(self, queryset):
        return queryset.filter(network_ready=True)


class MenteeFilter(DatedFilterSet):
    q = name_filter("person__")
    status = django_filters.ChoiceFilter(
        label=_("Статус"),
        choices=MenteeProfile.Status.choices,
        empty_label=_("все статусы"),
        method="by_status",
    )
    category = django_filters.ChoiceFilter(
        label=_("Категория"),
        field_name="person__category",
        choices=PersonCategory.choices,
        empty_label=_("все категории"),
    )
    source = django_filters.ChoiceFilter(
        label=_("Откуда запрос"),
        choices=MenteeProfile.Source.choices,
        empty_label=_("любой источник"),
    )
    desired_form = django_filters.ModelChoiceFilter(
        label=_("Желаемая форма"), queryset=MentoringForm.objects.all(), empty_label=_("все формы")
    )

    class Meta:
        model = MenteeProfile
        fields: list[str] = []

    def by_status(self, queryset, _name, value):
        return queryset.in_status_on(value, self.today)
