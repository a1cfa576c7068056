"""The dashboard's trend lines as server-drawn SVG, beside `core.charts.bar_chart` (bars):
no JavaScript, no inline styles, a title and a description inside the SVG, and always shown
with the same figures as a table and a one-sentence summary."""

from dataclasses import dataclass
from datetime import date

from django.utils.formats import number_format
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


def _number(value: float, places: int = 0) -> str:
    return number_format(round(value, places), decimal_pos=places, force_grouping=True)


def line_chart(
    points: list[tuple[date, float]], *, step: Step, places: int = 0
) -> dict[str, object]:
    """Coordinates for a line over the period's buckets, scaled to the largest value."""
    largest = max((value for _, value in points), default=0.0) or 1.0
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    gap = inner_w / max(len(points) - 1, 1)
    drawn = [
        Point(
            point_label(moment, step),
            value,
            round(LEFT + index * gap, 1),
            round(TOP + inner_h * (1 - value / largest), 1),
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
        "dots": len(drawn) <= 62,
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
