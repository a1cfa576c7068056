"""Meeting transcripts that officers upload instead of audio, parsed into speaker turns.

parse_transcript() chooses a parser by the file extension:

``.vtt``
    WebVTT. Microsoft Teams names the speaker in a voice tag (``<v Jane Doe>Hello</v>``, also
    ``<v.loud Jane Doe>``); Zoom starts the cue text with ``Jane Doe: ``. Cue identifiers, cue
    settings, NOTE, STYLE and REGION blocks and other tags (``<b>``, ``<c.x>``, ``<00:00:01.000>``)
    are dropped and entities such as ``&amp;`` are unescaped.
``.srt``
    SubRip: an optional index line, ``00:00:01,000 --> 00:00:04,000`` (``.`` works too) and the
    text lines; ``Name: text`` names the speaker. Text is kept as written, tags included.
``.txt``
    Lines such as ``Name: text``, ``主席：早晨``, ``[00:01:02] Name: text``, ``00:01:02 Name: text``
    or plain paragraphs. A line without a prefix continues the turn above it. A heading line
    ``Name   0:00:03`` or ``0:00:03 Name`` opens a turn whose words follow (the Microsoft Teams
    transcript layout). Text that starts with ``WEBVTT`` is read as WebVTT, and text with
    ``-->`` timing lines as cues, which covers the older Teams layout (timing, name, text).
``.docx``
    Word documents: the paragraphs (and table cells) are read as the lines of a ``.txt`` file.
``.json``
    QMSum meetings ``{"meeting_transcripts": [{"speaker": ..., "content": ...}]}``, Whisper's
    ``{"segments": [...]}``, or a list of ``{"speaker", "text" or "content", "start", "end"}``.
    Annotations such as ``{vocalsound}`` are removed.

Text files may be UTF-8 (with or without a BOM), UTF-16 with a BOM, Big5-HKSCS or GB18030
(whichever of the two reads as more plausible Chinese: see `decoding`).
Anything that cannot be read raises TranscriptError, whose message is meant for the user.
"""

import codecs
import html
import io
import json
import math
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Self

from django.utils.translation import gettext as _

from aiplus.meetings.decoding import decode_chinese

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.table import Table


@dataclass(frozen=True)
class Segment:
    start: float | None  # seconds from the start, None when the format has no times
    end: float | None
    speaker: str  # "" when unknown
    text: str


class TranscriptError(ValueError):
    """A file that cannot be read as a transcript; str(error) is a clear, translated message for
    the user."""


SUPPORTED_EXTENSIONS = (".vtt", ".srt", ".txt", ".docx", ".json")
MAX_TRANSCRIPT_BYTES = 20 * 1024 * 1024
MAX_SEGMENTS = 50_000
MAX_DOCX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_SPEAKER_CHARS = 100
# A "Name:" label longer than this is a sentence with a colon, not a speaker.
MAX_LABEL_CHARS = 40
MAX_LABEL_WORDS = 6

# Control characters other than tab and newline (\r is turned into \n before this is used).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Decoded text with more control characters than this is binary, not text with a stray NUL.
_BINARY_SHARE = 0.1
_BINARY_SLACK = 8
_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")

# "00:00:01.000 --> 00:00:04.000 align:start"; hours optional, "," or "." before the fraction.
_CUE_CLOCK = r"(?:\d+:)?\d{1,2}:\d{1,2}(?:[.,]\d+)?"
_CUE_CLOCK_ONLY = re.compile(_CUE_CLOCK)
_CUE_TIMING = re.compile(rf"^\s*(?P<start>{_CUE_CLOCK})\s*-->\s*(?P<end>{_CUE_CLOCK})(?:\s.*)?$")
_VTT_SKIPPED_BLOCK = re.compile(r"^(?:WEBVTT|NOTE|STYLE|REGION)(?:\s|$)")
_VTT_VOICE = re.compile(r"<v(?:\.[^\s<>]*)*(?:[ \t]+([^<>]*))?>")
_TAG = re.compile(r"<[^<>]*>")
_INDEX_LINE = re.compile(r"\d+")

# Times written in running text: "1:02", "00:01:02", "0:01:02.5".
_CLOCK = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_TIME_PREFIX = re.compile(
    rf"^[\[(]?(?P<clock>{_CLOCK})(?=[\])\s|–—-]|$)[\])]?\s*(?:[-–—|]\s*)?(?P<rest>.*)$"
)
_NAME_THEN_TIME = re.compile(rf"^(?P<name>.*?\S)(?P<gap>\s+)[\[(]?(?P<clock>{_CLOCK})[\])]?$")
_LABEL = re.compile(r"^(?P<name>[^:：]+?)\s*[:：]\s*(?P<text>.*)$", re.DOTALL)
_NOT_IN_NAME = frozenset(":：;；?？!！。，")
_QMSUM_MARKER = re.compile(r"\{\w+\}")  # {vocalsound}, {disfmarker}, {gap}, ...
# Chinese, Japanese and Korean characters and their punctuation: lines wrapped between two of
# them join without a space.
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]")


def parse_transcript(filename: str, data: bytes) -> list[Segment]:
    """The segments of an uploaded transcript, in file order and not merged (see merge_turns)."""
    extension = os.path.splitext(filename)[1].lower()
    if extension not in SUPPORTED_EXTENSIONS:
        raise TranscriptError(
            _("Choose a transcript file ending in %(extensions)s.")
            % {"extensions": ", ".join(SUPPORTED_EXTENSIONS)}
        )
    if not data:
        raise TranscriptError(_("The file is empty."))
    if len(data) > MAX_TRANSCRIPT_BYTES:
        raise TranscriptError(
            _("The file is larger than %(limit)s MB.")
            % {"limit": MAX_TRANSCRIPT_BYTES // (1024 * 1024)}
        )
    if extension == ".docx":
        return _finish(_parse_plain(_docx_text(data)))
    text = _decode(data)
    if not text.strip():
        raise TranscriptError(_("The file is empty."))
    return _finish(_PARSERS[extension](text))


def merge_turns(segments: list[Segment], *, max_gap: float = 2.0) -> list[Segment]:
    """Join consecutive segments of the same named speaker with a space. When the earlier
    segment's end and the later one's start are both known they must be at most max_gap
    seconds apart. Turns without a speaker stay apart (each paragraph stays citable)."""
    merged: list[Segment] = []
    for segment in segments:
        if merged and _continues(merged[-1], segment, max_gap):
            previous = merged[-1]
            merged[-1] = Segment(
                start=previous.start if previous.start is not None else segment.start,
                end=_later(previous.end, segment.end),
                speaker=previous.speaker,
                text=f"{previous.text} {segment.text}",
            )
        else:
            merged.append(segment)
    return merged


def _continues(previous: Segment, segment: Segment, max_gap: float) -> bool:
    if not segment.speaker or segment.speaker != previous.speaker:
        return False
    if previous.end is None or segment.start is None:
        return True
    return segment.start - previous.end <= max_gap


def _later(first: float | None, second: float | None) -> float | None:
    if first is None or second is None:
        return second if first is None else first
    return max(first, second)


# Reading and checking -----------------------------------------------------------------------


def _unreadable(reason: str) -> TranscriptError:
    return TranscriptError(
        _("This file is not a transcript we can read: %(reason)s") % {"reason": reason}
    )


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
    try:
        text: str | None = data.decode(encoding)
    except UnicodeDecodeError:
        text = decode_chinese(data) if encoding == "utf-8" else None
    if text is None:
        raise _unreadable(_("it is not text in UTF-8, UTF-16, Big5 or GB18030."))
    return _without_controls(text)


def _without_controls(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = len(_CONTROL.findall(text))
    if controls > _BINARY_SLACK and controls > len(text) * _BINARY_SHARE:
        raise _unreadable(_("it contains binary data."))
    return _CONTROL.sub("", text)


def _finish(raw: Iterable[Segment]) -> list[Segment]:
    """Clean the text and speakers, drop empty segments, keep times in order and count."""
    segments: list[Segment] = []
    latest_start: float | None = None
    for segment in raw:
        text = _clean_text(segment.text)
        if not text:
            continue
        start, end = segment.start, segment.end
        if start is not None:
            # A cue listed before an earlier one: keep it where it is, at the time so far.
            if latest_start is not None and start < latest_start:
                start = latest_start
            latest_start = start
            if end is not None and end < start:
                end = start
        segments.append(Segment(start, end, _clean_speaker(segment.speaker), text))
        if len(segments) > MAX_SEGMENTS:
            raise TranscriptError(
                _("The transcript has more than %(limit)s parts.") % {"limit": MAX_SEGMENTS}
            )
    if not segments:
        raise TranscriptError(_("No transcript text was found in the file."))
    return segments


def _clean_text(text: str) -> str:
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = (_HORIZONTAL_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _clean_speaker(name: str) -> str:
    return " ".join(_CONTROL.sub("", name).split())[:MAX_SPEAKER_CHARS].rstrip()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _join_lines(lines: Iterable[str]) -> str:
    """Join wrapped lines with a space, or with nothing between two Chinese characters."""
    parts: list[str] = []
    for raw_line in lines:
        line = raw_line.strip()
        if not line:
            continue
        if parts and not (_CJK.match(parts[-1][-1]) and _CJK.match(line[0])):
            parts.append(" ")
        parts.append(line)
    return "".join(parts)


def _seconds(clock: str) -> float:
    *larger, seconds = clock.replace(",", ".").split(":")
    total = float(seconds)
    for unit, part in zip((60, 3600), reversed(larger), strict=False):
        total += int(part) * unit
    return round(total, 3)


# Speaker labels -----------------------------------------------------------------------------


def _looks_like_name(text: str, *, strict: bool) -> bool:
    """A short label without sentence punctuation. Strict: every word capitalised, as needed
    where nothing but the look of the words tells a name from speech ("0:03 Jane Doe")."""
    words = text.split()
    if not words or len(text) > MAX_LABEL_CHARS or len(words) > MAX_LABEL_WORDS:
        return False
    if not any(char.isalpha() for char in text) or any(char in _NOT_IN_NAME for char in text):
        return False
    if text[-1] in ".,…":
        return False
    return not strict or all(_capitalised(word) for word in words)


def _capitalised(word: str) -> bool:
    first_letter = next((char for char in word if char.isalpha()), "")
    return not first_letter.islower()  # Chinese characters have no case and pass


def _speaker_label(line: str) -> tuple[str, str] | None:
    """("Jane Doe", "Hello") for "Jane Doe: Hello" (or a full-width colon), else None."""
    match = _LABEL.match(line)
    if match is None:
        return None
    name, text = match["name"].strip(), match["text"]
    if not _looks_like_name(name, strict=False) or text.startswith("//"):  # https://...
        return None
    if name[-1].isdigit() and text[:1].isdigit():  # "Room 10:30"
        return None
    return name, text


def _split_speaker(text: str) -> tuple[str, str]:
    return _speaker_label(text) or ("", text)


# WebVTT and SRT -----------------------------------------------------------------------------


@dataclass
class _Cue:
    start: float
    end: float
    lines: list[str]


def _timing(line: str) -> tuple[float, float] | None:
    match = _CUE_TIMING.match(line)
    return None if match is None else (_seconds(match["start"]), _seconds(match["end"]))


def _blocks(text: str) -> Iterator[list[str]]:
    block: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            block.append(line.strip())
        elif block:
            yield block
            block = []
    if block:
        yield block


def _parse_vtt(text: str) -> Iterator[Segment]:
    cue: _Cue | None = None
    for block in _blocks(text):
        found = next(
            ((index, times) for index, line in enumerate(block) if (times := _timing(line))),
            None,
        )
        if found is not None:
            if cue is not None:
                yield from _vtt_segments(cue)
            index, (start, end) = found
            cue = _Cue(start, end, block[index + 1 :])  # lines before the timing: identifier
        elif _VTT_SKIPPED_BLOCK.match(block[0]):
            continue
        elif cue is not None:
            cue.lines.extend(block)  # a stray blank line inside the cue text
    if cue is not None:
        yield from _vtt_segments(cue)


def _vtt_segments(cue: _Cue) -> Iterator[Segment]:
    # split() gives [text before any voice, voice 1, its text, voice 2, its text, ...]
    pieces = _VTT_VOICE.split("\n".join(cue.lines))
    voiced: list[tuple[str | None, str]] = [(None, pieces[0])]
    voiced += zip(pieces[1::2], pieces[2::2], strict=True)
    for voice, body in voiced:
        text = _join_lines(html.unescape(_TAG.sub("", body)).split("\n"))
        if not text:
            continue
        if voice is None:
            speaker, text = _split_speaker(text)  # Zoom: "Jane Doe: text"
        else:
            speaker = html.unescape(voice)
        yield Segment(cue.start, cue.end, speaker, text)


def _parse_srt(text: str) -> Iterator[Segment]:
    return _parse_cue_lines(text.split("\n"), name_lines=False)


def _parse_cue_lines(lines: Iterable[str], *, name_lines: bool) -> Iterator[Segment]:
    """Cues found by their timing lines, so missing index lines and missing or extra blank lines
    do not matter. name_lines: a capitalised first line names the speaker (older Teams)."""
    cue: _Cue | None = None
    for raw_line in lines:
        line = raw_line.strip()
        times = _timing(line)
        if times is not None:
            if cue is not None:
                if len(cue.lines) > 1 and _INDEX_LINE.fullmatch(cue.lines[-1]):
                    cue.lines.pop()  # the next cue's index number
                yield from _cue_segment(cue, name_lines=name_lines)
            cue = _Cue(*times, [])
        elif line and cue is not None:
            cue.lines.append(line)
    if cue is not None:
        yield from _cue_segment(cue, name_lines=name_lines)


def _cue_segment(cue: _Cue, *, name_lines: bool) -> Iterator[Segment]:
    lines, speaker = cue.lines, ""
    if name_lines and len(lines) > 1 and _looks_like_name(lines[0], strict=True):
        speaker, lines = lines[0], lines[1:]
    text = _join_lines(lines)
    if not speaker:
        speaker, text = _split_speaker(text)
    yield Segment(cue.start, cue.end, speaker, text)


# Plain text (and Word paragraphs) -----------------------------------------------------------


@dataclass
class _Turn:
    speaker: str
    start: float | None
    paragraphs: list[list[str]] = field(default_factory=lambda: [[]])
    fallback: str = ""  # a heading line, kept as text if no words follow it

    @classmethod
    def opening(cls, speaker: str, start: float | None, text: str, fallback: str = "") -> Self:
        return cls(speaker, start, [[text]] if text else [[]], fallback)

    @property
    def empty(self) -> bool:
        return not any(self.paragraphs)

    @property
    def plain(self) -> bool:
        return not self.speaker and self.start is None

    def add(self, line: str) -> None:
        self.paragraphs[-1].append(line)

    def break_paragraph(self) -> None:
        if self.paragraphs[-1]:
            self.paragraphs.append([])

    def absorb(self, later: Self) -> Self:
        """This turn has no words yet: "[00:01:02]" on its own line, then "Name: text"."""
        return type(self)(
            self.speaker or later.speaker,
            self.start if self.start is not None else later.start,
            later.paragraphs,
            later.fallback or self.fallback,
        )

    def segments(self) -> Iterator[Segment]:
        text = "\n".join(_join_lines(lines) for lines in self.paragraphs if lines)
        if text:
            yield Segment(self.start, None, self.speaker, text)
        elif self.fallback:
            yield Segment(self.start, None, "", self.fallback)


def _parse_plain(text: str) -> Iterator[Segment]:
    if text.lstrip().startswith("WEBVTT"):
        return _parse_vtt(text)
    lines = text.split("\n")
    if any(_CUE_TIMING.match(line) for line in lines):
        return _parse_cue_lines(lines, name_lines=True)
    return _parse_lines(lines)


def _parse_lines(lines: Iterable[str]) -> Iterator[Segment]:
    turn: _Turn | None = None
    for raw_line in lines:
        line = raw_line.strip()
        if not line:
            if turn is not None and turn.plain:
                yield from turn.segments()  # plain paragraphs stand alone
                turn = None
            elif turn is not None:
                turn.break_paragraph()
            continue
        opened = _opening_turn(line)
        if opened is None:
            turn = turn or _Turn("", None)
            turn.add(line)
        elif turn is not None and turn.empty and not (turn.speaker and opened.speaker):
            turn = turn.absorb(opened)
        else:
            if turn is not None:
                yield from turn.segments()
            turn = opened
    if turn is not None:
        yield from turn.segments()


def _opening_turn(line: str) -> _Turn | None:
    """The turn a line opens, or None for a line that continues the text above."""
    if match := _TIME_PREFIX.match(line):
        start, rest = _seconds(match["clock"]), match["rest"]
        if label := _speaker_label(rest):
            return _Turn.opening(label[0], start, label[1], fallback=line)
        if rest and _looks_like_name(rest, strict=True):  # Teams: "0:00:03 Jane Doe"
            return _Turn.opening(rest, start, "", fallback=rest)
        return _Turn.opening("", start, rest)
    if match := _NAME_THEN_TIME.match(line):  # Teams: "Jane Doe   0:00:03"
        # Wide spacing marks the layout; after a single space the name must look like one.
        strict = match["gap"] == " "
        if _looks_like_name(match["name"], strict=strict):
            return _Turn.opening(match["name"], _seconds(match["clock"]), "", fallback=line)
    if label := _speaker_label(line):
        return _Turn.opening(label[0], None, label[1], fallback=line)
    return None


# Word documents -----------------------------------------------------------------------------


def _docx_text(data: bytes) -> str:
    _check_docx_archive(data)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        return _CONTROL.sub("", "\n\n".join(_docx_paragraphs(document)))
    except Exception as error:  # python-docx and lxml fail in many ways on damaged files
        raise _unreadable(_("it is not a valid Word document.")) from error


def _check_docx_archive(data: bytes) -> None:
    """Refuse what is not a Word archive, and zip bombs, before python-docx unpacks anything."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except Exception as error:  # BadZipFile mostly, but damaged archives raise others too
        raise _unreadable(_("it is not a Word (.docx) document.")) from error
    if "word/document.xml" not in {entry.filename for entry in entries}:
        raise _unreadable(_("it is not a Word (.docx) document."))
    if sum(entry.file_size for entry in entries) > MAX_DOCX_UNPACKED_BYTES:
        raise _unreadable(_("it is too large once unpacked."))


def _docx_paragraphs(document: "WordDocument") -> Iterator[str]:
    from docx.table import Table

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            yield from _table_paragraphs(block)
        else:
            yield block.text


def _table_paragraphs(table: "Table") -> Iterator[str]:
    seen: dict[int, object] = {}  # merged cells repeat in row.cells; keep each element alive
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen[id(cell._tc)] = cell._tc
            yield from (paragraph.text for paragraph in cell.paragraphs)


# JSON ---------------------------------------------------------------------------------------


def _parse_json(text: str) -> Iterator[Segment]:
    for number, item in enumerate(_json_items(text), start=1):
        if not isinstance(item, dict):
            raise _unreadable(_("the JSON is not a list of speaker turns."))
        body = _QMSUM_MARKER.sub(" ", _CONTROL.sub("", _json_text(item, number)))
        yield Segment(
            start=_json_time(item.get("start")),
            end=_json_time(item.get("end")),
            speaker=_json_speaker(item.get("speaker")),
            text=_one_line(body),
        )


def _json_items(text: str) -> list[object]:
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise _unreadable(_("it is not valid JSON.")) from error
    if isinstance(document, dict):
        document = next(
            (
                document[key]
                for key in ("meeting_transcripts", "segments")
                if isinstance(document.get(key), list)
            ),
            None,
        )
    if not isinstance(document, list):
        raise _unreadable(_("the JSON is not a list of speaker turns."))
    return document


def _json_text(item: dict[str, object], number: int) -> str:
    for key in ("content", "text"):
        if key in item:
            value = item[key]
            if value is None:
                return ""
            if isinstance(value, str):
                return value
            break
    raise _unreadable(_("turn %(number)s has no text.") % {"number": number})


def _json_speaker(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return ""


def _json_time(value: object) -> float | None:
    """Seconds from a number, a numeric string or "00:01:02.5"; None for anything else."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        if isinstance(value, str) and _CUE_CLOCK_ONLY.fullmatch(value.strip()):
            seconds = _seconds(value.strip())
        else:
            seconds = float(value)
    except (ValueError, OverflowError):
        return None
    return round(seconds, 3) if math.isfinite(seconds) and seconds >= 0 else None


_PARSERS: dict[str, Callable[[str], Iterable[Segment]]] = {
    ".vtt": _parse_vtt,
    ".srt": _parse_srt,
    ".txt": _parse_plain,
    ".json": _parse_json,
}
