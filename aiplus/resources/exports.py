from typing import Any

from aiplus.core.listing import ExportSpec
from aiplus.core.translated import translated_values, variants
from aiplus.resources.models import Resource


def _record(resource: Resource) -> dict[str, Any]:
    return {
        "id": resource.pk,
        **translated_values(resource, "title", simplified=False),
        "kind": resource.kind,
        "file_type": resource.file_type,
        "size_bytes": resource.size_bytes,
        "pages": resource.page_count,
    }


RESOURCE_EXPORT = ExportSpec[Resource](
    columns=[
        "id",
        *variants("title", simplified=False),
        "kind",
        "file_type",
        "size_bytes",
        "pages",
    ],
    record=_record,
)
