"""Text put into one comparable form before the answer check compares it with the sources:
colloquial Cantonese words in their written Chinese form (the sources are written Chinese, the
model often answers a Cantonese question in Cantonese), and Chinese numerals as digits (so
"三小時" is checked as the figure 3 like "3 小時" is)."""

import re

# Longer forms first: "佢哋" before "佢".
_COLLOQUIAL = (
    ("佢哋", "他們"),
    ("我哋", "我們"),
    ("你哋", "你們"),
    ("點樣", "怎樣"),
    ("點解", "為甚麼"),
    ("幾多", "多少"),
    ("邊度", "哪裏"),
    ("邊個", "誰"),
    ("而家", "現在"),
    ("呢個", "這個"),
    ("呢啲", "這些"),
    ("嗰個", "那個"),
    ("嗰啲", "那些"),
    ("同埋", "和"),
    ("咗", "了"),
    ("嘅", "的"),
    ("係", "是"),
    ("喺", "在"),
    ("冇", "沒有"),
    ("唔", "不"),
    ("佢", "他"),
    ("哋", "們"),
    ("畀", "給"),
    ("俾", "給"),
    ("嚟", "來"),
    ("咩", "甚麼"),
    ("嗰", "那"),
    ("啲", "些"),
    ("睇", "看"),
    ("搵", "找"),
    ("諗", "想"),
    ("仲", "還"),
    ("嘢", "東西"),
)
_PARTICLES = re.compile("[㗎喎囉嘞吖喇啩]")

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "兩": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "廿": 20, "卅": 30, "百": 100, "千": 1000}
_MYRIADS = {"萬": 10_000, "万": 10_000, "億": 100_000_000, "亿": 100_000_000}
_NUMERAL = "零〇一二兩两三四五六七八九十廿卅百千萬万億亿"
# A numeral counts as a figure before a measure word or unit (not in words such as 一般 or
# 十分), or after 百分之 (per cent). A lone 一 is left alone: it is mostly "a", not a figure.
_MEASURE = (
    "個月|个月|小時|小时|分鐘|分钟|星期|個|个|秒|日|天|週|周|月|年|倍|成|份|名|人|次|位|項|项|"
    "間|间|宗|件|張|张|頁|页|元|%"
)
_FIGURE = re.compile(rf"(百分之)?([{_NUMERAL}]+)(?=(?:{_MEASURE}))|百分之([{_NUMERAL}]+)")


def written(text: str) -> str:
    for colloquial, standard in _COLLOQUIAL:
        text = text.replace(colloquial, standard)
    return _PARTICLES.sub("", text)


def numeral_value(numeral: str) -> int | None:
    """The value of a Chinese numeral ("一百二十" is 120, "廿四" is 24, "兩萬" is 20000)."""
    total = section = digit = 0
    for char in numeral:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in _UNITS:
            unit = _UNITS[char]
            if unit in (20, 30):  # 廿 and 卅 are whole tens
                section += unit
            else:
                section += (digit or 1) * unit
            digit = 0
        elif char in _MYRIADS:
            total += (section + digit) * _MYRIADS[char]
            section = digit = 0
        else:
            return None
    return total + section + digit


def figures_as_digits(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        numeral = match.group(2) or match.group(3)
        if numeral == "一" and not match.group(1) and not match.group(3):
            return match.group(0)
        value = numeral_value(numeral)
        return match.group(0) if value is None else f" {value} "

    return _FIGURE.sub(replace, text)


def comparable(text: str) -> str:
    return figures_as_digits(written(text))
