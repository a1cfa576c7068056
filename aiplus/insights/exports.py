"""The CSV (and JSON) exports of every table on the dashboard, with the same figures the page
shows the same reader. Columns are machine names; each row says what kind of figure it is."""

from collections.abc import Callable
from typing import Any

from aiplus.insights import metrics as m
from aiplus.insights import selectors
from aiplus.insights.charts import point_label
from aiplus.insights.periods import Period
from aiplus.insights.selectors import Scope, Table


def _bd(scope: Scope) -> str:
    return scope.code or "all"


def headline_table(scope: Scope, period: Period, user: Any) -> Table:
    def records() -> list[dict[str, Any]]:
        rows = []
        for section in selectors.headline(scope, period):
            for figure in section.figures:
                rows.append(
                    {
                        "bd": _bd(scope),
                        "from": period.start,
                        "to": period.end,
                        "kind": section.kind,
                        "figure": figure.metric.key,
                        "label": str(figure.metric.label),
                        "number": figure.number,
                        "unit": str(figure.metric.unit),
                        "value": figure.value,
                        "records": figure.count,
                        "assumption": figure.assumption,
                    }
                )
        return rows

    columns = ["bd", "from", "to", "kind", "figure", "label", "number", "unit", "value"]
    return Table("figures", [*columns, "records", "assumption"], records)


def trends_table(scope: Scope, period: Period, user: Any) -> Table:
    def records() -> list[dict[str, Any]]:
        return [
            {
                "bd": _bd(scope),
                "period": point_label(moment, period.step),
                "kind": trend.metric.kind,
                "figure": trend.metric.key,
                "number": value,
                "unit": str(trend.metric.unit),
            }
            for trend in selectors.trends(scope, period)
            for moment, value in trend.points
        ]

    return Table("trends", ["bd", "period", "kind", "figure", "number", "unit"], records)


def units_table(scope: Scope, period: Period, user: Any) -> Table:
    def records() -> list[dict[str, Any]]:
        rows = []
        for row in selectors.by_unit(scope, period, user):
            record: dict[str, Any] = {
                "bd": row.unit.organisation.code,
                "name": row.unit.organisation.name,
                "reports_to": row.unit.organisation.parent.code
                if row.unit.organisation.parent
                else "",
            }
            for metric, number in zip(selectors.UNIT_METRICS, row.numbers, strict=True):
                record[metric.key] = number
            rows.append(record)
        return rows

    columns = ["bd", "name", "reports_to", *(metric.key for metric in selectors.UNIT_METRICS)]
    return Table("by-bd", columns, records)


def _solutions_table(which: str) -> Callable[[Scope, Period, Any], Table]:
    def build(scope: Scope, period: Period, user: Any) -> Table:
        def records() -> list[dict[str, Any]]:
            return [
                {
                    "solution": row.solution.slug,
                    "name": row.name,
                    "bds_using_now": row.using,
                    "shortlists": row.shortlists,
                    "advice_requests": row.advice,
                    "stories": row.stories,
                    "reported_hours_a_year": row.hours,
                }
                for row in selectors.top_solutions(scope, period)[which]
            ]

        columns = [
            "solution",
            "name",
            "bds_using_now",
            "shortlists",
            "advice_requests",
            "stories",
            "reported_hours_a_year",
        ]
        return Table(f"solutions-by-{which}", columns, records)

    return build


def not_engaged_table(scope: Scope, period: Period, user: Any) -> Table:
    def records() -> list[dict[str, Any]]:
        return [
            {
                "bd": organisation.code,
                "name": organisation.name,
                "name_zh_hant": getattr(organisation, "name_zh_hant", ""),
            }
            for organisation in selectors.not_engaged(scope, period)
        ]

    return Table("not-engaged", ["bd", "name", "name_zh_hant"], records)


DASHBOARD_TABLES: dict[str, Callable[[Scope, Period, Any], Table]] = {
    "figures": headline_table,
    "trends": trends_table,
    "by-bd": units_table,
    "solutions-by-adoption": _solutions_table("adoption"),
    "solutions-by-hours": _solutions_table("hours"),
    "not-engaged": not_engaged_table,
}


def figure_table(scope: Scope, period: Period, metric: m.Metric) -> Table:
    def records() -> list[dict[str, Any]]:
        detail = selectors.figure_detail(scope, period, metric)
        rows: list[dict[str, Any]] = []
        if detail["series"] is not None:
            rows += [
                {"bd": _bd(scope), "period": point_label(moment, period.step), "number": value}
                for moment, value in detail["series"].points
            ]
        rows += [
            {"bd": unit.organisation.code, "period": period.label, "number": number}
            for unit, number in detail["per_unit"]
        ]
        for row in rows:
            row.update({"kind": metric.kind, "figure": metric.key, "unit": str(metric.unit)})
        return rows

    return Table(metric.key, ["bd", "period", "kind", "figure", "number", "unit"], records)
