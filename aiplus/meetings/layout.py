"""Minutes laid out in a template, as Markdown the owner can edit: the formal minutes of a
Hong Kong Government meeting (Present / In attendance / Absent with apologies, confirmation of
the previous minutes, each agenda item with its discussion in reported speech and what was
agreed, and an action table with "Action by" and due date), a short summary, or the actions
alone. Statements cite the transcript turns they come from as [12] or [12, 14]; the summary's
opening paragraph, when the draft has one, is an overview of the whole meeting and cites none."""

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from aiplus.core.i18n import to_traditional

if TYPE_CHECKING:
    from aiplus.meetings.drafting import Draft, Item
    from aiplus.meetings.models import Meeting


OTHER_BUSINESS = ("other business", "其他事項", "其他事宜", "其他事项")


def agenda_items(meeting: "Meeting") -> list[str]:
    return [line.strip() for line in meeting.agenda.splitlines() if line.strip()][:50]


def attendance(meeting: "Meeting") -> dict[str, list[str]]:
    """Attendee lines: "Name, Post" was present; "+ Name" was in attendance (not a member);
    "- Name" sent apologies."""
    groups: dict[str, list[str]] = {"present": [], "in_attendance": [], "absent": []}
    for raw in meeting.attendees.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line[0] in "-–":
            groups["absent"].append(line[1:].strip())
        elif line[0] == "+":
            groups["in_attendance"].append(line[1:].strip())
        else:
            groups["present"].append(line)
    return groups


def attendee_names(lines: Sequence[str]) -> list[str]:
    """The names of attendee lines, each once ("Chan Tai Man, Chairman", "陳大文，主席" and
    "Lee Ka Yan (EO)" give the name before the comma or bracket)."""
    names = [re.split(r"[,，(（]", line, maxsplit=1)[0].strip() for line in lines]
    return [name for name in dict.fromkeys(names) if name]


def cite(turns: list[int]) -> str:
    return f" [{', '.join(str(t) for t in turns)}]" if turns else ""


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "/").split())


def _bullets(items: "list[Item]") -> list[str]:
    return [f"- {item.text}{cite(item.turns)}" for item in items]


def _action_table(actions: "list[Item]") -> list[str]:
    if not actions:
        return [_("No action items were recorded.")]
    lines = [
        "| " + " | ".join([_("Action"), _("Action by"), _("Due")]) + " |",
        "|---|---|---|",
    ]
    for item in actions:
        lines.append(
            f"| {_cell(item.text)}{cite(item.turns)} | {_cell(item.owner) or '-'} "
            f"| {_cell(item.due) or '-'} |"
        )
    return lines


def _formal(meeting: "Meeting", draft: "Draft") -> list[str]:
    people = attendance(meeting)
    lines = [f"# {meeting.title}", "", date_format(meeting.held_on, "DATE_FORMAT"), ""]
    for key, heading in (
        ("present", _("Present")),
        ("in_attendance", _("In attendance")),
        ("absent", _("Absent with apologies")),
    ):
        if people[key]:
            lines += [f"## {heading}", "", *[f"- {name}" for name in people[key]], ""]
    lines += [
        "## " + _("Confirmation of the minutes of the previous meeting"),
        "",
        _("To be completed by the secretary."),
        "",
    ]
    arising = _matters_arising(meeting)
    if arising:
        lines += ["## " + _("Matters arising from previous meetings"), "", *arising, ""]
    agenda = agenda_items(meeting)
    # Items under no agenda item go under the agenda's own "any other business", if it has one.
    other = next(
        (
            n
            for n, title in enumerate(agenda, 1)
            if any(words in title.casefold() for words in OTHER_BUSINESS)
        ),
        0,
    )
    points = defaultdict(list)
    for item in draft.points:
        points[item.agenda_item if 1 <= item.agenda_item <= len(agenda) else other].append(item)
    decisions = defaultdict(list)
    for item in draft.decisions:
        decisions[item.agenda_item if 1 <= item.agenda_item <= len(agenda) else other].append(item)
    sections = [(n, title) for n, title in enumerate(agenda, 1)]
    if points[0] or decisions[0] or not agenda:
        sections.append((0, _("Any other business") if agenda else _("Discussion")))
    for number, title in sections:
        lines += [f"## {title}", ""]
        lines += _bullets(points[number])
        if not points[number] and not decisions[number]:
            lines.append(_("Nothing was recorded under this item."))
        if decisions[number]:
            lines += [
                "",
                "**" + _("The meeting agreed that:") + "**",
                "",
                *_bullets(decisions[number]),
            ]
        lines.append("")
    lines += ["## " + _("Action items"), "", *_action_table(draft.actions)]
    return lines


def _matters_arising(meeting: "Meeting") -> list[str]:
    from aiplus.meetings.actions import matters_arising

    if meeting.pk is None:  # a meeting drafted from the command line has no history
        return []
    return [
        f"- {item.task} ({item.owner_name or '-'}, {item.due_text or '-'})"
        for item in matters_arising(meeting)
    ]


def _summary(meeting: "Meeting", draft: "Draft") -> list[str]:
    lines = [f"# {meeting.title}", "", date_format(meeting.held_on, "DATE_FORMAT"), ""]
    lines += ["## " + _("Summary"), ""]
    if draft.overview:
        lines += [draft.overview, ""]
    lines += _bullets(draft.points[:12]) or [_("Nothing was recorded.")]
    lines += ["", "## " + _("Decisions"), "", *(_bullets(draft.decisions) or [_("None.")])]
    lines += ["", "## " + _("Next steps"), "", *_action_table(draft.actions)]
    return lines


def _actions(meeting: "Meeting", draft: "Draft") -> list[str]:
    return [f"# {meeting.title}", "", "## " + _("Action items"), "", *_action_table(draft.actions)]


def render(meeting: "Meeting", draft: "Draft", *, template: str, language: str) -> str:
    build = {"formal": _formal, "summary": _summary, "actions": _actions}.get(template, _formal)
    with translation.override(language):
        text = "\n".join(build(meeting, draft)).strip() + "\n"
    return to_traditional(text) if language == "zh-hant" else text


def generated_headings(meeting: "Meeting", *, template: str, language: str) -> set[str]:
    """The headings of the sections the model writes in this template (the others, such as
    who was present, come from the meeting's details): those one can ask it to write again."""
    with translation.override(language):
        if template == "summary":
            names = [_("Summary"), _("Decisions"), _("Next steps")]
        elif template == "actions":
            names = [_("Action items")]
        else:
            names = [
                *agenda_items(meeting),
                _("Any other business"),
                _("Discussion"),
                _("Action items"),
            ]
    return {to_traditional(name) if language == "zh-hant" else name for name in names}


def heading(words: str, language: str) -> str:
    """A heading's words as the layout writes them in `language` (`words` untranslated)."""
    with translation.override(language):
        text = _(words)
    return to_traditional(text) if language == "zh-hant" else text


def empty_section(language: str) -> str:
    """What a section says when the model found nothing for it."""
    return heading(gettext_noop("Nothing was recorded under this item."), language)
