"""The dashboard's trend lines as server-drawn SVG, beside `core.charts.bar_chart` (bars):
no JavaScript, no inline styles, a title and a description inside the SVG, and always shown
with the same figures as a table and a one-sentence summary.
A line's dots and table rows (a few hundred on a page) are written here, once: a template
loop over them, with a filter per figure, cost the dashboard most of its time."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from html import escape

from django.utils.formats import get_format, number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from aiplus.insights.periods import Step

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 32


def point_label(moment: date, step: Step) -> str:
    if step == Step.YEAR:
        return f"{moment.year}"
    if step == Step.MONTH:
        return f"{moment:%Y-%m}"
    return moment.isoformat()


@dataclass(frozen=True)
class Point:
    label: str
    value: float
    x: float
    y: float
    text: str  # the value as the page shows it


@lru_cache(maxsize=16)
def _separators(language: str | None) -> tuple[str, str, object]:
    return (
        str(get_format("DECIMAL_SEPARATOR", language)),
        str(get_format("THOUSAND_SEPARATOR", language)),
        get_format("NUMBER_GROUPING", language),
    )


def figure_text(value: float | None, places: int = 0) -> str:
    """A figure as the pages show it: grouped digits, `places` decimals, a dash for none.
    The same text as `number_format(..., force_grouping=True)`, written by Python's own
    formatting with the language's separators, several times faster: a dashboard page shows
    about a thousand figures."""
    if value is None:
        return "—"
    number = round(float(value), places)
    decimal, thousands, grouping = _separators(get_language())
    if grouping != 3:
        return number_format(number, decimal_pos=places, force_grouping=True)
    text = f"{number:,.{places}f}"
    if (decimal, thousands) != (".", ","):
        text = text.translate({ord(","): thousands, ord("."): decimal})
    return text


def _number(value: float, places: int = 0) -> str:
    return figure_text(value, places)


def markup(template: str, rows: Iterable[tuple[object, ...]]) -> SafeString:
    """`format_html_join("", template, rows)` for plain values (text and numbers): each
    escaped with `html.escape`, without the lazy-text checks that made it slow here."""
    return mark_safe(  # noqa: S308 - every value is escaped
        "".join(template.format(*(escape(str(value)) for value in row)) for row in rows)
    )


def _dots(points: list[Point]) -> SafeString:
    return markup(
        '<circle class="chart__dot" cx="{}" cy="{}" r="3"><title>{}: {}</title></circle>',
        ((p.x, p.y, p.label, p.text) for p in points),
    )


def _rows(points: list[Point]) -> SafeString:
    return markup("<tr><td>{}</td><td>{}</td></tr>", ((p.label, p.text) for p in points))


def line_chart(
    points: list[tuple[date, float]], *, step: Step, places: int = 0
) -> dict[str, object]:
    """Coordinates for a line over the period's buckets, scaled to the largest value, with
    its dots (up to 62 of them) and table rows as markup."""
    largest = max((value for _, value in points), default=0.0) or 1.0
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    gap = inner_w / max(len(points) - 1, 1)
    drawn = [
        Point(
            point_label(moment, step),
            value,
            round(LEFT + index * gap, 1),
            round(TOP + inner_h * (1 - value / largest), 1),
            figure_text(value, places),
        )
        for index, (moment, value) in enumerate(points)
    ]
    ticks = [drawn[0], drawn[len(drawn) // 2], drawn[-1]] if len(drawn) > 2 else drawn
    return {
        "points": drawn,
        "polyline": " ".join(f"{p.x},{p.y}" for p in drawn),
        "ticks": list(dict.fromkeys(ticks)),
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "top": TOP,
        "bottom": HEIGHT - BOTTOM,
        "right": WIDTH - RIGHT,
        "label_y": HEIGHT - 10,
        "largest": _number(largest if any(v for _, v in points) else 0, places),
        "label_x": LEFT - 6,
        "largest_y": TOP + 4,
        "dots": _dots(drawn) if len(drawn) <= 62 else "",
        "rows": _rows(drawn),
    }


def summary(label: str, points: list[tuple[date, float]], *, step: Step, places: int = 0) -> str:
    """One sentence saying what the line shows."""
    total = sum(value for _, value in points)
    if not points or not total:
        return _("%(figure)s: none in this period.") % {"figure": label}
    peak_moment, peak = max(points, key=lambda point: point[1])
    return _("%(figure)s: %(total)s in all; the most in %(peak)s (%(value)s).") % {
        "figure": label,
        "total": _number(total, places),
        "peak": point_label(peak_moment, step),
        "value": _number(peak, places),
    }
