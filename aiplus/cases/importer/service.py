"""Run an import: validate every row first, then write all valid rows in one transaction, so an
import never leaves half-written records. A dry run reports the same and writes nothing."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from aiplus.cases.importer.convert import RowError, convert_value
from aiplus.cases.importer.errors import ImportFileError
from aiplus.cases.importer.mapping import Mapping
from aiplus.cases.importer.reader import Table, read_csv
from aiplus.cases.models import Case

Progress = Callable[[int, int], None]


@dataclass
class ImportResult:
    rows_total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[dict[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return len(self.problems)


@dataclass
class _Candidate:
    key: str
    values: dict[str, Any]


def _check_columns(mapping: Mapping, table: Table, result: ImportResult) -> None:
    header = set(table.header)
    missing = sorted(mapping.required_columns - header)
    if missing:
        raise ImportFileError(
            _("Required columns are missing: %(columns)s") % {"columns": ", ".join(missing)}
        )
    optional_missing = sorted(mapping.known_columns - header)
    if optional_missing:
        result.notes.append(
            _("Columns not in the file (those fields are left blank): %(columns)s")
            % {"columns": ", ".join(optional_missing)}
        )
    ignored = sorted(header - mapping.known_columns)
    if ignored:
        result.notes.append(
            _("%(count)d columns in the file are not used by the mapping.")
            % {"count": len(ignored)}
        )


def _candidates(mapping: Mapping, table: Table, result: ImportResult) -> list[_Candidate]:
    seen: dict[str, list[tuple[str, tuple[tuple[str, str], ...]]]] = {}
    blanked: dict[str, int] = {}
    candidates = []
    for row in table.rows:
        line = row["__line__"]
        base_key = " | ".join((row.get(column) or "").strip() for column in mapping.key_columns)
        signature = tuple(sorted((k, v) for k, v in row.items() if not k.startswith("__")))
        try:
            if not base_key.replace("|", "").strip():
                raise RowError(
                    _("The row has no key (%(columns)s are empty).")
                    % {"columns": ", ".join(mapping.key_columns)}
                )
            earlier = seen.setdefault(base_key, [])
            for earlier_line, earlier_signature in earlier:
                if earlier_signature == signature:
                    raise RowError(_("Exact duplicate of line %(line)s.") % {"line": earlier_line})
            if earlier and mapping.on_duplicate_key != "number":
                raise RowError(_("Duplicate key: also on line %(line)s.") % {"line": earlier[0][0]})
            key = base_key if not earlier else f"{base_key} #{len(earlier) + 1}"
            earlier.append((line, signature))
            values = {}
            for rule in mapping.fields:
                values[rule.target], was_blanked = convert_value(rule, row)
                if was_blanked:
                    blanked[rule.target] = blanked.get(rule.target, 0) + 1
            values["extra"] = {
                column: row[column].strip()
                for column in mapping.extra_columns
                if (row.get(column) or "").strip()
            }
        except RowError as error:
            result.problems.append({"line": line, "key": base_key[:200], "reason": str(error)})
            continue
        candidates.append(_Candidate(key=key, values=values))
    for target, count in sorted(blanked.items()):
        result.notes.append(
            _("%(count)d values of %(field)s were not understood and left blank.")
            % {"count": count, "field": target}
        )
    return candidates


def _slug(mapping: Mapping, key: str, title: str) -> str:
    digest = hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:10]
    return f"{mapping.slug}-{slugify(title)[:80]}-{digest}".strip("-")


def run_import(
    *,
    mapping: Mapping,
    stream: IO[bytes],
    dry_run: bool,
    progress: Progress | None = None,
) -> ImportResult:
    result = ImportResult()
    table = read_csv(stream, encoding=mapping.encoding)
    result.rows_total = len(table.rows)
    _check_columns(mapping, table, result)
    candidates = _candidates(mapping, table, result)

    existing = {case.source_key: case for case in Case.objects.filter(source=mapping.slug)}
    to_create: list[Case] = []
    to_update: list[Case] = []
    changed_fields: set[str] = set()
    now = timezone.now()
    for done, candidate in enumerate(candidates, start=1):
        case = existing.get(candidate.key)
        if case is None:
            case = Case(
                collection=mapping.collection,
                source=mapping.slug,
                source_key=candidate.key,
                source_url=mapping.source_url,
                slug=_slug(mapping, candidate.key, candidate.values["title"]),
                live=True,
                first_published_at=now,
                last_published_at=now,
                **candidate.values,
            )
            to_create.append(case)
        else:
            changes = {k: v for k, v in candidate.values.items() if getattr(case, k) != v}
            if changes:
                for name, value in changes.items():
                    setattr(case, name, value)
                changed_fields.update(changes)
                to_update.append(case)
            else:
                result.unchanged += 1
        if progress and done % 250 == 0:
            progress(done, len(candidates))

    result.created, result.updated = len(to_create), len(to_update)
    if not dry_run:
        with transaction.atomic():
            Case.objects.bulk_create(to_create, batch_size=500)
            if to_update:
                for case in to_update:
                    case.updated_at = now
                Case.objects.bulk_update(
                    to_update, [*sorted(changed_fields), "updated_at"], batch_size=500
                )
    if progress:
        progress(len(candidates), len(candidates))
    return result
