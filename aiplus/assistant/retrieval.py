"""Finding what an assistant may answer from: its own knowledge (and the hub's published
content the asker may see, for assistants that use it), ranked by the search service on the
question as asked, then cut down to the sentences that matter so the prompt stays short.

Each source is one item (a story, a solution, a FAQ entry), found by its best passage but
written from the sentences of all its passages in that language that share most words with the
question: the passage that matches a question best is often the item's description, while the
figure asked for ("how much time did it save?") is in its results section."""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Q

from aiplus.accounts.models import AnyUser
from aiplus.assistant import sentences
from aiplus.assistant.models import Assistant
from aiplus.core.i18n import localise, to_traditional
from aiplus.search.models import Passage
from aiplus.search.ranking import Scope, scope_for
from aiplus.search.selectors import fuse, localised_url, openable, rankings
from aiplus.search.tokens import terms

# The prompt is the cost: the model reads about 60 tokens a second on two cores, so three
# sources of a few sentences each keep the first sentence within a few seconds.
MAX_SOURCES = 3
SENTENCES_PER_SOURCE = 3
MAX_SOURCE_CHARS = 420  # per source, English
MAX_SOURCE_CHARS_CHINESE = 240  # a Chinese character is about one token, an English word 1.3
POOL = 30
NEARBY = 12  # positions either side of a found passage whose sentences may join it
# Lower than search's own floor: the out-of-scope test needs the similarity of weak matches,
# and the answer check, not this floor, keeps unsupported text off the screen.
MINIMUM_SIMILARITY = 0.1
# A question asking how much, how many, how long, when or what came of something is answered
# by a sentence with a figure, which often shares few words with it ("How much keying did it
# save?" - "Keying effort fell by 60%."), so such a sentence counts as covering one more term.
_ASKS_FIGURE = re.compile(
    r"\bhow (much|many|long|often|far|fast|big)\b|\bwhen\b|\bwhat (date|time|year)\b|"
    r"\b(achieve|achieved|result|results|outcome|impact|save|saved|saving|savings)\b|多少|幾多|"
    r"几多|幾耐|几耐|多久|多長|多长|幾時|几时|何時|何时|甚麼時候|什麼時候|什么时候|幾點|几点|成效|"
    r"成果|效果|節省|节省|慳",
    re.IGNORECASE,
)
_FIGURE = re.compile(r"\d|\b(half|third|quarter|twice|double|doubled|halved)\b|分之|一半|倍")


@dataclass(frozen=True)
class Source:
    n: int  # cited as [n]
    title: str
    url: str
    text: str  # the sentences given to the model
    passage_id: int
    language: str


@dataclass(frozen=True)
class Retrieved:
    sources: list[Source]
    best_similarity: float  # of the question to any passage (0 when embeddings are off)
    keyword_hits: int


def scope(assistant: Assistant, user: AnyUser) -> Scope:
    """An assistant's own knowledge always; the hub's content only if it uses it, and then only
    what this user may find."""
    if not assistant.uses_hub_content:
        return Scope(-1, (assistant.knowledge_token,))
    own = scope_for(user)
    return Scope(own.level, (*own.tokens, assistant.knowledge_token))


def retrieve(question: str, *, assistant: Assistant, user: AnyUser, language: str) -> Retrieved:
    # In Traditional script: keywords fold both scripts alike, but the encoder does not, and
    # the knowledge is written in Traditional.
    where = scope(assistant, user)
    keyword, semantic = rankings(
        to_traditional(question), scope=where, limit=POOL, minimum=MINIMUM_SIMILARITY
    )
    ranked = fuse(question, keyword, semantic)
    best = max((score for _pk, score in semantic), default=0.0)
    chosen = _passages([pk for pk, _score in ranked[: MAX_SOURCES * 3]])
    # Re-checked under each source's live rule, as search results are.
    allowed = openable([passage.document for passage in chosen], user)
    chosen = [p for p in chosen if (p.document.source, p.document.key) in allowed]
    best_of_item: list[Passage] = []  # one passage per item, the best ranked
    for passage in chosen:
        if all(p.document_id != passage.document_id for p in best_of_item):
            best_of_item.append(passage)
    best_of_item = best_of_item[:MAX_SOURCES]
    siblings = _siblings(best_of_item)
    wanted = set(terms(question))
    figures = bool(_ASKS_FIGURE.search(question))
    sources = [
        Source(
            n=n,
            title=str(localise(passage.document, "title", language=language)),
            url=localised_url(passage.document.url + passage.anchor, language),
            text=compact(
                passage.text,
                wanted,
                more=siblings[passage.document_id, passage.language],
                figures=figures,
            ),
            passage_id=passage.pk,
            language=passage.language,
        )
        for n, passage in enumerate(best_of_item, 1)
    ]
    return Retrieved(sources, float(best), len(keyword))


def _passages(ids: list[int]) -> list[Passage]:
    found = Passage.objects.select_related("document").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def _siblings(chosen: list[Passage]) -> dict[tuple[int, str], list[str]]:
    """The texts of the other passages near each chosen one in its item, in the chosen
    passage's language (the other language holds the same text translated), in their order.
    Near: a story or solution whole; the section around the passage in a long document."""
    texts: dict[tuple[int, str], list[str]] = {(p.document_id, p.language): [] for p in chosen}
    near = Q(pk__in=[])
    for passage in chosen:
        near |= Q(
            document_id=passage.document_id,
            language=passage.language,
            position__range=(passage.position - NEARBY, passage.position + NEARBY),
        )
    rows = Passage.objects.filter(near).exclude(pk__in=[p.pk for p in chosen])
    for document_id, language, text in rows.values_list("document_id", "language", "text"):
        texts[document_id, language].append(text)
    return texts


def compact(text: str, wanted: set[str], *, more: Sequence[str] = (), figures: bool = False) -> str:
    """The sentences that cover most of the question's terms, in their order, within the length
    limit. A passage that fits is kept whole and the room left goes to the sentences of the
    item's other passages (`more`) that share terms with the question; a longer one competes
    with them sentence by sentence. The passage's opening when no sentence shares any. With
    `figures` (the question asks for one), the first sentence holding a figure scores as if it
    shared one more term."""
    chinese = any("\u4e00" <= ch <= "\u9fff" for ch in text[:200])
    limit = MAX_SOURCE_CHARS_CHINESE if chinese else MAX_SOURCE_CHARS
    joiner = "" if chinese else " "
    own = sentences.split(text)
    others = [part for other in more for part in sentences.split(other)]
    fits = len(text) <= limit or len(own) <= 1
    if fits and not others:
        return text[:limit]
    parts = others if fits else own + others
    shared = [wanted & set(terms(part)) for part in parts]
    has_figure = [figures and bool(_FIGURE.search(part)) for part in parts]
    figure_kept = figures and fits and bool(_FIGURE.search(text))  # the bonus is for the first
    used = len(text) if fits else 0
    keep: list[int] = []
    missing = set(wanted)  # the question's terms no kept sentence has yet
    while len(keep) < SENTENCES_PER_SOURCE:
        room = [i for i in range(len(parts)) if i not in keep]
        room = [i for i in room if used + len(parts[i]) <= limit or not (keep or fits)]
        if not room:
            break
        # Most new terms of the question first, then most terms, then the earlier sentence
        # (the found passage's before the others').
        bonus = [has and not figure_kept for has in has_figure]
        best = max(
            room,
            key=lambda i: (len(shared[i] & missing) + bonus[i], len(shared[i]) + bonus[i], -i),
        )
        if fits and not (shared[best] or bonus[best]):
            break  # nothing else in the item is about the question
        keep.append(best)
        figure_kept = figure_kept or has_figure[best]
        used += len(parts[best])
        missing -= shared[best]
    chosen = joiner.join(parts[i] for i in sorted(keep))
    if fits:
        return joiner.join(part for part in (text[:limit], chosen) if part)
    return chosen[:limit]
