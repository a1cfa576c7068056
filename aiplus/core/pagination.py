from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Model, QuerySet
from ninja.params.functions import Query

M = TypeVar("M", bound=Model)

# The API's `page` parameter: a plain integer, 1 or more; anything else is a JSON 422.
PageNumber = Annotated[int, Query(ge=1, description="Page number, from 1.")]


def page_payload(
    items: QuerySet[M], *, page: int, serialise: Callable[[M], dict[str, Any]]
) -> dict[str, Any]:
    """One page of an API listing: the count, where we are, and the serialised items."""
    paginator = Paginator(items, settings.AIPLUS_PAGE_SIZE)
    current = paginator.get_page(page)
    return {
        "count": paginator.count,
        "page": current.number,
        "pages": paginator.num_pages,
        "results": [serialise(item) for item in current.object_list],
    }
