"""Validators of the requisites a school prints on its papers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# The weights of a legal entity's ИНН check digit (10 digits; Приказ ФНС России от 29.06.2012
# № ММВ-7-6/435@, приложение 2)
_INN10_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)


def validate_organization_inn(value: str) -> None:
    """A legal entity's ИНН: ten digits whose last one is the check digit of the nine before."""
    if not value:
        return
    if len(value) != 10 or not value.isascii() or not value.isdigit():
        raise ValidationError(
            _("ИНН организации — 10 цифр, без пробелов и других знаков."), code="inn_format"
        )
    check = sum(int(d) * w for d, w in zip(value, _INN10_WEIGHTS, strict=False)) % 11 % 10
    if check != int(value[9]):
        raise ValidationError(
            _("В ИНН ошибка: контрольная цифра не сходится. Сверьте его с уставом или выпиской."),
            code="inn_checksum",
        )
