from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from aiplus.core.i18n import current_language
from aiplus.core.params import clean_text, parse_int, parse_page
from aiplus.search import registry, services
from aiplus.search.models import Passage
from aiplus.search.selectors import MAX_QUERY_CHARS, localised_url, search, suggestions

RESULTS_PER_PAGE = 20


def index(request: HttpRequest) -> HttpResponse:
    query = clean_text(request.GET.get("q"), max_length=MAX_QUERY_CHARS)
    kinds = registry.kinds()
    chosen = clean_text(request.GET.get("type"), max_length=40)
    chosen = chosen if chosen in kinds else ""
    page = parse_page(request.GET.get("page"))
    language = current_language()
    results = search(
        query=query,
        user=request.user,
        kinds=(chosen,) if chosen else (),
        language=language,
        page=page,
        per_page=RESULTS_PER_PAGE,
    )
    # A new search (not another page or type of the same one) is logged, without the user.
    log = None
    if page == 1 and not chosen:
        log = services.log_query(query=results.query, language=language, results=results.total)
    first_rank = (results.page.start_index() if results.page else 1) or 1
    hits = []
    for offset, hit in enumerate(results.hits):
        url = hit.url
        if log is not None:
            opened = reverse("search:open", args=[log.pk, hit.passage.pk])
            url = f"{opened}?rank={first_rank + offset}"
        hits.append((hit, url))
    context = {
        "query": query,
        "results": results,
        "hits": hits,
        "types": [
            {"name": name, "label": kind.label, "count": results.counts.get(name, 0)}
            for name, kind in kinds.items()
        ],
        "chosen": chosen,
        "all_count": sum(results.counts.values()),
    }
    template = "search/_results.html" if request.headers.get("HX-Request") else "search/index.html"
    return render(request, template, context)


def open_result(request: HttpRequest, log: int, passage: int) -> HttpResponse:
    """Count the opening of a result, then go to it. Only indexed items the user may open are
    reached this way, so the link cannot send anyone elsewhere."""
    found = get_object_or_404(Passage.objects.select_related("document"), pk=passage)
    document = found.document
    source = registry.get(document.source)
    if source is None or document.key not in source.visible(request.user, [document.key]):
        raise Http404
    services.record_open(
        log_id=log, rank=parse_int(request.GET.get("rank"), minimum=1, maximum=10_000) or 1
    )
    return HttpResponseRedirect(localised_url(document.url + found.anchor, current_language()))


def suggest(request: HttpRequest) -> HttpResponse:
    """Titles matching what is typed in the header's search box (an HTMX fragment)."""
    query = clean_text(request.GET.get("q"), max_length=MAX_QUERY_CHARS)
    return render(
        request,
        "search/_suggestions.html",
        {"query": query, "suggestions": suggestions(query=query, user=request.user)},
    )
