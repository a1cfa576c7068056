"""Reads for the manpower dashboard and reports. Everything starts from `scope_for`, which
applies who may see which B/D: a B/D the user may not see does not exist for them (404)."""

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import urlencode

from aiplus.accounts.models import AnyUser, Organisation
from aiplus.catalogue.models import Solution
from aiplus.core.i18n import localise
from aiplus.insights import metrics as m
from aiplus.insights.figures import Totals, aggregate, buckets
from aiplus.insights.models import InsightsSettings
from aiplus.insights.periods import EARLIEST, Period
from aiplus.insights.permissions import (
    home_organisation,
    user_can_view_organisation,
    user_sees_all,
)


@dataclass(frozen=True)
class Unit:
    organisation: Organisation
    depth: int  # 0: a bureau or a B/D on its own; 1: a department under a bureau


@dataclass(frozen=True)
class Scope:
    organisation: Organisation | None  # None: every B/D (DPO's and CSB's view)
    organisation_ids: tuple[int, ...] | None  # None: all
    units: tuple[Unit, ...]  # the B/Ds compared on the page (none for a B/D on its own)

    @property
    def code(self) -> str:
        return self.organisation.code if self.organisation else ""


def government_organisations() -> list[Organisation]:
    return list(
        Organisation.objects.exclude(kind=Organisation.Kind.COMPANY)
        .filter(is_active=True)
        .select_related("parent")
        .order_by("code")
    )


def _tree(organisations: list[Organisation]) -> tuple[Unit, ...]:
    """Bureaux (and B/Ds that report to none in the list) with their departments under them."""
    present = {o.pk for o in organisations}
    children: dict[int, list[Organisation]] = {}
    tops = []
    for organisation in organisations:
        if organisation.parent_id in present:
            children.setdefault(organisation.parent_id, []).append(organisation)
        else:
            tops.append(organisation)
    units: list[Unit] = []
    for top in tops:
        units.append(Unit(top, 0))
        units += [Unit(child, 1) for child in children.get(top.pk, [])]
    return tuple(units)


def scope_for(user: AnyUser, code: str | None) -> Scope:
    """The figures `user` asked for: overall (no code) or one B/D by its code."""
    if not code:
        if not user_sees_all(user):
            raise PermissionDenied
        return Scope(None, None, _tree(government_organisations()))
    organisation = (
        Organisation.objects.exclude(kind=Organisation.Kind.COMPANY).filter(code=code[:20]).first()
    )
    if organisation is None or not user_can_view_organisation(user, organisation):
        raise Http404
    units = list(organisation.units.exclude(kind=Organisation.Kind.COMPANY).order_by("code"))
    ids = (organisation.pk, *(unit.pk for unit in units))
    tree = _tree([organisation, *units]) if units else ()
    return Scope(organisation, ids, tree)


def default_code(user: AnyUser) -> str | None:
    """Where /insights/ takes an officer: their own B/D's page."""
    if user_sees_all(user):
        return None
    home = home_organisation(user)
    if home is None:
        raise PermissionDenied
    return home.code


# --- Figures ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FigureValue:
    metric: m.Metric
    value: float
    count: int
    assumption: float | None = None
    url: str = ""

    @property
    def number(self) -> float | None:
        if self.metric.show == m.Show.VALUE:
            return self.value
        if self.metric.show == m.Show.AVERAGE:
            return self.value / self.count if self.count else None
        return float(self.count)


@dataclass(frozen=True)
class KindSection:
    kind: str
    label: str | Promise
    note: str | Promise
    figures: list[FigureValue]


def assumptions() -> dict[str, float]:
    settings = InsightsSettings.load()
    return {
        "hours_saved_per_advice_request": settings.hours_saved_per_advice_request,
    }


def estimate(metric: m.Metric, count: float, rates: dict[str, float]) -> float:
    """An estimate computed when read: its base's count times its assumption."""
    return count * rates.get(metric.assumption, 0.0)


def _derive(totals: dict[str, list[float]], rates: dict[str, float]) -> dict[str, list[float]]:
    """Add the estimates computed when read (a base count times an assumption)."""
    for metric in m.METRICS.values():
        if metric.is_derived:
            base = totals.get(metric.base, [0.0, 0])
            totals[metric.key] = [estimate(metric, base[1], rates), base[1]]
    return totals


def solutions_in_use(organisation_ids: tuple[int, ...] | None) -> int:
    through = Solution.organisations_using.through
    rows = through.objects.filter(solution__live=True)
    if organisation_ids is not None:
        rows = rows.filter(organisation_id__in=organisation_ids)
    return rows.values("solution_id").distinct().count()


def records_url(metric: m.Metric, scope: Scope) -> str:
    """Where a figure's records are listed, if not on the figure's own page: the catalogue,
    for the solutions in use now (a state of the catalogue, not rolled up)."""
    if metric.key != "solutions_in_use":
        return ""
    url = reverse("catalogue:index")
    if scope.organisation is None:
        return f"{url}?{urlencode({'sort': 'adoption'})}"
    codes = [unit.organisation.code for unit in scope.units] or [scope.code]
    return f"{url}?{urlencode([('used_by', code) for code in codes])}"


def period_figures(scope: Scope, period: Period, metrics: Collection[str] | None = None) -> Totals:
    """The stored figures of the period (all, or `metrics`) by (B/D, metric), B/D totals only:
    the one read the headline and the B/D table share (their `found`)."""
    if period.future:
        return {}
    return aggregate(
        start=period.start,
        end=period.end,
        group=("organisation_id", "metric"),
        organisations=scope.organisation_ids,
        metrics=metrics,
    )


def totals(
    scope: Scope,
    period: Period,
    found: Totals | None = None,
    rates: dict[str, float] | None = None,
) -> dict[str, list[float]]:
    if found is None:
        found = period_figures(scope, period)
    flat: dict[str, list[float]] = {}
    for (_organisation, metric), (value, count) in found.items():
        total = flat.setdefault(metric, [0.0, 0])
        total[0] += value
        total[1] += count
    return _derive(flat, assumptions() if rates is None else rates)


def headline(scope: Scope, period: Period, found: Totals | None = None) -> list[KindSection]:
    """The headline figures by kind; `found`: the period's figures, if already read."""
    rates = assumptions()
    summed = totals(scope, period, found, rates)
    summed["solutions_in_use"] = [0.0, solutions_in_use(scope.organisation_ids)]
    sections = []
    for kind in m.Kind:
        figures = []
        for metric in m.by_kind(kind):
            value, count = summed.get(metric.key, [0.0, 0])
            figures.append(
                FigureValue(
                    metric,
                    value,
                    int(count),
                    assumption=rates.get(metric.assumption) if metric.assumption else None,
                    url=records_url(metric, scope) or _figure_url(metric, scope, period),
                )
            )
        sections.append(KindSection(kind.value, kind.label, m.KIND_NOTES[kind], figures))
    return sections


def _figure_url(metric: m.Metric, scope: Scope, period: Period) -> str:
    if metric.current:
        return ""
    return f"{reverse('insights:figure', args=[metric.key])}?{figure_query(scope, period)}"


def figure_query(scope: Scope, period: Period) -> str:
    """A figure page's query string: the period, and the B/D when one is chosen."""
    return period.querystring() + (f"&bd={scope.code}" if scope.code else "")


# --- Trends ------------------------------------------------------------------------------------

TREND_METRICS = (
    m.STORY_HOURS,
    m.MINUTES_APPROVED,
    m.MINUTES_ANSWERED,
    m.MINUTES_ESTIMATED,
    m.ADVICE_OPENED,
    m.EVENT_ATTENDANCE,
    m.DOWNLOADS,
)


@dataclass(frozen=True)
class Trend:
    metric: m.Metric
    points: list[tuple[date, float]]

    @property
    def total(self) -> float:
        return sum(value for _, value in self.points)


def trends(
    scope: Scope,
    period: Period,
    metrics: tuple[m.Metric, ...] = TREND_METRICS,
    rates: dict[str, float] | None = None,
) -> list[Trend]:
    # An estimate computed when read has no rows: its trend is its base's count times the
    # assumption, step by step.
    read = [metric.base or metric.key for metric in metrics]
    found = (
        aggregate(
            start=period.start,
            end=period.end,
            organisations=scope.organisation_ids,
            metrics=read,
            step=period.step,
        )
        if not period.future
        else {}
    )
    if rates is None:
        rates = assumptions() if any(metric.is_derived for metric in metrics) else {}
    result = []
    for metric, key in zip(metrics, read, strict=True):
        points = []
        for moment in buckets(period.start, period.end, period.step):
            value, count = found.get((moment, key), [0.0, 0])
            if metric.is_derived:
                value = estimate(metric, count, rates)
            points.append((moment, value if metric.show == m.Show.VALUE else float(count)))
        result.append(Trend(metric, points))
    return result


# --- Comparison of B/Ds ------------------------------------------------------------------------

UNIT_METRICS = (
    m.STORIES,
    m.STORY_HOURS,
    m.MINUTES_APPROVED,
    m.MINUTES_ANSWERED,
    m.ADVICE_OPENED,
    m.EVENT_ATTENDANCE,
    m.DOWNLOADS,
    m.SHORTLISTS,
)


@dataclass(frozen=True)
class UnitRow:
    unit: Unit
    numbers: list[float]
    url: str


def by_unit(
    scope: Scope, period: Period, user: AnyUser, found: Totals | None = None
) -> list[UnitRow]:
    if not scope.units:
        return []
    if found is None:
        found = period_figures(scope, period)
    rows = []
    for unit in scope.units:
        numbers = []
        for metric in UNIT_METRICS:
            value, count = found.get((unit.organisation.pk, metric.key), [0.0, 0])
            numbers.append(value if metric.show == m.Show.VALUE else float(count))
        url = reverse("insights:organisation", args=[unit.organisation.code])
        rows.append(UnitRow(unit, numbers, f"{url}?{period.querystring()}"))
    return rows


def not_engaged(scope: Scope, period: Period) -> list[Organisation]:
    """The B/Ds with no story, no advice request and no event attendance, ever, up to the end
    of the period: for DPO's outreach."""
    units = [unit.organisation for unit in scope.units]
    if not units:
        return []
    found = aggregate(
        start=EARLIEST,
        end=period.end,
        group=("organisation_id",),
        organisations=[o.pk for o in units],
        metrics=m.ENGAGEMENT,
    )
    engaged = {key[0] for key, (value, count) in found.items() if count}
    return [organisation for organisation in units if organisation.pk not in engaged]


# --- Top solutions -------------------------------------------------------------------------


@dataclass(frozen=True)
class SolutionRow:
    solution: Solution
    name: str
    using: int  # B/Ds using it now (catalogue)
    shortlists: int
    advice: int
    stories: int
    hours: float


def top_solutions(scope: Scope, period: Period, *, limit: int = 10) -> dict[str, list[SolutionRow]]:
    found = (
        aggregate(
            start=period.start,
            end=period.end,
            group=("solution_id", "metric"),
            organisations=scope.organisation_ids,
            metrics=["shortlists", "advice_opened", "stories", "story_hours"],
            solutions=True,
        )
        if not period.future
        else {}
    )
    through = Solution.organisations_using.through
    using_rows = through.objects.filter(solution__live=True)
    if scope.organisation_ids is not None:
        using_rows = using_rows.filter(organisation_id__in=scope.organisation_ids)
    using = dict(
        using_rows.values("solution_id")
        .annotate(n=Count("organisation_id"))
        .values_list("solution_id", "n")
    )
    ids = set(using) | {key[0] for key in found}
    solutions = {s.pk: s for s in Solution.objects.filter(pk__in=ids, live=True)}

    def get(pk: int, metric: str, index: int) -> float:
        return found.get((pk, metric), [0.0, 0])[index]

    rows = [
        SolutionRow(
            solution=solution,
            name=str(localise(solution, "name").value),
            using=using.get(pk, 0),
            shortlists=int(get(pk, "shortlists", 1)),
            advice=int(get(pk, "advice_opened", 1)),
            stories=int(get(pk, "stories", 1)),
            hours=get(pk, "story_hours", 0),
        )
        for pk, solution in solutions.items()
    ]
    by_adoption = sorted(
        (row for row in rows if row.using or row.shortlists or row.advice or row.stories),
        key=lambda r: (-(r.using + r.shortlists + r.advice + r.stories), r.name),
    )[:limit]
    by_hours = sorted((row for row in rows if row.hours), key=lambda r: (-r.hours, r.name))[:limit]
    return {"adoption": by_adoption, "hours": by_hours}


# --- One figure in detail ----------------------------------------------------------------------


def figure_detail(scope: Scope, period: Period, metric: m.Metric) -> dict[str, Any]:
    """One figure by period step and (for several B/Ds) by B/D."""
    rates = assumptions() if metric.is_derived else {}
    series = trends(scope, period, (metric,), rates)[0] if not metric.current else None
    per_unit: list[tuple[Unit, float]] = []
    if scope.units and not period.future:
        key = metric.base or metric.key
        found = period_figures(scope, period, [key])
        for unit in scope.units:
            value, count = found.get((unit.organisation.pk, key), [0.0, 0])
            if metric.is_derived:
                value = estimate(metric, count, rates)
            number = value if metric.show == m.Show.VALUE else count
            if metric.show == m.Show.AVERAGE:
                number = value / count if count else 0.0
            per_unit.append((unit, number))
    return {"series": series, "per_unit": per_unit}


@dataclass(frozen=True)
class Table:
    """A table of the page, as its CSV export sees it."""

    name: str
    columns: list[str]
    records: Callable[[], list[dict[str, Any]]] = field(repr=False)
