"""How an exchange reads on a page and in the API: the answer's sentences with citation links
to the sources, or the refusal in the asker's language."""

import html
import re

from django.utils.safestring import SafeString, mark_safe

from aiplus.assistant.answering import refusal_text
from aiplus.assistant.models import Exchange

_MARKS = re.compile(r"((?:\[\d+\])+)\s*$")


def sentences(exchange: Exchange) -> list[tuple[str, list[int]]]:
    """(sentence, cited source numbers) of the answer; the refusal as one uncited sentence."""
    if exchange.tier == "faq":
        return [(exchange.answer, [1])]
    if not exchange.answer:
        text = refusal_text(exchange)
        return [(text, [])] if text else []
    result = []
    for line in exchange.answer.splitlines():
        marks = _MARKS.search(line)
        cited = [int(n) for n in re.findall(r"\d+", marks.group(1))] if marks else []
        result.append((line[: marks.start()].strip() if marks else line.strip(), cited))
    return result


def sentence_html(text: str, cited: list[int] | tuple[int, ...], sources: list[dict]) -> SafeString:
    by_number = {source["n"]: source for source in sources}
    links = "".join(
        f' <a class="assistant-cite" href="{html.escape(by_number[n]["url"])}" '
        f'title="{html.escape(by_number[n]["title"])}">[{n}]</a>'
        for n in cited
        if n in by_number
    )
    return mark_safe(f'<span class="assistant-sentence">{html.escape(text)}{links}</span> ')  # noqa: S308


def answer_html(exchange: Exchange) -> SafeString:
    return mark_safe(  # noqa: S308 (each part escaped)
        "".join(sentence_html(text, cited, exchange.sources) for text, cited in sentences(exchange))
    )


def plain_answer(exchange: Exchange) -> str:
    return " ".join(text for text, _cited in sentences(exchange))


def cited_sources(exchange: Exchange) -> list[dict]:
    cited = set(exchange.cited)
    return [
        {"n": s["n"], "title": s["title"], "url": s["url"]}
        for s in exchange.sources
        if s["n"] in cited
    ]
