"""`make bench-ai`: speed and quality of the local AI models on this machine, written into
docs/benchmarks.md. Models that are not installed are reported as such, not skipped silently.

    DJANGO_SETTINGS_MODULE=config.settings.test python -m aiplus.benchmarks.ai_models
"""

import importlib.util
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import django

COMMAND = "make bench-ai"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _speech_rows(data: Path, meeting: Path, meeting_text: str) -> list[str]:
    from aiplus.ai.audio import load_audio
    from aiplus.ai.local.whisper import WhisperTranscriber
    from aiplus.ai.manifest import get_spec, is_installed
    from aiplus.ai.tools.metrics import word_error_rate

    refs = dict(
        line.split(" ", 1) for line in (data / "asr" / "reference.txt").read_text().splitlines()
    )
    clips = [
        (
            "LibriSpeech (en, 8.7 s)",
            data / "asr" / "librispeech-1995-1837-0001.wav",
            refs["librispeech-1995-1837-0001"],
            "en",
            False,
        ),
        (
            "AISHELL-1 (zh, 4.3 s)",
            data / "asr" / "aishell-BAC009S0724W0121.wav",
            refs["aishell-BAC009S0724W0121"],
            "zh",
            True,
        ),
        ("Synthetic meeting (en)", meeting, meeting_text, "en", False),
    ]
    rows = []
    for name in ("whisper-tiny.en", "whisper-base"):
        spec = get_spec(name)
        if not is_installed(spec):
            rows.append(f"| {name} | not installed (`make models`) | | | |")
            continue
        model = WhisperTranscriber(spec.directory(), name=name)
        for label, path, ref, language, by_char in clips:
            if language != "en" and not model.multilingual:
                continue
            seconds = load_audio(path).size / 16_000
            started = time.perf_counter()
            text = model.transcribe(path, language=language).text
            elapsed = time.perf_counter() - started
            if by_char:
                from opencc import OpenCC

                text = OpenCC("t2s").convert(text)
                error = word_error_rate(
                    " ".join(ref.replace(" ", "")), " ".join(text.replace(" ", ""))
                )
                kind = "CER"
            else:
                error, kind = word_error_rate(ref, text), "WER"
            rows.append(
                f"| {name} | {label} | {seconds:.0f} s | {elapsed / seconds:.3f} | "
                f"{kind} {error:.1%} |"
            )
    return rows


def _meeting(data: Path, cache: Path) -> tuple[Path, str, str]:
    from aiplus.ai.local.espeak import EspeakSpeaker
    from aiplus.ai.local.piper import PiperSpeaker
    from aiplus.ai.manifest import get_spec, is_installed
    from aiplus.ai.tools.synthetic import build_meeting, committee_turns, write_wav

    wav, ref = cache / "meeting.wav", cache / "meeting.txt"
    if wav.exists() and ref.exists():
        return wav, ref.read_text(encoding="utf-8"), (cache / "meeting.voices").read_text()
    espeak = EspeakSpeaker()
    voices = [
        lambda t: espeak.speak(t, voice="en-us"),
        lambda t: espeak.speak(t, voice="en-gb-x-rp", speed=150),
    ]
    names = ["espeak-ng en-us", "espeak-ng en-gb-x-rp"]
    piper = get_spec("piper-joe")
    if is_installed(piper):
        joe = PiperSpeaker(piper.directory(), name="piper-joe")
        voices.insert(0, lambda t: joe.speak(t))
        names.insert(0, "Piper joe")
    started = time.perf_counter()
    audio, text, used = build_meeting(
        committee_turns(data / "qmsum-committee" / "val.jsonl"), voices
    )
    write_wav(audio, wav)
    ref.write_text(text, encoding="utf-8")
    description = (
        f"{audio.size / 16_000 / 60:.1f} min, {used} voices ({', '.join(names[:used])}), "
        f"synthesised in {time.perf_counter() - started:.0f} s"
    )
    (cache / "meeting.voices").write_text(description)
    return wav, text, description


def _llm_rows(prompt: str, names: list[str]) -> list[str]:
    from aiplus.ai.local.llama import LlamaChatModel
    from aiplus.ai.manifest import get_spec, is_installed
    from aiplus.ai.values import ChatMessage

    rows = []
    for name in names:
        spec = get_spec(name)
        if not is_installed(spec):
            rows.append(f"| {name} | not installed (`make models`) | | |")
            continue
        model = LlamaChatModel(spec.directory() / "model.gguf", name=name, context_tokens=4096)
        messages = [ChatMessage("user", f"Summarise this meeting excerpt:\n\n{prompt}")]
        prompt_tokens = model.count_tokens(messages[0].content)
        started = time.perf_counter()
        first = None
        pieces = 0
        for _ in model.stream(messages, max_tokens=128, temperature=0):
            pieces += 1
            first = first or time.perf_counter()
        end = time.perf_counter()
        assert first is not None
        rows.append(
            f"| {name} | {prompt_tokens} | {prompt_tokens / (first - started):.1f} | "
            f"{(pieces - 1) / max(end - first, 1e-6):.1f} ({pieces} tokens) |"
        )
    return rows


# OpenMP waiting between steps (docs/ai.md): the hub's default (no variable set: a short spin,
# set by aiplus.ai), no spinning, and spinning without end.
WAITING = {
    "short spin (default)": {},
    "passive": {"OMP_WAIT_POLICY": "PASSIVE"},
    "active": {"OMP_WAIT_POLICY": "ACTIVE"},
}
LLM_NAMES = ["smollm2-135m", "qwen2.5-coder-1.5b"]
SHARED_NAME = "qwen2.5-coder-1.5b"


def _llm_process(excerpt: str, waiting: dict[str, str], names: list[str]) -> subprocess.Popen:
    """A fresh process measuring the LLMs: OpenMP reads its variables once, at load."""
    env = {k: v for k, v in os.environ.items() if k not in ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT")}
    process = subprocess.Popen(  # noqa: S603  # this module, with model names from LLM_NAMES
        [sys.executable, "-m", "aiplus.benchmarks.ai_models", "--llm-only", *names],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**env, **waiting},
    )
    assert process.stdin is not None
    process.stdin.write(excerpt)
    process.stdin.close()
    return process


def _rows_of(process: subprocess.Popen) -> list[str]:
    assert process.stdout is not None
    rows = [line for line in process.stdout.read().splitlines() if line.startswith("| ")]
    if process.wait() != 0:
        raise RuntimeError("an LLM measuring process failed")
    return rows


def _llm_rows_by_waiting(excerpt: str) -> list[str]:
    """Each model alone under each way of waiting; then two processes generating at once (a
    web worker answering while the task worker drafts minutes), the rows of both."""
    rows = []
    for label, waiting in WAITING.items():
        found = _rows_of(_llm_process(excerpt, waiting, LLM_NAMES))
        rows += [row.replace("| ", f"| {label}: ", 1) for row in found]
    for label in ("short spin (default)", "passive"):
        pair = [_llm_process(excerpt, WAITING[label], [SHARED_NAME]) for _ in range(2)]
        for n, process in enumerate(pair, 1):
            found = _rows_of(process)
            rows += [row.replace("| ", f"| {label}, two at once ({n}): ", 1) for row in found]
    return rows


def _embedding_row(sentences: list[str]) -> str:
    from aiplus.ai.local.usem import UsemEmbedder
    from aiplus.ai.manifest import get_spec

    model = UsemEmbedder(get_spec("usem3").directory(), name="usem3")
    model.embed(sentences[:8])
    started = time.perf_counter()
    model.embed(sentences)
    rate = len(sentences) / (time.perf_counter() - started)
    return f"| usem3 | {len(sentences)} | {rate:.0f} |"


def run() -> str:
    from django.conf import settings

    data = Path(settings.BASE_DIR).parent / "shared" / "data"
    cache = Path(settings.DATA_DIR) / "bench"
    started = time.perf_counter()
    meeting, meeting_text, description = _meeting(data, cache)
    speech = _speech_rows(data, meeting, meeting_text)
    transcript = json.loads((data / "qmsum-committee" / "val.jsonl").read_text().splitlines()[0])
    turns = [t["content"] for t in transcript["meeting_transcripts"]]
    excerpt = " ".join(" ".join(turns[:12]).split()[:400])
    llm = _llm_rows_by_waiting(excerpt)
    sentences = [s.strip() for t in turns for s in t.split(".") if len(s.split()) > 3][:2000]
    embed = _embedding_row(sentences)
    peak = _peak_mb()
    return "\n".join(
        [
            "## AI models (`aiplus.ai`)",
            "",
            "Every model runs in this one process with 2 threads, int8 (Whisper) or the GGUF's "
            "quantisation (LLM). RTF = processing time / audio length (lower is faster). "
            f"Synthetic meeting: QMSum committee meeting 1 read aloud, {description}. "
            "LLM figures are given for three ways OpenMP's threads wait between steps, each "
            "in a fresh process: a short spin (GOMP_SPINCOUNT=1000, the hub's default), "
            "passive (no spin) and active (spin without end; for a dedicated model server), "
            "and for two processes generating at once with the default and with passive "
            "waiting (see docs/ai.md).",
            "",
            "| speech model | clip | length | RTF | error |",
            "|---|---|---|---|---|",
            *speech,
            "",
            "| LLM | prompt tokens | prompt tokens/s | generation tokens/s |",
            "|---|---|---|---|",
            *llm,
            "",
            "| embedder | sentences | sentences/s |",
            "|---|---|---|",
            embed,
            "",
            f"Peak memory of the process with all of these loaded: **{peak:,.0f} MB** "
            f"(ru_maxrss). Total benchmark time {time.perf_counter() - started:.0f} s.",
            "",
            "Targets (issue 3): Whisper base English RTF ≤ 0.15 and WER ≤ 10% on LibriSpeech; "
            "LLM generation ≥ 10 tokens/s with the 1.5B model; embeddings ≥ 500 sentences/s; "
            "peak memory ≤ 4 GiB.",
        ]
    )


def _write_section() -> Any:
    path = Path(__file__).resolve().parents[2] / "scripts" / "bench_report.py"
    spec = importlib.util.spec_from_file_location("bench_report", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.write_section


def main() -> None:
    django.setup()
    if "--llm-only" in sys.argv:
        names = sys.argv[sys.argv.index("--llm-only") + 1 :]
        print("\n".join(_llm_rows(sys.stdin.read(), names)))
        return
    body = run()
    print(body)
    _write_section()("ai-models", command=COMMAND, body=body)


if __name__ == "__main__":
    main()
