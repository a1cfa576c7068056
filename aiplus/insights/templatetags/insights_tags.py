from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def figure(value: float | None, places: int = 0) -> str:
    """A figure as the page shows it: grouped digits, `places` decimals, a dash for none."""
    if value is None:
        return "—"
    return number_format(round(float(value), places), decimal_pos=places, force_grouping=True)


@register.filter
def item(values: list, index: int) -> object:
    return values[index]
