from django import template

from aiplus.insights.charts import figure_text

register = template.Library()


@register.filter
def figure(value: float | None, places: int = 0) -> str:
    """A figure as the page shows it: grouped digits, `places` decimals, a dash for none."""
    return figure_text(value, places)


@register.filter
def item(values: list, index: int) -> object:
    return values[index]
