"""One section of draft minutes written again by the model: an agenda item's discussion and
what was agreed, the action table, or the summary's parts. The transcript is read again as
for the first draft (at a higher temperature, so the model may word it otherwise; for a
built-in template only the turns near those the section cites, when it cites any), the whole
minutes laid out in the same template, and only the chosen section's lines taken into the
minutes as they stand: every other line, edits included, stays as it was. The new section's
statements cite the turns they come from, checked as in the first draft. The result is a new
version by the AI, so the history shows what changed."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from aiplus.ai.providers import get_chat_model
from aiplus.core.i18n import to_traditional
from aiplus.core.jobs.models import JobFailed
from aiplus.core.jobs.runner import report_progress
from aiplus.meetings import layout, sections
from aiplus.meetings.drafting import compose
from aiplus.meetings.models import Minutes, MinutesJob
from aiplus.meetings.rendering import cited_numbers
from aiplus.meetings.services import add_version

TEMPERATURE = 0.6


def regenerable(minutes: Minutes) -> list[str]:
    """The headings of the minutes' sections the model can write again, in their order."""
    if minutes.template == Minutes.Template.CUSTOM:
        written = {" ".join(section["title"].split()) for section in minutes.sections}
        if minutes.language == "zh-hant":
            written = {to_traditional(heading) for heading in written}
    else:
        written = layout.generated_headings(
            minutes.meeting, template=minutes.template, language=minutes.language
        )
    return [heading for heading in sections.headings(minutes.text) if heading in written]


def section_step(job: MinutesJob) -> dict[str, Any]:
    minutes = job.minutes
    heading = job.section
    if minutes.status != Minutes.Status.DRAFT or heading not in regenerable(minutes):
        raise JobFailed(_("That section is no longer in the draft, so nothing was changed."))
    model = get_chat_model()
    job.ai_model = model.name[:200]
    # A section of a built-in template is written from the turns near those it cites now (a
    # long meeting's other parts would take minutes to read again); one citing none, from all.
    cited = cited_numbers("\n".join(sections.body(minutes.text, heading) or []))
    fresh, _draft = compose(
        minutes,
        model=model,
        progress=lambda done, total: report_progress(job, done / total),
        temperature=TEMPERATURE,
        around=cited,
    )
    body = sections.body(fresh, heading)
    if body is None:  # the model found nothing for it this time
        body = ["", layout.empty_section(minutes.language)]
    with transaction.atomic():
        # The minutes as they stand now: someone may have edited them while the model wrote.
        current = Minutes.objects.select_for_update().get(pk=minutes.pk)
        if sections.find(current.text, heading) is None:
            raise JobFailed(_("That section is no longer in the draft, so nothing was changed."))
        after = sections.replace_body(current.text, heading, body)
        if after == current.text:
            return {"changed": False}
        version = add_version(minutes=current, text=after, note=f"AI: wrote again “{heading}”")
    return {"changed": True, "version": version.number}
