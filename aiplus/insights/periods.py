"""The period a dashboard or report covers, read strictly from the URL: a month, a quarter, a
year, or custom dates. Anything unreadable falls back to the current year with a note; dates
in the future are cut at today; a custom period is at most MAX_YEARS long."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from django.http import QueryDict
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from aiplus.core.params import clean_text, parse_int

EARLIEST = date(2000, 1, 1)
MAX_YEARS = 25


class Span(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    CUSTOM = "custom"


SPAN_LABELS = {
    Span.MONTH: _("Month"),
    Span.QUARTER: _("Quarter"),
    Span.YEAR: _("Year"),
    Span.CUSTOM: _("Custom dates"),
}


class Step(StrEnum):
    """How the trend charts group the period."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True)
class Period:
    span: Span
    start: date
    end: date  # inclusive; never after today
    notes: tuple[str | Promise, ...] = field(default=())
    future: bool = False  # the period has not started yet

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def step(self) -> Step:
        if self.days <= 62:
            return Step.DAY
        if self.days <= 3 * 366:
            return Step.MONTH
        return Step.YEAR

    @property
    def label(self) -> str:
        return f"{self.start.isoformat()} – {self.end.isoformat()}"

    def as_params(self) -> list[tuple[str, str]]:
        if self.span == Span.CUSTOM:
            return [
                ("period", "custom"),
                ("from", self.start.isoformat()),
                ("to", self.end.isoformat()),
            ]
        params = [("period", self.span.value), ("year", str(self.start.year))]
        if self.span == Span.MONTH:
            params.append(("month", str(self.start.month)))
        if self.span == Span.QUARTER:
            params.append(("quarter", str((self.start.month - 1) // 3 + 1)))
        return params

    def querystring(self) -> str:
        return "&".join(f"{key}={value}" for key, value in self.as_params())


def parse_date(value: str | None) -> date | None:
    text = clean_text(value, max_length=10)
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        return None
    year, month, day = (parse_int(part) for part in (text[:4], text[5:7], text[8:]))
    if year is None or month is None or day is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _quarter_end(year: int, quarter: int) -> date:
    if quarter == 4:
        return date(year, 12, 31)
    return date(year, quarter * 3 + 1, 1) - timedelta(days=1)


def _month_end(year: int, month: int) -> date:
    return date(year, 12, 31) if month == 12 else date(year, month + 1, 1) - timedelta(days=1)


def make_period(
    span: Span, start: date, end: date, notes: list[str | Promise] | None = None
) -> Period:
    """Clamp a period to what can be shown: from EARLIEST, at most MAX_YEARS, never past today."""
    notes = list(notes or [])
    today = timezone.localdate()
    if start > end:
        start, end = end, start
        notes.append(_("The dates were the wrong way round; they have been swapped."))
    if start < EARLIEST:
        start = EARLIEST
        notes.append(_("Figures start in 2000."))
    if (end - start).days > MAX_YEARS * 366:
        start = end - timedelta(days=MAX_YEARS * 365)
        notes.append(_("A period is at most 25 years long; the last 25 years are shown."))
    future = start > today
    if future:
        notes.append(_("This period has not started yet, so there are no figures for it."))
    elif end > today:
        end = today
        notes.append(_("The period has not ended yet: figures are up to today."))
    return Period(span=span, start=start, end=end, notes=tuple(notes), future=future)


def period_from(params: QueryDict) -> Period:
    today = timezone.localdate()
    span_text = params.get("period", Span.YEAR)
    notes: list[str | Promise] = []
    if span_text not in Span.__members__.values():
        notes.append(_("The period asked for could not be read; this year is shown."))
        span_text = Span.YEAR
    span = Span(span_text)
    if span == Span.CUSTOM:
        start, end = parse_date(params.get("from")), parse_date(params.get("to"))
        if start is None or end is None:
            notes.append(_("The dates could not be read; this year is shown."))
            return make_period(Span.YEAR, date(today.year, 1, 1), date(today.year, 12, 31), notes)
        return make_period(span, start, end, notes)
    year = parse_int(params.get("year"), minimum=EARLIEST.year, maximum=today.year + 50)
    if params.get("year") and year is None:
        notes.append(_("The year could not be read; this year is shown."))
    year = year or today.year
    if span == Span.MONTH:
        month = parse_int(params.get("month"), minimum=1, maximum=12) or (
            today.month if year == today.year else 1
        )
        return make_period(span, date(year, month, 1), _month_end(year, month), notes)
    if span == Span.QUARTER:
        default = (today.month - 1) // 3 + 1 if year == today.year else 1
        quarter = parse_int(params.get("quarter"), minimum=1, maximum=4) or default
        return make_period(span, date(year, quarter * 3 - 2, 1), _quarter_end(year, quarter), notes)
    return make_period(span, date(year, 1, 1), date(year, 12, 31), notes)
