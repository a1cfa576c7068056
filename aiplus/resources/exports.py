from typing import Any

from aiplus.core.listing import ExportSpec
from aiplus.resources.models import Resource


def _record(resource: Resource) -> dict[str, Any]:
    return {
        "id": resource.pk,
        "title": resource.title,
        "title_zh_hant": resource.title_zh_hant,
        "kind": resource.kind,
        "file_type": resource.file_type,
        "size_bytes": resource.size_bytes,
        "pages": resource.page_count,
    }


RESOURCE_EXPORT = ExportSpec[Resource](
    columns=["id", "title", "title_zh_hant", "kind", "file_type", "size_bytes", "pages"],
    record=_record,
)
