from django import template

from accounts.russian import number, plural, quoted

register = template.Library()


@register.filter
def ru_plural(value, forms: str) -> str:
    """`{{ n|ru_plural:"участник,участника,участников" }}` → the form that goes with n."""
    one, few, many = forms.split(",")
    try:
        return plural(int(value), one, few, many)
    except (TypeError, ValueError):
        return many


@register.filter(name="quoted")
def quoted_filter(value) -> str:
    """`{{ name|quoted }}` → «Отчёт „тест“», quotes inside as „лапки“."""
    return quoted(str(value))


@register.filter(name="number")
def number_filter(value, unit: str = "") -> str:
    """`{{ value|number:row.unit }}`: «9», «5,5», «75,0» for per cent (accounts.russian)."""
    return number(value, unit or "")


BAR_ROW = 24
BAR_MAX = 260


@register.filter
def bar_height(rows) -> int:
    """Height of an SVG bar chart with `rows` bars."""
    return max(1, int(rows)) * BAR_ROW


@register.filter
def bar_offset(index) -> int:
    return int(index) * BAR_ROW


@register.filter
def bar_width(share) -> int:
    """Width of a bar for a share 0..1 of the longest bar."""
    return round(float(share) * BAR_MAX)


@register.filter
def bar_share(value, largest) -> float:
    """`value` as a share of `largest` (0 when there is nothing to compare with)."""
    largest = float(largest or 0)
    return float(value) / largest if largest else 0.0


@register.filter
def bar_target(percent) -> int:
    """The x position of a target line (percent) on a bar chart's scale."""
    return 280 + round(float(percent) / 100 * BAR_MAX)


# A person's dated facts on a page: the view or the shell's context gives `today`, the
# rule itself is the person's (registry.models.Person); a template never decides a date.


@register.filter
def class_on(person, day) -> str:
    """`{{ person|class_on:today }}` → «7А» in the academic year of `day`, or ""."""
    return person.class_on(day)


@register.filter
def is_minor_on(person, day) -> bool:
    """`{{ person|is_minor_on:day }}`: a pupil under 18 on `day` (Person.is_minor_on)."""
    return person.is_minor_on(day)


@register.filter
def personal_data_kind(person, day) -> str:
    """`{{ person|personal_data_kind:day }}`: the consent that covers the person's data then
    (Consent.personal_data_kind)."""
    from registry.models import Consent

    return Consent.personal_data_kind(person, day)


@register.filter
def experience_on(person, day):
    """`{{ person|experience_on:today }}` → full years of experience on `day`, or None."""
    return person.experience_on(day)


@register.filter
def young_specialist_on(person, day) -> bool:
    return person.is_young_specialist_on(day)
