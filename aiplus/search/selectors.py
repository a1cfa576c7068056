"""Searching: one entry point for the search page, the API, the listings' `q` filters and the
assistant. Ranked in the index, then re-checked against each source's live rule."""

import difflib
import html
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.utils.safestring import SafeString, mark_safe

from aiplus.accounts.models import AnyUser
from aiplus.core.i18n import (
    ENGLISH,
    Localised,
    current_language,
    html_lang,
    localise,
    to_traditional,
)
from aiplus.search import registry
from aiplus.search.models import Access, Document, Passage, Posting, Term
from aiplus.search.ranking import Scope, keyword_ranking, reciprocal_rank_fusion, scope_for
from aiplus.search.tokens import is_chinese, term_counts, tokens
from aiplus.search.vectors import MINIMUM_SIMILARITY, semantic_ranking

MAX_QUERY_CHARS = 500
HYBRID, KEYWORD, SEMANTIC = "hybrid", "keyword", "semantic"
POOL = 200  # passages ranked per query; results, counts and pages come from these
SNIPPET_CHARS = 260


@dataclass(frozen=True)
class Hit:
    document: Document
    passage: Passage
    score: float
    snippet: SafeString

    @property
    def title(self) -> Localised:
        return localise(self.document, "title")

    @property
    def passage_lang(self) -> str:
        return html_lang(self.passage.language)

    @property
    def url(self) -> str:
        """The passage's address in the reader's language."""
        return localised_url(self.document.url + self.passage.anchor, current_language())

    @property
    def kind_label(self) -> str:
        kind = registry.kinds().get(self.document.kind)
        return str(kind.label) if kind else self.document.kind


@dataclass(frozen=True)
class Results:
    query: str
    page: Page | None = None  # of Hits, the one asked for
    total: int = 0  # of the chosen types
    counts: dict[str, int] = field(default_factory=dict)  # by type, before the type filter
    corrected: str = ""  # the query as searched, when a typo was corrected

    @property
    def hits(self) -> list[Hit]:
        return list(self.page.object_list) if self.page else []


def localised_url(url: str, language: str) -> str:
    """An address indexed in English ("/en/...") in another language's URL space."""
    if url.startswith(f"/{ENGLISH}/"):
        return f"/{language}/{url[len(ENGLISH) + 2 :]}"
    return url


def clean_query(query: str) -> str:
    """The query as typed, with control characters dropped and spaces collapsed (case is kept:
    the embedder reads "IRS" differently from "irs"; the tokeniser folds case itself)."""
    text = "".join(ch for ch in (query or "")[:MAX_QUERY_CHARS] if ch.isprintable() or ch == " ")
    return " ".join(text.split())


def correct(query: str) -> str:
    """Replace English words the index does not know with the closest word it does."""
    changed = False
    words = []
    for word in query.split():
        counts = term_counts(word)
        if not word.isascii() or not word.isalpha() or len(word) < 4 or not counts:
            words.append(word)
            continue
        term = next(iter(counts))
        if Term.objects.filter(term=term).exists():
            words.append(word)
            continue
        candidates = list(
            Term.objects.filter(term__startswith=term[0], passages__gt=0)
            .exclude(term__contains=" ")
            .order_by("-passages")
            .values_list("term", flat=True)[:5000]
        )
        close = difflib.get_close_matches(term, candidates, n=1, cutoff=0.75)
        if close:
            words.append(surface_form(close[0]))
            changed = True
        else:
            words.append(word)
    return " ".join(words) if changed else ""


def surface_form(term: str) -> str:
    """A word as written in the index's text for a stem ("minutes" for "minut")."""
    posting = Posting.objects.filter(term=term).select_related("passage").first()
    if posting is not None:
        text = posting.passage.text
        for token in tokens(text):
            if token.term == term:
                return text[token.start : token.end].lower()
    return term


def ranked_passages(
    query: str, *, scope: Scope, limit: int = POOL, mode: str = HYBRID
) -> list[tuple[int, float]]:
    """Passages for the query, best first: BM25 and embeddings fused by reciprocal rank
    (`mode` "keyword" or "semantic" for one of them alone, as the benchmark compares)."""
    keyword, semantic = rankings(query, scope=scope, limit=limit, mode=mode)
    return fuse(query, keyword, semantic, mode=mode)[:limit]


def rankings(
    query: str,
    *,
    scope: Scope,
    limit: int = POOL,
    mode: str = HYBRID,
    minimum: float = MINIMUM_SIMILARITY,
) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
    """The keyword ranking (passage id, BM25 score) and the semantic one (passage id, cosine
    similarity), each best first; the assistant reads their scores before fusing them."""
    keyword = (
        keyword_ranking(term_counts(query), scope=scope, limit=limit)
        if mode in (HYBRID, KEYWORD)
        else []
    )
    semantic = (
        semantic_ranking(query, level=scope.level, tokens=scope.tokens, minimum=minimum)
        if mode in (HYBRID, SEMANTIC)
        else []
    )
    return keyword, semantic


def fuse(
    query: str,
    keyword: list[tuple[int, float]],
    semantic: list[tuple[int, float]],
    *,
    mode: str = HYBRID,
) -> list[tuple[int, float]]:
    if mode == KEYWORD or not semantic:
        return keyword
    if mode == SEMANTIC or not keyword:
        return semantic
    return reciprocal_rank_fusion(
        [pk for pk, _s in keyword],
        [pk for pk, _s in semantic],
        weights=(1.0, semantic_weight(query)),
    )


def semantic_weight(query: str) -> float:
    """How much meaning counts beside keywords. Word matching is strong in English and weak in
    Chinese (bigrams match loosely; published MIRACL figures: BM25 nDCG@10 0.35 in English,
    0.18 in Chinese), so embeddings weigh more than keywords for a Chinese query and a quarter
    as much for an English one (chosen on half the query set, checked on the other half:
    `make bench-encoders`, docs/benchmarks.md)."""
    return 1.5 if is_chinese(query) else 0.25


def search(
    *,
    query: str,
    user: AnyUser,
    kinds: Sequence[str] = (),
    language: str | None = None,
    page: int = 1,
    per_page: int = 20,
    mode: str = HYBRID,
) -> Results:
    """One page of the items best matching the query that the user may open, one passage
    each, best first; with counts by type."""
    query = clean_query(query)
    if not query:
        return Results(query="")
    scope = scope_for(user)
    corrected = ""
    if not keyword_ranking(term_counts(query), scope=scope, limit=1):
        corrected = correct(query)  # no word of the query is in the index: a typo?
    ranked = ranked_passages(corrected or query, scope=scope, mode=mode)
    hits = _visible_hits(ranked, user=user, language=language or current_language())
    counts = Counter(hit.document.kind for hit in hits)
    if kinds:
        hits = [hit for hit in hits if hit.document.kind in kinds]
    shown = Paginator(hits, per_page).get_page(page)
    terms = set(term_counts(corrected or query))
    shown.object_list = [
        Hit(hit.document, hit.passage, hit.score, highlight(hit.passage.text, terms))
        for hit in shown.object_list
    ]
    return Results(
        query=query, page=shown, total=len(hits), counts=dict(counts), corrected=corrected
    )


def matching_keys(
    *, source: str, query: str, kinds: Sequence[str] = (), limit: int = 20000
) -> list[str]:
    """Keys of a source's items matching the query, best first, whoever asks: for a listing
    whose own queryset already applies who may see what."""
    query = clean_query(query)
    if not query:
        return []
    ranked = keyword_ranking(
        term_counts(query), scope=Scope.everything(), limit=limit, source=source, kinds=kinds
    )
    passages = Passage.objects.filter(pk__in=[pk for pk, _score in ranked]).values_list(
        "pk", "document__key"
    )
    key_of = dict(passages)
    return list(dict.fromkeys(key_of[pk] for pk, _score in ranked if pk in key_of))


def _visible_hits(ranked: list[tuple[int, float]], *, user: AnyUser, language: str) -> list[Hit]:
    score_of = dict(ranked)
    passages = Passage.objects.filter(pk__in=score_of).select_related("document")
    best: dict[int, Passage] = {}
    document_score: dict[int, float] = {}
    for passage in sorted(passages, key=lambda p: (-score_of[p.pk], p.pk)):
        current = best.get(passage.document_id)
        if current is None:
            best[passage.document_id] = passage
            document_score[passage.document_id] = score_of[passage.pk]
        elif _family(passage.language) == _family(language) != _family(current.language):
            best[passage.document_id] = passage  # the reader's language, if it matched too
    allowed = openable([passage.document for passage in best.values()], user)
    hits = [
        Hit(p.document, p, document_score[p.document_id], SafeString(""))
        for p in best.values()
        if (p.document.source, p.document.key) in allowed
    ]
    return sorted(hits, key=lambda hit: (-hit.score, hit.document.pk))


def openable(documents: Sequence[Document], user: AnyUser) -> set[tuple[str, str]]:
    """(source, key) of the documents the user may open now, asking each source once."""
    by_source: dict[str, list[str]] = defaultdict(list)
    for document in documents:
        by_source[document.source].append(document.key)
    allowed: set[tuple[str, str]] = set()
    for name, keys in by_source.items():
        source = registry.get(name)
        if source is not None:
            allowed |= {(name, key) for key in source.visible(user, keys)}
    return allowed


def _family(language: str) -> str:
    return ENGLISH if language == ENGLISH else "zh"


def highlight(text: str, terms: set[str]) -> SafeString:
    """A window of the passage around its first matching term, matches in <mark>."""
    spans = [(t.start, t.end) for t in tokens(text) if t.term in terms]
    if not spans:
        window = text[:SNIPPET_CHARS]
        ellipsis = "…" if len(text) > SNIPPET_CHARS else ""
        return mark_safe(html.escape(window) + ellipsis)  # noqa: S308 (escaped)
    spans = _merge(sorted(spans))
    start = max(0, spans[0][0] - SNIPPET_CHARS // 3)
    if start:
        space = text.find(" ", start, spans[0][0])
        start = space + 1 if space != -1 else start
    end = min(len(text), start + SNIPPET_CHARS)
    pieces = ["…" if start else ""]
    cursor = start
    for begin, finish in spans:
        if begin < cursor or finish > end:
            continue
        pieces.append(html.escape(text[cursor:begin]))
        pieces.append(f"<mark>{html.escape(text[begin:finish])}</mark>")
        cursor = finish
    pieces.append(html.escape(text[cursor:end]))
    pieces.append("…" if end < len(text) else "")
    return mark_safe("".join(pieces))  # noqa: S308 (every piece of text is escaped)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


@dataclass(frozen=True)
class Suggestion:
    title: Localised
    kind_label: str
    url: str


def suggestions(*, query: str, user: AnyUser, limit: int = 6) -> list[Suggestion]:
    """Items whose title contains what is being typed (in any of its languages, Simplified
    typed text matching Traditional titles), that the user may open: for the header box."""
    query = clean_query(query)
    if len(query) < 2:
        return []
    scope = scope_for(user)
    condition = Q()
    for text in dict.fromkeys((query, to_traditional(query))):
        condition |= Q(title__icontains=text) | Q(title_zh_hant__icontains=text)
    documents = Document.objects.filter(condition, access__lte=scope.level)
    if scope.level < Access.RESTRICTED and scope.tokens:
        documents = Document.objects.filter(condition).filter(
            Q(access__lte=scope.level) | Q(access=Access.RESTRICTED, grants__token__in=scope.tokens)
        )
    candidates = list(documents.distinct().order_by("title")[: limit * 4])
    allowed = openable(candidates, user)
    kinds = registry.kinds()
    language = current_language()
    return [
        Suggestion(
            title=localise(document, "title"),
            kind_label=str(kinds[document.kind].label) if document.kind in kinds else "",
            url=localised_url(document.url, language),
        )
        for document in candidates
        if (document.source, document.key) in allowed
    ][:limit]
