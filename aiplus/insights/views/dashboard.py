"""The manpower dashboard: overall (DPO's and CSB's staff) or one B/D, for a period; every
table also as CSV (`?format=csv&table=...`)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from aiplus.core.charts import bar_chart
from aiplus.core.exports import EXPORT_FORMATS, export_response
from aiplus.core.i18n import localise
from aiplus.insights import metrics as m
from aiplus.insights import selectors
from aiplus.insights.charts import figure_text, line_chart, markup, summary
from aiplus.insights.exports import DASHBOARD_TABLES, figure_table
from aiplus.insights.periods import SPAN_LABELS, Period, Span, period_from
from aiplus.insights.permissions import read_roles_once, user_sees_all
from aiplus.insights.records import is_private, records_behind
from aiplus.insights.selectors import Scope


def _export(request: HttpRequest, scope: Scope, period: Period) -> HttpResponse | None:
    export_format = request.GET.get("format", "")
    if export_format not in EXPORT_FORMATS:
        return None
    build = DASHBOARD_TABLES.get(request.GET.get("table", "figures"))
    if build is None:
        raise Http404
    table = build(scope, period, request.user)
    return export_response(
        request=request,
        export_format=export_format,
        name=f"manpower-{table.name}-{scope.code or 'all'}-{period.start}-{period.end}",
        columns=table.columns,
        records=table.records(),
    )


def _trend_context(trend: selectors.Trend, period: Period) -> dict[str, object]:
    label = str(trend.metric.label)
    chart = line_chart(trend.points, step=period.step, places=trend.metric.places)
    return {
        "trend": trend,
        "chart": chart,
        "summary": summary(label, trend.points, step=period.step, places=trend.metric.places),
        "chart_id": f"trend-{trend.metric.key}",
    }


def _unit_rows(rows: list[selectors.UnitRow]) -> list[dict[str, object]]:
    """The B/D table ready to print: each row's cells written once here (88 B/Ds times 8
    figures), not cell by cell in the template."""
    return [
        {
            "url": row.url,
            "depth": row.unit.depth,
            "name": localise(row.unit.organisation, "name").value,
            "code": row.unit.organisation.code,
            "cells": markup("<td>{}</td>", ((figure_text(n),) for n in row.numbers)),
        }
        for row in rows
    ]


def _period_form(period: Period) -> dict[str, object]:
    return {
        "spans": [(span.value, label) for span, label in SPAN_LABELS.items()],
        "span": period.span.value,
        "year": period.start.year,
        "month": period.start.month,
        "quarter": (period.start.month - 1) // 3 + 1,
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        "months": range(1, 13),
        "quarters": range(1, 5),
    }


def _render(request: HttpRequest, scope: Scope) -> HttpResponse:
    period = period_from(request.GET)
    exported = _export(request, scope, period)
    if exported is not None:
        return exported
    found = selectors.period_figures(scope, period)
    top = selectors.top_solutions(scope, period)
    adoption_chart = bar_chart([(row.name, float(row.using)) for row in top["adoption"]])
    hours_chart = bar_chart([(row.name, row.hours) for row in top["hours"]])
    context = {
        "scope": scope,
        "period": period,
        "form": _period_form(period),
        "sections": selectors.headline(scope, period, found),
        "trends": [_trend_context(t, period) for t in selectors.trends(scope, period)],
        "unit_metrics": selectors.UNIT_METRICS,
        "units": _unit_rows(selectors.by_unit(scope, period, request.user, found)),
        "top": top,
        "adoption_chart": adoption_chart,
        "hours_chart": hours_chart,
        "not_engaged": selectors.not_engaged(scope, period) if scope.units else [],
        "sees_all": user_sees_all(request.user),
        "querystring": period.querystring(),
        "base_url": request.path,
    }
    return render(request, "insights/dashboard.html", context)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    read_roles_once(request.user)
    code = selectors.default_code(request.user)
    if code is not None:
        url = reverse("insights:organisation", args=[code])
        query = request.GET.urlencode()
        return redirect(f"{url}?{query}" if query else url)
    return _render(request, selectors.scope_for(request.user, None))


@login_required
def organisation(request: HttpRequest, code: str) -> HttpResponse:
    read_roles_once(request.user)
    return _render(request, selectors.scope_for(request.user, code))


def _figure_asked(
    request: HttpRequest, key: str, *, records: bool = False
) -> tuple[m.Metric, Scope, Period]:
    """The figure, B/D and period a figure's page is asked for (404 for no such figure, one
    read from the catalogue as it is now, or, for its `records`, one whose records are
    people's own)."""
    metric = m.METRICS.get(key)
    if metric is None or metric.current or (records and is_private(metric)):
        raise Http404
    read_roles_once(request.user)
    code = request.GET.get("bd", "") or selectors.default_code(request.user)
    return metric, selectors.scope_for(request.user, code), period_from(request.GET)


@login_required
def figure(request: HttpRequest, key: str) -> HttpResponse:
    metric, scope, period = _figure_asked(request, key)
    export_format = request.GET.get("format", "")
    if export_format in EXPORT_FORMATS:
        table = figure_table(scope, period, metric)
        return export_response(
            request=request,
            export_format=export_format,
            name=f"manpower-{table.name}-{scope.code or 'all'}-{period.start}-{period.end}",
            columns=table.columns,
            records=table.records(),
        )
    detail = selectors.figure_detail(scope, period, metric)
    context = {
        "scope": scope,
        "period": period,
        "form": _period_form(period),
        "metric": metric,
        "kind_label": m.Kind(metric.kind).label,
        "kind_note": m.KIND_NOTES[metric.kind],
        "trend": _trend_context(detail["series"], period) if detail["series"] else None,
        "per_unit": detail["per_unit"],
        "records_private": is_private(metric),
        "querystring": selectors.figure_query(scope, period),
        "base_url": request.path,
        "span_custom": Span.CUSTOM.value,
    }
    return render(request, "insights/figure.html", context)


@login_required
def figure_records(request: HttpRequest, key: str) -> HttpResponse:
    """The records a figure counts in the period (its own page: they are read from the apps'
    tables, not from the roll-up)."""
    metric, scope, period = _figure_asked(request, key, records=True)
    context = {
        "scope": scope,
        "period": period,
        "metric": metric,
        "records": records_behind(metric, period, scope.organisation_ids, request.user),
        "querystring": selectors.figure_query(scope, period),
    }
    return render(request, "insights/records.html", context)
