"""Finding what an assistant may answer from: its own knowledge (and the hub's published
content the asker may see, for assistants that use it), ranked by the search service on the
question as asked, then cut down to the sentences that matter so the prompt stays short."""

from dataclasses import dataclass

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
# Lower than search's own floor: the out-of-scope test needs the similarity of weak matches,
# and the answer check, not this floor, keeps unsupported text off the screen.
MINIMUM_SIMILARITY = 0.1


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
    sources: list[Source] = []
    languages: dict[int, list[str]] = {}  # of the passages taken from each item
    wanted = set(terms(question))
    for passage in chosen:
        # At most two passages of one item, so one long page cannot fill every place, and
        # none in a second language: that is the same text translated (a FAQ in EN and 繁).
        taken = languages.setdefault(passage.document_id, [])
        if len(taken) >= 2 or any(language != passage.language for language in taken):
            continue
        taken.append(passage.language)
        title = str(localise(passage.document, "title", language=language))
        sources.append(
            Source(
                n=len(sources) + 1,
                title=title,
                url=localised_url(passage.document.url + passage.anchor, language),
                text=compact(passage.text, wanted),
                passage_id=passage.pk,
                language=passage.language,
            )
        )
        if len(sources) == MAX_SOURCES:
            break
    return Retrieved(sources, float(best), len(keyword))


def _passages(ids: list[int]) -> list[Passage]:
    found = Passage.objects.select_related("document").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def compact(text: str, wanted: set[str]) -> str:
    """The passage's sentences that share most terms with the question, in their order, within
    the length limit; the opening sentence when none shares any."""
    chinese = any("\u4e00" <= ch <= "\u9fff" for ch in text[:200])
    limit = MAX_SOURCE_CHARS_CHINESE if chinese else MAX_SOURCE_CHARS
    parts = sentences.split(text)
    if len(text) <= limit or len(parts) <= 1:
        return text[:limit]
    scored = [(len(wanted & set(terms(part))), -index) for index, part in enumerate(parts)]
    order = sorted(range(len(parts)), key=lambda i: scored[i], reverse=True)
    keep: list[int] = []
    used = 0
    for index in order[:SENTENCES_PER_SOURCE]:
        if used + len(parts[index]) > limit and keep:
            continue
        keep.append(index)
        used += len(parts[index])
    return ("" if chinese else " ").join(parts[i] for i in sorted(keep))[:limit]
