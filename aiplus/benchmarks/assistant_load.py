"""Many visitors on the public assistant's widget at once, against a running hub started the
way `make demo` starts it (`run_hub`: web processes, the model process, the worker).

    AIPLUS_TRUSTED_PROXY_COUNT=1 make demo          # in one terminal
    python -m aiplus.benchmarks.assistant_load --url http://127.0.0.1:8000 --users 50 --seconds 120

Each simulated visitor comes from its own address (X-Forwarded-For, which the hub trusts behind
one proxy) and, until the time is up, opens the widget's page, asks a question (a mix of FAQ
questions and questions the model must answer), waits its turn asking for its place as the
page does, reads the streamed answer, then reads it for 10 to 20 s. Reported: every response that
was not a success (the target is none), the time to the sources, the FAQ answers' time, the wait
in the queue and the time to the whole answer, p50 and p95."""

import argparse
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import requests

from aiplus.benchmarks.timing import p50, p95
from scripts.bench_report import write_section

SLUG = "ai-plus-enquiries"
POLL_SECONDS = 1.5  # as the page asks for its place
READING_SECONDS = (10, 20)  # between an answer and the next question
WAIT_AFTER_END = 300  # how long questions still waiting at the end may wait
FAQ_QUESTIONS = [
    "Who organised the first AI+ technology forum?",
    "What is the AI+ initiative?",
    "第一次 AI+ 科技論壇由誰主辦？",
    "Can members of the public attend the seminars?",
]
MODEL_QUESTIONS = [
    "Which organisations ran the first forum together?",
    "第一次論壇講咩㗎？",
    "How many officers went to the June seminar?",
    "Is my chat with you stored?",
    "What is the budget of the AI+ initiative?",
]


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    statuses: Counter = field(default_factory=Counter)
    failures: Counter = field(default_factory=Counter)
    sources: list[float] = field(default_factory=list)  # ask → response with the sources
    faq: list[float] = field(default_factory=list)
    queue: list[float] = field(default_factory=list)  # ask → the model's turn
    whole: list[float] = field(default_factory=list)  # ask → last sentence (model answers)
    answered: int = 0
    gave_up: int = 0

    def response(self, response: requests.Response) -> bool:
        with self.lock:
            self.statuses[response.status_code] += 1
        return response.ok


def visitor(number: int, base: str, deadline: float, tally: Tally) -> None:
    session = requests.Session()
    session.headers["X-Forwarded-For"] = f"10.{number // 250}.{number % 250}.7"
    rng = random.Random(number)
    state = {"conversation": ""}
    while time.monotonic() < deadline:
        try:
            ask_once(session, base, deadline, tally, rng, state)
        except requests.RequestException as error:
            with tally.lock:
                tally.failures[type(error).__name__] += 1
        time.sleep(rng.uniform(*READING_SECONDS))


def ask_once(
    session: requests.Session,
    base: str,
    deadline: float,
    tally: Tally,
    rng: random.Random,
    state: dict[str, str],
) -> None:
    """One visit: the widget's page, a question, the wait and the answer."""
    if not tally.response(session.get(f"{base}/en/assistant/{SLUG}/embed/", timeout=60)):
        return
    pool = FAQ_QUESTIONS if rng.random() < 0.5 else MODEL_QUESTIONS
    started = time.monotonic()
    asked = session.post(
        f"{base}/en/assistant/{SLUG}/embed/ask/",
        data={"question": rng.choice(pool), "conversation": state["conversation"]},
        headers={"X-Requested-With": "fetch", "Origin": base},
        timeout=60,
    )
    if not tally.response(asked):
        return
    data = asked.json()
    state["conversation"] = data["conversation"]
    with tally.lock:
        tally.sources.append(time.monotonic() - started)
    if not data["queued"]:
        with tally.lock:
            tally.faq.append(time.monotonic() - started)
            tally.answered += 1
    else:
        ready = False
        while time.monotonic() < deadline + WAIT_AFTER_END and not ready:
            waited = session.get(base + data["wait_url"], timeout=60)
            if not tally.response(waited):
                return
            ready = waited.json()["ready"]
            if not ready:
                time.sleep(POLL_SECONDS)
        if not ready:
            with tally.lock:
                tally.gave_up += 1  # still waiting when the run ended
            return
        with tally.lock:
            tally.queue.append(time.monotonic() - started)
        stream = session.get(base + data["stream_url"], timeout=300, stream=True)
        if tally.response(stream):
            for _line in stream.iter_lines():
                pass
            with tally.lock:
                tally.whole.append(time.monotonic() - started)
                tally.answered += 1


def _failures(failures: Counter) -> str:
    """How many requests got no response at all, by the client's error."""
    kinds = ", ".join(f"{kind}: {n}" for kind, n in failures.most_common())
    return f"{sum(failures.values())} ({kinds})" if failures else "0"


def seconds(values: list[float]) -> str:
    if not values:
        return "–"
    return f"{p50(values):.2f} s / {p95(values):.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--no-write", action="store_true")
    options = parser.parse_args()
    base = options.url.rstrip("/")
    health = [time.monotonic()]
    requests.get(f"{base}/healthz", timeout=30).raise_for_status()
    health.append(time.monotonic())
    tally = Tally()
    deadline = time.monotonic() + options.seconds
    threads = [
        threading.Thread(target=visitor, args=(n, base, deadline, tally), daemon=True)
        for n in range(options.users)
    ]
    for thread in threads:
        thread.start()
        time.sleep(0.05)
    for thread in threads:
        thread.join(timeout=options.seconds + 900)
    errors = sum(n for status, n in tally.statuses.items() if status >= 400)
    body = "\n".join(
        [
            f"## Assistant under load: {options.users} widget visitors for {options.seconds} s",
            "",
            "Against a hub started as `make demo` starts it (web processes, the model process, "
            "the worker), each visitor from its own address. Times are p50 / p95.",
            "",
            "| measure | result |",
            "|---|---|",
            f"| responses | {sum(tally.statuses.values())} "
            f"({', '.join(f'{s}: {n}' for s, n in sorted(tally.statuses.items()))}) |",
            f"| error responses (4xx, 5xx) | {errors} |",
            f"| connection failures (no response) | {_failures(tally.failures)} |",
            f"| questions answered | {tally.answered} (FAQ {len(tally.faq)}, model {len(tally.whole)}) |",
            f"| sources shown | {seconds(tally.sources)} |",
            f"| FAQ answers | {seconds(tally.faq)} |",
            f"| wait for the model's turn | {seconds(tally.queue)} |",
            f"| still waiting {WAIT_AFTER_END} s after the end | {tally.gave_up} |",
            f"| whole answer (model) | {seconds(tally.whole)} |",
            f"| health check before the run | {(health[1] - health[0]) * 1000:.0f} ms |",
        ]
    )
    print(body)
    if not options.no_write:
        command = (
            f"python -m aiplus.benchmarks.assistant_load --users {options.users} "
            f"--seconds {options.seconds}"
        )
        write_section("assistant-load", command=command, body=body)


if __name__ == "__main__":
    main()
