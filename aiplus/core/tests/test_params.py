"""The strict parsers every view uses for query parameters."""

import pytest

from aiplus.core.params import clean_text, parse_int, parse_page


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2", 2),
        (" 2 ", 2),
        ("0002", 2),
        ("²", None),
        ("①", None),
        ("٣", None),
        ("３", None),  # full-width three
        ("-1", None),
        ("+1", None),
        ("1e9", None),
        ("1.0", None),
        ("1_000", None),
        ("", None),
        (None, None),
        ("\x00", None),
        ("9" * 5000, None),
    ],
)
def test_parse_int_takes_plain_ascii_digits_only(value, expected):
    assert parse_int(value) == expected


def test_parse_int_checks_the_allowed_values_and_range():
    assert parse_int("3", allowed=[0, 1, 2, 3]) == 3
    assert parse_int("4", allowed=[0, 1, 2, 3]) is None
    assert parse_int("4", maximum=3) is None
    assert parse_int("0", minimum=1) is None


def test_parse_page_falls_back_to_the_first_page():
    assert parse_page("7") == 7
    for value in ("0", "-1", "²", "1e9", "", None, "9" * 30):
        assert parse_page(value) == 1


def test_clean_text_drops_control_characters_and_limits_length():
    assert clean_text(" a\x00b\x1fc ", max_length=10) == "abc"
    assert clean_text("x" * 500, max_length=200) == "x" * 200
    assert clean_text(None, max_length=5) == ""
