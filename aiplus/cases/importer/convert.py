"""Turn the values found for one record into case field values with a mapping's rules.

A value found in a file is a list of items: one cell of a CSV or XLSX row, or whatever a dotted
path reaches in a JSON record (a list gives several items)."""

import re
from collections.abc import Sequence
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from aiplus.cases.importer.mapping import FieldRule
from aiplus.cases.models import Case

BLANKS = {"", "n/a", "na", "none", "null", "-", "tbd"}
_web_address = URLValidator(schemes=["http", "https"])


class RowError(ValueError):
    """This row cannot be imported; the message says why."""


def clean_text(value: str) -> str:
    # Collapse runs of spaces but keep paragraph breaks.
    value = re.sub(r"[ \t\r\f\v]+", " ", value)
    return re.sub(r"\n\s*\n+", "\n\n", value).strip()


def as_text(item: Any) -> str:
    """A value from a file as text: JSON numbers and booleans, spreadsheet dates."""
    if item is None:
        return ""
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, float):
        return str(int(item)) if item.is_integer() else repr(item)
    if isinstance(item, datetime):
        return (
            item.date().isoformat() if item.time() == datetime.min.time() else item.isoformat(" ")
        )
    if isinstance(item, date):
        return item.isoformat()
    if isinstance(item, str):
        return clean_text(item)
    return str(item)


def _is_blank(item: Any) -> bool:
    return item is None or (isinstance(item, str) and clean_text(item).lower() in BLANKS)


def _parse(rule: FieldRule, item: Any) -> Any:
    text = as_text(item)
    if rule.type == "integer":
        if isinstance(item, bool):
            raise ValueError(text)
        number = int(Decimal(text.replace(",", "")))
        if number < 0:
            raise ValueError(text)
        return number
    if rule.type == "decimal":
        if isinstance(item, bool):
            raise ValueError(text)
        return Decimal(text.replace(",", ""))
    if rule.type == "boolean":
        lowered = text.lower()
        if lowered in {"yes", "y", "true", "1"}:
            return True
        if lowered in {"no", "n", "false", "0"}:
            return False
        raise ValueError(text)
    if rule.type == "date":
        if isinstance(item, datetime):
            return item.date()
        if isinstance(item, date):
            return item
        for pattern in rule.date_formats:
            try:
                parsed: date = datetime.strptime(text, pattern).date()
                return parsed
            except ValueError:
                continue
        raise ValueError(text)
    return text


def _check(rule: FieldRule, value: Any) -> Any:
    """The value as the database will hold it; ValueError if the field cannot hold it."""
    model_field = Case._meta.get_field(rule.target)
    if isinstance(value, Decimal):
        places = Decimal(1).scaleb(-model_field.decimal_places)
        value = value.quantize(places, rounding=ROUND_HALF_UP)
    if model_field.choices and isinstance(value, str):
        known = {str(choice).lower(): str(choice) for choice, _label in model_field.choices}
        if value.lower() not in known:
            raise ValueError(value)
        value = known[value.lower()]
    try:
        if rule.type == "url":
            _web_address(value)
        model_field.run_validators(value)
    except ValidationError as error:
        raise ValueError(value) from error
    return value


def empty_value(rule: FieldRule) -> Any:
    """What a field holds when the file gives no value: the mapping's default, else the
    field's own default ("" for text, "unknown" for the stage, nothing for the rest)."""
    if rule.default is not None:
        return rule.default
    return Case._meta.get_field(rule.target).get_default()


def convert_value(rule: FieldRule, cells: Sequence[Sequence[Any]]) -> tuple[Any, bool]:
    """The field's value from the items found in each of the rule's columns, and whether a bad
    value was left blank (to be counted)."""
    columns = [[item for item in items if not _is_blank(item)] for items in cells]
    items = [item for column in columns for item in column]
    model_field = Case._meta.get_field(rule.target)
    if rule.value_map and items:
        mapped: list[Any] = []
        for item in items:
            text = as_text(item)
            if text in rule.value_map:
                value = rule.value_map[text]
            elif rule.default is not None:
                value = rule.default
            else:
                raise RowError(
                    _("“%(value)s” is not a known value for %(field)s.")
                    % {"value": text[:80], "field": rule.target}
                )
            if value not in mapped:
                mapped.append(value)
        if len(mapped) == 1:
            return mapped[0], False
        if rule.type != "text" or model_field.choices:
            raise RowError(
                _("%(field)s has several values (%(values)s); it can hold one.")
                % {"field": rule.target, "values": ", ".join(as_text(v) for v in mapped)[:200]}
            )
        return _limit(rule, rule.list_joiner.join(str(v) for v in mapped)), False
    if not items:
        if rule.required:
            raise RowError(_("%(field)s is required but empty.") % {"field": rule.target})
        return empty_value(rule), False
    if rule.type in ("text", "url"):
        parts = [rule.list_joiner.join(as_text(item) for item in column) for column in columns]
        raw: Any = rule.joiner.join(part for part in parts if part)
    elif len(items) > 1:
        raise RowError(
            _("%(field)s has several values (%(values)s); it can hold one.")
            % {"field": rule.target, "values": ", ".join(as_text(v) for v in items)[:200]}
        )
    else:
        raw = items[0]
    if isinstance(raw, str):
        _limit(rule, raw)
    try:
        value = _check(rule, _parse(rule, raw))
    except (ValueError, InvalidOperation) as error:
        if rule.on_invalid == "blank" and not rule.required:
            return empty_value(rule), True
        text = as_text(raw)
        if model_field.choices:
            message = _("“%(value)s” is not a known value for %(field)s.") % {
                "value": text[:80],
                "field": rule.target,
            }
        else:
            message = _("“%(value)s” is not a valid %(type)s for %(field)s.") % {
                "value": text[:80],
                "type": rule.type,
                "field": rule.target,
            }
        raise RowError(message) from error
    return value, False


def _limit(rule: FieldRule, value: str) -> str:
    limit = Case._meta.get_field(rule.target).max_length
    if limit and len(value) > limit:
        raise RowError(
            _("%(field)s is longer than %(limit)d characters.")
            % {"field": rule.target, "limit": limit}
        )
    return value
