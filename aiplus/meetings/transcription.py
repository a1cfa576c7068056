"""Recording to transcript, resumable piece by piece.

The first step decodes the recording once, streaming, into 16 kHz mono WAV pieces of
`PIECE_SECONDS` on disk beside it. The second transcribes each piece and stores its turns in
the same transaction that marks the piece done, so a worker killed mid-way resumes at the
first piece not done and never transcribes a finished one twice (each piece's word times, when
asked for, wait beside it in a JSON file). The third finds who spoke when from the voices,
labels the turns (S1, S2, ...) and cuts a turn where the speaker changes between its sentences
(`wordturns`), then numbers the turns 1, 2, 3... in time order (the numbers minutes cite).
Every piece is given the same prompt: the attendees' names and the agenda items, so that
Whisper spells them as the owner wrote them. The speaker step reads the pieces one at a time
and keeps only their voice features (27 MB an hour, against 230 MB for the audio itself)."""

import json
import logging
import re
import shutil
import time
import wave
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import F, Max

from aiplus.ai.audio import SAMPLE_RATE, stream_audio
from aiplus.ai.exceptions import AIError
from aiplus.ai.providers import get_transcriber
from aiplus.ai.values import Word
from aiplus.core.jobs.models import JobFailed
from aiplus.core.jobs.runner import report_progress
from aiplus.meetings.layout import agenda_items, attendance, attendee_names
from aiplus.meetings.models import Meeting, Segment, Speaker, TranscriptionJob
from aiplus.meetings.naming import suggest_for
from aiplus.meetings.wordturns import Heard, Run, label_voices

logger = logging.getLogger(__name__)
PIECE_SECONDS = 300.0
MAX_SECONDS = 4 * 3600 + 60  # four hours, and a minute's grace
WHISPER_LANGUAGES: dict[str, str] = {"en": "en", "zh": "zh"}  # Meeting.Language to Whisper's
# Whisper reads at most 224 tokens of prompt and keeps the last ones: about 600 characters of
# English, where a Chinese character counts four (it is a token or more of its own).
PROMPT_BUDGET = 600
_LIST_MARK = re.compile(r"^\s*(?:\d+[.)]|[-*•])\s*")


def _cost(text: str) -> int:
    return sum(4 if ord(char) >= 0x2E80 else 1 for char in text)


def whisper_prompt(meeting: Meeting) -> str:
    """The attendees' names, then the agenda items, as one short text ("" when there are
    none). What does not fit in `PROMPT_BUDGET` is left out: agenda items before names."""
    people = attendance(meeting)
    names = attendee_names(people["present"] + people["in_attendance"] + people["absent"])
    items = [_LIST_MARK.sub("", item).strip() for item in agenda_items(meeting)]
    chinese = meeting.language in (Meeting.Language.MANDARIN, Meeting.Language.CANTONESE)
    comma, stop = ("、", "。") if chinese else (", ", ". ")
    seen: set[str] = set()
    chosen: list[tuple[str, str]] = []  # (text, separator before the next)
    spent = 0
    for words, separator in ((names, comma), (items, stop)):
        for text in words:
            key = text.casefold()
            cost = _cost(text + separator)
            if not text or key in seen or spent + cost > PROMPT_BUDGET:
                continue
            seen.add(key)
            chosen.append((text, separator))
            spent += cost
        if chosen and chosen[-1][1] == comma:
            chosen[-1] = (chosen[-1][0], stop)  # the list of names ends as a sentence
    prompt = "".join(text + separator for text, separator in chosen)
    return prompt.strip()


def pieces_folder(meeting: Meeting) -> Path:
    return Path(settings.DATA_DIR) / "private" / "meetings" / str(meeting.uid) / "pieces"


def _piece_path(meeting: Meeting, number: int) -> Path:
    return pieces_folder(meeting) / f"{number:04d}.wav"


def _words_path(meeting: Meeting, number: int) -> Path:
    return pieces_folder(meeting) / f"{number:04d}.words.json"


def _write_words(meeting: Meeting, number: int, words: dict[int, list[Word]]) -> None:
    """The word times of a piece's turns, by turn position, for the speaker step (removed
    with the pieces)."""
    rows = {
        str(position): [[w.start, w.end, w.text] for w in found]
        for position, found in words.items()
    }
    _words_path(meeting, number).write_text(json.dumps(rows), encoding="utf-8")


def _read_words(meeting: Meeting, pieces: int) -> dict[int, list[Word]]:
    words: dict[int, list[Word]] = {}
    for number in range(pieces):
        try:
            rows = json.loads(_words_path(meeting, number).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # a transcriber without word times, or a step run again
        for position, found in rows.items():
            words[int(position)] = [Word(float(a), float(b), str(text)) for a, b, text in found]
    return words


def _write_wav(path: Path, samples: np.ndarray) -> None:
    pcm = (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(pcm.tobytes())


def split_step(job: TranscriptionJob) -> dict[str, Any]:
    meeting = job.meeting
    folder = pieces_folder(meeting)
    shutil.rmtree(folder, ignore_errors=True)  # a half-written split starts again
    folder.mkdir(parents=True)
    seconds = 0.0
    count = 0
    try:
        with meeting.recording.open("rb") as source:
            blocks = stream_audio(
                source,  # type: ignore[arg-type]  # a binary file object
                block_seconds=PIECE_SECONDS,
                max_seconds=MAX_SECONDS,
            )
            for block in blocks:
                _write_wav(_piece_path(meeting, count), block)
                count += 1
                seconds += block.size / SAMPLE_RATE
                if meeting.duration:
                    report_progress(job, min(seconds / meeting.duration, 1.0))
    except AIError as error:
        raise JobFailed(str(error.message)) from error
    job.pieces = count
    job.save(update_fields=["pieces"])
    Meeting.objects.filter(pk=meeting.pk).update(duration=round(seconds, 2))
    return {"pieces": count, "seconds": round(seconds, 2)}


def transcribe_step(job: TranscriptionJob) -> dict[str, Any]:
    meeting = job.meeting
    transcriber = get_transcriber()
    job.ai_model = transcriber.name[:200]
    language = WHISPER_LANGUAGES.get(meeting.language)
    prompt = whisper_prompt(meeting) or None  # the meeting's details do not change: same each time
    started = time.perf_counter()
    for number in range(job.pieces):
        if number in job.pieces_done:
            continue
        try:
            transcript = transcriber.transcribe(
                _piece_path(meeting, number),
                language=language,
                prompt=prompt,
                words=settings.AIPLUS_MEETING_WORD_TIMES,
            )
        except AIError as error:
            raise JobFailed(str(error.message)) from error
        offset = number * PIECE_SECONDS
        kept = [
            ((number + 1) * 100_000 + index, part)  # numbered 1, 2, 3... at the end
            for index, part in enumerate(transcript.segments)
            if part.text.strip()
        ]
        _write_words(
            meeting,
            number,
            {
                position: [Word(offset + w.start, offset + w.end, w.text) for w in part.words]
                for position, part in kept
                if part.words
            },
        )
        with transaction.atomic():
            Segment.objects.filter(meeting=meeting, piece=number).delete()
            Segment.objects.bulk_create(
                Segment(
                    meeting=meeting,
                    piece=number,
                    position=position,
                    start=round(offset + part.start, 2),
                    end=round(offset + part.end, 2),
                    text=part.text.strip()[:5000],
                )
                for position, part in kept
            )
            job.pieces_done = [*job.pieces_done, number]
            TranscriptionJob.objects.filter(pk=job.pk).update(pieces_done=job.pieces_done)
        done = len(job.pieces_done)
        elapsed = time.perf_counter() - started
        report_progress(job, done / job.pieces, _remaining(elapsed, done, job.pieces))
    return {"segments": meeting.segments.count()}


def speakers_step(job: TranscriptionJob) -> dict[str, Any]:
    """Who spoke when, from the voices (meetings.speakers), given to the transcript's turns,
    cut where the speaker changes between its sentences (`wordturns`);
    then the turns are numbered and the pieces removed. Safe to run again."""
    meeting = job.meeting
    segments = list(meeting.segments.order_by("piece", "start", "position"))
    words = _read_words(meeting, job.pieces)
    labelled: list[tuple[str, list[Run]]] = []
    try:
        pieces = (_read_wav(_piece_path(meeting, number)) for number in range(job.pieces))
        heard = [
            Heard(s.start or 0.0, s.end or 0.0, s.text, words.get(s.position, [])) for s in segments
        ]
        labelled = label_voices(pieces, heard)
    except (OSError, ValueError, MemoryError):
        logger.warning("meeting %s: speaker turns skipped", meeting.pk, exc_info=True)
    voices: set[str] = set()
    with transaction.atomic():
        added: list[Segment] = []
        for segment, (found, parts) in zip(segments, labelled, strict=False):
            if parts:
                added += _cut(segment, parts)
                voices.update(part.speaker for part in parts)
            elif found:
                voices.add(found)
                if segment.speaker != found:
                    Segment.objects.filter(pk=segment.pk).update(speaker=found)
        # New turns go after every number in use until the turns are numbered in time order.
        last = meeting.segments.aggregate(Max("position"))["position__max"] or 0
        for offset, segment in enumerate(added, start=1):
            segment.position = last + offset
        Segment.objects.bulk_create(added)
        for voice in sorted(voices):
            Speaker.objects.get_or_create(meeting=meeting, label=voice)
        renumber(meeting)
        named = _name_speakers(meeting)
        Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.TRANSCRIBED)
    shutil.rmtree(pieces_folder(meeting), ignore_errors=True)
    return {
        "speakers": len(voices),
        "turns": meeting.segments.count(),
        "named": named,
    }


def _name_speakers(meeting: Meeting) -> int:
    """Names for the voices the meeting itself says who they are (`naming`), where nobody has
    given one yet; the owner checks them in the speakers form."""
    turns = list(meeting.segments.order_by("position").values_list("speaker", "text"))
    named = 0
    for label, name in suggest_for(meeting, turns).items():
        named += Speaker.objects.filter(meeting=meeting, label=label, name="").update(name=name)
    return named


def _cut(segment: Segment, parts: list[Run]) -> list[Segment]:
    """One turn into one per speaker run: the first run keeps the row; the others are returned
    as new rows, not yet numbered."""
    first, *rest = parts
    Segment.objects.filter(pk=segment.pk).update(
        start=round(first.start, 2),
        end=round(first.end, 2),
        speaker=first.speaker,
        text=first.text[:5000],
    )
    return [
        Segment(
            meeting_id=segment.meeting_id,
            piece=segment.piece,
            start=round(part.start, 2),
            end=round(part.end, 2),
            speaker=part.speaker,
            text=part.text[:5000],
        )
        for part in rest
    ]


def _read_wav(path: Path) -> np.ndarray:
    with wave.open(str(path), "rb") as source:
        pcm = np.frombuffer(source.readframes(source.getnframes()), dtype="<i2")
    return pcm.astype(np.float32) / 32768.0


def _remaining(elapsed: float, done: int, total: int) -> str:
    from django.utils.translation import gettext as _

    if done == 0 or done >= total:
        return ""
    minutes = max(1, round(elapsed / done * (total - done) / 60))
    return _("About %(minutes)d min left") % {"minutes": minutes}


@transaction.atomic
def renumber(meeting: Meeting) -> None:
    """Number the turns 1, 2, 3... in time order."""
    segments = meeting.segments.all()
    segments.update(position=F("position") + 10_000_000)  # out of the way of the new numbers
    ordered = list(segments.order_by("piece", "start", "position").values_list("pk", flat=True))
    for number, pk in enumerate(ordered, start=1):
        Segment.objects.filter(pk=pk).update(position=number)
