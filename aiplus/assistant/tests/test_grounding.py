from aiplus.assistant.grounding import Checker
from aiplus.assistant.retrieval import Source

FAQ = Source(
    n=1,
    title="政府有否使用人工智能撰寫會議記錄？",
    url="/zh-hant/assistant/help/sources/#item-1",
    text="有。人工智能把語音轉為文字，並草擬會議記錄，由人員核對及批准。",
    passage_id=1,
    language="zh-hant",
)


def test_a_bare_yes_is_not_an_answer_even_when_a_source_says_it():
    checker = Checker([FAQ], question="政府有冇用 AI 寫會議記錄㗎？")
    assert checker.check("有。").reason == "words"
    assert checker.check("係。").reason == "words"  # Cantonese, read as 是


def test_a_colloquial_answer_is_checked_in_its_written_form():
    checker = Checker([FAQ], question="政府有冇用 AI 寫會議記錄㗎？")
    assert checker.check("由人員核對同埋批准。").supported
    assert checker.check("政府有冇用 AI 寫會議記錄？").reason == "echo"
