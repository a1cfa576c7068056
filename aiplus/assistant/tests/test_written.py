import pytest

from aiplus.assistant.written import comparable, figures_as_digits, numeral_value, written


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("三", 3), ("十", 10), ("十二", 12), ("廿四", 24), ("一百二十", 120), ("兩萬", 20000)],
)
def test_chinese_numerals_have_their_values(numeral, value):
    assert numeral_value(numeral) == value


def test_figures_become_digits_but_words_that_hold_numerals_stay():
    assert figures_as_digits("三個工作天內回覆").split() == ["3", "個工作天內回覆"]
    assert "60" in figures_as_digits("減少百分之六十")
    assert figures_as_digits("一般在一個月內") == "一般在一個月內"  # 一 is mostly "a"
    assert figures_as_digits("十分方便") == "十分方便"  # 十分 is "very"


def test_colloquial_cantonese_is_compared_in_written_form():
    assert written("佢哋喺邊度？冇人知㗎") == "他們在哪裏？沒有人知"
    assert comparable("有兩個人去咗") == "有 2 個人去了"
