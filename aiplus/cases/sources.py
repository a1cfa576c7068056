"""Human labels for what an import stored as keys: the source's name for its slug, and the
mapping's label for each kept ("extra") column."""

import re
from functools import cache

from aiplus.cases.importer.mapping import available_mappings


@cache
def _labels() -> dict[str, tuple[str, dict[str, str]]]:
    return {m.slug: (m.name, m.extra_labels) for m in available_mappings()}


def source_name(slug: str) -> str:
    name, _labels_by_column = _labels().get(slug, (slug, {}))
    return name


def humanise_column(column: str) -> str:
    """ "10_commercial_ai" -> "Commercial ai": a readable fallback for an unlabelled column."""
    words = re.sub(r"^\d+[_\s-]*", "", column).replace("_", " ").strip()
    return (words[:1].upper() + words[1:]) if words else column


def extra_label(source: str, column: str) -> str:
    _name, labels = _labels().get(source, ("", {}))
    return labels.get(column) or humanise_column(column)
