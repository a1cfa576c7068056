"""The first tier: a question that closely matches a curated FAQ question is answered with the
FAQ's own answer, word for word, at once, with no language model call. Questions are compared
by meaning (multilingual sentence embeddings kept on each FAQ item) and, as a guard against a
near miss in meaning ("How do I register?" vs "How do I cancel?"), by their words."""

from dataclasses import dataclass

import numpy as np

from aiplus.ai.exceptions import AIError
from aiplus.ai.providers import get_embedder
from aiplus.assistant.models import Assistant, KnowledgeItem
from aiplus.core.i18n import SIMPLIFIED, localise, to_simplified, to_traditional
from aiplus.search.tokens import terms
from aiplus.search.vectors import normalised

CLOSE_MEANING = 0.85  # cosine, with at least WORDS_WITH_MEANING of the terms shared (Dice)
WORDS_WITH_MEANING = 0.5
SAME_WORDS = 0.9  # nearly the same words, with at least SOME_MEANING
SOME_MEANING = 0.6
WORDS_ALONE = 0.8  # when embeddings are not available
# Stems of words that shape a question without naming its subject.
QUESTION_WORDS = {
    "what",
    "when",
    "where",
    "which",
    "whom",
    "whose",
    "could",
    "would",
    "should",
    "pleas",
    "tell",
    "know",
    "need",
    "want",
    "there",
    "about",
    "anyon",
    "someth",
    "possibl",
    "abl",
    "help",
    "shall",
    "might",
    "must",
    "have",
    "does",
}


@dataclass(frozen=True)
class Match:
    item: KnowledgeItem
    question: str
    answer: str
    score: float


def question_texts(item: KnowledgeItem) -> list[str]:
    return [text for text in (item.title, item.title_zh_hant, item.title_zh_hans) if text]


def embed_item(item: KnowledgeItem) -> None:
    """Keep the embeddings of the item's questions on it (called when it is saved)."""
    try:
        embedder = get_embedder()
        vectors = normalised(embedder.embed(question_texts(item)))
    except AIError:
        return
    KnowledgeItem.objects.filter(pk=item.pk).update(
        vectors=vectors.tobytes(), vector_model=embedder.name
    )


def embed_saved_item(sender: type, instance: KnowledgeItem, **kwargs: object) -> None:
    if instance.kind == KnowledgeItem.Kind.FAQ and not kwargs.get("raw"):
        embed_item(instance)


def _overlap(question: set[str], other: str) -> float:
    theirs = set(terms(other))
    if not question or not theirs:
        return 0.0
    return 2 * len(question & theirs) / (len(question) + len(theirs))  # Dice


def match(question: str, *, assistant: Assistant, language: str) -> Match | None:
    items = list(assistant.knowledge.filter(kind=KnowledgeItem.Kind.FAQ))
    if not items:
        return None
    wanted = set(terms(question))
    vector = _embed(question)
    best: Match | None = None
    for item in items:
        if _content_words(wanted) - _item_terms(item):
            continue  # the question asks about something the FAQ never mentions ("budget")
        words = max((_overlap(wanted, text) for text in question_texts(item)), default=0.0)
        meaning = _similarity(vector, item)
        if meaning is not None:
            close = (words >= WORDS_WITH_MEANING and meaning >= CLOSE_MEANING) or (
                words >= SAME_WORDS and meaning >= SOME_MEANING
            )
            score = meaning + words
        else:
            score, close = words, words >= WORDS_ALONE
        if close and (best is None or score > best.score):
            best = Match(
                item,
                str(localise(item, "title", language=language)),
                answer_text(item, language),
                score,
            )
    return best


def _content_words(wanted: set[str]) -> set[str]:
    """The English words of a question that carry its subject (Chinese bigrams straddle word
    boundaries, so they are left to the meaning test)."""
    return {
        term
        for term in wanted
        if term.isascii() and term.isalpha() and len(term) >= 4 and term not in QUESTION_WORDS
    }


def _item_terms(item: KnowledgeItem) -> set[str]:
    texts = [*question_texts(item), item.body, item.body_zh_hant, item.body_zh_hans]
    return {term for text in texts if text for term in terms(text)}


def answer_text(item: KnowledgeItem, language: str) -> str:
    answer = str(localise(item, "body", language=language))
    return to_simplified(answer) if language == SIMPLIFIED else answer


def _embed(text: str) -> np.ndarray | None:
    try:
        # The encoder reads the two scripts differently (a Simplified question and its
        # Traditional twin: cosine 0.66); knowledge is written in Traditional.
        return normalised(get_embedder().embed([to_traditional(text)]))[0]
    except AIError:
        return None


def _similarity(vector: np.ndarray | None, item: KnowledgeItem) -> float | None:
    if vector is None or not item.vectors or vector.shape[0] * 4 > len(item.vectors):
        return None
    matrix = np.frombuffer(bytes(item.vectors), dtype=np.float32).reshape(-1, vector.shape[0])
    return float(np.max(matrix @ vector))
