"""GET /api/v1/search: the search page's ranking as JSON, for whoever is signed in (or only
public items for anonymous callers)."""

import html

from django.http import HttpRequest
from django.utils import translation
from django.utils.html import strip_tags
from ninja import Query, Router, Schema

from aiplus.core.i18n import ENGLISH, HTML_LANG
from aiplus.core.params import clean_text
from aiplus.search import registry
from aiplus.search.selectors import MAX_QUERY_CHARS, search

router = Router(tags=["search"])
MAX_LIMIT = 50


class SearchHit(Schema):
    type: str
    title: str
    url: str
    heading: str
    snippet: str
    snippet_html: str  # the snippet with the matching words in <mark>, escaped otherwise
    score: float


class SearchOut(Schema):
    query: str
    corrected: str
    language: str
    count: int
    counts: dict[str, int]
    results: list[SearchHit]


@router.get("/search", response=SearchOut, summary="Search the hub")
def search_api(
    request: HttpRequest,
    q: str = "",
    kind: str = Query("", alias="type"),
    lang: str = ENGLISH,
    limit: int = 10,
) -> dict[str, object]:
    """Ranked items (solutions, stories, use cases, resources, pages) for `q`. `type` narrows
    to one kind (unknown kinds are ignored), `lang` (en, zh-hant, zh-hans) chooses the
    language of titles, snippets and URLs, `limit` is 1 to 50."""
    language = lang if lang in HTML_LANG else ENGLISH
    kind = kind if kind in registry.kinds() else ""
    limit = min(max(limit, 1), MAX_LIMIT)
    with translation.override(language):
        results = search(
            query=clean_text(q, max_length=MAX_QUERY_CHARS),
            user=request.user,
            kinds=(kind,) if kind else (),
            language=language,
            per_page=limit,
        )
        hits = [
            {
                "type": hit.document.kind,
                "title": str(hit.title),
                "url": request.build_absolute_uri(hit.url),
                "heading": hit.passage.heading,
                "snippet": html.unescape(strip_tags(hit.snippet)),
                "snippet_html": str(hit.snippet),
                "score": round(hit.score, 6),
            }
            for hit in results.hits
        ]
    return {
        "query": results.query,
        "corrected": results.corrected,
        "language": language,
        "count": results.total,
        "counts": results.counts,
        "results": hits,
    }
