from django import template

from accounts.russian import plural

register = template.Library()


@register.filter
def ru_plural(value, forms: str) -> str:
    """`{{ n|ru_plural:"участник,участника,участников" }}` → the form that goes with n."""
    one, few, many = forms.split(",")
    try:
        return plural(int(value), one, few, many)
    except (TypeError, ValueError):
        return many
