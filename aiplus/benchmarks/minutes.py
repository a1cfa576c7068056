"""`make bench-minutes`: quality of the Smart Minutes prose summary (`aiplus.meetings.summary`)
on real committee meetings in the QMSum format, against two extractive baselines computed in the
same run, written into docs/benchmarks.md.

    python -m aiplus.benchmarks.minutes [--data DIR] [--limit N] [--model NAME] [--words 150]
        [--cache FILE]

Each `*.jsonl` file in DIR holds one meeting per line: `meeting_transcripts` (speaker turns),
`general_query_list` (the answer to "Summarize the whole meeting." is the reference) and
`specific_query_list` (questions on parts of the meeting, with reference answers).

Scores are ROUGE-1/2/L F1 ×100 (rouge-score, Porter stemming) against the reference summary.
Baselines: LEAD (the first N words of the transcript) and TextRank (the transcript's most
central sentences, in their order, up to N words). Coverage: for each specific query, the share
of its reference answer's words (ROUGE-1 recall, stemmed) that the summary holds, averaged over
the meeting's queries and then over meetings; it tells how much of the detail asked about later
a summary keeps. No database is needed."""

import argparse
import functools
import hashlib
import json
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from aiplus.ai.values import ChatResult, Usage
from aiplus.meetings.summary import MAX_WORDS, summarise

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "qmsum-committee"
DEFAULT_MODEL = "qwen2.5-coder-1.5b"
COMMAND = "make bench-minutes"
WHOLE_MEETING = "summarize the whole meeting"
METRICS = ("rouge1", "rouge2", "rougeL")
TARGET_ROUGE_L = 24.0  # the hub's target for the summary on the QMSum committee meetings
SYSTEMS = ("summary", "lead", "textrank")

_MARKER = re.compile(r"\{\s*[a-z_]+\s*\}", re.IGNORECASE)  # {vocalsound}, {disfmarker}, ...
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"'(A-Z0-9])")
_WORD = re.compile(r"[a-z0-9]+")
# Words too common to say what a sentence is about (TextRank similarity only).
_STOPWORD_TEXT = """a about after all also an and any are as at be been but by can could did do
does for from had has have he her his i if in into is it its just me more my no not of on or our
out so some than that the their them there these they this those to up very was we were what
when which who will with would you your"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


@dataclass
class Meeting:
    name: str
    turns: list[tuple[str, str]]  # (speaker, text)
    reference: str
    answers: list[str] = field(default_factory=list)  # of the specific queries

    def lines(self) -> list[str]:
        return [f"[{n}] {speaker}: {text}" for n, (speaker, text) in enumerate(self.turns, 1)]

    def text(self) -> str:
        return " ".join(text for _speaker, text in self.turns)


# --- Data -------------------------------------------------------------------------------------


def clean_turn(text: str) -> str:
    """A QMSum turn without its transcription markers and with single spaces."""
    return " ".join(_MARKER.sub(" ", text).split())


def read_meetings(folder: Path) -> list[Meeting]:
    meetings = []
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    meetings.append(parse_meeting(json.loads(line), f"{path.stem}#{number}"))
    return meetings


def parse_meeting(data: dict[str, Any], name: str) -> Meeting:
    turns = []
    for turn in data.get("meeting_transcripts") or []:
        text = clean_turn(str(turn.get("content") or ""))
        if text:
            turns.append((clean_turn(str(turn.get("speaker") or "?")), text))
    reference = next(
        (
            str(q.get("answer") or "")
            for q in data.get("general_query_list") or []
            if WHOLE_MEETING in str(q.get("query") or "").lower()
        ),
        "",
    )
    answers = [str(q.get("answer") or "") for q in data.get("specific_query_list") or []]
    return Meeting(name, turns, reference, [a for a in answers if a.strip()])


# --- Baselines --------------------------------------------------------------------------------


def lead(text: str, words: int) -> str:
    """The first `words` words."""
    return " ".join(text.split()[:words])


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def _terms(sentence: str) -> list[str]:
    return [w for w in _WORD.findall(sentence.lower()) if w not in STOPWORDS]


def tfidf_matrix(docs: Sequence[Sequence[str]]) -> np.ndarray:
    """Rows of L2-normalised TF-IDF weights (smoothed IDF), one per document of terms."""
    vocabulary = {term: i for i, term in enumerate(sorted({t for doc in docs for t in doc}))}
    matrix = np.zeros((len(docs), len(vocabulary)))
    for row, doc in enumerate(docs):
        for term, count in Counter(doc).items():
            matrix[row, vocabulary[term]] = count
    document_frequency = (matrix > 0).sum(axis=0)
    matrix *= np.log((1 + len(docs)) / (1 + document_frequency)) + 1
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


def pagerank(
    weights: np.ndarray, *, damping: float = 0.85, tolerance: float = 1e-8, steps: int = 200
) -> np.ndarray:
    """Scores of a weighted graph's nodes by power iteration. A node without edges links to
    every node (so the scores always sum to 1)."""
    size = weights.shape[0]
    if size == 0:
        return np.zeros(0)
    out = weights.sum(axis=1, keepdims=True)
    transition = np.where(out > 0, weights / np.where(out > 0, out, 1), 1 / size)
    scores = np.full(size, 1 / size)
    for _step in range(steps):
        updated = (1 - damping) / size + damping * (transition.T @ scores)
        if np.abs(updated - scores).sum() < tolerance:
            return updated
        scores = updated
    return scores


def textrank(text: str, words: int, *, min_words: int = 6) -> str:
    """The most central sentences (TF-IDF cosine graph, PageRank), in their original order,
    up to `words` words. Sentences shorter than `min_words` words are not candidates."""
    candidates = [s for s in sentences(text) if len(s.split()) >= min_words]
    if not candidates:
        return lead(text, words)
    vectors = tfidf_matrix([_terms(s) for s in candidates])
    similarity = vectors @ vectors.T
    np.fill_diagonal(similarity, 0)
    scores = pagerank(similarity)
    chosen: list[int] = []
    used = 0
    for index in np.argsort(-scores, kind="stable"):
        size = len(candidates[index].split())
        if used + size > words:
            continue
        chosen.append(int(index))
        used += size
    return " ".join(candidates[i] for i in sorted(chosen))


# --- Scoring ----------------------------------------------------------------------------------


@functools.cache
def _scorer(metrics: tuple[str, ...]) -> Any:
    import logging

    from rouge_score import rouge_scorer

    logging.getLogger("absl").setLevel(logging.WARNING)  # one line per scorer otherwise
    return rouge_scorer.RougeScorer(list(metrics), use_stemmer=True)


def rouge(reference: str, candidate: str) -> dict[str, float]:
    """ROUGE-1/2/L F1 ×100."""
    scores = _scorer(METRICS).score(reference, candidate)
    return {metric: scores[metric].fmeasure * 100 for metric in METRICS}


def coverage(answers: Sequence[str], candidate: str) -> float | None:
    """Mean ROUGE-1 recall ×100 of the answers by the candidate (None without answers)."""
    if not answers:
        return None
    scorer = _scorer(("rouge1",))
    return statistics.mean(scorer.score(a, candidate)["rouge1"].recall * 100 for a in answers)


# --- The model --------------------------------------------------------------------------------


class CountingModel:
    """A chat model that adds up the calls, tokens and seconds it is asked for. With a cache
    file, each answer is kept with its measured figures and replayed on a later run with the
    same prompt (to re-score, or to try new reduce prompts without re-reading whole meetings);
    replayed calls count their first measured time and tokens."""

    def __init__(self, model: Any, cache: Path | None = None) -> None:
        self.model = model
        self.name = model.name
        self.context_tokens = model.context_tokens
        self.cache_file = cache
        self.cache: dict[str, dict[str, Any]] = {}
        if cache is not None and cache.exists():
            self.cache = json.loads(cache.read_text(encoding="utf-8"))
        self.reset()

    def reset(self) -> None:
        self.calls = self.prompt_tokens = self.completion_tokens = self.replayed = 0
        self.seconds = 0.0

    def _key(self, messages: Any, options: dict[str, Any]) -> str:
        request = [self.name, [m.as_dict() for m in messages], options]
        return hashlib.sha256(json.dumps(request, sort_keys=True).encode()).hexdigest()

    def chat(self, messages: Any, **options: Any) -> Any:
        key = self._key(messages, options)
        entry = self.cache.get(key)
        if entry is None:
            started = time.perf_counter()
            result = self.model.chat(messages, **options)
            entry = {
                "text": result.text,
                "prompt_tokens": result.usage.prompt_tokens,
                "completion_tokens": result.usage.completion_tokens,
                "seconds": time.perf_counter() - started,
            }
            if self.cache_file is not None:
                self.cache[key] = entry
                self.cache_file.write_text(json.dumps(self.cache), encoding="utf-8")
        else:
            self.replayed += 1
        self.calls += 1
        self.prompt_tokens += entry["prompt_tokens"]
        self.completion_tokens += entry["completion_tokens"]
        self.seconds += entry["seconds"]
        usage = Usage(entry["prompt_tokens"], entry["completion_tokens"])
        return ChatResult(text=entry["text"], usage=usage)

    def stream(self, messages: Any, **options: Any) -> Any:
        return self.model.stream(messages, **options)

    def count_tokens(self, text: str) -> int:
        return int(self.model.count_tokens(text))


def setup_django(model: str) -> Any:
    """Configure Django (test settings, no database) and build the chat model `model`."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.conf import settings

    from aiplus.ai import providers

    settings.AIPLUS_AI["chat"]["model"] = model
    return providers.build("chat")


# --- The run ----------------------------------------------------------------------------------


@dataclass
class Result:
    meeting: Meeting
    scores: dict[str, dict[str, float]]  # system -> metric -> score
    coverage: dict[str, float | None]  # system -> coverage
    seconds: float
    calls: int
    replayed: int
    prompt_tokens: int
    completion_tokens: int
    summary: str


def evaluate(meeting: Meeting, model: CountingModel, *, words: int) -> Result:
    model.reset()
    started = time.perf_counter()
    summary = summarise(meeting.lines(), model=model, language="en", max_words=words)
    # Wall time; with replayed calls, the model time they took when first measured.
    seconds = model.seconds if model.replayed else time.perf_counter() - started
    text = meeting.text()
    outputs = {"summary": summary, "lead": lead(text, words), "textrank": textrank(text, words)}
    return Result(
        meeting=meeting,
        scores={system: rouge(meeting.reference, out) for system, out in outputs.items()},
        coverage={system: coverage(meeting.answers, out) for system, out in outputs.items()},
        seconds=seconds,
        calls=model.calls,
        replayed=model.replayed,
        prompt_tokens=model.prompt_tokens,
        completion_tokens=model.completion_tokens,
        summary=summary,
    )


def _mean(values: Sequence[float | None]) -> float:
    known = [v for v in values if v is not None]
    return statistics.mean(known) if known else float("nan")


def report(
    results: list[Result],
    *,
    model: str,
    data: Path,
    words: int,
    load: tuple[float, float] = (0.0, 0.0),
) -> str:
    rows = []
    for r in results:
        cells = [f"{r.scores[s][m]:.1f}" for s in SYSTEMS for m in METRICS]
        rows.append(
            f"| {r.meeting.name} | {len(r.meeting.turns)} | {len(r.meeting.text().split()):,} "
            f"| {' | '.join(cells)} |"
        )
    means = [
        f"**{_mean([r.scores[s][m] for r in results]):.1f}**" for s in SYSTEMS for m in METRICS
    ]
    rows.append(f"| **mean** | | | {' | '.join(means)} |")
    cover = {s: _mean([r.coverage[s] for r in results]) for s in SYSTEMS}
    rouge_l = {s: _mean([r.scores[s]["rougeL"] for r in results]) for s in SYSTEMS}
    baseline = max(rouge_l["lead"], rouge_l["textrank"])
    verdict = "above" if rouge_l["summary"] > baseline else "not above"
    target = "met" if rouge_l["summary"] >= TARGET_ROUGE_L else "not met"
    lengths = [len(r.summary.split()) for r in results]
    speed = [
        f"| {r.meeting.name} | {r.seconds:.0f} s | {r.calls} ({r.replayed}) | {r.prompt_tokens:,} "
        f"| {r.completion_tokens:,} | {len(r.summary.split())} |"
        for r in results
    ]
    sample = results[0].summary if results else ""
    return "\n".join(
        [
            "## Smart Minutes: meeting summary quality (QMSum committee meetings)",
            "",
            f"{len(results)} meetings from `{data.name}`; summaries by `{model}` "
            f"(`aiplus.meetings.summary.summarise`, at most {words} words, temperature 0) "
            f"against LEAD ({words} words) and TextRank (TF-IDF cosine graph, PageRank, "
            f"{words} words). ROUGE F1 ×100, rouge-score 0.1.2 with stemming. "
            f"Mean ROUGE-L of the summary {rouge_l['summary']:.1f} against the better "
            f"baseline's {baseline:.1f}: **{verdict}**; target ROUGE-L ≥ {TARGET_ROUGE_L:.0f}: "
            f"**{target}**.",
            "",
            "| meeting | turns | words | summary R-1 | R-2 | R-L | LEAD R-1 | R-2 | R-L "
            "| TextRank R-1 | R-2 | R-L |",
            "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
            *rows,
            "",
            "Coverage of the specific queries (mean ROUGE-1 recall ×100 of each query's "
            "reference answer by the text, averaged per meeting, then over meetings): "
            f"summary {cover['summary']:.1f}, LEAD {cover['lead']:.1f}, "
            f"TextRank {cover['textrank']:.1f}.",
            "",
            "Time per meeting is wall-clock for the whole summary (map and reduce calls); calls "
            "replayed from a `--cache` file count the time measured when they were first made. "
            "It depends on the machine's load (here the load average was "
            f"{load[0]:.1f} before the run and {load[1]:.1f} after it): compare with the prompt "
            "and generation rates of `make bench-ai`.",
            "",
            "| meeting | time | model calls (replayed) | prompt tokens | answer tokens | summary words |",
            "|---|--:|--:|--:|--:|--:|",
            *speed,
            f"| **mean** | {_mean([r.seconds for r in results]):.0f} s "
            f"| {_mean([r.calls for r in results]):.1f} "
            f"| {_mean([r.prompt_tokens for r in results]):,.0f} "
            f"| {_mean([r.completion_tokens for r in results]):,.0f} "
            f"| {_mean(lengths):.0f} |",
            "",
            "First meeting's summary:",
            "",
            f"> {sample}",
        ]
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of *.jsonl")
    parser.add_argument("--limit", type=int, default=0, help="only the first N meetings")
    parser.add_argument(
        "--model",
        default=os.environ.get("AIPLUS_BENCH_CHAT_MODEL", DEFAULT_MODEL),
        help="chat model from the manifest (env AIPLUS_BENCH_CHAT_MODEL)",
    )
    parser.add_argument(
        "--words",
        type=int,
        default=MAX_WORDS,
        help="summary and baseline length (the hub's cap by default)",
    )
    parser.add_argument("--cache", type=Path, help="JSON file to keep and replay answers")
    parser.add_argument("--no-report", action="store_true", help="print, do not write the docs")
    args = parser.parse_args(argv)

    meetings = read_meetings(args.data)
    if args.limit:
        meetings = meetings[: args.limit]
    if not meetings:
        print(f"no meetings in {args.data}", file=sys.stderr)
        return 1
    model = CountingModel(setup_django(args.model), cache=args.cache)
    results = []
    load_before = os.getloadavg()[0]
    for meeting in meetings:
        result = evaluate(meeting, model, words=args.words)
        results.append(result)
        summary = result.scores["summary"]
        print(
            f"{meeting.name}: R-L summary {summary['rougeL']:.1f}, "
            f"lead {result.scores['lead']['rougeL']:.1f}, "
            f"textrank {result.scores['textrank']['rougeL']:.1f} "
            f"({result.seconds:.0f} s, {result.calls} calls)",
            flush=True,
        )
    body = report(
        results,
        model=args.model,
        data=args.data,
        words=args.words,
        load=(load_before, os.getloadavg()[0]),
    )
    print(body)
    if not args.no_report:
        from scripts.bench_report import write_section

        command = COMMAND if args.cache is None else f"{COMMAND} CACHE={args.cache}"
        write_section("minutes-quality", command=command, body=body)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
