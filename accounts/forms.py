from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization
from accounts.policy import users_allowed


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Неверное имя пользователя или пароль."),
        "inactive": _("Учётная запись отключена."),
    }


class OrganizationForm(forms.ModelForm):
    """The school's details as they are printed on its orders."""

    class Meta:
        model = Organization
        fields = [
            "full_name", "short_name", "address", "locality", "phone", "inn", "director",
            "regional_acts", "has_union", "signature", "retention_years",
        ]  # fmt: skip
        widgets = {
            "full_name": forms.Textarea(attrs={"rows": 2}),
            "regional_acts": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["director"].queryset = users_allowed(self.instance, "documents.sign")
        self.fields["director"].help_text = _(
            "Подписывает приказы; выбирается из пользователей с ролью «Директор»."
        )

    def clean_regional_acts(self) -> str:
        lines = [" ".join(line.split()) for line in self.cleaned_data["regional_acts"].splitlines()]
        return "\n".join(line for line in lines if line)

    def clean_phone(self) -> str:
        return " ".join(self.cleaned_data["phone"].split())

    def clean_full_name(self) -> str:
        value = " ".join(self.cleaned_data["full_name"].split())
        if len(value) < 10:
            raise forms.ValidationError(_("Укажите полное официальное наименование, как в уставе."))
        return value
