"""Small server-rendered SVG charts: no JavaScript, no inline styles (the CSP forbids them),
nothing loaded from elsewhere, and always paired with the same figures as a table."""

from dataclasses import dataclass

# Each row is a label on its own line with its bar below, so that labels never collide with
# bars or values, however narrow the screen.
BAR_SHARE = 80  # percent of the width for the longest bar; the rest holds the value
LABEL_HEIGHT = 18


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    y: int
    bar_width: float
    value_x: float


def bar_chart(items: list[tuple[str, float]], *, row_height: int = 46) -> dict[str, object]:
    """Horizontal bars, labelled above each bar, scaled to the largest value."""
    largest = max((value for _, value in items), default=0) or 1
    bars = []
    for index, (label, value) in enumerate(items):
        width = round(BAR_SHARE * value / largest, 2)
        short = label if len(label) <= 48 else label[:46] + "…"
        bars.append(Bar(short, value, index * row_height, width, width + 1))
    return {
        "bars": bars,
        "height": max(len(bars), 1) * row_height,
        "bar_x": 0,
        "bar_height": row_height - LABEL_HEIGHT - 8,
        "label_height": LABEL_HEIGHT,
    }
