"""The mapping schema: which keys a mapping file may have, of which types and values. Problems
name the key path and, where it can be found, the line (and column) in the file, so that a
misspelt key or a quoted "false" is caught before any import runs."""

import codecs
import difflib
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext as _

from aiplus.cases.importer.errors import ImportFileError
from aiplus.cases.models import Case, Collection
from aiplus.core.translated import all_variants

DEFAULT_ENCODING = "utf-8-sig"
FORMATS = ("csv", "json", "xlsx")
FIELD_TYPES = ("text", "url", "integer", "decimal", "boolean", "date")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")

# Case fields an import may set; anything else (live, slug, ids) stays under the hub's control.
IMPORTABLE_FIELDS = (
    *all_variants(Case),
    "source_organisation",
    "source_unit",
    "hours_saved_per_year",
    "posts_redeployed",
    "months_to_implement",
    "stage",
    "topic",
    "outputs",
    "vendor_name",
    "uses_personal_data",
    "impact_type",
    "started_on",
    "implemented_on",
    "contact",
    "source_url",
)

SOURCE_KEYS = (
    "slug",
    "name",
    "collection",
    "format",
    "encoding",
    "key",
    "on_duplicate_key",
    "url",
    "licence",
    "attribution",
    "records",
    "sheet",
    "header_row",
)
FIELD_KEYS = (
    "column",
    "columns",
    "type",
    "required",
    "map",
    "default",
    "formats",
    "on_invalid",
    "joiner",
    "list_joiner",
    "clear_when_missing",
)
EXTRA_KEYS = ("columns", "labels")
TOP_KEYS = ("source", "fields", "extra")
ONLY_FOR_FORMAT = {"records": "json", "sheet": "xlsx", "header_row": "xlsx"}


def field_type(target: str) -> str:
    """The importer's type for a case field, from the model."""
    model_field = Case._meta.get_field(target)
    if isinstance(model_field, models.URLField):
        return "url"
    if isinstance(model_field, models.BooleanField):
        return "boolean"
    if isinstance(model_field, models.DateField):
        return "date"
    if isinstance(model_field, models.DecimalField):
        return "decimal"
    if isinstance(model_field, models.IntegerField):
        return "integer"
    return "text"


@dataclass(frozen=True)
class MappingProblem:
    path: str  # the key path, e.g. fields.title.required ("" for the file as a whole)
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = ""
        if self.line and self.column:
            where = _("line %(line)d, column %(column)d") % {
                "line": self.line,
                "column": self.column,
            }
        elif self.line:
            where = _("line %(line)d") % {"line": self.line}
        return ": ".join(part for part in (where, self.path, self.message) if part)


class MappingError(ImportFileError):
    """The mapping file is not valid; `problems` lists every problem found."""

    def __init__(self, name: str, problems: list[MappingProblem]) -> None:
        self.name, self.problems = name, problems
        heading = _("The mapping %(name)s is not valid:") % {"name": name}
        super().__init__("\n".join([heading, *(str(problem) for problem in problems)]))


def syntax_problem(error: tomllib.TOMLDecodeError) -> MappingProblem:
    message = str(error)
    found = re.search(r"\(at line (\d+), column (\d+)\)", message)
    line = column = None
    if found:
        line, column = int(found.group(1)), int(found.group(2))
        message = message[: found.start()].strip()
    return MappingProblem(
        "",
        _("This is not valid TOML: %(error)s") % {"error": message},
        line=line,
        column=column,
    )


# Finding keys in the text ------------------------------------------------------------------

_BARE_OR_QUOTED = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|\'[^\']*\')'
_DOTTED = rf"{_BARE_OR_QUOTED}(?:\s*\.\s*{_BARE_OR_QUOTED})*"
_TABLE = re.compile(rf"^\s*\[\[?\s*({_DOTTED})\s*\]\]?")
_KEY = re.compile(rf"^\s*({_DOTTED})\s*=")


def _parts(dotted: str) -> tuple[str, ...]:
    return tuple(
        part.strip()[1:-1] if part.strip()[:1] in {'"', "'"} else part.strip()
        for part in re.findall(_BARE_OR_QUOTED, dotted)
    )


def locate(text: str, path: tuple[str, ...]) -> tuple[int | None, int | None]:
    """The line (and column) where `path` is written: its own line, or the line of the
    closest enclosing key or table (an inline table or a list spread over lines)."""
    table: tuple[str, ...] = ()
    best: tuple[int, int | None, int] | None = None  # line, column, length of matched path
    in_multiline = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.count('"""') % 2 or line.count("'''") % 2:
            in_multiline = not in_multiline
            continue
        if in_multiline:
            continue
        found_table, found_key = _TABLE.match(line), _KEY.match(line)
        if found_table:
            table = _parts(found_table.group(1))
            full, column = table, found_table.start(1) + 1
        elif found_key:
            full, column = table + _parts(found_key.group(1)), found_key.start(1) + 1
        else:
            continue
        if full == path[: len(full)] and (best is None or len(full) > best[2]):
            best = (number, column, len(full))
            if len(full) < len(path):  # the key may be inside an inline table on this line
                inner = re.search(
                    rf"[{{,]\s*({re.escape(path[len(full)])}|\"{re.escape(path[len(full)])}\")\s*=",
                    line,
                )
                if inner:
                    best = (number, inner.start(1) + 1, len(full) + 1)
    if best is None:
        return None, None
    return best[0], best[1]


def display_path(path: tuple[str, ...]) -> str:
    return ".".join(part if re.fullmatch(r"[A-Za-z0-9_-]+", part) else f'"{part}"' for part in path)


# Checking ----------------------------------------------------------------------------------


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return _("the value %(value)s") % {"value": "true" if value else "false"}
    if isinstance(value, str):
        return _("the text “%(value)s”") % {"value": value[:60]}
    if isinstance(value, dict):
        return _("a table")
    if isinstance(value, list):
        return _("a list")
    return _("the value %(value)s") % {"value": value}


class _Checker:
    def __init__(self, text: str) -> None:
        self.text = text
        self.problems: list[MappingProblem] = []

    def add(self, path: tuple[str, ...], message: str) -> None:
        line, column = locate(self.text, path) if path else (None, None)
        self.problems.append(MappingProblem(display_path(path), message, line, column))

    def keys(self, table: dict[str, Any], path: tuple[str, ...], allowed: tuple[str, ...]) -> None:
        for key in table:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.7)
                if close:
                    message = _("Unknown key “%(key)s”; did you mean “%(close)s”?") % {
                        "key": key,
                        "close": close[0],
                    }
                else:
                    message = _("Unknown key “%(key)s”. Allowed here: %(allowed)s.") % {
                        "key": key,
                        "allowed": ", ".join(allowed),
                    }
                self.add((*path, key), message)

    def table(self, parent: dict[str, Any], key: str, path: tuple[str, ...] = ()) -> dict | None:
        value = parent.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.add(
                (*path, key), _("must be a table, not %(found)s.") % {"found": _describe(value)}
            )
            return None
        return value

    def text_value(
        self, table: dict[str, Any], key: str, path: tuple[str, ...], *, required: bool = False
    ) -> str | None:
        if key not in table:
            if required:
                self.add(path, _("“%(key)s” is required.") % {"key": key})
            return None
        value = table[key]
        if not isinstance(value, str):
            self.add(
                (*path, key),
                _("must be text in quotes, not %(found)s.") % {"found": _describe(value)},
            )
            return None
        if required and not value.strip():
            self.add((*path, key), _("must not be empty."))
            return None
        return value

    def boolean(self, table: dict[str, Any], key: str, path: tuple[str, ...]) -> None:
        if key in table and not isinstance(table[key], bool):
            self.add(
                (*path, key),
                _("must be true or false (without quotes), not %(found)s.")
                % {"found": _describe(table[key])},
            )

    def choice(
        self,
        table: dict[str, Any],
        key: str,
        path: tuple[str, ...],
        choices: tuple[str, ...] | list[str],
    ) -> str | None:
        value = self.text_value(table, key, path)
        if value is not None and value not in choices:
            self.add(
                (*path, key),
                _("“%(value)s” is not one of: %(choices)s.")
                % {"value": value, "choices": ", ".join(choices)},
            )
            return None
        return value

    def text_list(
        self, table: dict[str, Any], key: str, path: tuple[str, ...], *, required: bool = False
    ) -> list[str] | None:
        if key not in table:
            if required:
                self.add(path, _("“%(key)s” is required.") % {"key": key})
            return None
        value = table[key]
        if not isinstance(value, list) or not value:
            self.add(
                (*path, key),
                _('must be a list of texts, e.g. ["a", "b"], not %(found)s.')
                % {"found": _describe(value)},
            )
            return None
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.add(
                    (*path, key, str(index)),
                    _("item %(number)d must be non-empty text, not %(found)s.")
                    % {"number": index + 1, "found": _describe(item)},
                )
                return None
        return value


def _check_source(check: _Checker, data: dict[str, Any]) -> str:
    source = check.table(data, "source")
    if source is None:
        if "source" not in data:
            check.add((), _("The [source] table is missing."))
        return "csv"
    path = ("source",)
    check.keys(source, path, SOURCE_KEYS)
    slug = check.text_value(source, "slug", path, required=True)
    if slug is not None and (not SLUG.match(slug) or len(slug) > 60):
        check.add(
            (*path, "slug"),
            _("must be lower-case letters, digits and hyphens (at most 60), like “uk-atrs”."),
        )
    check.text_value(source, "name", path, required=True)
    check.choice(source, "collection", path, Collection.values)
    kind = check.choice(source, "format", path, FORMATS) or "csv"
    encoding = check.text_value(source, "encoding", path)
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            check.add(
                (*path, "encoding"), _("“%(value)s” is not a known encoding.") % {"value": encoding}
            )
        if kind == "xlsx":
            check.add(
                (*path, "encoding"), _("XLSX workbooks carry their own encoding; remove this key.")
            )
    check.text_list(source, "key", path, required=True)
    check.choice(source, "on_duplicate_key", path, ("reject", "number"))
    url = check.text_value(source, "url", path)
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            check.add((*path, "url"), _("must be a web address starting with https:// or http://."))
    check.text_value(source, "licence", path)
    check.text_value(source, "attribution", path)
    check.text_value(source, "records", path)
    check.text_value(source, "sheet", path)
    if "header_row" in source:
        row = source["header_row"]
        if isinstance(row, bool) or not isinstance(row, int) or row < 1:
            check.add(
                (*path, "header_row"),
                _("must be a row number (1 or more), not %(found)s.") % {"found": _describe(row)},
            )
    for key, needed in ONLY_FOR_FORMAT.items():
        if key in source and kind != needed:
            check.add(
                (*path, key),
                _("applies only when the format is “%(format)s”; this mapping reads %(actual)s.")
                % {"format": needed, "actual": kind},
            )
    return kind


def _typed(check: _Checker, target: str, kind: str, value: Any, path: tuple[str, ...]) -> None:
    """Check a value written in the mapping (a map entry or a default) for the field."""
    model_field = Case._meta.get_field(target)
    wrong = None
    if kind in ("text", "url"):
        if not isinstance(value, str):
            wrong = _("must be text in quotes")
        elif model_field.choices and value not in {str(v) for v, _label in model_field.choices}:
            check.add(
                path,
                _("“%(value)s” is not a known %(field)s value; use one of: %(choices)s.")
                % {
                    "value": value,
                    "field": target,
                    "choices": ", ".join(str(v) for v, _label in model_field.choices),
                },
            )
            return
        elif model_field.max_length and len(value) > model_field.max_length:
            wrong = _("is longer than %(limit)d characters") % {"limit": model_field.max_length}
    elif kind == "boolean" and not isinstance(value, bool):
        wrong = _("must be true or false (without quotes)")
    elif kind == "integer" and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        wrong = _("must be a whole number, 0 or more")
    elif kind == "decimal":
        try:
            if isinstance(value, bool):
                raise InvalidOperation
            Decimal(str(value))
        except InvalidOperation:
            wrong = _("must be a number")
    elif kind == "date" and not isinstance(value, date):
        wrong = _("must be a date written as 2024-01-31 (without quotes)")
    if wrong:
        check.add(
            path, _("%(problem)s, not %(found)s.") % {"problem": wrong, "found": _describe(value)}
        )


def _check_field(check: _Checker, target: str, spec: Any) -> None:
    path = ("fields", target)
    if target not in IMPORTABLE_FIELDS:
        try:
            Case._meta.get_field(target)
        except FieldDoesNotExist:
            close = difflib.get_close_matches(target, IMPORTABLE_FIELDS, n=1, cutoff=0.7)
            message = _("“%(field)s” is not a case field.") % {"field": target}
            if close:
                message += " " + _("Did you mean “%(close)s”?") % {"close": close[0]}
        else:
            message = _("The mapping sets “%(field)s”, which imports may not set.") % {
                "field": target
            }
        check.add(path, message)
        return
    if isinstance(spec, str):
        if not spec.strip():
            check.add(path, _("must name a column."))
        return
    if not isinstance(spec, dict):
        check.add(
            path,
            _("must be a column name in quotes or a table, not %(found)s.")
            % {"found": _describe(spec)},
        )
        return
    check.keys(spec, path, FIELD_KEYS)
    if ("column" in spec) == ("columns" in spec):
        check.add(path, _("needs either “column” or “columns” (one of them)."))
    elif "column" in spec:
        check.text_value(spec, "column", path, required=True)
    else:
        check.text_list(spec, "columns", path, required=True)
    expected = field_type(target)
    kind = check.choice(spec, "type", path, FIELD_TYPES) or expected
    if kind != expected:
        check.add(
            (*path, "type"),
            _(
                "%(field)s holds %(expected)s values, so its type is “%(expected)s” "
                "(or leave type out)."
            )
            % {"field": target, "expected": expected},
        )
        kind = expected
    for key in ("required", "clear_when_missing"):
        check.boolean(spec, key, path)
    if spec.get("required") is True and spec.get("clear_when_missing") is True:
        check.add((*path, "clear_when_missing"), _("A required field cannot be cleared."))
    if target == "title" and spec.get("clear_when_missing") is True:
        check.add((*path, "clear_when_missing"), _("The title cannot be cleared."))
    value_map = check.table(spec, "map", path)
    for source_value, value in (value_map or {}).items():
        _typed(check, target, kind, value, (*path, "map", source_value))
    if "default" in spec:
        _typed(check, target, kind, spec["default"], (*path, "default"))
    formats = check.text_list(spec, "formats", path)
    if formats is not None:
        if kind != "date":
            check.add((*path, "formats"), _("applies only to date fields."))
        for index, pattern in enumerate(formats):
            if "%" not in pattern:
                check.add(
                    (*path, "formats", str(index)),
                    _('“%(value)s” is not a date format; write it like "%%d/%%m/%%Y".')
                    % {"value": pattern},
                )
    check.choice(spec, "on_invalid", path, ("reject", "blank"))
    for key in ("joiner", "list_joiner"):
        if key in spec and not isinstance(spec[key], str):
            check.add(
                (*path, key),
                _("must be text in quotes, not %(found)s.") % {"found": _describe(spec[key])},
            )


def validate(data: dict[str, Any], text: str) -> list[MappingProblem]:
    """Every problem in a parsed mapping file (an empty list if it is valid)."""
    check = _Checker(text)
    check.keys(data, (), TOP_KEYS)
    _check_source(check, data)
    fields = check.table(data, "fields")
    if fields is None and "fields" not in data:
        check.add((), _("The [fields] table is missing."))
    if fields is not None:
        if "title" not in fields:
            check.add(("fields",), _("“title” must be mapped: every case needs a title."))
        for target, spec in fields.items():
            _check_field(check, target, spec)
    extra = check.table(data, "extra")
    if extra is not None:
        check.keys(extra, ("extra",), EXTRA_KEYS)
        check.text_list(extra, "columns", ("extra",))
        labels = check.table(extra, "labels", ("extra",))
        for column in labels or {}:
            check.text_value(labels or {}, column, ("extra", "labels"))
    return check.problems
