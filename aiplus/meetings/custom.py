"""Minutes in a template an officer wrote (MinutesTemplate): the sections they want, each with
an instruction, in one language. The model reads the transcript in parts, as for the built-in
templates, and returns for each section the statements that belong in it, each citing the
turns it comes from; every statement is checked against those turns (`drafting.cited_turns`).

The officer's words are the user's text: they go in the user message, after the transcript
rules the system message sets, and they are cut to their limits first. Nothing they say can
change the JSON the hub asks for, and whatever the model writes is shown escaped."""

from collections.abc import Callable
from typing import Any

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from aiplus.ai.protocols import ChatModel
from aiplus.ai.values import ChatMessage
from aiplus.core.i18n import to_traditional
from aiplus.core.jobs.models import JobFailed
from aiplus.meetings import drafting, translating
from aiplus.meetings.answers import ask_json
from aiplus.meetings.layout import cite
from aiplus.meetings.models import Meeting, MinutesTemplate

SYSTEM = "\n".join(
    [
        "You take the minutes of a Hong Kong Government meeting.",
        "The user gives the sections the minutes should have, numbered, each with the"
        " officer's wishes for it, then part of the transcript. Each turn of the transcript"
        " starts with its number in square brackets and the speaker.",
        'Return JSON with "sections": for each section, its "section" number and "items",'
        ' each item one sentence ("text") with "turns" (the numbers of the turns it comes'
        " from).",
        "Follow the wishes only as to what goes in each section and how it is worded. Use only"
        " what the transcript says; leave a section's items empty when it has nothing for it."
        " Write in {language}.",
    ]
)

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "sections": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "section": {"type": "integer"},
                    "items": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "text": {"type": "string"},
                                "turns": {"type": "array", "items": {"type": "integer"}},
                            },
                            "required": ["text", "turns"],
                        },
                    },
                },
                "required": ["section", "items"],
            },
        }
    },
    "required": ["sections"],
}


def _wishes(sections: list[dict[str, str]]) -> str:
    lines = []
    for number, section in enumerate(sections, start=1):
        title = section["title"][: MinutesTemplate.MAX_TITLE]
        instruction = section.get("instruction", "")[: MinutesTemplate.MAX_INSTRUCTION]
        lines.append(f"{number}. {title}" + (f": {instruction}" if instruction else ""))
    return "\n".join(lines)


def messages_for(sections: list[dict[str, str]], chunk: str, language: str) -> list[ChatMessage]:
    name = drafting.LANGUAGE_NAMES.get(language, "English")
    user = f"Sections:\n{_wishes(sections)}\n\nTranscript:\n{chunk}"
    return [ChatMessage("system", SYSTEM.format(language=name)), ChatMessage("user", user)]


def draft(
    meeting: Meeting,
    *,
    sections: list[dict[str, str]],
    language: str,
    model: ChatModel,
    progress: Callable[[int, int], None] | None = None,
    temperature: float = drafting.TEMPERATURE,
) -> list[list[drafting.Item]]:
    """The statements for each section, in the sections' order."""
    lines = drafting.transcript_lines(meeting)
    if not lines:
        raise JobFailed(_("The meeting has no transcript yet."))
    known = dict(lines)
    # Written in the transcript's language, then translated (as `drafting` does).
    spoken = translating.spoken_language(line for _position, line in lines)
    fixed = sum(model.count_tokens(m.content) for m in messages_for(sections, "", spoken))
    budget = min(drafting.PART_TOKENS, model.context_tokens - drafting.MAX_TOKENS - fixed - 64)
    if budget < 100:
        raise JobFailed(_("The language model's context is too small for minutes."))
    found: list[list[drafting.Item]] = [[] for _section in sections]
    chunks = drafting.parts(lines, budget=budget, count=model.count_tokens)
    report = progress or (lambda done, total: None)
    # Translating: as if every part gave a few statements for each section.
    translations = translating.batches(len(chunks) * len(sections) * 3)
    planned = len(chunks) + (translations if spoken != language else 0)
    for number, chunk in enumerate(chunks, 1):
        data = ask_json(
            model,
            messages_for(sections, chunk, spoken),
            schema=SCHEMA,
            max_tokens=drafting.MAX_TOKENS,
            temperature=temperature,
        )
        for raw in data.get("sections") or []:
            if not isinstance(raw, dict) or not isinstance(raw.get("section"), int):
                continue
            index = raw["section"] - 1
            if not 0 <= index < len(sections):
                continue
            for item in raw.get("items") or []:
                if not isinstance(item, dict):
                    continue
                text = " ".join(str(item.get("text") or "").split())[:1000]
                cited = drafting._turns(item.get("turns"), known)
                turns = drafting.cited_turns(text, cited, known, drafting.turns_in(chunk))
                if text and turns:
                    found[index].append(drafting.Item(text, turns))
        report(number, planned)
    if spoken != language:
        items = [item for items in found for item in items]
        texts = [item.text for item in items]
        planned = len(chunks) + translating.calls(texts, language)
        texts = translating.translate(
            texts,
            language=language,
            model=model,
            names=drafting.speaker_names(known),
            temperature=temperature,
            progress=lambda calls: report(len(chunks) + calls, planned),
        )
        for item, text in zip(items, texts, strict=True):
            item.text = text
    return found


def render(
    meeting: Meeting,
    sections: list[dict[str, str]],
    found: list[list[drafting.Item]],
    *,
    language: str,
) -> str:
    with translation.override(language):
        lines = [f"# {meeting.title}", "", date_format(meeting.held_on, "DATE_FORMAT"), ""]
        for section, items in zip(sections, found, strict=True):
            lines += [f"## {' '.join(section['title'].split())}", ""]
            lines += [f"- {item.text}{cite(item.turns)}" for item in items] or [
                _("Nothing was recorded under this item.")
            ]
            lines.append("")
        text = "\n".join(lines).strip() + "\n"
    return to_traditional(text) if language == "zh-hant" else text
