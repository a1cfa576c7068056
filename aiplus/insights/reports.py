"""The steps of a Manpower Optimisation report (ReportJob): read the figures once, then write
them as a Word document (python-docx) and a PDF (fpdf2, with the hub's CJK font so that
Traditional Chinese is drawn), each kept in the resource library as a restricted resource
that DPO's and CSB's staff and the B/D concerned may open."""

import io
from datetime import date
from typing import Any

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from aiplus.accounts.roles import Role
from aiplus.cases.models import Case, Collection
from aiplus.core.jobs.models import JobFailed
from aiplus.core.jobs.runner import report_progress
from aiplus.core.pdf import FONT, NoCJKFont, cjk_pdf
from aiplus.insights import selectors
from aiplus.insights.charts import point_label
from aiplus.insights.models import ReportJob
from aiplus.insights.periods import Span, make_period
from aiplus.resources.models import Resource


def _number(value: float | None, places: int = 0) -> str:
    if value is None:
        return "—"
    return number_format(round(value, places), decimal_pos=places, force_grouping=True)


def _scope(job: ReportJob) -> selectors.Scope:
    if job.organisation is None:
        return selectors.Scope(None, None, selectors._tree(selectors.government_organisations()))
    units = list(job.organisation.units.order_by("code"))
    ids = (job.organisation.pk, *(u.pk for u in units))
    tree = selectors._tree([job.organisation, *units]) if units else ()
    return selectors.Scope(job.organisation, ids, tree)


def figures_step(job: ReportJob) -> dict[str, Any]:
    """Everything the report says, in its language, as JSON (so a resumed job reuses it)."""
    with translation.override(job.language):
        scope = _scope(job)
        period = make_period(Span.CUSTOM, job.start, job.end)
        name = scope.organisation.name if scope.organisation else _("All bureaux and departments")
        if scope.organisation and job.language != "en":
            name = getattr(scope.organisation, "name_zh_hant", "") or name
        report_progress(job, 0.1, _("Reading the figures"))
        sections = [
            {
                "label": str(section.label),
                "note": str(section.note),
                "rows": [
                    [str(f.metric.label), _number(f.number, f.metric.places), str(f.metric.unit)]
                    for f in section.figures
                ],
            }
            for section in selectors.headline(scope, period)
        ]
        trends = [
            {
                "label": str(t.metric.label),
                "points": [[point_label(m, period.step), v] for m, v in t.points],
            }
            for t in selectors.trends(scope, period)
        ]
        top = selectors.top_solutions(scope, period)
        stories = Case.objects.filter(collection=Collection.STORY, live=True)
        stories = stories.filter(first_published_at__date__range=(period.start, period.end))
        if scope.organisation_ids is not None:
            stories = stories.filter(organisation_id__in=scope.organisation_ids)
        not_engaged = selectors.not_engaged(scope, period)
        return {
            "title": _("Manpower Optimisation report"),
            "subject": str(name),
            "period": f"{period.start.isoformat()} – {period.end.isoformat()}",
            "intro": _(
                "Reported, measured and estimated figures are shown apart and never added "
                "together. Estimates are counts multiplied by assumptions, not measurements."
            ),
            "sections": sections,
            "trends": trends,
            "adoption": [
                [r.name, r.using, r.shortlists, r.advice, r.stories] for r in top["adoption"]
            ],
            "hours": [[r.name, r.hours] for r in top["hours"]],
            "stories": [
                [
                    (c.title_zh_hant if job.language != "en" and c.title_zh_hant else c.title),
                    c.hours_saved_per_year or 0,
                ]
                for c in stories.order_by("-hours_saved_per_year")[:20]
            ],
            "not_engaged": [o.code for o in not_engaged],
            "labels": {
                "headline": _("Headline figures"),
                "trends": _("Over time"),
                "solutions": _("Top solutions"),
                "solution": _("Solution"),
                "using": _("B/Ds using it"),
                "shortlisted": _("Shortlisted"),
                "advice": _("Advice requests"),
                "stories": _("Stories"),
                "hours": _("Hours a year (reported)"),
                "stories_heading": _("Success stories published"),
                "next": _("Next steps"),
                "not_engaged": _("Not yet engaged"),
                "next_text": _(
                    "DPO to reach the bureaux and departments not yet engaged; B/Ds to answer "
                    "the time-saved question after using the hub's tools, so that measured "
                    "figures replace estimates."
                ),
            },
        }


def _figures(job: ReportJob) -> dict[str, Any]:
    return job.results["figures"]


def _file_name(job: ReportJob, suffix: str) -> str:
    who = job.organisation.code if job.organisation else "all"
    return f"manpower-{who}-{job.start}-{job.end}-{job.language}.{suffix}"


def _keep(job: ReportJob, data: bytes, suffix: str) -> int:
    """The file as a restricted resource: advisors and administrators, and the B/D."""
    report = _figures(job)
    name = _file_name(job, suffix)
    resource = Resource(
        title=f"{report['title']}: {report['subject']}, {report['period']}"[:300],
        kind=Resource.Kind.REPORT,
        visibility=Resource.Visibility.RESTRICTED,
        original_name=name,
        file_type=suffix,
        size_bytes=len(data),
        published_on=date.today(),
        uploaded_by=job.started_by,
        extraction_status=Resource.Extraction.DONE,
    )
    resource.file.save(name, ContentFile(data), save=False)
    resource.save()
    resource.allowed_roles.set(
        Group.objects.filter(name__in=[Role.ADVISOR.value, Role.ADMINISTRATOR.value])
    )
    if job.organisation is not None:
        resource.allowed_organisations.set([job.organisation])
    return resource.pk


def _kept(job: ReportJob, field: str) -> int | None:
    """The file an earlier run of the step kept before its worker died, if any."""
    return ReportJob.objects.filter(pk=job.pk).values_list(field, flat=True).first()


def docx_step(job: ReportJob) -> dict[str, Any]:
    import docx

    report = _figures(job)
    labels = report["labels"]
    document = docx.Document()
    document.add_heading(report["title"], level=0)
    document.add_paragraph(f"{report['subject']}\n{report['period']}")
    document.add_paragraph(report["intro"])
    document.add_heading(labels["headline"], level=1)
    for section in report["sections"]:
        document.add_heading(section["label"], level=2)
        document.add_paragraph(section["note"])
        table = document.add_table(rows=0, cols=3)
        for row in section["rows"]:
            cells = table.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = str(text)
    document.add_heading(labels["trends"], level=1)
    for trend in report["trends"]:
        document.add_heading(trend["label"], level=2)
        table = document.add_table(rows=0, cols=2)
        for moment, value in trend["points"]:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = moment, _number(value)
    document.add_heading(labels["solutions"], level=1)
    table = document.add_table(rows=1, cols=5)
    for cell, text in zip(
        table.rows[0].cells,
        [labels[k] for k in ("solution", "using", "shortlisted", "advice", "stories")],
        strict=True,
    ):
        cell.text = text
    for row in report["adoption"]:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = str(text)
    document.add_heading(labels["stories_heading"], level=1)
    for title, hours in report["stories"]:
        document.add_paragraph(f"{title}: {_number(hours)}", style="List Bullet")
    document.add_heading(labels["next"], level=1)
    document.add_paragraph(labels["next_text"])
    if report["not_engaged"]:
        document.add_paragraph(f"{labels['not_engaged']}: {', '.join(report['not_engaged'])}")
    buffer = io.BytesIO()
    document.save(buffer)
    pk = _kept(job, "docx_id") or _keep(job, buffer.getvalue(), "docx")
    job.docx_id = pk  # the runner saves the row it holds
    ReportJob.objects.filter(pk=job.pk).update(docx_id=pk)
    return {"resource": pk}


def pdf_step(job: ReportJob) -> dict[str, Any]:
    report = _figures(job)
    labels = report["labels"]
    try:
        pdf = cjk_pdf()
    except NoCJKFont as error:
        raise JobFailed(_("No font with Chinese characters is installed for the PDF.")) from error
    width = pdf.epw

    def heading(text: str, size: int) -> None:
        pdf.set_font(FONT, size=size)
        pdf.multi_cell(width, size * 0.6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, size=10)

    def line(text: str) -> None:
        pdf.multi_cell(width, 5.5, text, new_x="LMARGIN", new_y="NEXT")

    heading(report["title"], 20)
    line(f"{report['subject']}  {report['period']}")
    line(report["intro"])
    heading(labels["headline"], 15)
    for section in report["sections"]:
        heading(section["label"], 12)
        line(section["note"])
        for label, number, unit in section["rows"]:
            line(f"  {label}: {number} {unit}")
    heading(labels["trends"], 15)
    for trend in report["trends"]:
        heading(trend["label"], 11)
        points = trend["points"]
        largest = max((value for _, value in points), default=0) or 1
        left, top, bar_w, chart_h = pdf.l_margin, pdf.get_y(), width / max(len(points), 1), 25
        if pdf.will_page_break(chart_h + 12):
            pdf.add_page()
            top = pdf.get_y()
        for index, (_moment, value) in enumerate(points):
            height = chart_h * value / largest
            pdf.rect(
                left + index * bar_w,
                top + chart_h - height,
                max(bar_w * 0.8, 0.2),
                height,
                style="F",
            )
        pdf.set_y(top + chart_h + 1)
        if points:
            line(f"{points[0][0]} … {points[-1][0]}; max {_number(largest)}")
    heading(labels["solutions"], 15)
    for name, using, shortlisted, advice, stories in report["adoption"]:
        line(
            f"  {name}: {labels['using']} {using}, {labels['shortlisted']} {shortlisted}, "
            f"{labels['advice']} {advice}, {labels['stories']} {stories}"
        )
    heading(labels["stories_heading"], 15)
    for title, hours in report["stories"]:
        line(f"  {title}: {_number(hours)}")
    heading(labels["next"], 15)
    line(labels["next_text"])
    if report["not_engaged"]:
        line(f"{labels['not_engaged']}: {', '.join(report['not_engaged'])}")
    pk = _kept(job, "pdf_id") or _keep(job, bytes(pdf.output()), "pdf")
    job.pdf_id = pk
    ReportJob.objects.filter(pk=job.pk).update(pdf_id=pk)
    return {"resource": pk}
