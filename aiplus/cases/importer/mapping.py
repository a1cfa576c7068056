"""Mapping files: where a source's records are, which column feeds which case field, and how
values are cleaned. Every file is checked against the schema in `schema.py` before use."""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from aiplus.cases.importer.errors import ImportFileError
from aiplus.cases.importer.schema import (
    DEFAULT_ENCODING,
    MappingError,
    MappingProblem,
    field_type,
    syntax_problem,
    validate,
)

MAPPINGS_DIR = Path(__file__).resolve().parent.parent / "mappings"


@dataclass(frozen=True)
class FieldRule:
    target: str
    columns: tuple[str, ...]
    type: str = "text"
    required: bool = False
    value_map: dict[str, Any] = field(default_factory=dict)
    default: Any = None
    date_formats: tuple[str, ...] = ("%Y-%m-%d",)
    on_invalid: str = "reject"  # or "blank": leave the field empty and count it
    joiner: str = "\n\n"  # between columns
    list_joiner: str = "; "  # between the items of a list (JSON)
    clear_when_missing: bool = False  # a column absent from the file clears the field


@dataclass(frozen=True)
class Mapping:
    slug: str
    name: str
    collection: str
    format: str  # "csv", "json" or "xlsx"
    encoding: str
    key_columns: tuple[str, ...]
    on_duplicate_key: str  # "reject" or "number"
    source_url: str
    licence: str
    attribution: str
    fields: tuple[FieldRule, ...]
    extra_columns: tuple[str, ...]
    extra_labels: dict[str, str] = field(default_factory=dict)  # column -> label shown
    records: str = ""  # JSON: dotted path to the list of records ("" = the top level)
    sheet: str = ""  # XLSX: sheet name ("" = the first sheet)
    header_row: int = 1  # XLSX: the row holding the column names

    @property
    def required_columns(self) -> set[str]:
        required = set(self.key_columns)
        for rule in self.fields:
            if rule.required:
                required.update(rule.columns)
        return required

    @property
    def known_columns(self) -> set[str]:
        known = set(self.key_columns) | set(self.extra_columns)
        for rule in self.fields:
            known.update(rule.columns)
        return known

    @property
    def maps_source_url(self) -> bool:
        return any(rule.target == "source_url" for rule in self.fields)


def _field_rule(target: str, spec: Any) -> FieldRule:
    if isinstance(spec, str):
        spec = {"column": spec}
    kind = spec.get("type") or field_type(target)
    default = spec.get("default")
    return FieldRule(
        target=target,
        columns=tuple(spec.get("columns") or [spec["column"]]),
        type=kind,
        # A case cannot be stored without a title.
        required=bool(spec.get("required", False)) or target == "title",
        value_map=dict(spec.get("map", {})),
        default=default,
        date_formats=tuple(spec.get("formats", ["%Y-%m-%d"])),
        on_invalid=spec.get("on_invalid", "reject"),
        joiner=spec.get("joiner", "\n\n"),
        list_joiner=spec.get("list_joiner", "; "),
        clear_when_missing=bool(spec.get("clear_when_missing", False)),
    )


def _build(data: dict[str, Any]) -> Mapping:
    source = data["source"]
    kind = source.get("format", "csv")
    return Mapping(
        slug=source["slug"],
        name=source["name"],
        collection=source.get("collection", "inventory"),
        format=kind,
        encoding=source.get("encoding", DEFAULT_ENCODING),
        key_columns=tuple(source["key"]),
        on_duplicate_key=source.get("on_duplicate_key", "reject"),
        source_url=source.get("url", ""),
        licence=source.get("licence", ""),
        attribution=source.get("attribution", ""),
        fields=tuple(_field_rule(target, spec) for target, spec in data["fields"].items()),
        extra_columns=tuple(data.get("extra", {}).get("columns", [])),
        extra_labels=dict(data.get("extra", {}).get("labels", {})),
        records=source.get("records", ""),
        sheet=source.get("sheet", ""),
        header_row=source.get("header_row", 1),
    )


def mapping_path(slug_or_path: str | Path) -> Path:
    """A path to a mapping file, a shipped mapping's file name without `.toml`, or a shipped
    mapping's source slug."""
    path = Path(slug_or_path)
    if path.suffix and path.is_file():
        return path
    shipped = MAPPINGS_DIR / f"{slug_or_path}.toml"
    if not path.suffix and shipped.is_file():
        return shipped
    if not path.suffix:
        for candidate in sorted(MAPPINGS_DIR.glob("*.toml")):
            try:
                slug = tomllib.loads(candidate.read_text(encoding="utf-8"))["source"]["slug"]
            except (tomllib.TOMLDecodeError, KeyError, TypeError, UnicodeDecodeError):
                continue
            if slug == str(slug_or_path):
                return candidate
    raise ImportFileError(_("No mapping called “%(name)s”.") % {"name": slug_or_path})


def check_mapping_text(text: str) -> tuple[Mapping | None, list[MappingProblem]]:
    """The mapping in `text` and no problems, or None and every problem found."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return None, [syntax_problem(error)]
    problems = validate(data, text)
    if problems:
        return None, problems
    return _build(data), []


def check_mapping_file(path: Path) -> tuple[Mapping | None, list[MappingProblem]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        problem = MappingProblem(
            "", _("The mapping file is not UTF-8 text (byte %(byte)d).") % {"byte": error.start}
        )
        return None, [problem]
    return check_mapping_text(text)


def load_mapping(slug_or_path: str | Path) -> Mapping:
    """The mapping, or MappingError (an ImportFileError) listing every problem in it."""
    path = mapping_path(slug_or_path)
    mapping, problems = check_mapping_file(path)
    if mapping is None:
        raise MappingError(path.name, problems)
    return mapping


def shipped_mapping_paths() -> list[Path]:
    return sorted(MAPPINGS_DIR.glob("*.toml"))


def available_mappings() -> list[Mapping]:
    return [load_mapping(path) for path in shipped_mapping_paths()]


def mapping_choices() -> list[tuple[str, str]]:
    """(file name without .toml, source name) for each shipped mapping that is valid (an
    invalid one is left out here; `manage.py check_mapping` says what is wrong with it)."""
    choices = []
    for path in shipped_mapping_paths():
        mapping, _problems = check_mapping_file(path)
        if mapping is not None:
            choices.append((path.stem, mapping.name))
    return choices
