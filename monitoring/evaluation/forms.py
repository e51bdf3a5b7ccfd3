from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import AcademicYear
from mentoring.models import Program
from monitoring.models import Observation, SemesterReport
from registry.models import MenteeProfile

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodForm(forms.Form):
    """Which half-year (and, optionally, which program) the four levels are shown for."""

    academic_year = forms.ModelChoiceField(
        label=_("Учебный год"),
        queryset=AcademicYear.objects.order_by("-start_year"),
        to_field_name="start_year",
    )
    half = forms.TypedChoiceField(
        label=_("Полугодие"), choices=SemesterReport.Half.choices, coerce=int
    )
    program = forms.ModelChoiceField(
        label=_("Программа"), queryset=Program.objects.none(), required=False,
        empty_label=_("все программы"),
    )  # fmt: skip

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = Program.objects.in_organization(organization)


class ObservationForm(forms.Form):
    mentee = forms.ModelChoiceField(label=_("Наставляемый"), queryset=MenteeProfile.objects.none())
    observed_on = forms.DateField(
        label=_("Дата наблюдения"),
        widget=DATE,
    )
    note = forms.CharField(
        label=_("Комментарий"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip

    def __init__(self, *args, mentees, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentee"].queryset = mentees
        self.fields["mentee"].label_from_instance = lambda m: m.person.full_name
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.text,
                choices=Observation.Score.choices,
                coerce=int,
                widget=forms.RadioSelect,
            )

    @property
    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"criterion_{c.pk}"] for c in self.criteria}


class CriterionForm(forms.Form):
    text = forms.CharField(label=_("Новый пункт чек-листа"), max_length=300)


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Показатель"), max_length=300, required=False)
    unit = forms.CharField(label=_("Единица"), max_length=30, required=False)
    value = forms.DecimalField(
        label=_("Значение"), max_digits=12, decimal_places=2, required=False,
        min_value=-(10**9), max_value=10**9, localize=True,
    )  # fmt: skip

    def clean(self):
        data = super().clean()
        if data.get("value") is not None and not (data.get("name") or "").strip():
            self.add_error("name", _("Назовите показатель, для которого указано значение."))
        return data


class BaseIndicatorFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        names = [
            f.cleaned_data["name"].strip()
            for f in self.forms
            if f.cleaned_data.get("value") is not None
        ]
        if len(names) != len(set(names)):
            raise forms.ValidationError(_("Каждый показатель можно указать только один раз."))

    @property
    def rows(self) -> list[tuple[str, str, Decimal | None]]:
        """(name, unit, value) of every named row; an empty value removes the indicator."""
        return [
            (
                f.cleaned_data["name"].strip(),
                f.cleaned_data["unit"].strip(),
                f.cleaned_data["value"],
            )
            for f in self.forms
            if (f.cleaned_data.get("name") or "").strip()
        ]


IndicatorFormSet = forms.formset_factory(
    IndicatorForm, formset=BaseIndicatorFormSet, extra=2, max_num=40, absolute_max=60
)
