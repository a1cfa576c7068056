"""Strict parsing of query-string values.

Python's own helpers are too generous for input from a URL: `"²".isdigit()` is true but
`int("²")` fails, and `int("٣")` is 3. These parsers accept plain ASCII digits only and answer
None (or a default) for anything else, so a hostile query string can change what is shown but
never cause a server error. Text values lose control characters (PostgreSQL refuses NUL) and
are cut to a length the database handles quickly.
"""

import re
import unicodedata
from collections.abc import Collection

from django.http import QueryDict

_ASCII_DIGITS = re.compile(r"[0-9]{1,18}")  # 18 digits always fit a 64-bit integer
MAX_VALUES = 50


def parse_int(
    value: str | None,
    *,
    allowed: Collection[int] | None = None,
    minimum: int | None = None,
    maximum: int | None = None,
) -> int | None:
    """The non-negative integer written in plain ASCII digits, or None if `value` is anything
    else or falls outside `allowed` / `minimum` / `maximum`."""
    if value is None:
        return None
    text = value.strip()
    if not _ASCII_DIGITS.fullmatch(text):
        return None
    number = int(text)
    if allowed is not None and number not in allowed:
        return None
    if minimum is not None and number < minimum:
        return None
    if maximum is not None and number > maximum:
        return None
    return number


def parse_page(value: str | None) -> int:
    """A page number from the URL: 1 unless `value` is a plain positive integer. Numbers past
    the last page are left to the paginator, which shows the last page."""
    return parse_int(value, minimum=1) or 1


def clean_text(value: str | None, *, max_length: int) -> str:
    """Free text from the URL without control characters, trimmed and at most `max_length`."""
    if not value:
        return ""
    text = "".join(c for c in value if unicodedata.category(c) != "Cc")
    return text.strip()[:max_length].strip()


def clean_list(
    params: QueryDict,
    name: str,
    *,
    max_length: int = 200,
    allowed: Collection[str] | None = None,
) -> tuple[str, ...]:
    """Every distinct non-empty value of a repeated parameter (at most `MAX_VALUES`), cleaned
    like `clean_text` and, when `allowed` is given, only those it contains."""
    values = [clean_text(v, max_length=max_length) for v in params.getlist(name)]
    kept = [v for v in values if v and (allowed is None or v in allowed)]
    return tuple(dict.fromkeys(kept))[:MAX_VALUES]
