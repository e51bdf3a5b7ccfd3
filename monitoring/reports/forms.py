"""The semester report's forms: a new report's period, its hand-written parts, a correction."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from accounts.models import AcademicYear
from accounts.policy import users_allowed
from core.fields import SafeModelMultipleChoiceField
from monitoring.models import SemesterReport
from monitoring.reports.versions import REPORT_FROZEN
from registry.models import Person


class NewReportForm(forms.Form):
    academic_year = forms.ModelChoiceField(
        label=gettext_lazy("Учебный год"), queryset=AcademicYear.objects.order_by("-start_year")
    )
    half = forms.TypedChoiceField(
        label=gettext_lazy("Полугодие"), choices=SemesterReport.Half.choices, coerce=int
    )


class ReportForm(forms.ModelForm):
    class Meta:
        model = SemesterReport
        fields = ["conclusions", "plans", "authors"]
        widgets = {
            "conclusions": forms.Textarea(attrs={"rows": 5}),
            "plans": forms.Textarea(attrs={"rows": 4}),
            "authors": forms.CheckboxSelectMultiple,
        }
        field_classes = {"authors": SafeModelMultipleChoiceField}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authors"].queryset = Person.objects.in_organization(organization).filter(
            user__in=users_allowed(organization, "reports.author")
        )

    def clean(self):
        if self.instance.versions.exists():  # said at once; the service holds the rule
            raise ValidationError(REPORT_FROZEN)
        return super().clean()


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Основание исправленной редакции"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Например: уточнена дата увольнения педагога."),
    )
