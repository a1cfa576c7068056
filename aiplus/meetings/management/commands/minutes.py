"""`manage.py minutes FILE --template formal --lang en --out DIR [--attendees ...]`: the
Smart Minutes pipeline on one recording or transcript, from the command line (batch use and
evaluation). Nothing is stored in the database; the transcript and the minutes (Markdown and
Word) go to DIR. As in the hub, the attendees' names and the agenda are Whisper's prompt."""

import time
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from aiplus.ai.audio import load_audio
from aiplus.ai.exceptions import AIError
from aiplus.ai.providers import get_chat_model, get_transcriber
from aiplus.core.jobs.models import JobFailed
from aiplus.meetings import drafting, layout
from aiplus.meetings.export import docx_from_markdown
from aiplus.meetings.models import Meeting, Minutes
from aiplus.meetings.naming import suggest_for
from aiplus.meetings.services import AUDIO_EXTENSIONS, is_transcript
from aiplus.meetings.transcription import MAX_SECONDS, WHISPER_LANGUAGES, whisper_prompt
from aiplus.meetings.transcripts import TranscriptError, merge_turns, parse_transcript
from aiplus.meetings.wordturns import Heard, label_voices


class Command(BaseCommand):
    help = "Draft minutes from a recording or a transcript file, without the web app."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--template", choices=[t.value for t in Minutes.Template], default="formal"
        )
        parser.add_argument("--lang", choices=["en", "zh-hant"], default="en")
        parser.add_argument("--out", type=Path, default=Path("."))
        parser.add_argument("--title", default="")
        parser.add_argument("--agenda", default="", help="agenda items separated by ';'")
        parser.add_argument(
            "--attendees",
            default="",
            help="attendees separated by ';': 'Name, Post', '+ Name' (in attendance), '- Name'"
            " (apologies); their names also guide the transcription's spelling",
        )
        parser.add_argument("--spoken", choices=[c.value for c in Meeting.Language], default="auto")

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path = options["file"]
        if not source.is_file():
            raise CommandError(f"No such file: {source}")
        meeting = Meeting(  # never saved: it carries the details the layout prints
            title=options["title"] or source.stem,
            held_on=date.today(),
            agenda="\n".join(item.strip() for item in options["agenda"].split(";")),
            attendees="\n".join(person.strip() for person in options["attendees"].split(";")),
            language=options["spoken"],
        )
        started = time.perf_counter()
        turns = self._turns(source, meeting, prompt=whisper_prompt(meeting) or None)
        heard = time.perf_counter() - started
        model = get_chat_model()
        try:
            draft = drafting.draft_from_lines(
                drafting.numbered_lines(turns),
                agenda=drafting._agenda_text(meeting),
                language=options["lang"],
                model=model,
                overview=options["template"] == Minutes.Template.SUMMARY,
                progress=lambda done, total: self.stderr.write(f"model call {done}/{total}"),
            )
        except (JobFailed, AIError) as error:
            raise CommandError(str(error)) from error
        text = layout.render(meeting, draft, template=options["template"], language=options["lang"])
        out: Path = options["out"]
        out.mkdir(parents=True, exist_ok=True)
        stem = source.stem
        (out / f"{stem}.transcript.txt").write_text(
            "\n".join(line for _n, line in drafting.numbered_lines(turns)) + "\n",
            encoding="utf-8",
        )
        (out / f"{stem}.minutes.md").write_text(text, encoding="utf-8")
        (out / f"{stem}.minutes.docx").write_bytes(docx_from_markdown(text))
        self.stdout.write(
            f"{len(turns)} turns; {len(draft.points)} points, {len(draft.decisions)} decisions, "
            f"{len(draft.actions)} actions ({draft.dropped} unsupported dropped); "
            f"transcript {heard:.1f} s, minutes {time.perf_counter() - started - heard:.1f} s "
            f"with {model.name}; written to {out}"
        )

    def _turns(
        self, source: Path, meeting: Meeting, *, prompt: str | None
    ) -> list[tuple[str, str]]:
        if is_transcript(source.name):
            try:
                segments = merge_turns(parse_transcript(source.name, source.read_bytes()))
            except TranscriptError as error:
                raise CommandError(str(error)) from error
            return [(segment.speaker, segment.text) for segment in segments]
        if source.suffix.lower() not in AUDIO_EXTENSIONS:
            raise CommandError(f"Not a recording or a transcript: {source.name}")
        try:
            transcript = get_transcriber().transcribe(
                source,
                language=WHISPER_LANGUAGES.get(meeting.language),
                prompt=prompt,
                words=settings.AIPLUS_MEETING_WORD_TIMES,
            )
            audio = load_audio(source, max_seconds=MAX_SECONDS)
        except AIError as error:
            raise CommandError(str(error)) from error
        spoken = [part for part in transcript.segments if part.text.strip()]
        # Who spoke when, as the hub's speaker step does (the whole recording is in memory here).
        heard = [Heard(part.start, part.end, part.text, part.words) for part in spoken]
        turns: list[tuple[str, str]] = []
        for part, (found, runs) in zip(spoken, label_voices([audio], heard), strict=True):
            if runs:
                turns += [(run.speaker, run.text) for run in runs]
            else:
                turns.append((found, part.text.strip()))
        names = suggest_for(meeting, turns)
        return [(names.get(who, who), text) for who, text in turns]
