"""Run an import: validate every record first, then write all valid ones in one transaction, so
an import never leaves half-written records. A dry run reports the same and writes nothing.

What a file does not say never erases what is stored: a mapped column absent from the file
leaves its field as it is (unless the mapping says `clear_when_missing = true`), and a record
absent from the file stays as it is unless the run withdraws missing records (unpublishes them;
nothing is ever deleted). The report lists each change, field by field, old and new."""

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import IO, Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from aiplus.cases.importer.convert import RowError, as_text, convert_value, empty_value
from aiplus.cases.importer.errors import ImportFileError
from aiplus.cases.importer.mapping import FieldRule, Mapping
from aiplus.cases.importer.reader import Record, Table, read_table
from aiplus.cases.models import Case

Progress = Callable[[int, int], None]
SHOWN_VALUE_CHARS = 300


@dataclass
class ImportResult:
    rows_total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    withdrawn: int = 0
    restored: int = 0
    # {"row": 5} (or {"record": 5} for JSON), "where": "row 5", "key", "reason"
    problems: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # One entry per updated record: its key, title and [{"field", "label", "old", "new"}].
    changes: list[dict[str, Any]] = field(default_factory=list)
    # Published records of this source that the file no longer has.
    missing_keys: list[str] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return len(self.problems)


@dataclass
class _Candidate:
    key: str
    values: dict[str, Any]  # set on new and existing records
    new_only: dict[str, Any]  # set on new records only: their columns are not in the file
    extra: dict[str, str]  # the extra columns the file has


def _columns_present(table: Table, rule: FieldRule) -> bool:
    return all(column in table.columns for column in rule.columns)


def _check_columns(mapping: Mapping, table: Table, result: ImportResult) -> None:
    missing = sorted(mapping.required_columns - table.columns)
    if missing:
        raise ImportFileError(
            _("Required columns are missing: %(columns)s") % {"columns": ", ".join(missing)}
        )
    kept = [rule for rule in mapping.fields if not _columns_present(table, rule)]
    cleared = [rule.target for rule in kept if rule.clear_when_missing]
    kept_targets = [rule.target for rule in kept if not rule.clear_when_missing]
    absent = sorted({c for rule in kept for c in rule.columns if c not in table.columns})
    if absent:
        result.notes.append(
            _("Columns not in the file: %(columns)s.") % {"columns": ", ".join(absent)}
        )
    if kept_targets:
        result.notes.append(
            _(
                "These fields keep the values already stored (new records get them empty): "
                "%(fields)s."
            )
            % {"fields": ", ".join(kept_targets)}
        )
    if cleared:
        result.notes.append(
            _("These fields are cleared, as the mapping says (clear_when_missing): %(fields)s.")
            % {"fields": ", ".join(cleared)}
        )
    absent_extra = [column for column in mapping.extra_columns if column not in table.columns]
    if absent_extra:
        result.notes.append(
            _("Extra columns not in the file (the values already stored are kept): %(columns)s.")
            % {"columns": ", ".join(absent_extra)}
        )
    used = mapping.known_columns
    ignored = [
        leaf
        for leaf in table.leaves
        if not any(leaf == name or leaf.startswith(f"{name}.") for name in used)
    ]
    if ignored:
        result.notes.append(
            _("%(count)d columns in the file are not used by the mapping.")
            % {"count": len(ignored)}
        )


def _key_part(table: Table, record: Record, column: str) -> str:
    items = table.lookup(record, column)
    return ", ".join(item.strip() if isinstance(item, str) else as_text(item) for item in items)


def _problem(table: Table, record: Record, key: str, reason: str) -> dict[str, Any]:
    return {
        table.unit: record.number,
        "where": table.where(record.number),
        "key": key[:200],
        "reason": reason,
    }


def _candidates(
    mapping: Mapping, table: Table, result: ImportResult
) -> tuple[list[_Candidate], set[str]]:
    """The valid records, and the keys of every record in the file (rejected ones too, so
    that a record rejected this time is not taken for one that has gone)."""
    present = [rule for rule in mapping.fields if _columns_present(table, rule)]
    absent = [rule for rule in mapping.fields if not _columns_present(table, rule)]
    constants: dict[str, Any] = {
        "source_licence": mapping.licence,
        "source_attribution": mapping.attribution,
    }
    if not mapping.maps_source_url:
        constants["source_url"] = mapping.source_url
    cleared = {rule.target: empty_value(rule) for rule in absent if rule.clear_when_missing}
    new_only = {rule.target: empty_value(rule) for rule in absent if not rule.clear_when_missing}
    extra_columns = [column for column in mapping.extra_columns if column in table.columns]

    seen: dict[str, list[tuple[int, str]]] = {}
    keys: set[str] = set()
    blanked: Counter[str] = Counter()
    candidates = []
    for record in table.records:
        base_key = " | ".join(_key_part(table, record, column) for column in mapping.key_columns)
        try:
            if not base_key.replace("|", "").strip():
                raise RowError(
                    _("The row has no key (%(columns)s are empty).")
                    % {"columns": ", ".join(mapping.key_columns)}
                )
            earlier = seen.setdefault(base_key, [])
            for earlier_number, earlier_signature in earlier:
                if earlier_signature == record.signature:
                    keys.add(base_key)
                    raise RowError(
                        _("Exact duplicate of %(where)s.") % {"where": table.where(earlier_number)}
                    )
            if earlier and mapping.on_duplicate_key != "number":
                keys.add(base_key)
                raise RowError(
                    _("Duplicate key: also in %(where)s.") % {"where": table.where(earlier[0][0])}
                )
            key = base_key if not earlier else f"{base_key} #{len(earlier) + 1}"
            earlier.append((record.number, record.signature))
            keys.add(key)
            values = dict(constants) | cleared
            for rule in present:
                cells = [table.lookup(record, column) for column in rule.columns]
                values[rule.target], was_blanked = convert_value(rule, cells)
                if was_blanked:
                    blanked[rule.target] += 1
            extra = {}
            for column in extra_columns:
                text = "; ".join(as_text(item) for item in table.lookup(record, column))
                if text.strip():
                    extra[column] = text.strip()
        except RowError as error:
            result.problems.append(_problem(table, record, base_key, str(error)))
            continue
        candidates.append(_Candidate(key=key, values=values, new_only=new_only, extra=extra))
    for target, count in sorted(blanked.items()):
        result.notes.append(
            _("%(count)d values of %(field)s were not understood and left blank.")
            % {"count": count, "field": target}
        )
    return candidates, keys


def _slug(mapping: Mapping, key: str, title: str) -> str:
    digest = hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:10]
    return f"{mapping.slug}-{slugify(title)[:80]}-{digest}".strip("-")


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (date, Decimal, int)):
        return str(value)
    text = str(value)
    return text if len(text) <= SHOWN_VALUE_CHARS else text[: SHOWN_VALUE_CHARS - 1] + "…"


def _field_changes(case: Case, changes: dict[str, Any]) -> list[dict[str, str]]:
    rows = []
    for name, new in changes.items():
        label = str(Case._meta.get_field(name).verbose_name)
        if name == "extra":
            old_extra, new_extra = case.extra or {}, new
            for column in sorted(set(old_extra) | set(new_extra)):
                if old_extra.get(column) != new_extra.get(column):
                    rows.append(
                        {
                            "field": f"extra.{column}",
                            "label": f"{label}: {column}",
                            "old": _shown(old_extra.get(column)),
                            "new": _shown(new_extra.get(column)),
                        }
                    )
            continue
        rows.append(
            {
                "field": name,
                "label": label,
                "old": _shown(getattr(case, name)),
                "new": _shown(new),
            }
        )
    return rows


def _report_missing(
    result: ImportResult, missing: list[Case], *, withdraw: bool, dry_run: bool
) -> None:
    result.missing_keys = sorted(case.source_key for case in missing)
    if not missing:
        return
    if withdraw:
        result.withdrawn = len(missing)
        if dry_run:
            message = _(
                "%(count)d published records of this source are not in the file and would be "
                "withdrawn (unpublished, not deleted)."
            )
        else:
            message = _(
                "%(count)d published records of this source are not in the file and were "
                "withdrawn (unpublished, not deleted)."
            )
    else:
        message = _(
            "%(count)d published records of this source are not in the file; they stay "
            "published. Choose “withdraw records no longer in the file” to unpublish them."
        )
    result.notes.append(message % {"count": len(missing)})


def _update_each(cases: list[Case], **values: Any) -> None:
    ids = [case.pk for case in cases]
    for start in range(0, len(ids), 500):
        Case.objects.filter(pk__in=ids[start : start + 500]).update(**values)


def run_import(
    *,
    mapping: Mapping,
    stream: IO[bytes],
    dry_run: bool,
    withdraw_missing: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    result = ImportResult()
    table = read_table(stream, mapping)
    result.rows_total = len(table.records)
    _check_columns(mapping, table, result)
    candidates, keys_in_file = _candidates(mapping, table, result)
    present_extra = {column for column in mapping.extra_columns if column in table.columns}

    existing = {case.source_key: case for case in Case.objects.filter(source=mapping.slug)}
    to_create: list[Case] = []
    to_update: list[Case] = []
    to_restore: list[Case] = []
    changed_fields: set[str] = set()
    field_counts: Counter[str] = Counter()
    now = timezone.now()
    for done, candidate in enumerate(candidates, start=1):
        case = existing.get(candidate.key)
        if case is None:
            case = Case(
                collection=mapping.collection,
                source=mapping.slug,
                source_key=candidate.key,
                slug=_slug(mapping, candidate.key, candidate.values["title"]),
                live=True,
                first_published_at=now,
                last_published_at=now,
                extra=candidate.extra,
                **(candidate.new_only | candidate.values),
            )
            to_create.append(case)
        else:
            values = dict(candidate.values)
            kept_extra = {k: v for k, v in (case.extra or {}).items() if k not in present_extra}
            values["extra"] = kept_extra | candidate.extra
            changes = {k: v for k, v in values.items() if getattr(case, k) != v}
            withdrawn_earlier = case.withdrawn_at is not None and not case.live
            if changes:
                rows = _field_changes(case, changes)
                result.changes.append({"key": case.source_key, "title": case.title, "fields": rows})
                field_counts.update(row["field"] for row in rows)
                for name, value in changes.items():
                    setattr(case, name, value)
                changed_fields.update(changes)
                to_update.append(case)
            elif not withdrawn_earlier:
                result.unchanged += 1
            if withdrawn_earlier:
                to_restore.append(case)
        if progress and done % 250 == 0:
            progress(done, len(candidates))

    missing = [case for key, case in existing.items() if key not in keys_in_file and case.live]
    withdraw = withdraw_missing and bool(keys_in_file)
    if withdraw_missing and not keys_in_file:
        result.notes.append(_("The file has no records, so nothing was withdrawn."))
    _report_missing(result, missing, withdraw=withdraw, dry_run=dry_run)
    result.created, result.updated = len(to_create), len(to_update)
    result.restored = len(to_restore)
    if to_restore:
        if dry_run:
            message = _(
                "%(count)d records withdrawn by an earlier import are in the file again and "
                "would be published again."
            )
        else:
            message = _(
                "%(count)d records withdrawn by an earlier import are in the file again and "
                "were published again."
            )
        result.notes.append(message % {"count": len(to_restore)})
    if field_counts:
        result.notes.append(
            _("Changes by field (number of records): %(fields)s")
            % {
                "fields": ", ".join(
                    f"{name} {count}" for name, count in sorted(field_counts.items())
                )
            }
        )
    if not dry_run:
        with transaction.atomic():
            Case.objects.bulk_create(to_create, batch_size=500)
            if to_update:
                for case in to_update:
                    case.updated_at = now
                Case.objects.bulk_update(
                    to_update, [*sorted(changed_fields), "updated_at"], batch_size=500
                )
            _update_each(
                to_restore,
                live=True,
                has_unpublished_changes=False,
                last_published_at=now,
                withdrawn_at=None,
                updated_at=now,
            )
            if withdraw:
                # Withdrawn as Wagtail unpublishes: not live, no live revision; never deleted.
                _update_each(
                    missing,
                    live=False,
                    has_unpublished_changes=True,
                    live_revision=None,
                    withdrawn_at=now,
                    updated_at=now,
                )
    if progress:
        progress(len(candidates), len(candidates))
    return result
