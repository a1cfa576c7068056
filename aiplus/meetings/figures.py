"""Dates and sums of money written the other language's way, by rule rather than by the model.

Asked to translate "send the budget by 15 December", the small model wrote a year nobody said
(2012年12月15日); "1.2 million dollars" became 1.2萬 (twelve thousand). Minutes must not change
a date or a figure, so before a sentence is translated (`translating`) its dates and sums are
put in the other language here, and a translation that brings figures the sentence did not
have is not used."""

import re
from collections import Counter

MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH = "|".join(MONTHS) + "|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_CHINESE_WEEKDAYS = "一二三四五六日"
_BEFORE = {"by": "前", "before": "前", "no later than": "前", "on": "", "until": ""}

_EN_DATE = re.compile(
    r"\b(?:(by|before|no later than|on|until)\s+)?(?:the\s+)?"
    rf"(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\b"
    rf"|({_MONTH})\b\s+(\d{{1,2}})(?:st|nd|rd|th)?\b)(?:,?\s+(\d{{4}}))?",
    re.IGNORECASE,
)
_EN_END_OF = re.compile(
    rf"\b(?:(by|before|until)\s+)?the\s+end\s+of\s+({_MONTH})\b(?:\s+(\d{{4}}))?",
    re.IGNORECASE,
)
_EN_WEEKDAY = re.compile(
    rf"\b(?:(by|before|on|until)\s+)?(?:(next|this)\s+)?({'|'.join(_WEEKDAYS)})\b", re.IGNORECASE
)
_EN_AMOUNT = re.compile(
    r"(?:(HK\$|\$)\s?)?(\d+(?:\.\d+)?)\s*(million|billion|thousand)\b"
    r"(\s+(?:Hong Kong\s+)?dollars)?",
    re.IGNORECASE,
)

_DIGITS = "一二三四五六七八九"
_CHINESE_NUMBER = r"\d{1,2}|[一二三四五六七八九十兩两廿卅]{1,3}"
_ZH_DATE = re.compile(
    rf"(?:(\d{{4}})年)?({_CHINESE_NUMBER})\s*月\s*({_CHINESE_NUMBER})\s*[日號号](\s*之?前)?"
)
_ZH_END_OF = re.compile(rf"(?:(\d{{4}})年)?({_CHINESE_NUMBER})\s*月\s*底(\s*之?前)?")
_ZH_WEEKDAY = re.compile(rf"(下)?(?:星期|禮拜|礼拜|週|周)([{_CHINESE_WEEKDAYS}天])(\s*之?前)?")
_ZH_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(萬|万|億|亿)\s*(港?元)?")

_FIGURE = re.compile(r"\d+(?:\.\d+)?")
_MONTH_DAY = re.compile(rf"({_CHINESE_NUMBER})\s*月\s*({_CHINESE_NUMBER})\s*[日號号]")


def _month(name: str) -> int:
    name = name.lower().rstrip(".")
    return next(n for n, month in enumerate(MONTHS, 1) if month.startswith(name[:3]))


def _number(text: str) -> int:
    """A day or month in figures or in Chinese numerals up to 39 ("二十", "十二", "廿五")."""
    if text.isdigit():
        return int(text)
    text = text.replace("兩", "二").replace("两", "二").replace("廿", "二十").replace("卅", "三十")
    tens, _ten, units = text.rpartition("十")
    if not _ten:
        return _DIGITS.index(text) + 1 if text in _DIGITS else 0
    value = (_DIGITS.index(tens) + 1 if tens else 1) * 10
    return value + (_DIGITS.index(units) + 1 if units else 0)


def _plain(value: float) -> str:
    """A figure without a trailing ".0" and without float noise (1.2 * 100 is 120)."""
    return f"{round(value, 6):g}"


def _to_chinese(text: str) -> str:
    def date(found: re.Match[str]) -> str:
        word, day, month, month_first, day_after, year = found.groups()
        day_number, month_name = (day, month) if day else (day_after, month_first)
        written = f"{int(day_number)}日"
        written = f"{year + '年' if year else ''}{_month(month_name)}月{written}"
        return _with_limit(written, word)

    def end_of(found: re.Match[str]) -> str:
        word, month, year = found.groups()
        return _with_limit(f"{year + '年' if year else ''}{_month(month)}月底", word)

    def weekday(found: re.Match[str]) -> str:
        word, which, day = found.groups()
        named = f"{'下' if (which or '').lower() == 'next' else ''}星期"
        return _with_limit(named + _CHINESE_WEEKDAYS[_WEEKDAYS.index(day.lower())], word)

    def amount(found: re.Match[str]) -> str:
        dollar, figure, unit, dollars = found.groups()
        value = float(figure) * {"thousand": 1e3, "million": 1e6, "billion": 1e9}[unit.lower()]
        if value >= 1e8:
            written = _plain(value / 1e8) + "億"
        elif value >= 1e4:
            written = _plain(value / 1e4) + "萬"
        else:
            written = _plain(value)
        if (dollar or "").upper() == "HK$":
            return written + "港元"
        return written + ("元" if dollar or dollars else "")

    text = _EN_END_OF.sub(end_of, text)
    text = _EN_DATE.sub(date, text)
    text = _EN_WEEKDAY.sub(weekday, text)
    return _EN_AMOUNT.sub(amount, text)


def _with_limit(written: str, word: str | None) -> str:
    word = (word or "").lower()
    return ("至" if word == "until" else "") + written + _BEFORE.get(word, "")


def _to_english(text: str) -> str:
    def date(found: re.Match[str]) -> str:
        year, month, day, before = found.groups()
        month_number, day_number = _number(month), _number(day)
        if not (1 <= month_number <= 12 and 1 <= day_number <= 31):
            return found.group(0)
        written = f"{day_number} {MONTHS[month_number - 1].title()}{' ' + year if year else ''}"
        return f" by {written} " if before else f" {written} "

    def end_of(found: re.Match[str]) -> str:
        year, month, before = found.groups()
        if not 1 <= _number(month) <= 12:
            return found.group(0)
        written = f"the end of {MONTHS[_number(month) - 1].title()}{' ' + year if year else ''}"
        return f" by {written} " if before else f" {written} "

    def weekday(found: re.Match[str]) -> str:
        following, day, before = found.groups()
        named = _WEEKDAYS[_CHINESE_WEEKDAYS.index("日" if day == "天" else day)].title()
        named = f"next {named}" if following else named
        return f" by {named} " if before else f" {named} "

    def amount(found: re.Match[str]) -> str:
        figure, unit, dollars = found.groups()
        value = float(figure) * (1e4 if unit in "萬万" else 1e8)
        if value >= 1e9:
            written = _plain(value / 1e9) + " billion"
        elif value >= 1e6:
            written = _plain(value / 1e6) + " million"
        else:
            written = f"{value:,.0f}"
        return f" {'HK$' if dollars == '港元' else '$' if dollars else ''}{written} "

    for pattern, write in ((_ZH_END_OF, end_of), (_ZH_DATE, date), (_ZH_WEEKDAY, weekday)):
        text = pattern.sub(write, text)
    text = _ZH_AMOUNT.sub(amount, text)
    return " ".join(text.split())


def localise(text: str, language: str) -> str:
    """`text` with its dates and sums of money written as `language` ("en" or "zh-hant")
    writes them; the rest as it was."""
    return _to_chinese(text) if language == "zh-hant" else _to_english(text)


def figures(text: str) -> Counter[str]:
    """The figures `text` holds, each as often as it is written ("12,000" is one figure)."""
    return Counter(_FIGURE.findall(re.sub(r"(?<=\d),(?=\d{3})", "", text)))


def adds_figures(translated: str, source: str) -> bool:
    """Whether a translation holds a figure its source does not, or more often (a year nobody
    said; "12月底" turned into "12月12日")."""
    return bool(figures(translated) - figures(source))


def dates(text: str) -> Counter[tuple[int, int]]:
    """The (month, day) dates `text` gives, written either language's way."""
    return Counter(
        (_number(month), _number(day)) for month, day in _MONTH_DAY.findall(_to_chinese(text))
    )
