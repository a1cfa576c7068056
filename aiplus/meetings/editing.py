"""AI edit: the owner gives an instruction ("shorten item 2", "use formal English") and the
language model rewrites the minutes as they stand. The result is kept only if it is still the
whole minutes: its headings and at least most of its citations must survive; otherwise the job
fails with a message and the minutes are unchanged. A kept edit is a new version by the AI."""

from typing import Any

from django.utils.translation import gettext as _

from aiplus.ai.providers import get_chat_model
from aiplus.ai.values import ChatMessage
from aiplus.core.i18n import to_traditional
from aiplus.core.jobs.models import JobFailed
from aiplus.meetings.models import MinutesJob
from aiplus.meetings.rendering import cited_numbers
from aiplus.meetings.services import add_version

PROMPT = "\n".join(
    [
        "Below are meeting minutes in Markdown. Apply the instruction and return the whole"
        " minutes in Markdown, nothing else.",
        "Keep every heading, the table layout and the numbers in square brackets, like [12],"
        " which cite the transcript.",
        "",
        "Instruction: {instruction}",
        "",
        "Minutes:",
        "{text}",
    ]
)


def _headings(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.startswith("#")]


def acceptable(before: str, after: str) -> bool:
    """Whether an edit kept the minutes whole: same headings, most of the turns cited."""
    if not after.strip() or _headings(after) != _headings(before):
        return False
    cited_before = set(cited_numbers(before))
    cited_after = set(cited_numbers(after))
    return len(cited_before & cited_after) >= 0.8 * len(cited_before)


def edit_step(job: MinutesJob) -> dict[str, Any]:
    minutes = job.minutes
    model = get_chat_model()
    job.ai_model = model.name[:200]
    before = minutes.text
    prompt = PROMPT.format(instruction=job.instruction, text=before)
    room = model.context_tokens - model.count_tokens(prompt) - 32
    length = model.count_tokens(before)
    if room < length:
        raise JobFailed(_("These minutes are too long for the AI edit with this model."))
    # An edit is about as long as the minutes; a model that rambles on is stopped.
    limit = min(room, 2 * length + 200)
    reply = model.chat([ChatMessage("user", prompt)], max_tokens=limit, temperature=0.1)
    after = reply.text.strip().removeprefix("```markdown").removeprefix("```").removesuffix("```")
    after = after.strip() + "\n"
    if minutes.language == "zh-hant":
        after = to_traditional(after)
    if not acceptable(before, after):
        raise JobFailed(
            _(
                "The AI edit did not keep the minutes whole (headings or citations were "
                "lost), so nothing was changed. Try a narrower instruction, or edit by hand."
            )
        )
    version = add_version(minutes=minutes, text=after, note=f"AI edit: {job.instruction}")
    return {"version": version.number}
