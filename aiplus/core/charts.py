"""Small server-rendered SVG charts: no JavaScript, no inline styles (the CSP forbids them),
nothing loaded from elsewhere, and always paired with the same figures as a table."""

from dataclasses import dataclass

LABEL_SHARE = 45  # percent of the width kept for the labels
BAR_SHARE = 45  # percent for the longest bar; the rest holds the value


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    y: int
    bar_width: float
    value_x: float


def bar_chart(items: list[tuple[str, float]], *, row_height: int = 30) -> dict[str, object]:
    """Horizontal bars, labelled, scaled to the largest value."""
    largest = max((value for _, value in items), default=0) or 1
    bars = []
    for index, (label, value) in enumerate(items):
        width = round(BAR_SHARE * value / largest, 2)
        short = label if len(label) <= 42 else label[:40] + "…"
        bars.append(Bar(short, value, index * row_height, width, LABEL_SHARE + width + 1))
    return {
        "bars": bars,
        "height": max(len(bars), 1) * row_height,
        "bar_x": LABEL_SHARE,
        "bar_height": row_height - 10,
    }
