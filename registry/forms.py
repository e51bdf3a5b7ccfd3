from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.importing import MAX_BYTES
from registry.models import Person, PersonCategory


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
