"""Minutes in another language than the meeting's (`aiplus.meetings.translating`): drafted in
the transcript's language, so that each item is checked against the words of the turns it
cites, then translated item by item with its citations unchanged; what the model does not
translate stays as it was."""

import re
from datetime import date

import pytest

from aiplus.meetings import custom, drafting, figures, translating
from aiplus.meetings.models import Meeting, Segment
from aiplus.meetings.tests.scripted import Scripted

ENGLISH = [
    "Item one, the hotline. The meeting agreed that the hotline will open on Saturdays.",
    "Grace, please check the Chinese pages by 20 December.",
    "Certainly. I will check the Chinese pages by 20 December.",
]
CHINESE = [
    "第一項，熱線。會議同意熱線由四月起星期六開放。",
    "陳小姐，請你在十二月二十日前檢查中文網頁。",
    "好的，我會在十二月二十日前檢查中文網頁。",
]
TO_CHINESE = {
    "The hotline will open on Saturdays.": "熱線將於星期六開放。",
    "Grace will check the Chinese pages.": "Grace 會檢查中文網頁。",
    "The meeting discussed the hotline.": "會議討論了熱線。",
}
TO_ENGLISH = {  # as the model reads them: the weekday in English already (`figures`)
    "熱線由四月起 Saturday 開放。": "The hotline will open on Saturdays from April.",
    "陳小姐會檢查中文網頁。": "Miss Chan will check the Chinese pages.",
}


def _sent(prompt: str) -> list[str]:
    """The numbered sentences of a translation prompt."""
    return re.findall(r"^\d+\. (.+)$", prompt.rsplit("\n\n", 1)[1], re.MULTILINE)


def _translator(table: dict[str, str]):
    def answer(prompt, schema):
        return {"texts": [table.get(sentence, "") for sentence in _sent(prompt)]}

    return answer


def test_the_language_a_transcript_is_written_in():
    assert translating.spoken_language(f"[{n}] Alan Ho: {t}" for n, t in enumerate(ENGLISH)) == "en"
    # Chinese turns by speakers with English names are Chinese.
    lines = (f"[{n}] Grace Chan: {t}" for n, t in enumerate(CHINESE))
    assert translating.spoken_language(lines) == "zh-hant"


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Alan Ho 和 Grace Chan 會檢查網頁", "zh-hant", True),
        ("Alan Ho and Grace Chan will check the pages", "zh-hant", False),
        ("陳大文 will send the report", "en", True),
        ("陳大文會交報告", "en", False),
        ("20/12", "en", False),
        ("", "zh-hant", False),
    ],
)
def test_which_script_a_text_is_in(text, language, expected):
    assert translating.in_language(text, language) is expected


def test_only_what_is_in_the_other_language_is_sent_and_the_rest_keeps_its_place():
    model = Scripted(_translator(TO_CHINESE))
    texts = [
        "The hotline will open on Saturdays.",
        "",  # an action with no due date
        "會議討論了網頁。",  # already Chinese
        "20/12",  # figures only
        "Grace will check the Chinese pages.",
        "Something the model does not translate.",
    ]
    result = translating.translate(texts, language="zh-hant", model=model)
    assert result == [
        "熱線將於星期六開放。",
        "",
        "會議討論了網頁。",
        "20/12",
        "Grace 會檢查中文網頁。",
        "Something the model does not translate.",  # kept, not lost
    ]
    assert [_sent(prompt) for prompt in model.prompts] == [
        [
            "The hotline will open on Saturdays.",
            "Grace will check the Chinese pages.",
            "Something the model does not translate.",
        ],
        ["Something the model does not translate."],  # asked again by itself
    ]
    assert "繁體中文" in model.prompts[0]
    assert translating.calls(texts, "zh-hant") == 1 + 3  # at most


def test_many_sentences_go_in_batches_each_asking_for_as_many_answers():
    schemas = []

    def answer(prompt, schema):
        schemas.append(schema)
        # The last answer of each batch is still in English: its sentence stays.
        texts = [f"第{sentence.split()[-1].rstrip('.')}句" for sentence in _sent(prompt)]
        return {"texts": [*texts[:-1], "Still English"]}

    texts = [f"Sentence number {n}." for n in range(translating.BATCH + 3)]
    result = translating.translate(texts, language="zh-hant", model=Scripted(answer))
    sizes = [schema["properties"]["texts"]["minItems"] for schema in schemas]
    # Two batches, then the two sentences left in English asked about again, one by one.
    assert (
        sizes
        == [translating.BATCH, 3, 1, 1]
        == [schema["properties"]["texts"]["maxItems"] for schema in schemas]
    )
    assert result[0] == "第0句" and result[translating.BATCH] == f"第{translating.BATCH}句"
    assert result[translating.BATCH - 1] == texts[translating.BATCH - 1]
    assert translating.calls(texts, "zh-hant") == 2 + translating.RETRIES


def test_a_hostile_or_broken_answer_loses_nothing():
    texts = ["The hotline will open on Saturdays."]
    for answer in ({"texts": "not a list"}, {}, {"texts": [None]}, {"texts": [{"x": 1}]}):
        result = translating.translate(
            texts, language="zh-hant", model=Scripted(lambda prompt, schema, a=answer: a)
        )
        assert result == texts


def _first_reading(language_of):
    """Answers for the drafting calls in one language and the translation calls from a table."""

    def answer(prompt, schema):
        if schema is drafting.SCHEMA:
            return language_of["draft"]
        if schema is drafting.SWEEP_SCHEMA:
            return {"found": [{"kind": "neither", "text": "", "owner": "", "due": ""}]}
        return _translator(language_of["table"])(prompt, schema)

    return answer


def test_chinese_minutes_of_an_english_meeting_are_drafted_in_english_then_translated():
    lines = drafting.numbered_lines([("Alan Ho", ENGLISH[0]), ("Mary Lo", ENGLISH[1])])
    lines += drafting.numbered_lines([("", ""), ("", ""), ("Grace Chan", ENGLISH[2])])[2:]
    draft_answer = {
        "points": [{"item": 1, "text": "The meeting discussed the hotline.", "turns": [1]}],
        "decisions": [{"item": 1, "text": "The hotline will open on Saturdays.", "turns": [1]}],
        "actions": [
            {
                "task": "Grace will check the Chinese pages.",
                "owner": "Grace",
                "due": "by 20 December",
                "turns": [3],
            }
        ],
    }
    model = Scripted(_first_reading({"draft": draft_answer, "table": TO_CHINESE}))
    steps = []
    draft = drafting.draft_from_lines(
        lines,
        agenda="1. Hotline",
        language="zh-hant",
        model=model,
        progress=lambda done, total: steps.append((done, total)),
    )
    # Read in English: the items were kept because their cited turns hold their words.
    assert "Write in English" in model.prompts[0]
    assert [(p.text, p.turns) for p in draft.points] == [("會議討論了熱線。", [1])]
    assert [(d.text, d.turns) for d in draft.decisions] == [("熱線將於星期六開放。", [1])]
    [action] = draft.actions
    assert (action.text, action.owner, action.due, action.turns) == (
        "Grace 會檢查中文網頁。",
        "Grace Chan",
        "12月20日前",
        [3],
    )
    # The due date was written in Chinese by rule, not sent to the model.
    [translation] = [prompt for prompt in model.prompts if prompt.startswith("把以下")]
    assert "20 December" not in translation
    # Progress counts the translation and never goes back.
    assert steps[-1][0] == steps[-1][1] == len(model.prompts)
    fractions = [done / total for done, total in steps]
    assert fractions == sorted(fractions)


def test_english_minutes_of_a_chinese_meeting_are_drafted_in_chinese_then_translated():
    lines = drafting.numbered_lines(
        [("主席", CHINESE[0]), ("李先生", CHINESE[1]), ("陳小姐", CHINESE[2])]
    )
    draft_answer = {
        "points": [],
        "decisions": [{"item": 1, "text": "熱線由四月起星期六開放。", "turns": [1]}],
        "actions": [
            {
                "task": "陳小姐會檢查中文網頁。",
                "owner": "陳小姐",
                "due": "十二月二十日前",
                "turns": [3],
            }
        ],
    }
    model = Scripted(_first_reading({"draft": draft_answer, "table": TO_ENGLISH}))
    draft = drafting.draft_from_lines(lines, agenda="1. 熱線", language="en", model=model)
    assert "Write in Traditional Chinese" in model.prompts[0]
    assert [d.text for d in draft.decisions] == ["The hotline will open on Saturdays from April."]
    [action] = draft.actions
    assert (action.text, action.owner, action.due) == (
        "Miss Chan will check the Chinese pages.",
        "陳小姐",
        "by 20 December",
    )


def test_minutes_in_the_meetings_language_are_not_translated():
    lines = drafting.numbered_lines([("Alan Ho", ENGLISH[0])])
    draft_answer = {
        "points": [],
        "decisions": [{"item": 1, "text": "The hotline will open on Saturdays.", "turns": [1]}],
        "actions": [],
    }
    model = Scripted(_first_reading({"draft": draft_answer, "table": TO_CHINESE}))
    draft = drafting.draft_from_lines(lines, agenda="1. Hotline", language="en", model=model)
    assert [d.text for d in draft.decisions] == ["The hotline will open on Saturdays."]
    assert len(model.prompts) == 1  # the part: nothing to translate


@pytest.mark.django_db
def test_a_template_an_officer_wrote_is_translated_too(officer):
    meeting = Meeting.objects.create(
        owner=officer, title="Hotline", held_on=date(2026, 11, 20), source="transcript"
    )
    Segment.objects.create(meeting=meeting, position=1, speaker="Alan Ho", text=ENGLISH[0])

    def answer(prompt, schema):
        if schema is custom.SCHEMA:
            items = [{"text": "The hotline will open on Saturdays.", "turns": [1]}]
            return {"sections": [{"section": 1, "items": items}]}
        return _translator(TO_CHINESE)(prompt, schema)

    model = Scripted(answer)
    found = custom.draft(
        meeting, sections=[{"title": "決定", "instruction": ""}], language="zh-hant", model=model
    )
    assert [(item.text, item.turns) for item in found[0]] == [("熱線將於星期六開放。", [1])]


@pytest.mark.ai
def test_the_small_model_gives_as_many_translations_as_sentences(smollm):
    """The schema, not the model's judgement, holds the answer to one string per sentence."""
    answers = translating._ask(["會議同意。", "陳小姐會跟進。", "多謝各位。"], "en", smollm, 0.0)
    assert len(answers) == 3 and all(isinstance(text, str) for text in answers)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Send the budget by 15 December.", "zh-hant", "Send the budget 12月15日前."),
        ("on December 20th, 2026", "zh-hant", "2026年12月20日"),
        ("by the end of March 2027", "zh-hant", "2027年3月底前"),
        ("Report on Friday and meet next Tuesday", "zh-hant", "Report 星期五 and meet 下星期二"),
        ("raise it to 1.2 million dollars", "zh-hant", "raise it to 120萬元"),
        ("HK$3.5 billion, $250 thousand, 5 thousand", "zh-hant", "35億港元, 25萬元, 5000"),
        ("I may go in May", "zh-hant", "I may go in May"),  # no day: not a date to write
        ("陳小姐會在十二月二十日前檢查網頁。", "en", "陳小姐會在 by 20 December 檢查網頁。"),
        ("廿五號", "en", "廿五號"),  # a day without its month
        ("2027年1月8日開會", "en", "8 January 2027 開會"),
        ("三月底前完成", "en", "by the end of March 完成"),
        ("下星期五之前交", "en", "by next Friday 交"),
        ("預算提高至120萬元", "en", "預算提高至 $1.2 million"),
        ("撥款3.5億港元", "en", "撥款 HK$350 million"),
        ("13月40日", "en", "13月40日"),  # no such date
    ],
)
def test_dates_and_sums_are_written_the_other_languages_way_by_rule(text, language, expected):
    assert figures.localise(text, language) == expected


def test_a_translation_that_brings_a_figure_its_sentence_did_not_have_is_not_used():
    assert figures.adds_figures("於2012年12月15日前寄出", "Send it 12月15日前")
    assert not figures.adds_figures("於12月15日前寄出", "Send it 12月15日前")
    assert not figures.adds_figures("12000個來電", "12,000 calls")
    assert figures.adds_figures("12月12日前", "before 12月底前")

    def answer(prompt, schema):
        return {"texts": ["於2012年12月15日前寄出預算。", "熱線於星期六開放。", "預算為1.2萬元。"]}

    texts = [
        "Send the budget by 15 December.",
        "The hotline opens on Saturdays.",
        "The budget is 1.2 million dollars.",  # 120萬元
    ]
    model = Scripted(answer)
    result = translating.translate(texts, language="zh-hant", model=model)
    assert result == [texts[0], "熱線於星期六開放。", texts[2]]
    # The model reads the sentences with their dates and sums written the Chinese way.
    assert _sent(model.prompts[0]) == [
        "Send the budget 12月15日前.",
        texts[1],
        "The budget is 120萬元.",
    ]


def test_a_translation_of_one_phrase_of_its_sentence_is_not_used():
    def answer(prompt, schema):
        return {"texts": ["12月20日", "星期二", "工作小組於12月20日前到九龍東辦事處視察。"]}

    texts = [
        "Arrange a site visit to the Kowloon East office by 20 December.",
        "Change the monthly meeting to the first Tuesday of every month.",
        "The working group will visit the Kowloon East office by 20 December.",
    ]
    result = translating.translate(texts, language="zh-hant", model=Scripted(answer))
    assert result == [*texts[:2], "工作小組於12月20日前到九龍東辦事處視察。"]


def test_sentences_a_batch_copied_out_untranslated_are_asked_about_one_by_one():
    def answer(prompt, schema):
        sent = _sent(prompt)
        if len(sent) > 1:  # the model copies the batch out as it was
            return {"texts": sent}
        return {"texts": [TO_CHINESE[sent[0]]]}

    texts = ["The hotline will open on Saturdays.", "Grace will check the Chinese pages."]
    steps = []
    result = translating.translate(
        texts, language="zh-hant", model=Scripted(answer), progress=steps.append
    )
    assert result == ["熱線將於星期六開放。", "Grace 會檢查中文網頁。"]
    assert steps == [1, 2, 3]


def test_a_translation_that_changes_a_date_is_not_used():
    def answer(prompt, schema):
        return {"texts": ["Mary Chan 將於 8 月 1 日寫信給效率促進辦公室。"]}

    texts = ["Mary Chan will write to the Efficiency Office by 8 January."]
    assert translating.translate(texts, language="zh-hant", model=Scripted(answer)) == texts
    assert figures.dates("安排一月二十日到訪") == {(1, 20): 1}
    assert figures.dates("於1月8號前寫信") == figures.dates("by 8 January")
