"""The answer check: every sentence the model writes is shown only if the sources support it.
Citations come from here too (the sources a sentence shares its words with), not from the
model, which cannot be trusted to number them. A sentence is dropped when its words are not in
any source (nor its meaning, across languages), when it states a figure no source gives or
gives a figure of another thing than the sources do (their "3 working days" is not "3
consultants"), when it carries a link no source has, when it quotes a name (a button, a page,
a title) that neither the sources nor the question have, when it ties two sources' names
together as no source does, and when it only says the question back or
a bare "yes" (nothing a source could support). Colloquial Cantonese and Chinese numerals are
compared in their written form (`written`)."""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

import numpy as np

from aiplus.ai.exceptions import AIError
from aiplus.ai.providers import get_embedder
from aiplus.assistant.retrieval import Source
from aiplus.assistant.sentences import split
from aiplus.assistant.written import comparable
from aiplus.core.i18n import to_simplified
from aiplus.search.tokens import normalise, words
from aiplus.search.vectors import normalised

LEXICAL_SUPPORT = 0.6  # share of a sentence's terms found in one source
SEMANTIC_SUPPORT = 0.55  # cosine to the closest source sentence, for other-language sources
CITE_SHARE = 0.35  # a source holding this share of the sentence's terms is cited as well
ABSTAIN_MARK = "NO_ANSWER"
# Reasons for dropping a sentence that states something made up.
INVENTED = ("figure", "link", "quoted", "joined")
NAME_WORDS = 6  # a source title this short (and not a question) is the name of a thing

_URL = re.compile(r"https?://[^\s)\]>\"'，。]+|www\.[^\s)\]>\"'，。]+", re.IGNORECASE)
# An address, or what a model that read web pages writes in place of one.
_EMAIL = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[?email[^\]\n]{0,12}protected\]?", re.IGNORECASE
)
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
# A name in quotation marks or title marks: 「報名」, "Cancel Waitlist", 《數碼人》.
_QUOTED = re.compile(r"《([^》]{1,80})》|「([^」]{1,80})」|“([^”]{1,80})”|\"([^\"]{1,80})\"")
_AFTER_NUMBER = re.compile(r"[^\s\d,.;:!?()，。；：！？、（）]+")
_NOT_COUNTED = {"per", "cent", "percent"}  # "20 per cent" and "20%" are the same figure
_CLAUSE = re.compile(r"[^,.;:!?()，。；：！？、（）\n]{0,30}")
_MEASURE_WORDS = set("個个名位項项間间份宗次隻只張张條条架部座所家台臺套款批")
# "Solution [1]", "方案[1]": the model pointing at a source by its number instead of naming it.
_NUMBERED_THING = re.compile(
    r"\b(?:the\s+)?(?:solution|tool|source|story|page|case|item)\s*[\[【(（]\s*(\d)\s*[\]】)）]"
    r"|(?:解決方案|解决方案|方案|工具|來源|来源|資料|资料|個案|个案|故事|頁面|页面)\s*[\[【(（]\s*(\d)\s*[\]】)）]",
    re.IGNORECASE,
)
_MODEL_CITATION = re.compile(r"\s*[\[【(（]\s*(?:source\s*)?\d+(?:\s*[,，、-]\s*\d+)*\s*[\]】)）]")
# "According to [1], ...", "根據[1]和[2]的資料，...", "根據[1, 2]，...": a lead-in pointing at
# numbered sources the reader cannot see (citations are attached by the check); and a sentence
# that only points.
_ONE_NUMBER = r"[\[【(（]\s*(?:sources?\s*)?\d+(?:\s*[,，、-]\s*\d+)*\s*[\]】)）]"
_NUMBERS = rf"{_ONE_NUMBER}(?:\s*(?:,|，|、|and|和|及|與|与)\s*{_ONE_NUMBER})*"
_LEAD_IN = re.compile(
    rf"^\s*(?:(?:according to|as (?:stated|mentioned|described|shown) in|based on|from|in)\s+"
    rf"(?:the\s+)?(?:sources?\s*)?{_NUMBERS}\s*[,:]?\s*"
    rf"|(?:根據|根据|按照|據|据|參考|参考|從|从)\s*(?:資料|资料|來源|来源)?\s*{_NUMBERS}\s*"
    rf"(?:中|所|的)*\s*(?:所述|所示|提及|提到|可見|可见|可知|的)?\s*(?:信息|資料|资料|內容|内容|資訊|资讯|說明|说明)?\s*[，,：:]?\s*)",
    re.IGNORECASE,
)
_ONLY_POINTS = re.compile(
    rf"^\s*(?:(?:this|that|it) is (?:stated|mentioned|described|explained|shown) in|see|"
    rf"for (?:more )?details,? see|詳見|详见|詳情見|详情见|請參閱|请参阅|見|见)\s*"
    rf"(?:the\s+)?(?:sources?\s*)?{_NUMBERS}",
    re.IGNORECASE,
)
_ABSTAIN = re.compile(
    r"no_answer|no answer|sources? (do|does) not|not (mentioned|provided|stated|found) in|"
    r"i (do not|don't|cannot|can't) (know|find|answer)"
    r"|沒有提及|未有提及|没有提及|无法回答|無法回答|沒有相關|没有相关|不知道",
    re.IGNORECASE,
)
# Words that turn a statement round (compared in written Chinese: 冇 and 唔 are 沒有 and 不).
_NEGATION = re.compile(
    r"\b(no|not|never|none|cannot|can't|don't|doesn't|isn't|aren't|won't|without)\b|[不沒没無无未毋]",
    re.IGNORECASE,
)
# What may stand between two names listed side by side ("CourtScribe and MinuteMate").
_LISTED = re.compile(
    r"^\W*(?:and|or|as well as|及|和|與|与|或|或者|以及|、|,|，)?\W*$", re.IGNORECASE
)
_ASIDE = re.compile(r"\s*[(（][^)）]*[)）]")
# Words that link a sentence to the one before and add nothing a source could hold.
_LINKS = {*words("therefore thus hence also however")} | {"因此", "所以", "另外", "此外", "而且"}
# Words that answer yes or no and nothing more ("Yes.", "有。", "可以。").
_YES_NO = {"yes", "no", "not", "没有", "是的", "可以", "不可以", "对的"}


@dataclass(frozen=True)
class Checked:
    text: str  # the sentence as shown, without the model's own citation marks
    supported: bool
    cited: tuple[int, ...]  # source numbers
    reason: str = ""  # why it was dropped: words, figure, link; or why nothing is shown


def is_abstention(sentence: str) -> bool:
    return bool(_ABSTAIN.search(sentence))


def clean(sentence: str) -> str:
    return _MODEL_CITATION.sub("", sentence).strip()


def unpointed(sentence: str) -> str:
    """The sentence without a lead-in that points at numbered sources; "" for a sentence that
    only points ("This is stated in source [1] ...")."""
    if _ONLY_POINTS.match(sentence):
        return ""
    rest = _LEAD_IN.sub("", sentence, count=1)
    if rest is not sentence and rest[:1].isascii():
        rest = rest[:1].upper() + rest[1:]
    return rest


class _Words:
    """The words of a text, to ask whether it holds a word of a sentence. A Chinese word is
    also found inside a longer one (jieba may cut the same phrase differently in two texts)."""

    def __init__(self, text: str) -> None:
        plain = comparable(text)
        self.words = set(words(plain))
        self.chinese = _folded(plain)

    def holds(self, word: str) -> bool:
        return word in self.words or (not word.isascii() and word in self.chinese)

    def share(self, wanted: set[str]) -> float:
        return sum(1 for word in wanted if self.holds(word)) / len(wanted)


class Checker:
    def __init__(self, sources: Sequence[Source], *, question: str = "") -> None:
        self.sources = list(sources)
        self.source_words = [_Words(f"{s.title} {s.text}") for s in self.sources]
        self.question_words = _Words(question)
        self.phrases = _phrases(
            " ".join([*(f"{s.title} {s.text}" for s in self.sources), question])
        )
        text = comparable(" ".join(f"{s.title} {s.text} {s.url}" for s in self.sources))
        self.numbers = {_plain_number(n) for n in _NUMBER.findall(text)}
        self.counted = _counted_words(self.sources)
        self.emails = {e.lower() for e in _EMAIL.findall(text)}
        self.links = {_plain_link(u) for u in _URL.findall(text)} | {
            _plain_link(s.url) for s in self.sources
        }
        self._vectors: np.ndarray | None = None  # of each source sentence
        self._owners: list[int] = []  # the source of each sentence

    def check(self, sentence: str) -> Checked:
        text = clean(self.named(unpointed(sentence)))
        if not text:
            return Checked("", False, (), "pointer")  # nothing to show, nothing made up
        for link in _URL.findall(text):
            if _plain_link(link) not in self.links:
                return Checked(text, False, (), "link")
        for email in _EMAIL.findall(text):
            if email.lower() not in self.emails:
                return Checked(text, False, (), "link")
        for quoted in _QUOTED.finditer(text):
            # A small model makes up the label of a button or the title of a page or film.
            if _phrases(next(name for name in quoted.groups() if name)) not in self.phrases:
                return Checked(text, False, (), "quoted")
        plain = comparable(text)
        if self._joins_names(plain):
            return Checked(text, False, (), "joined")
        for found in _NUMBER.finditer(plain):
            number = _plain_number(found.group())
            if number not in self.numbers:
                return Checked(text, False, (), "figure")
            what = _counted(plain, found.start(), found.start() + len(found.group().rstrip(",.")))
            if what and not any(after.holds(what) for after in self.counted.get(number, [])):
                return Checked(
                    text, False, (), "figure"
                )  # a figure the sources give of another thing
        wanted = set(words(plain))
        if not wanted - _YES_NO:
            # A bare "Yes." no check can support; the sentence after it says what the sources
            # do. Not shown, and not counted as a dropped claim either.
            return Checked("", False, (), "bare")
        if text.rstrip().endswith(("?", "？")):
            return Checked(text, False, (), "echo")  # a question
        if all(self.question_words.holds(w) or w in _YES_NO for w in wanted):
            # The question said back: "The hub is available in Chinese." answers "Is the hub
            # available in Chinese?" only when a source states it, the same way round.
            stated = self._stated(plain, wanted)
            if stated is None:
                return Checked(text, False, (), "echo")
            return Checked(text, True, (self.sources[stated].n,))
        shares = [have.share(wanted) for have in self.source_words]
        best = max(range(len(shares)), key=shares.__getitem__, default=None)
        if best is not None and shares[best] >= LEXICAL_SUPPORT:
            cited = [best] + [i for i, s in enumerate(shares) if i != best and s >= CITE_SHARE]
            return Checked(text, True, tuple(sorted(self.sources[i].n for i in cited)))
        # The question's words restated around what a source adds ("稅務局讀報稅表嗰個案例，
        # 輸入工作減少咗60%"): what it adds must all come from one source.
        added = {w for w in wanted if not self.question_words.holds(w)} - _YES_NO - _LINKS
        holders = [
            i for i, have in enumerate(self.source_words) if added and have.share(added) >= 1
        ]
        if holders:
            return Checked(text, True, tuple(sorted(self.sources[i].n for i in holders)))
        closest = self._closest(text)
        if closest is not None and closest[1] >= SEMANTIC_SUPPORT:
            return Checked(text, True, (self.sources[closest[0]].n,))
        return Checked(text, False, (), "words")

    @cached_property
    def names(self) -> list[str]:
        """Each source's title when it names a thing (short, not a question), as compared;
        "" otherwise. An aside in brackets is not part of the name."""
        found = []
        for source in self.sources:
            title = comparable(_ASIDE.sub("", source.title)).strip().lower()
            short = len(title.split()) <= NAME_WORDS and len(title) >= 4
            found.append(title if short and not title.endswith(("?", "？")) else "")
        return found

    def _joins_names(self, plain: str) -> bool:
        """Whether the sentence ties the names of two sources together in a way no source does
        ("CourtScribe uses Dragon Legal Individual" from two catalogue entries): a small model
        makes up such relations between the things it was shown side by side. Names listed
        ("A and B", "A、B") are not tied."""
        lower = plain.lower()
        found = sorted(
            (position, i)
            for i, name in enumerate(self.names)
            if name and (position := lower.find(name)) >= 0
        )
        for (first, i), (second, j) in pairwise(found):
            if i == j or _LISTED.match(lower[first + len(self.names[i]) : second]):
                continue
            texts = self.compared_texts
            if self.names[j] not in texts[i] and self.names[i] not in texts[j]:
                return True
        return False

    @cached_property
    def compared_texts(self) -> list[str]:
        """Each source's text as sentences are compared with it (lower case)."""
        return [comparable(source.text).lower() for source in self.sources]

    @cached_property
    def statements(self) -> list[tuple[int, str, _Words]]:
        """The sources' statements, without the questions FAQ entries open with: a sentence
        that says the question back is an answer only if one of these says it too. Read only
        for such a sentence, so not for every answer."""
        return [
            (i, part, _Words(part))
            for i, s in enumerate(self.sources)
            for part in split(s.text)
            if not part.rstrip().endswith(("?", "？"))
        ]

    def _stated(self, plain: str, wanted: set[str]) -> int | None:
        """The source one of whose statements holds all the sentence's words and is negative or
        positive as the sentence is ("可以。平台提供……簡體中文版本" states "平台有簡體中文版本")."""
        content = wanted - _YES_NO
        found = [(have.share(content), i, part) for i, part, have in self.statements if content]
        share, i, part = max(found, default=(0.0, 0, ""))
        if share < 1:  # every word: "智方便實驗室喺邊度辦公" is not stated by its address
            return None
        negative = bool(_NEGATION.search(comparable(part)))
        return i if negative == bool(_NEGATION.search(plain)) else None

    def named(self, sentence: str) -> str:
        """The sentence with "solution [2]" written as the title of source 2 (the reader sees
        no numbered list to look it up in)."""
        titles = {str(s.n): s.title for s in self.sources}

        def title(found: re.Match) -> str:
            n = found.group(1) or found.group(2)
            if n not in titles:
                return found.group()
            return titles[n] if found.group(1) else f"「{titles[n]}」"

        return _NUMBERED_THING.sub(title, sentence)

    def _closest(self, text: str) -> tuple[int, float] | None:
        """The source whose sentence means most nearly the same (multilingual embeddings), for
        an answer written in another language than its source."""
        try:
            if self._vectors is None:
                self._owners = [i for i, s in enumerate(self.sources) for _ in split(s.text)]
                texts = [part for s in self.sources for part in split(s.text)]
                self._vectors = normalised(get_embedder().embed(texts))
            vector = normalised(get_embedder().embed([text]))[0]
        except AIError:
            return None
        if not len(self._vectors):
            return None
        similarities = self._vectors @ vector
        index = int(np.argmax(similarities))
        return self._owners[index], float(similarities[index])


def _counted(text: str, start: int, end: int) -> str:
    """The word a figure counts: the English word right after it ("3 working days" -> "work"),
    the Chinese word after its measure word ("3個顧問" -> "顾问"); "" when none follows at once
    ("20%", "8月8日", "in 2026, the ...") or the figure is part of a name ("mp4")."""
    if start and text[start - 1].isascii() and text[start - 1].isalpha():
        return ""
    rest = text[end:]
    if rest[:1].isascii() and rest[:1].isalpha():
        return ""  # "1st", "3pm": a suffix, not a word of its own
    token = _AFTER_NUMBER.match(rest.lstrip())
    if not token:
        return ""
    following = token.group()
    if not following.isascii():
        if following[0] not in _MEASURE_WORDS:
            return ""
        following = following[1:]
    return next((word for word in words(following[:8]) if word not in _NOT_COUNTED), "")


def _counted_words(sources: Sequence[Source]) -> dict[str, list[_Words]]:
    """Each figure in the sources, with the words that follow it up to the end of its clause
    (what it counts: "3 working days to reply" -> work, day, repli), at each place it is given."""
    found: dict[str, list[_Words]] = {}
    for source in sources:
        plain = comparable(f"{source.title}. {source.text}")
        for figure in _NUMBER.finditer(plain):
            end = figure.start() + len(figure.group().rstrip(",."))
            clause = _CLAUSE.match(plain, end)
            following = clause.group() if clause else ""
            found.setdefault(_plain_number(figure.group()), []).append(_Words(following))
    return found


def _folded(plain: str) -> str:
    """Comparable text in Simplified script and lower case."""
    return to_simplified(normalise(plain))


def _phrases(text: str) -> str:
    """Text as quoted names are looked up in it: written form, folded, without spaces."""
    return "".join(_folded(comparable(text)).split())


def _plain_number(number: str) -> str:
    return number.replace(",", "").rstrip(".")


def _plain_link(url: str) -> str:
    return url.lower().removeprefix("https://").removeprefix("http://").rstrip("/.")
