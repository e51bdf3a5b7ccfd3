from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.importing import MAX_BYTES
from registry.models import PersonCategory


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
