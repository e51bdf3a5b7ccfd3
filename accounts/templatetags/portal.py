import datetime

from django import forms, template
from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString

from core.links import page_url, row_url
from core.russian import date_numeric, number, plural, quoted

register = template.Library()


@register.filter
def ru_plural(value, forms: str) -> str:
    """`{{ n|ru_plural:"участник,участника,участников" }}` → the form that goes with n."""
    one, few, many = forms.split(",")
    try:
        return plural(int(value), one, few, many)
    except (TypeError, ValueError):
        return many


@register.filter(name="date_numeric")
def date_numeric_filter(value) -> str:
    """`{{ day|date_numeric }}` → «01.09.2021» (core.russian); a moment as its local day; ""
    for no date. Django's `date:"d.m.Y"` writes the same, through a formatter that costs
    15–20 µs a date: a list of 25 pairs writes 75 of them."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return date_numeric(value.date())
    if isinstance(value, datetime.date):
        return date_numeric(value)
    return ""


@register.simple_tag(name="page_url")
def page_url_tag(viewname: str) -> str:
    """`{% page_url 'home' %}`: what `{% url 'home' %}` writes for a page without arguments,
    reversed once (core.links.page_url) — the shell links to eight on every page."""
    return page_url(viewname)


@register.simple_tag
def pk_url(viewname: str, pk: int) -> str:
    """`{% pk_url 'registry:person' p.pk %}`: what `{% url 'registry:person' p.pk %}` writes,
    for a page whose only argument is a whole-number key — a list's rows link to their pages
    with it (core.links.row_url: the view's URL reversed once, not 25–50 times a page)."""
    return row_url(viewname, pk)


@register.filter(name="quoted")
def quoted_filter(value) -> str:
    """`{{ name|quoted }}` → «Отчёт „тест“», quotes inside as „лапки“."""
    return quoted(str(value))


@register.filter(name="number")
def number_filter(value, unit: str = "") -> str:
    """`{{ value|number:row.unit }}`: «9», «5,5», «75,0» for per cent (core.russian)."""
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


@register.simple_tag
def filter_field(field) -> SafeString:
    """`{% filter_field form.q %}`: one field of a list's filter bar, written as crispy's
    bootstrap5 pack writes a field (label, the widget with its Bootstrap class, the errors
    tied to it for a screen reader), but built here: crispy's templates took 0.3–0.4 ms a
    field, most of a list page's cost besides its rows. Forms that are filled in keep crispy."""
    widget = field.field.widget
    checkbox = isinstance(widget, forms.CheckboxInput)
    if checkbox:
        css = "checkboxinput form-check-input"
    elif isinstance(widget, forms.Select):
        css = "select form-select"
    else:
        css = "textinput form-control"
    attrs = {"class": css}
    errors = ""
    if field.errors:
        error_id = f"{field.auto_id}_error"
        attrs = {"class": f"{css} is-invalid", "aria-invalid": "true", "aria-describedby": error_id}
        errors = format_html(
            '<div id="{}" class="invalid-feedback">{}</div>',
            error_id,
            format_html_join(
                "",
                '<p id="error_{}_{}"><strong>{}</strong></p>',
                ((n, field.auto_id, e) for n, e in enumerate(field.errors, 1)),
            ),
        )
    control = _select(field, attrs) or _input(field, attrs) or field.as_widget(attrs=attrs)
    if checkbox:
        return format_html(
            '<div class="mb-3"><div id="div_{}" class="form-check">{}'
            '<label for="{}" class="form-check-label">{}</label>{}</div></div>',
            field.auto_id,
            control,
            field.id_for_label,
            field.label,
            errors,
        )
    return format_html(
        '<div id="div_{}" class="mb-3"><label for="{}" class="form-label">{}</label>{}{}</div>',
        field.auto_id,
        field.id_for_label,
        field.label,
        control,
        errors,
    )


def _select(field, attrs: dict) -> SafeString | None:
    """A single choice's <select> as Django's widget templates write it: its attributes as
    the widget builds them, an <option> a choice, the first one equal to the value selected
    (Select.optgroups' rule). Django's own way — an option dictionary and a template per
    choice — cost 0.2 ms a select. None for what it does not write (groups, several
    choices, Select's subclasses)."""
    widget = field.field.widget
    if type(widget) is not forms.Select:
        return None
    chosen = widget.format_value(field.value())
    selected_one = False
    options = []
    for value, label in widget.choices:
        if isinstance(label, (list, tuple)):
            return None
        value = "" if value is None else str(value)
        selected = not selected_one and value in chosen
        selected_one |= selected
        options.append(
            f'<option value="{escape(value)}"{" selected" if selected else ""}>'
            f"{escape(label)}</option>"
        )
    built = widget.build_attrs(
        widget.attrs, {**field.build_widget_attrs(attrs), "id": field.auto_id}
    )
    return format_html(
        '<select name="{}"{}>\n{}\n</select>',
        field.html_name,
        _attrs(built),
        SafeString("\n".join(options)),
    )


def _input(field, attrs: dict) -> SafeString | None:
    """A text box or a checkbox as django/forms/widgets/input.html writes it, from the widget's
    own context (its type, its value as the widget formats it, a ticked box's `checked`).
    None for what it does not write (files, widgets with templates of their own)."""
    widget = field.field.widget
    if type(widget) not in (forms.TextInput, forms.CheckboxInput, forms.NumberInput):
        return None
    context = widget.get_context(
        field.html_name, field.value(), {**field.build_widget_attrs(attrs), "id": field.auto_id}
    )["widget"]
    value = "" if context["value"] is None else format_html(' value="{}"', context["value"])
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        context["type"],
        context["name"],
        value,
        _attrs(context["attrs"]),
    )


def _attrs(attrs: dict) -> SafeString:
    """Attributes as django/forms/widgets/attrs.html writes them: in their order, True as the
    bare name, False left out (flatatt sorts them)."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False and value is not None
        ),
    )
