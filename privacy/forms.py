from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from privacy.models import SubjectRequest


class SubjectRequestForm(forms.ModelForm):
    class Meta:
        model = SubjectRequest
        fields = ["received_on", "requested_by", "address"]
        widgets = {"received_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > self.today:
            raise forms.ValidationError(_("Дата запроса не может быть позже сегодняшней."))
        return day
