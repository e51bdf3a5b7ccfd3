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
