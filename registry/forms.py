from __future__ import annotations

import datetime
from decimal import Decimal
from typing import cast

from django import forms
from django.forms import CheckboxSelectMultiple
from django.utils.translation import gettext_lazy as _

from core.fields import SafeModelMultipleChoiceField
from core.uploads import checked_scan
from registry.importing import MAX_BYTES
from registry.models import (
    Competency,
    Consent,
    Incentive,
    MenteeProfile,
    MentoringForm,
    MentorProfile,
    Person,
    TrainingRecord,
    validate_class,
)


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Файл .xlsx или .csv"),
        help_text=_(
            "Столбцы: Фамилия, Имя, Отчество, Пол, Категория, Должность, Предмет, Класс, "
            "Стаж, Email, Телефон. Необязательные: Дата рождения, Дата приёма, Дата выбытия "
            "(01.09.2021 или 01.09.21). Тем, у кого нет «Даты приёма», дату приёма можно "
            "задать на следующем шаге, одну для всех."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Файл больше 5 МБ: разделите его на части."))
        return upload


class ImportJoinedForm(forms.Form):
    """On the preview: the admission date of the new people whose row has no «Дата приёма»."""

    joined = forms.DateField(
        label=_("Дата приёма новых, у кого её нет в файле"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "Например, начало учебного года, если люди работают с сентября. Без неё они будут "
            "считаться принятыми сегодня и не войдут в отчёты за прошедшие периоды."
        ),
    )

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_joined(self):
        joined = self.cleaned_data["joined"]
        if joined > self.today:
            raise forms.ValidationError(_("Дата приёма не может быть позже сегодняшней."))
        return joined


class VersionedForm(forms.ModelForm):
    """A registry entry's form; `version` carries the version the editor started from."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version if self.instance.pk else 0


DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonForm(VersionedForm):
    """A person's card. Class and experience are typed as they are on `today` and stored so
    that they move on with time (Person.set_class, Person.set_experience)."""

    school_class = forms.CharField(
        label=_("Класс"),
        required=False,
        max_length=10,
        validators=[validate_class],
        help_text=_("В этом учебном году; с каждым новым учебным годом класс растёт сам."),
    )
    experience_years = forms.DecimalField(
        label=_("Педагогический стаж, лет"),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(70),
        max_digits=3,
        decimal_places=1,
        help_text=_("На сегодня; дальше стаж растёт сам."),
    )

    class Meta:
        model = Person
        fields = [
            "last_name", "first_name", "middle_name", "gender", "category", "position",
            "subject", "school_class", "birth_date", "experience_years", "email", "phone",
            "employer_name", "contract_date", "contract_number", "joined_on", "left_on",
            "left_reason", *Person.SENSITIVE_FIELDS,
        ]  # fmt: skip
        widgets = {
            "birth_date": DATE_INPUT,
            "joined_on": DATE_INPUT,
            "left_on": DATE_INPUT,
            "contract_date": DATE_INPUT,
        }

    def __init__(self, *args, organization, sensitive: bool, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.today = today
        self.fields["school_class"].initial = self.instance.class_on(today)
        self.fields["experience_years"].initial = self.instance.experience_on(today)
        if not sensitive:
            for name in Person.SENSITIVE_FIELDS:
                del self.fields[name]

    def clean(self):
        data = super().clean()
        joined, left = data.get("joined_on"), data.get("left_on")
        if joined and left and left < joined:
            self.add_error("left_on", _("Дата выбытия не может быть раньше даты приёма."))
        if left and "left_on" in self.changed_data and not data.get("left_reason"):
            self.add_error("left_reason", _("Укажите причину выбытия."))
        return data

    def save(self, commit=True):
        person = super().save(commit=False)
        if person.pk is None and person.joined_on is None:
            person.joined_on = self.today  # as the import does: periods over stay as they were
        if "school_class" in self.changed_data:
            person.set_class(self.cleaned_data["school_class"], self.today)
        if "experience_years" in self.changed_data:
            person.set_experience(self.cleaned_data["experience_years"], self.today)
        if commit:
            person.save()
        return person

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        clash = Person.objects.in_organization(self.organization).filter(email=email)
        if email and clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Человек с такой электронной почтой уже есть в школе."))
        return email


class SensitiveFlagsForm(VersionedForm):
    """A pupil's sensitive flags alone: the psychologist's part of the card."""

    class Meta:
        model = Person
        fields = list(Person.SENSITIVE_FIELDS)


class ConsentForm(forms.ModelForm):
    """The rules of a consent's dates and representative are its model's constraints, which
    the form validates with their Russian messages."""

    class Meta:
        model = Consent
        fields = ["kind", "given_on", "valid_until", "representative_name",
                  "representative_relation", "scan"]  # fmt: skip
        widgets = {
            "given_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean_scan(self):
        return checked_scan(self.cleaned_data.get("scan"), "consent")


class WithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(
        label=_("Дата отзыва"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    reason = forms.CharField(label=_("Причина"), max_length=500)


class MentorProfileForm(VersionedForm):
    forms = SafeModelMultipleChoiceField(
        label=_("Формы наставничества, которые может вести"),
        queryset=MentoringForm.objects.all(),
        widget=CheckboxSelectMultiple,
        required=False,
    )
    competencies = SafeModelMultipleChoiceField(
        label=_("Компетенции"),
        queryset=Competency.objects.all(),
        widget=CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = MentorProfile
        fields = ["forms", "competencies", "capacity", "network_ready", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, person: Person, load: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.person, self.load = person, load

    def clean_forms(self):
        chosen = self.cleaned_data["forms"]
        unfit = [str(f) for f in chosen if not f.admits_mentor(self.person.category)]
        if unfit:
            raise forms.ValidationError(
                _("%(category)s не может быть наставником в форме: %(forms)s.")
                % {
                    "category": self.person.get_category_display().capitalize(),
                    "forms": ", ".join(unfit),
                }
            )
        return chosen

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if capacity is not None and capacity < self.load:
            raise forms.ValidationError(
                _("Сейчас у наставника %(load)s наставляемых: вместимость не может быть меньше.")
                % {"load": self.load}
            )
        return capacity


class MenteeProfileForm(VersionedForm):
    deficits = SafeModelMultipleChoiceField(
        label=_("Дефициты профессиональных компетенций"),
        queryset=Competency.objects.all(),
        widget=CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = MenteeProfile
        fields = ["request", "deficits", "source", "desired_form"]
        widgets = {"request": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        desired = cast(forms.ModelChoiceField, self.fields["desired_form"])
        desired.queryset = MentoringForm.objects.all()

    def clean_desired_form(self):
        wanted = self.cleaned_data["desired_form"]
        if wanted is not None and not wanted.admits_mentee(self.person.category):
            raise forms.ValidationError(
                _("В форме «%(form)s» наставляемым не может быть %(category)s.")
                % {"form": wanted, "category": self.person.get_category_display()}
            )
        return wanted


class TrainingForm(forms.ModelForm):
    class Meta:
        model = TrainingRecord
        fields = ["course", "provider", "hours", "completed_on", "certificate"]
        widgets = {"completed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_completed_on(self):
        day = self.cleaned_data["completed_on"]
        if day > self.today:
            raise forms.ValidationError(_("Дата окончания курса не может быть в будущем."))
        return day

    def clean_hours(self):
        hours = self.cleaned_data["hours"]
        if hours > 2000:
            raise forms.ValidationError(_("Курс не может длиться больше 2000 часов."))
        return hours


class IncentiveForm(forms.ModelForm):
    class Meta:
        model = Incentive
        fields = ["kind", "description", "amount", "granted_on"]
        widgets = {"granted_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean(self):
        data = super().clean()
        amount = data.get("amount")
        if data.get("kind") == Incentive.Kind.PAYMENT and not amount:
            self.add_error("amount", _("Укажите сумму доплаты."))
        if amount is not None and amount <= 0:
            self.add_error("amount", _("Сумма должна быть больше нуля."))
        return data
