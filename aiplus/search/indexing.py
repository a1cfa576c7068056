"""Writing the index: an entry becomes a document, its sections passages, its passages
postings; term statistics follow. Unchanged entries (same fingerprint) are skipped."""

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict
from typing import Any

from django.db import transaction
from django.db.models import Count

from aiplus.ai.longtext import split_text
from aiplus.core.i18n import ENGLISH
from aiplus.core.jobs.runner import report_progress
from aiplus.core.translated import LANGUAGE_SUFFIXES
from aiplus.search import registry, tokens, vectors
from aiplus.search.models import Document, Grant, Passage, Posting, Term
from aiplus.search.ranking import forget_statistics
from aiplus.search.registry import Entry, Section
from aiplus.search.tokens import is_chinese, term_counts

# Passage sizes in characters: about 120 English words, or 300 Chinese characters.
PASSAGE_CHARS = {"latin": 800, "chinese": 300}
BATCH = 2000
EMBED_AT_ONCE = 20
EMBED_CHUNK = 512


def fingerprint(entry: Entry) -> str:
    content = {"tokeniser": tokens.VERSION, **asdict(entry)}
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()


def passages_of(section: Section) -> list[str]:
    limit = PASSAGE_CHARS["chinese" if is_chinese(section.text[:2000]) else "latin"]
    return [part.strip() for part in split_text(section.text, max_tokens=limit, count=len)]


def _title_values(entry: Entry) -> dict[str, str]:
    return {
        "title" + suffix: (entry.titles.get(language) or "")[:500]
        for language, suffix in LANGUAGE_SUFFIXES.items()
    }


@transaction.atomic
def index_entry(source: str, entry: Entry, *, force: bool = False, embed: bool = True) -> set[str]:
    """Write one entry (unless it is indexed unchanged and not `force`d); returns the terms
    whose statistics changed."""
    mark = fingerprint(entry)
    document = Document.objects.filter(source=source, key=entry.key).first()
    if document and document.fingerprint == mark and not force:
        return set()
    touched: set[str] = set()
    if document:
        touched |= _drop_passages(document)
    else:
        document = Document(source=source, key=entry.key)
    document.kind = entry.kind
    document.url = entry.url[:500]
    document.access = entry.access
    document.fingerprint = mark
    for field, value in _title_values(entry).items():
        setattr(document, field, value)
    document.save()
    document.grants.all().delete()
    Grant.objects.bulk_create(
        [Grant(document=document, token=token[:80]) for token in set(entry.grants)]
    )
    touched |= _write_passages(document, entry, embed=embed)
    return touched


def _write_passages(document: Document, entry: Entry, *, embed: bool) -> set[str]:
    passages: list[tuple[Passage, Counter[str]]] = []
    title = entry.titles.get(ENGLISH, "")
    written = {section.language for section in entry.sections}
    # A title in a language no section is written in still has to be found ("會議記錄員" for
    # a solution described in English only): it becomes a passage of its own.
    title_only = [
        Section(text, language)
        for language, text in entry.titles.items()
        if text.strip() and language not in written
    ]
    for section in [*entry.sections, *title_only]:
        for text in passages_of(section):
            if not text:
                continue
            # The title counts towards every passage of the item, so "minutes" finds the
            # passages of a solution called "Minutes Mate" even where they do not repeat it.
            local_title = entry.titles.get(section.language) or title
            counts = term_counts(
                text if text == local_title else f"{local_title}\n{section.heading}\n{text}"
            )
            passage = Passage(
                document=document,
                position=len(passages),
                language=section.language,
                heading=section.heading[:300],
                anchor=section.anchor[:100],
                text=text,
                length=sum(counts.values()),
                access=entry.access,
            )
            passages.append((passage, counts))
    Passage.objects.bulk_create([passage for passage, _counts in passages])
    if embed:
        vectors.embed_passages([passage for passage, _counts in passages])
    postings = [
        Posting(
            term=term,
            passage=passage,
            frequency=count,
            length=passage.length,
            access=passage.access,
        )
        for passage, counts in passages
        for term, count in counts.items()
    ]
    Posting.objects.bulk_create(postings, batch_size=BATCH)
    return {posting.term for posting in postings}


def _drop_passages(document: Document) -> set[str]:
    terms = set(Posting.objects.filter(passage__document=document).values_list("term", flat=True))
    Posting.objects.filter(passage__document=document).delete()
    document.passages.all().delete()
    return terms


@transaction.atomic
def remove(source: str, key: str) -> set[str]:
    document = Document.objects.filter(source=source, key=key).first()
    if document is None:
        return set()
    terms = _drop_passages(document)
    document.delete()
    return terms


def update_term_statistics(terms: Iterable[str]) -> None:
    """Recount the passages holding each term (after a few documents changed)."""
    terms = list(terms)
    for start in range(0, len(terms), 500):
        chunk = terms[start : start + 500]
        counts = dict(
            Posting.objects.filter(term__in=chunk)
            .values("term")
            .annotate(n=Count("id"))
            .values_list("term", "n")
        )
        Term.objects.filter(term__in=[t for t in chunk if t not in counts]).delete()
        existing = set(Term.objects.filter(term__in=counts).values_list("term", flat=True))
        Term.objects.bulk_create(
            [Term(term=t, passages=n) for t, n in counts.items() if t not in existing]
        )
        for term, n in counts.items():
            if term in existing:
                Term.objects.filter(term=term).exclude(passages=n).update(passages=n)


@transaction.atomic
def rebuild_term_statistics() -> None:
    """Recount every term at once (after a full reindex)."""
    Term.objects.all().delete()
    rows = Posting.objects.values("term").annotate(n=Count("id")).values_list("term", "n")
    batch: list[Term] = []
    for term, n in rows.iterator(chunk_size=BATCH):
        batch.append(Term(term=term, passages=n))
        if len(batch) >= BATCH:
            Term.objects.bulk_create(batch)
            batch = []
    Term.objects.bulk_create(batch)
    forget_statistics()
    vectors.changed()


def refresh(source_name: str, keys: Iterable[str]) -> None:
    """Bring the index in line with the live state of these items (added, changed, removed)."""
    source = registry.get(source_name)
    if source is None:
        return
    keys = list(keys)
    # A few items are embedded at once; a bulk change (an import) leaves its embeddings to the
    # scheduled `embed_missing`, so the keywords are searchable without waiting for them.
    embed = len(keys) <= EMBED_AT_ONCE
    touched: set[str] = set()
    for key in keys:
        entry = source.entry(key)
        if entry:
            touched |= index_entry(source.name, entry, embed=embed)
        else:
            touched |= remove(source.name, key)
    update_term_statistics(touched)
    forget_statistics()
    vectors.changed()


def reindex_source(
    source_name: str,
    *,
    progress: Callable[[float, str], None],
    force: bool = True,
    embed: bool = True,
) -> int:
    """Index every current entry of a source, afresh when `force`d (a rebuild: after a change
    of tokeniser, say), and drop the documents it no longer has."""
    source = registry.get(source_name)
    if source is None:
        return 0
    seen: set[str] = set()
    entries = list(source.entries())
    for number, entry in enumerate(entries, start=1):
        # Embeddings are computed afterwards, many passages per call (far faster).
        index_entry(source.name, entry, force=force, embed=False)
        seen.add(entry.key)
        if number % 50 == 0 or number == len(entries):
            fraction = number / len(entries) * (0.5 if embed else 1.0)
            progress(fraction, f"{source.name}: {number} / {len(entries)}")
    if embed:
        pending = Passage.objects.filter(document__source=source.name, embedding__isnull=True)
        total = pending.count()
        done = 0
        while done < total:
            embedded = vectors.embed_missing(source=source.name, limit=EMBED_CHUNK)
            if not embedded:
                break  # no embedder: the scheduled job catches up later
            done += embedded
            progress(0.5 + 0.5 * done / total, f"{source.name}: meanings {done} / {total}")
    indexed = set(Document.objects.filter(source=source.name).values_list("key", flat=True))
    for key in indexed - seen:
        remove(source.name, key)
    return len(entries)


def reindex_step(source_name: str) -> Callable[[Any], int]:
    """A step of the reindex job: one source; statistics are rebuilt after the last."""

    def step(job: Any) -> int:
        count = reindex_source(
            source_name, progress=lambda fraction, note: report_progress(job, fraction, note)
        )
        if source_name == job.sources[-1]:
            rebuild_term_statistics()
        return count

    return step


def reindex_all(*, force: bool = True, embed: bool = True) -> int:
    """Index every source here and now (demo, benchmarks; the command uses the job)."""
    count = sum(
        reindex_source(
            source.name, progress=lambda _fraction, _note: None, force=force, embed=embed
        )
        for source in registry.sources()
    )
    rebuild_term_statistics()
    return count
