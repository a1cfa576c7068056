"""Reading uploaded meeting transcripts (VTT, SRT, TXT, DOCX, JSON) into speaker turns."""

import io
import json
import random
import zipfile
from pathlib import Path

import docx
import pytest
from django.conf import settings

from aiplus.meetings.transcripts import (
    MAX_SEGMENTS,
    MAX_TRANSCRIPT_BYTES,
    SUPPORTED_EXTENSIONS,
    Segment,
    TranscriptError,
    merge_turns,
    parse_transcript,
)

QMSUM_VAL = Path(settings.BASE_DIR).parent / "shared" / "data" / "qmsum-committee" / "val.jsonl"


def S(start, end, speaker, text):
    return Segment(start=start, end=end, speaker=speaker, text=text)


def word_file(*paragraphs: str | list[str]) -> bytes:
    """A .docx whose paragraphs are the arguments; a list is one paragraph with line breaks."""
    document = docx.Document()
    for paragraph in paragraphs:
        lines = [paragraph] if isinstance(paragraph, str) else paragraph
        added = document.add_paragraph(lines[0])
        for line in lines[1:]:
            added.add_run().add_break()
            added.add_run(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_file(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


# WebVTT -------------------------------------------------------------------------------------

TEAMS_VTT = """WEBVTT

NOTE
Exported from Microsoft Teams.
Second line of the note.

STYLE
::cue(v[voice="Jane Doe"]) { color: blue }

a1b2c3d4-0000/12-0
00:00:01.000 --> 00:00:04.500 align:start position:10%
<v Jane Doe>Good morning &amp; welcome,
everyone.</v>

a1b2c3d4-0000/13-0
00:04.500 --> 00:06.250
<v.loud Bob Smith><b>Thanks</b>, <00:00:05.000><c.yellow>Jane</c>&nbsp;&lt;3</v>

NOTE a note between cues is not speech

01:02:03.040 --> 01:02:05.000
<v 陳大文>多謝主席。</v>
"""


def test_teams_vtt_reads_voice_tags_times_and_skips_notes_and_styles():
    assert parse_transcript("Meeting.VTT", TEAMS_VTT.encode()) == [
        S(1.0, 4.5, "Jane Doe", "Good morning & welcome, everyone."),
        S(4.5, 6.25, "Bob Smith", "Thanks, Jane <3"),
        S(3723.04, 3725.0, "陳大文", "多謝主席。"),
    ]


def test_zoom_vtt_takes_the_speaker_from_the_cue_text():
    zoom = (
        "WEBVTT\n\n"
        "1\n00:00:02.120 --> 00:00:05.000\nJohn Smith: Hello all,\nthanks for joining.\n\n"
        "2\n00:00:05.500 --> 00:00:07.000\nMary Chan: Thank you, John.\n\n"
        "3\n00:00:08.000 --> 00:00:09.000\n(inaudible)\n"
    )
    assert parse_transcript("zoom.vtt", zoom.encode()) == [
        S(2.12, 5.0, "John Smith", "Hello all, thanks for joining."),
        S(5.5, 7.0, "Mary Chan", "Thank you, John."),
        S(8.0, 9.0, "", "(inaudible)"),
    ]


def test_vtt_cue_with_two_voices_gives_two_segments():
    vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ann>Ready?</v>\n<v Ben>Yes.</v>\n"
    assert parse_transcript("a.vtt", vtt.encode()) == [
        S(1.0, 3.0, "Ann", "Ready?"),
        S(1.0, 3.0, "Ben", "Yes."),
    ]


def test_vtt_strips_markup_but_keeps_escaped_text_as_plain_text():
    vtt = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n"
        '<v Eve &lt;b&gt;><script>alert("x")</script> &lt;img src=x onerror=alert(1)&gt;</v>\n'
    )
    assert parse_transcript("a.vtt", vtt.encode()) == [
        S(1.0, 2.0, "Eve <b>", 'alert("x") <img src=x onerror=alert(1)>')
    ]


def test_vtt_times_out_of_order_are_kept_in_file_order_and_made_consistent():
    vtt = (
        "WEBVTT\n\n"
        "00:00:10.000 --> 00:00:12.000\n<v A>first</v>\n\n"
        "00:00:05.000 --> 00:00:06.000\n<v B>listed late</v>\n\n"
        "00:00:20.000 --> 00:00:15.000\n<v C>ends before it starts</v>\n"
    )
    assert parse_transcript("a.vtt", vtt.encode()) == [
        S(10.0, 12.0, "A", "first"),
        S(10.0, 10.0, "B", "listed late"),
        S(20.0, 20.0, "C", "ends before it starts"),
    ]


def test_vtt_text_split_by_a_stray_blank_line_stays_with_its_cue():
    vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A>one\n\ntwo</v>\n"
    assert parse_transcript("a.vtt", vtt.encode()) == [S(1.0, 2.0, "A", "one two")]


# SRT ----------------------------------------------------------------------------------------


def test_srt_with_crlf_missing_index_dot_milliseconds_and_odd_blank_lines():
    srt = (
        "1\r\n00:00:01,000 --> 00:00:04,000\r\nAlice: Hello\r\nthere.\r\n\r\n\r\n\r\n"
        # no index line, "." before the milliseconds, no blank line after the text
        "00:00:05.000 --> 00:00:06,500\r\nBob: Hi Alice.\r\n"
        "3\r\n00:00:07,000 --> 00:00:08,000\r\n42\r\n\r\n"
        "4\r\n01:00:00,000 --> 01:00:01,250 X1:10 X2:20\r\nNo speaker\r\n"
    )
    assert parse_transcript("captions.SRT", srt.encode()) == [
        S(1.0, 4.0, "Alice", "Hello there."),
        S(5.0, 6.5, "Bob", "Hi Alice."),
        S(7.0, 8.0, "", "42"),
        S(3600.0, 3601.25, "", "No speaker"),
    ]


def test_srt_keeps_markup_literally_for_the_template_to_escape():
    srt = "1\n00:00:01,000 --> 00:00:02,000\nMallory: <script>alert(1)</script> <i>hi</i>\n"
    assert parse_transcript("a.srt", srt.encode()) == [
        S(1.0, 2.0, "Mallory", "<script>alert(1)</script> <i>hi</i>")
    ]


# Plain text ---------------------------------------------------------------------------------


def test_txt_speakers_with_chinese_colon_and_continuation_lines():
    text = (
        "立法會會議紀錄\n"
        "\n"
        "主席：早晨，\n"
        "各位委員。\n"
        "陳議員: 多謝主席。\n"
        "Jane Doe: I have a question\n"
        "about the budget.\n"
        "\n"
        "And a second paragraph.\n"
    )
    assert parse_transcript("minutes.txt", text.encode()) == [
        S(None, None, "", "立法會會議紀錄"),
        S(None, None, "主席", "早晨，各位委員。"),
        S(None, None, "陳議員", "多謝主席。"),
        S(None, None, "Jane Doe", "I have a question about the budget.\nAnd a second paragraph."),
    ]


def test_txt_timestamps_in_brackets_or_bare():
    text = (
        "[00:01:02] Alice: Welcome.\n"
        "00:01:10 Bob: Thanks.\n"
        "(1:15) Carol：好。\n"
        "[00:02:00.5] A note without a speaker\n"
        "that wraps.\n"
    )
    assert parse_transcript("t.txt", text.encode()) == [
        S(62.0, None, "Alice", "Welcome."),
        S(70.0, None, "Bob", "Thanks."),
        S(75.0, None, "Carol", "好。"),
        S(120.5, None, "", "A note without a speaker that wraps."),
    ]


def test_txt_time_on_its_own_line_goes_with_the_next_line():
    text = "[00:00:01]\nAlice: Hi.\n\n00:00:04\nNo speaker.\n"
    assert parse_transcript("t.txt", text.encode()) == [
        S(1.0, None, "Alice", "Hi."),
        S(4.0, None, "", "No speaker."),
    ]


def test_txt_plain_paragraphs_have_no_speaker():
    text = "The meeting opened at ten.\nMembers agreed the agenda.\n\n\nThe budget was approved.\n"
    assert parse_transcript("notes.txt", text.encode()) == [
        S(None, None, "", "The meeting opened at ten. Members agreed the agenda."),
        S(None, None, "", "The budget was approved."),
    ]


def test_txt_colons_that_are_not_speaker_labels():
    text = (
        "Alice: Here is the plan.\n"
        "The plan we agreed in the meeting last week: nothing changes.\n"
        "This label is far too long to be a real name: really\n"
        "So we all know what it is: yes\n"  # seven words
        "See https://example.org/minutes for details.\n"
        "We meet again at 10:30 tomorrow.\n"
        "主席，我想提出以下三個問題：第一，預算。\n"
    )
    [segment] = parse_transcript("t.txt", text.encode())
    assert segment.speaker == "Alice"
    assert segment.text == (
        "Here is the plan. The plan we agreed in the meeting last week: nothing changes. "
        "This label is far too long to be a real name: really So we all know what it is: yes "
        "See https://example.org/minutes for details. We meet again at 10:30 tomorrow. "
        "主席，我想提出以下三個問題：第一，預算。"
    )


def test_txt_teams_heading_layout():
    text = (
        "Jane Doe   0:03\nGood morning.\nShall we start?\n\n"
        "0:01:15 Bob Smith\nYes, please.\n\n"
        "Budget Review 10:30\n"  # one space and a name-like phrase: still a heading
        "Starting now.\n\n"
        "the deadline is 11:00\n"  # lower case after a single space: running text
    )
    assert parse_transcript("teams.txt", text.encode()) == [
        S(3.0, None, "Jane Doe", "Good morning. Shall we start?"),
        S(75.0, None, "Bob Smith", "Yes, please."),
        S(630.0, None, "Budget Review", "Starting now.\nthe deadline is 11:00"),
    ]


def test_txt_heading_without_words_is_kept_as_text():
    text = "00:00:05 Thank You\n00:00:09 Alice: Bye.\n"
    assert parse_transcript("t.txt", text.encode()) == [
        S(5.0, None, "", "Thank You"),
        S(9.0, None, "Alice", "Bye."),
    ]


def test_txt_holding_webvtt_or_cues_is_read_as_cues():
    assert parse_transcript("a.txt", TEAMS_VTT.encode())[0] == S(
        1.0, 4.5, "Jane Doe", "Good morning & welcome, everyone."
    )
    cues = "1\n00:00:01,000 --> 00:00:02,000\nAlice: Hi.\n"
    assert parse_transcript("a.txt", cues.encode()) == [S(1.0, 2.0, "Alice", "Hi.")]


# Encodings and cleaning ---------------------------------------------------------------------

CHINESE_TRADITIONAL = "主席：早晨，𨋢壞咗。\n委員：明白。\n"
CHINESE_SIMPLIFIED = "主席：今天我们讨论预算和人工智能项目的进度。\n委员：同意。\n"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (CHINESE_TRADITIONAL, "utf-8"),
        (CHINESE_TRADITIONAL, "utf-8-sig"),
        (CHINESE_TRADITIONAL, "utf-16"),  # with a BOM
        (CHINESE_TRADITIONAL, "big5hkscs"),
        (CHINESE_SIMPLIFIED, "gb18030"),
    ],
)
def test_text_encodings(text, encoding):
    speakers = [line.split("：")[0] for line in text.splitlines()]
    texts = [line.split("：")[1] for line in text.splitlines()]
    segments = parse_transcript("t.txt", text.encode(encoding))
    assert segments == [S(None, None, s, t) for s, t in zip(speakers, texts, strict=True)]


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("主席：开会。\n委员：同意。\n", "gb18030"),  # Simplified, which Big5 also decodes
        ("陈先生：我认为这个计划可以。\n", "gb18030"),
        ("主席：開會。\n委員：同意。\n", "big5hkscs"),
        ("陳先生：我們明天再討論預算。\n", "big5hkscs"),
    ],
)
def test_a_short_chinese_file_is_read_in_the_encoding_that_makes_sense(text, encoding):
    data = text.encode(encoding)
    if encoding == "gb18030":
        assert data.decode("big5hkscs") != text  # the trap: no error, wrong characters
    else:
        assert data.decode("gb18030") != text
    speaker, words = text.splitlines()[-1].split("：")
    assert parse_transcript("t.txt", data)[-1] == S(None, None, speaker, words)


def test_utf16_big_endian_with_bom():
    data = b"\xfe\xff" + "Alice: Hi\n".encode("utf-16-be")
    assert parse_transcript("t.txt", data) == [S(None, None, "Alice", "Hi")]


def test_stray_nul_and_control_characters_are_removed():
    text = "Alice: Hel\x00lo\x07 there\x1b[0m,\tfriend\x7f.\r\nBob: fine\x00\r\n"
    assert parse_transcript("t.txt", text.encode()) == [
        S(None, None, "Alice", "Hello there[0m, friend."),
        S(None, None, "Bob", "fine"),
    ]


def test_json_control_characters_and_long_speakers_are_cleaned():
    turns = [{"speaker": " \u0007 " + "N" * 150 + "  ", "text": "a\u0000b\u0085c\u001fd e"}]
    [segment] = parse_transcript("t.json", json.dumps(turns).encode())
    assert segment.speaker == "N" * 100
    assert segment.text == "abcd e"


def test_other_formats_keep_markup_literally():
    text = "Mallory: <script>alert(1)</script>\n"
    assert parse_transcript("t.txt", text.encode()) == [
        S(None, None, "Mallory", "<script>alert(1)</script>")
    ]
    turns = [{"speaker": "<b>M</b>", "text": "<img src=x onerror=alert(1)>"}]
    assert parse_transcript("t.json", json.dumps(turns).encode()) == [
        S(None, None, "<b>M</b>", "<img src=x onerror=alert(1)>")
    ]


# Word documents -----------------------------------------------------------------------------


def test_docx_with_speaker_paragraphs():
    data = word_file(
        "Finance Committee",
        "主席：早晨。",
        "Alice: The report is ready.",
        "It covers the first quarter.",
        "[00:05:00] Bob: Thank you.",
    )
    assert parse_transcript("minutes.DOCX", data) == [
        S(None, None, "", "Finance Committee"),
        S(None, None, "主席", "早晨。"),
        S(None, None, "Alice", "The report is ready.\nIt covers the first quarter."),
        S(300.0, None, "Bob", "Thank you."),
    ]


def test_docx_in_the_teams_transcript_layout():
    data = word_file(
        "Weekly sync-20240105_100000-Meeting Transcript",
        "January 5, 2024, 10:00AM",
        "Jane Doe   0:03",
        "Good morning, everyone.",
        "Let's begin.",
        ["Bob Smith   1:02", "Thanks, Jane."],  # heading and words in one paragraph
        "0:02:05 Chan Tai Man",
        "我同意。",
    )
    assert parse_transcript("transcript.docx", data) == [
        S(None, None, "", "Weekly sync-20240105_100000-Meeting Transcript"),
        S(None, None, "", "January 5, 2024, 10:00AM"),
        S(3.0, None, "Jane Doe", "Good morning, everyone.\nLet's begin."),
        S(62.0, None, "Bob Smith", "Thanks, Jane."),
        S(125.0, None, "Chan Tai Man", "我同意。"),
    ]


def test_docx_in_the_older_teams_layout_with_timing_lines():
    data = word_file(
        "0:0:0.0 --> 0:0:5.190",
        "Jane Doe",
        "Hello everyone.",
        "0:0:5.190 --> 0:0:7.0",
        "陳大文",
        "好。",
    )
    assert parse_transcript("old.docx", data) == [
        S(0.0, 5.19, "Jane Doe", "Hello everyone."),
        S(5.19, 7.0, "陳大文", "好。"),
    ]


def test_docx_table_cells_are_read_once():
    document = docx.Document()
    document.add_paragraph("Alice: Agenda below.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Item one"
    table.cell(1, 0).text = "Item two"
    buffer = io.BytesIO()
    document.save(buffer)
    assert parse_transcript("t.docx", buffer.getvalue()) == [
        S(None, None, "Alice", "Agenda below.\nItem one\nItem two"),
    ]


# JSON ---------------------------------------------------------------------------------------


@pytest.mark.skipif(not QMSUM_VAL.exists(), reason="the shared QMSum data is not on this machine")
def test_qmsum_meetings_from_the_shared_data():
    lines = QMSUM_VAL.read_text(encoding="utf-8").splitlines()
    assert lines
    for line in lines:
        turns = json.loads(line)["meeting_transcripts"]
        segments = parse_transcript("meeting.json", line.encode())
        assert len(segments) >= 100
        assert len(segments) >= len(turns) - 5  # only empty turns are dropped
        assert all(segment.speaker for segment in segments)
        assert all(segment.start is None and segment.end is None for segment in segments)
        assert segments[0].speaker == turns[0]["speaker"].strip()[:100]
        assert segments[0].text == " ".join(turns[0]["content"].split())


def test_qmsum_markers_are_removed_and_other_keys_ignored():
    meeting = {
        "topic_list": [{"topic": "Budget"}],
        "meeting_transcripts": [
            {"speaker": "PM", "content": "Okay {vocalsound} so {disfmarker} we  start"},
            {"speaker": "Marketing", "content": "{gap}"},
            {"speaker": "Marketing", "content": "Right {vocalsound} ."},
        ],
    }
    assert parse_transcript("m.json", json.dumps(meeting).encode()) == [
        S(None, None, "PM", "Okay so we start"),
        S(None, None, "Marketing", "Right ."),
    ]


def test_json_list_of_turns_with_times():
    turns = [
        {"speaker": "Alice", "text": "Hello.", "start": 1.5, "end": 3},
        {"speaker": None, "content": "Unattributed.", "start": "4.25", "end": "00:00:05.5"},
        {"speaker": 2, "text": "Bad times.", "start": float("nan"), "end": -1},
        {"speaker": "Bob", "text": "Ends early.", "start": 10, "end": 9, "confidence": 0.9},
        {"speaker": "Bob", "text": "No times.", "start": True, "end": "soon"},
    ]
    assert parse_transcript("t.json", json.dumps(turns).encode()) == [
        S(1.5, 3.0, "Alice", "Hello."),
        S(4.25, 5.5, "", "Unattributed."),
        S(None, None, "2", "Bad times."),
        S(10.0, 10.0, "Bob", "Ends early."),
        S(None, None, "Bob", "No times."),
    ]


def test_whisper_json_segments():
    output = {"text": "Hi. Bye.", "segments": [{"start": 0, "end": 1.2, "text": " Hi."}]}
    assert parse_transcript("w.json", json.dumps(output).encode()) == [S(0.0, 1.2, "", "Hi.")]


# Files we cannot read -----------------------------------------------------------------------


def assert_refused(filename: str, data: bytes, message: str) -> None:
    with pytest.raises(TranscriptError) as caught:
        parse_transcript(filename, data)
    assert message in str(caught.value)


@pytest.mark.parametrize("filename", ["meeting.pdf", "meeting.doc", "meeting", "vtt", ".txt.gz"])
def test_unknown_extension(filename):
    assert_refused(filename, b"Alice: hi", "Choose a transcript file ending in .vtt, .srt")


@pytest.mark.parametrize("extension", SUPPORTED_EXTENSIONS)
def test_empty_file(extension):
    assert_refused(f"a{extension}", b"", "The file is empty.")


@pytest.mark.parametrize("data", [b"   \n\t\r\n  ", "\ufeff \n".encode(), " \n".encode("utf-16")])
def test_whitespace_only(data):
    assert_refused("a.txt", data, "The file is empty.")


def test_file_too_large():
    assert_refused("a.txt", b"a" * (MAX_TRANSCRIPT_BYTES + 1), "larger than 20 MB")


def test_random_bytes():
    garbage = random.Random(7).randbytes(4096)
    assert_refused("a.txt", garbage, "not text in UTF-8, UTF-16, Big5 or GB18030")


def test_text_full_of_nul_bytes():
    # UTF-16 without its BOM: every other byte is NUL.
    data = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello\n".encode("utf-16-le")
    assert_refused("a.vtt", data, "it contains binary data")


def test_control_character_soup():
    assert_refused("a.srt", bytes(range(1, 9)) * 20, "it contains binary data")


def test_utf16_that_does_not_decode():
    assert_refused("a.txt", b"\xff\xfeA\x00B", "not text in UTF-8, UTF-16")


@pytest.mark.parametrize(
    ("filename", "text"),
    [
        ("a.vtt", "WEBVTT\n\nNOTE nothing was said\n"),
        ("a.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann></v>\n"),
        ("a.srt", "This is not a subtitle file.\n"),
        ("a.json", "[]"),
        ("a.json", '{"meeting_transcripts": [{"speaker": "A", "content": "{vocalsound}"}]}'),
    ],
)
def test_no_text(filename, text):
    assert_refused(filename, text.encode(), "No transcript text was found in the file.")


def test_too_many_segments():
    fine = "".join(f"S{n % 2}: line {n}\n" for n in range(MAX_SEGMENTS)).encode()
    assert len(parse_transcript("a.txt", fine)) == MAX_SEGMENTS
    too_many = fine + b"S0: one more\n"
    assert_refused("a.txt", too_many, f"more than {MAX_SEGMENTS} parts")


@pytest.mark.parametrize("text", ['{"meeting_transcripts": [', "{'speaker': 'A'}", "[" * 100_000])
def test_malformed_json(text):
    assert_refused("a.json", text.encode(), "it is not valid JSON")


@pytest.mark.parametrize(
    "value",
    [
        {"transcript": "Alice: hi"},
        {"meeting_transcripts": "Alice: hi"},
        "Alice: hi",
        42,
        None,
        ["Alice: hi"],
        [{"speaker": "A", "text": "ok"}, [1, 2]],
    ],
)
def test_json_of_the_wrong_shape(value):
    assert_refused("a.json", json.dumps(value).encode(), "the JSON is not a list of speaker turns")


@pytest.mark.parametrize(
    "turn", [{"speaker": "A"}, {"speaker": "A", "text": 5}, {"speaker": "A", "content": ["hi"]}]
)
def test_json_turn_without_text(turn):
    data = json.dumps([{"speaker": "B", "text": "ok"}, turn]).encode()
    assert_refused("a.json", data, "turn 2 has no text")


def test_docx_that_is_really_text():
    assert_refused("a.docx", b"Alice: hello\nBob: hi\n", "it is not a Word (.docx) document")


def test_zip_without_a_word_document():
    data = zip_file({"content.xml": b"<office:document/>", "mimetype": b"x"})
    assert_refused("a.docx", data, "it is not a Word (.docx) document")


def test_docx_with_a_broken_document():
    data = zip_file({"[Content_Types].xml": b"<Types", "word/document.xml": b"<w:document"})
    assert_refused("a.docx", data, "it is not a valid Word document")


def test_docx_zip_bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
        with archive.open("word/media/padding.bin", "w", force_zip64=True) as padding:
            block = bytes(1024 * 1024)
            for _ in range(101):
                padding.write(block)
    data = buffer.getvalue()
    assert len(data) < MAX_TRANSCRIPT_BYTES
    assert_refused("a.docx", data, "it is too large once unpacked")


# Merging turns ------------------------------------------------------------------------------


def test_merge_turns_joins_the_same_speaker_within_the_gap():
    segments = [
        S(0.0, 2.0, "Ann", "Hello"),
        S(4.0, 5.0, "Ann", "everyone."),  # gap 2.0: joined
        S(4.5, 6.0, "Ann", "Overlap."),  # starts before the last ended: joined
        S(8.5, 9.0, "Ann", "Later."),  # gap 2.5: a new turn
        S(9.0, 10.0, "Ben", "Hi."),
        S(10.0, 11.0, "Ann", "Back."),
    ]
    assert merge_turns(segments) == [
        S(0.0, 6.0, "Ann", "Hello everyone. Overlap."),
        S(8.5, 9.0, "Ann", "Later."),
        S(9.0, 10.0, "Ben", "Hi."),
        S(10.0, 11.0, "Ann", "Back."),
    ]
    assert segments[0] == S(0.0, 2.0, "Ann", "Hello")  # the input is left alone


def test_merge_turns_max_gap():
    segments = [S(0.0, 1.0, "Ann", "one"), S(6.0, 7.0, "Ann", "two")]
    assert merge_turns(segments) == segments
    assert merge_turns(segments, max_gap=5.0) == [S(0.0, 7.0, "Ann", "one two")]
    assert merge_turns(segments, max_gap=4.9) == segments


def test_merge_turns_without_times_joins_the_same_named_speaker():
    segments = [
        S(None, None, "主席", "早晨。"),
        S(None, None, "主席", "開始。"),
        S(None, None, "", "Plain."),
        S(None, None, "", "More plain."),
        S(30.0, None, "Ann", "Started at 30."),
        S(95.0, None, "Ann", "No end to measure from."),
    ]
    assert merge_turns(segments) == [
        S(None, None, "主席", "早晨。 開始。"),
        S(None, None, "", "Plain."),  # no speaker: paragraphs stay apart
        S(None, None, "", "More plain."),
        S(30.0, None, "Ann", "Started at 30. No end to measure from."),
    ]


def test_merge_turns_of_nothing():
    assert merge_turns([]) == []


def test_merged_parse_of_a_teams_vtt():
    vtt = (
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:02.000\n<v Ann>Good</v>\n\n"
        "00:00:02.100 --> 00:00:03.000\n<v Ann>morning.</v>\n\n"
        "00:00:03.500 --> 00:00:04.000\n<v Ben>Hi.</v>\n"
    )
    assert merge_turns(parse_transcript("a.vtt", vtt.encode())) == [
        S(1.0, 3.0, "Ann", "Good morning."),
        S(3.5, 4.0, "Ben", "Hi."),
    ]
