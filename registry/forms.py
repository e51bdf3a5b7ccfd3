from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.importing import MAX_BYTES
from registry.models import Consent, Person, PersonCategory


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label=_("Поиск по ФИО"), required=False, max_length=100)
    category = forms.ChoiceField(
        label=_("Категория"),
        required=False,
        choices=[("", _("все категории")), *PersonCategory.choices],
    )
    school_class = forms.CharField(label=_("Класс"), required=False, max_length=10)
    subject = forms.CharField(label=_("Предмет"), required=False, max_length=100)
    young = forms.BooleanField(label=_("Молодые специалисты"), required=False)


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Файл .xlsx или .csv"),
        help_text=_(
            "Столбцы: Фамилия, Имя, Отчество, Пол, Категория, Должность, Предмет, Класс, "
            "Стаж, Email, Телефон."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Файл больше 5 МБ: разделите его на части."))
        return upload


class PersonForm(forms.ModelForm):
    """A person's card; `version` carries the card's version the editor started from."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Person
        fields = [
            "last_name", "first_name", "middle_name", "gender", "category", "position",
            "subject", "school_class", "birth_date", "experience_years", "email", "phone",
            "employer_name", *Person.SENSITIVE_FIELDS,
        ]  # fmt: skip
        widgets = {"birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, organization, sensitive: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.fields["version"].initial = self.instance.version if self.instance.pk else 0
        if not sensitive:
            for name in Person.SENSITIVE_FIELDS:
                del self.fields[name]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        clash = Person.objects.in_organization(self.organization).filter(email=email)
        if email and clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Человек с такой электронной почтой уже есть в школе."))
        return email


SCAN_MAX_BYTES = 10 * 1024 * 1024
SCAN_SIGNATURES = {b"%PDF-": "pdf", b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpg"}


class ConsentForm(forms.ModelForm):
    class Meta:
        model = Consent
        fields = ["kind", "given_on", "valid_until", "representative_name",
                  "representative_relation", "scan"]  # fmt: skip
        widgets = {
            "given_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean_scan(self):
        scan = self.cleaned_data.get("scan")
        if not scan or not hasattr(scan, "read"):
            return scan
        if scan.size > SCAN_MAX_BYTES:
            raise forms.ValidationError(_("Скан больше 10 МБ."))
        head = scan.read(16)
        scan.seek(0)
        kind = next((ext for sig, ext in SCAN_SIGNATURES.items() if head.startswith(sig)), None)
        if kind is None:
            raise forms.ValidationError(_("Скан должен быть PDF, JPEG или PNG."))
        scan.name = f"consent.{kind}"
        return scan

    def clean(self):
        data = super().clean()
        if data.get("kind") == Consent.Kind.REPRESENTATIVE and not data.get("representative_name"):
            self.add_error("representative_name", _("Укажите ФИО законного представителя."))
        given, until = data.get("given_on"), data.get("valid_until")
        if given and until and until < given:
            self.add_error(
                "valid_until", _("Срок действия не может закончиться раньше даты согласия.")
            )
        return data


class WithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(
        label=_("Дата отзыва"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    reason = forms.CharField(label=_("Причина"), max_length=500)
