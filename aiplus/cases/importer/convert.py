"""Turn one CSV row into case field values with a mapping's rules."""

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from aiplus.cases.importer.mapping import FieldRule
from aiplus.cases.models import Case

BLANKS = {"", "n/a", "na", "none", "null", "-", "tbd"}


class RowError(ValueError):
    """This row cannot be imported; the message says why."""


def _clean_text(value: str) -> str:
    # Collapse runs of spaces but keep paragraph breaks.
    value = re.sub(r"[ \t\r\f\v]+", " ", value)
    return re.sub(r"\n\s*\n+", "\n\n", value).strip()


def _parse(rule: FieldRule, text: str) -> Any:
    if rule.type == "integer":
        number = int(Decimal(text.replace(",", "")))
        if number < 0:
            raise ValueError(text)
        return number
    if rule.type == "decimal":
        return Decimal(text.replace(",", ""))
    if rule.type == "boolean":
        lowered = text.lower()
        if lowered in {"yes", "y", "true", "1"}:
            return True
        if lowered in {"no", "n", "false", "0"}:
            return False
        raise ValueError(text)
    if rule.type == "date":
        for pattern in rule.date_formats:
            try:
                parsed: date = datetime.strptime(text, pattern).date()
                return parsed
            except ValueError:
                continue
        raise ValueError(text)
    return text


def convert_value(rule: FieldRule, row: dict[str, str]) -> tuple[Any, bool]:
    """The field's value and whether a bad value was left blank (to be counted)."""
    parts = [_clean_text(row.get(column, "") or "") for column in rule.columns]
    text = rule.joiner.join(part for part in parts if part)
    if text.lower() in BLANKS:
        text = ""
    if rule.value_map and text:
        if text in rule.value_map:
            return rule.value_map[text], False
        if rule.default is None:
            raise RowError(
                _("“%(value)s” is not a known value for %(field)s.")
                % {"value": text[:80], "field": rule.target}
            )
        return rule.default, False
    if not text:
        if rule.required:
            raise RowError(_("%(field)s is required but empty.") % {"field": rule.target})
        return (rule.default if rule.default is not None else _empty(rule)), False
    try:
        value = _parse(rule, text)
    except (ValueError, InvalidOperation) as error:
        if rule.on_invalid == "blank":
            return _empty(rule), True
        raise RowError(
            _("“%(value)s” is not a valid %(type)s for %(field)s.")
            % {"value": text[:80], "type": rule.type, "field": rule.target}
        ) from error
    if isinstance(value, str):
        limit = Case._meta.get_field(rule.target).max_length
        if limit and len(value) > limit:
            raise RowError(
                _("%(field)s is longer than %(limit)d characters.")
                % {"field": rule.target, "limit": limit}
            )
    return value, False


def _empty(rule: FieldRule) -> Any:
    return "" if rule.type == "text" else None
