"""Mapping files: which CSV column feeds which case field, and how values are cleaned."""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from aiplus.cases.importer.errors import ImportFileError

MAPPINGS_DIR = Path(__file__).resolve().parent.parent / "mappings"

# Case fields an import may set; anything else (live, slug, ids) stays under the hub's control.
IMPORTABLE_FIELDS = {
    "title",
    "title_zh_hant",
    "source_organisation",
    "source_unit",
    "summary",
    "summary_zh_hant",
    "problem",
    "technology",
    "management",
    "outcome",
    "learnings",
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
}
FIELD_TYPES = {"text", "integer", "decimal", "boolean", "date"}


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
    joiner: str = "\n\n"


@dataclass(frozen=True)
class Mapping:
    slug: str
    name: str
    collection: str
    encoding: str
    key_columns: tuple[str, ...]
    on_duplicate_key: str  # "reject" or "number"
    source_url: str
    licence: str
    fields: tuple[FieldRule, ...]
    extra_columns: tuple[str, ...]

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


def _field_rule(target: str, spec: Any) -> FieldRule:
    if isinstance(spec, str):
        spec = {"column": spec}
    if target not in IMPORTABLE_FIELDS:
        raise ImportFileError(
            _("The mapping sets “%(field)s”, which imports may not set.") % {"field": target}
        )
    columns = spec.get("columns") or [spec["column"]]
    kind = spec.get("type", "text")
    if kind not in FIELD_TYPES:
        raise ImportFileError(_("Unknown field type “%(type)s” in the mapping.") % {"type": kind})
    return FieldRule(
        target=target,
        columns=tuple(columns),
        type=kind,
        required=bool(spec.get("required", False)),
        value_map=dict(spec.get("map", {})),
        default=spec.get("default"),
        date_formats=tuple(spec.get("formats", ["%Y-%m-%d"])),
        on_invalid=spec.get("on_invalid", "reject"),
        joiner=spec.get("joiner", "\n\n"),
    )


def load_mapping(slug_or_path: str | Path) -> Mapping:
    path = Path(slug_or_path)
    if not path.suffix:
        path = MAPPINGS_DIR / f"{slug_or_path}.toml"
    if not path.is_file():
        raise ImportFileError(_("No mapping called “%(name)s”.") % {"name": slug_or_path})
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    source = data["source"]
    return Mapping(
        slug=source["slug"],
        name=source["name"],
        collection=source.get("collection", "inventory"),
        encoding=source.get("encoding", "utf-8-sig"),
        key_columns=tuple(source["key"]),
        on_duplicate_key=source.get("on_duplicate_key", "reject"),
        source_url=source.get("url", ""),
        licence=source.get("licence", ""),
        fields=tuple(_field_rule(target, spec) for target, spec in data["fields"].items()),
        extra_columns=tuple(data.get("extra", {}).get("columns", [])),
    )


def available_mappings() -> list[Mapping]:
    return [load_mapping(path) for path in sorted(MAPPINGS_DIR.glob("*.toml"))]


def mapping_choices() -> list[tuple[str, str]]:
    """(file name without .toml, source name) for each shipped mapping."""
    return [(path.stem, load_mapping(path).name) for path in sorted(MAPPINGS_DIR.glob("*.toml"))]
