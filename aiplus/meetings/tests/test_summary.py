"""The prose meeting summary (`aiplus.meetings.summary`) with the small real model, and with a
scripted model where the exact calls matter; the benchmark's extractive baselines."""

import json

import numpy as np
import pytest

from aiplus.ai.values import ChatResult, Usage
from aiplus.benchmarks import minutes as bench
from aiplus.meetings import summary
from aiplus.meetings.summary import summarise

pytestmark = pytest.mark.ai

SHORT = [
    "[1] Chair: Good morning. Today the committee looks at the school budget for next year.",
    "[2] Ms Lee: Will the schools have enough money to hire more teachers?",
    "[3] Minister: The budget will rise by five per cent, and teachers' pay will be reviewed.",
    "[4] Chair: Thank you, Minister. The meeting is closed.",
]
CHINESE = [
    "[1] 主席: 各位早晨，今天会议讨论学校的预算和教师的招聘。",
    "[2] 陈先生: 我们认为教育局应该增加拨款，让学校可以聘请更多老师。",
    "[3] 局长: 政府会在明年增加百分之五的拨款，并且会检讨教师的薪酬。",
    "[4] 主席: 多谢各位，会议结束。",
]


def _long_transcript(turns: int) -> list[str]:
    topics = ["bus fares", "school meals", "hospital waiting times", "park maintenance"]
    return [
        f"[{n}] Member {n % 7}: On {topics[n % 4]}, the committee heard that spending rose by "
        f"{n} per cent last year, and members asked the department to explain the increase "
        "in detail, with figures for each district and a timetable for the review."
        for n in range(1, turns + 1)
    ]


class Scripted:
    """A chat model that answers from a list and keeps the prompts it was sent."""

    name = "scripted"

    def __init__(self, answers: list[str], context_tokens: int = 2048) -> None:
        self.answers = answers
        self.context_tokens = context_tokens
        self.prompts: list[str] = []

    def chat(self, messages, *, max_tokens=512, temperature=0.2, json_schema=None):
        self.prompts.append(messages[-1].content)
        assert temperature == 0
        text = self.answers[min(len(self.prompts), len(self.answers)) - 1]
        return ChatResult(text=text, usage=Usage(10, 10))

    def stream(self, messages, *, max_tokens=512, temperature=0.2):
        yield from ()

    def count_tokens(self, text: str) -> int:
        return len(text.split())


# --- With the real small model ------------------------------------------------------------------


def test_short_transcript_gives_prose(smollm):
    calls = []
    text = summarise(SHORT, model=smollm, max_words=60, progress=lambda d, t: calls.append((d, t)))
    assert text.strip()
    assert len(text.split()) <= 60
    assert calls == [(1, 1)]  # fits in one call


def test_transcript_longer_than_the_context_is_split(smollm):
    lines = _long_transcript(60)
    assert smollm.count_tokens("\n".join(lines)) > smollm.context_tokens
    calls: list[tuple[int, int]] = []
    text = summarise(lines, model=smollm, max_words=60, progress=lambda d, t: calls.append((d, t)))
    assert text.strip()
    assert len(calls) > 2  # at least two parts and the final summary
    assert [done for done, _total in calls] == list(range(1, len(calls) + 1))
    assert calls[-1][0] == calls[-1][1]


def test_traditional_chinese(smollm):
    from aiplus.core.i18n import to_traditional

    text = summarise(CHINESE, model=smollm, language="zh-hant", max_words=60)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text)
    assert to_traditional(text) == text  # nothing left in Simplified script


# --- With a scripted model ----------------------------------------------------------------------


def test_map_then_reduce_without_turn_numbers_or_citations():
    model = Scripted(["Part report [3].", "Part report two (turns 40-42).", "The whole [12]."])
    lines = _long_transcript(40)
    budget = summary._budget(model, summary.PART_TOKENS, 187)
    assert sum(model.count_tokens(line) for line in lines) > budget
    text = summarise(lines, model=model)
    assert text == "The whole."
    assert len(model.prompts) >= 3
    assert all("[1]" not in prompt and "[40]" not in prompt for prompt in model.prompts)
    assert "Part report." in model.prompts[-1]


def test_reduce_runs_in_rounds_when_the_reports_are_too_long():
    long_report = " ".join(f"word{n}" for n in range(400)) + "."

    class Verbose(Scripted):
        def chat(self, messages, **options):
            answer = super().chat(messages, **options)
            if self.prompts[-1].startswith("Here is part"):  # map calls: a long report
                return ChatResult(text=long_report)
            return answer

    model = Verbose(["Short."])
    progress: list[tuple[int, int]] = []
    text = summarise(
        _long_transcript(120), model=model, progress=lambda d, t: progress.append((d, t))
    )
    parts = [p for p in model.prompts if p.startswith("Here is part")]
    assert len(parts) > 2
    assert len(model.prompts) > len(parts) + 1  # an extra reduce round
    assert text == "Short."
    assert progress[-1] == (len(model.prompts), len(model.prompts))


def test_chinese_answer_is_converted_to_traditional():
    model = Scripted(["会议讨论了学校的预算。"])
    assert summarise(CHINESE, model=model, language="zh-hant") == "會議討論了學校的預算。"


def test_clean_removes_lists_repeats_and_citations():
    raw = (
        "Summary:\n- The committee met [4].\n- The committee met [4].\n"
        "2. Members asked (turns 5, 6) about the 2019 budget [turn 7]."
    )
    assert summary.clean(raw) == "The committee met. Members asked about the 2019 budget."
    # Figures in brackets are not citations.
    assert summary.clean("Fees rose (5) per cent (2019).") == "Fees rose (5) per cent (2019)."


def test_clean_cuts_a_looping_sentence():
    late = (
        "The committee discussed the budget for the schools in the north and the south of the "
        "city, the budget for the schools in the north."
    )
    assert summary.clean(late) == (
        "The committee discussed the budget for the schools in the north and the south of the city."
    )
    mostly_loop = "The budget for the schools, " * 4
    assert summary.clean(mostly_loop.strip(", ") + ". Fees rose.") == "Fees rose."
    again = (
        "Members asked about fees for the new parks. Members asked about fees for the new parks."
    )
    assert summary.clean(again) == "Members asked about fees for the new parks."


def test_clean_drops_an_unfinished_last_sentence():
    assert summary.clean("The committee met. The government's debt could reach") == (
        "The committee met."
    )
    assert summary.clean("The minister said (in short) yes") == "The minister said (in short) yes."


def test_truncate_ends_at_a_sentence():
    text = "One two three. Four five six seven. Eight nine ten eleven twelve."
    assert summary.truncate(text, 8) == "One two three. Four five six seven."
    assert summary.truncate(text, 100) == text


def test_empty_transcript():
    assert summarise([], model=Scripted(["x"])) == ""


def test_a_turn_longer_than_a_part_is_split_not_lost():
    model = Scripted(["Whole."], context_tokens=600)
    long_turn = "[1] Chair: " + " ".join(f"Point {n} was raised." for n in range(200))
    assert summarise([long_turn], model=model) == "Whole."
    parts = [p for p in model.prompts if p.startswith("Here is part")]
    assert len(parts) > 1
    assert "Point 0 " in parts[0] and "Point 199 " in parts[-1]


def test_the_summary_template_opens_with_the_overview():
    from datetime import date

    from aiplus.meetings import drafting, layout
    from aiplus.meetings.models import Meeting

    drafted = {
        "points": [{"item": 0, "text": "Ms Lee asked about hiring teachers.", "turns": [2]}],
        "decisions": [],
        "actions": [],
    }

    class Drafter(Scripted):
        def chat(self, messages, *, json_schema=None, **options):
            if json_schema is not None:  # the drafting call
                return ChatResult(text=json.dumps(drafted), usage=Usage(10, 10))
            return super().chat(messages, **options)

    model = Drafter(["The committee discussed the school budget [3]."])
    progress: list[tuple[int, int]] = []
    lines = drafting.numbered_lines(
        [tuple(line.split("] ", 1)[1].split(": ", 1)) for line in SHORT]
    )
    draft = drafting.draft_from_lines(
        lines,
        agenda="(none given)",
        language="en",
        model=model,
        overview=True,
        progress=lambda d, t: progress.append((d, t)),
    )
    assert draft.overview == "The committee discussed the school budget."
    assert progress == [(1, 3), (2, 2)]  # drafting (one part), then the overview (one call)
    meeting = Meeting(title="Budget", held_on=date(2026, 11, 20))
    text = layout.render(meeting, draft, template="summary", language="en")
    assert "## Summary\n\nThe committee discussed the school budget.\n\n- Ms Lee asked" in text
    without = drafting.draft_from_lines(lines, agenda="", language="en", model=model)
    assert without.overview == ""
    assert "## Summary\n\n- Ms Lee asked" in layout.render(
        meeting, without, template="summary", language="en"
    )


# --- The benchmark's baselines ------------------------------------------------------------------


def test_clean_turn_drops_qmsum_markers():
    assert bench.clean_turn("So {vocalsound} we {disfmarker} agreed .") == "So we agreed ."


def test_lead_takes_the_first_words():
    assert bench.lead("a b c d e", 3) == "a b c"


def test_pagerank_favours_the_hub_and_sums_to_one():
    star = np.zeros((4, 4))
    star[0, 1:] = star[1:, 0] = 1
    scores = bench.pagerank(star)
    assert scores.sum() == pytest.approx(1)
    assert scores.argmax() == 0
    assert scores[1] == pytest.approx(scores[3])


def test_textrank_keeps_central_sentences_in_order_within_the_budget():
    text = (
        "The budget for schools will rise next year. "
        "Weather was pleasant on the way to the meeting today. "
        "Members asked whether the school budget rise covers teachers. "
        "The minister said the school budget rise covers teachers and buildings. "
        "Lunch will be served downstairs after everything ends."
    )
    chosen = bench.textrank(text, 20)
    assert len(chosen.split()) <= 20
    assert "school budget rise" in chosen
    assert "Weather" not in chosen and "Lunch" not in chosen
    picked = [s for s in bench.sentences(text) if s in chosen]
    assert chosen == " ".join(picked)


def test_coverage_needs_answers():
    assert bench.coverage([], "x") is None  # ROUGE itself is rouge-score's (bench.txt)


def test_parse_meeting_finds_the_reference():
    data = {
        "meeting_transcripts": [
            {"speaker": "Chair", "content": "Welcome {vocalsound} all."},
            {"speaker": "A", "content": "{disfmarker}"},
        ],
        "general_query_list": [{"query": "Summarize the whole meeting.", "answer": "Ref."}],
        "specific_query_list": [{"query": "q", "answer": "Ans.", "relevant_text_span": []}],
    }
    meeting = bench.parse_meeting(data, "m")
    assert meeting.lines() == ["[1] Chair: Welcome all."]
    assert meeting.reference == "Ref."
    assert meeting.answers == ["Ans."]


def test_read_meetings_from_any_folder_and_report(tmp_path):
    line = {
        "meeting_transcripts": [{"speaker": "Chair", "content": "The fees rose {vocalsound} ."}],
        "general_query_list": [{"query": "Summarize the whole meeting.", "answer": "Fees rose."}],
        "specific_query_list": [{"query": "Fees?", "answer": "They rose."}],
    }
    (tmp_path / "a.jsonl").write_text(json.dumps(line) + "\n\n" + json.dumps(line) + "\n")
    meetings = bench.read_meetings(tmp_path)
    assert [m.name for m in meetings] == ["a#1", "a#3"]
    result = bench.Result(
        meeting=meetings[0],
        scores={s: {"rouge1": 40.0, "rouge2": 20.0, "rougeL": 30.0} for s in bench.SYSTEMS},
        coverage={s: 50.0 for s in bench.SYSTEMS},
        seconds=12.0,
        calls=2,
        replayed=0,
        prompt_tokens=100,
        completion_tokens=20,
        summary="The fees rose.",
    )
    text = bench.report([result], model="m", data=tmp_path, words=250)
    assert "| a#1 | 1 | 4 | 40.0 | 20.0 | 30.0 | 40.0 |" in text
    assert "summary 50.0, LEAD 50.0, TextRank 50.0" in text
    assert "> The fees rose." in text
    assert "target ROUGE-L ≥ 24: **met**" in text  # 30.0


def test_a_thin_summary_of_a_long_meeting_is_asked_for_once_more():
    # 120 words: above half of the 150-word cap.
    fuller = " ".join(f"On topic {n} the committee heard {n} more figures." for n in range(15))

    class Reducer(Scripted):
        """Part reports for the map calls; the summaries in turn for the reduce calls."""

        def chat(self, messages, **options):
            prompt = messages[-1].content
            if prompt.startswith("Here is part"):
                self.prompts.append(prompt)
                return ChatResult(text="Part report.", usage=Usage(10, 10))
            self.answers, answer = self.answers[1:] or self.answers, self.answers[0]
            self.prompts.append(prompt)
            return ChatResult(text=answer, usage=Usage(10, 10))

    model = Reducer(["Too short.", fuller])
    calls: list[tuple[int, int]] = []
    text = summarise(_long_transcript(40), model=model, progress=lambda d, t: calls.append((d, t)))
    assert text.startswith("On topic 0 the committee heard")
    assert "Cover every topic" in model.prompts[-1]
    assert "a summary of 2 words" in model.prompts[-1]
    assert calls[-1][0] == calls[-1][1] == len(model.prompts)
    # Long enough at once: no second call.
    model = Reducer([fuller])
    summarise(_long_transcript(40), model=model)
    assert not any("Cover every topic" in prompt for prompt in model.prompts)
    # Asked again and still thin: the first answer is kept.
    model = Reducer(["Too short, but first.", "Short."])
    assert summarise(_long_transcript(40), model=model) == "Too short, but first."
