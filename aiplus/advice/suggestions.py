"""What to read before (or while) asking: solutions and cases matching the need as described
so far, found by the hub's one search service with the reader's own visibility."""

from django.http import QueryDict

from aiplus.accounts.models import AnyUser
from aiplus.core.params import clean_text
from aiplus.search.selectors import MAX_QUERY_CHARS, Hit, search

SUGGESTED_KINDS = ("solution", "story", "use_case")
DESCRIBING_FIELDS = ("title", "pain_points", "workflow")
MAX_SUGGESTIONS = 5


def suggested_reading(*, params: QueryDict, user: AnyUser) -> list[Hit]:
    """Up to five solutions and cases for the form's text so far (the title and pain points
    first: they say most in fewest words)."""
    parts = [clean_text(params.get(name), max_length=MAX_QUERY_CHARS) for name in DESCRIBING_FIELDS]
    query = " ".join(part for part in parts if part)[:MAX_QUERY_CHARS]
    if len(query) < 3:
        return []
    results = search(query=query, user=user, kinds=SUGGESTED_KINDS, per_page=MAX_SUGGESTIONS)
    return results.hits
