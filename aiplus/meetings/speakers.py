"""Automatic speaker turns ("who spoke when") for meeting recordings, in numpy alone.

Method (chosen by `python -m aiplus.benchmarks.diarization`, see docs/benchmarks.md):

1. MFCCs (19 cepstra without the energy term, from a 40-band mel filterbank) every 10 ms,
   computed block by block so a long recording never needs its whole spectrogram in memory
   (nor, read piece by piece with `speaker_turns_in_pieces`, the whole recording).
2. Speech frames: the caller's VAD spans when given, else Silero VAD (inside faster-whisper,
   about 0.2 s per audio minute), else an energy detector.
3. A voice vector per 1.5 s window (hop 0.75 s): the mean and spread of the speech frames'
   MFCCs and their deltas. Windows with too little speech get no vector.
4. Clustering. The vectors are standardised and reduced to their 12 main axes; k-means
   splits them into `max_speakers` groups, then groups merge while two of them "switch" too
   often: one voice split in two by what is being said flips between the halves from window
   to window, while two real speakers alternate only where a turn changes hands. So the
   number of speakers is estimated from the turn-taking itself, without a distance
   threshold that would depend on the microphone and the room.
5. Labels per 10 ms frame from the nearest window; an utterance too short for any window
   ("Yes.") gets the nearest cluster by its own statistics. Short label flickers join their
   neighbours.
6. Turns: runs of one speaker, short pauses bridged; labels S1, S2, ... by first appearance.

Why not a learned speaker embedding: none installable here ships without torch (Resemblyzer's
measured venv is 1.4 GB), while this needs numpy alone and meets the product target on the
synthetic meeting. Limits, measured: turns of only 2-3 s (rapid exchanges) and short clips make
the count unstable, similar voices may merge, and overlapping speech goes to one speaker.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

SAMPLE_RATE = 16_000
HOP = 160  # 10 ms
FRAME_LENGTH = 400  # 25 ms
N_FFT = 512
N_MELS = 40
N_CEPS = 19
BLOCK_FRAMES = 6_000  # one minute of frames per feature block
WINDOW = 150  # frames per voice vector (1.5 s)
WINDOW_HOP = 75
MIN_WINDOW_SPEECH = 0.5  # fraction of a window that must be speech to get a vector
PCA_DIMENSIONS = 12
MIN_CLUSTER = 4  # windows (3 s of speech): fewer cannot be told from a stray noise
CONTACT_LIMIT = 0.3  # see contact(): on the benchmark, voices 0.1-0.29, split voices >= 0.33
BRIDGE = 50  # frames: a pause shorter than this between one speaker's words stays in the turn
MIN_RUN = 30  # frames: a speaker run shorter than this inside speech joins its neighbour


@dataclass(frozen=True)
class Turn:
    start: float  # seconds
    end: float
    speaker: str  # "S1", "S2", ... in order of first appearance


# --- Features -----------------------------------------------------------------------------------


def _mel_filterbank() -> np.ndarray:
    def to_mel(hz: np.ndarray) -> np.ndarray:
        return 2595.0 * np.log10(1.0 + hz / 700.0)

    edges_mel = np.linspace(to_mel(np.array(20.0)), to_mel(np.array(7600.0)), N_MELS + 2)
    edges = 700.0 * (10 ** (edges_mel / 2595.0) - 1.0)
    bins = np.fft.rfftfreq(N_FFT, 1 / SAMPLE_RATE)
    bank = np.zeros((N_MELS, bins.size), np.float32)
    for m in range(N_MELS):
        low, centre, high = edges[m : m + 3]
        rising = (bins - low) / (centre - low)
        falling = (high - bins) / (high - centre)
        bank[m] = np.maximum(0.0, np.minimum(rising, falling))
    return bank


def _dct_matrix() -> np.ndarray:
    """Orthonormal DCT-II rows 1..N_CEPS (row 0, the energy, is left out)."""
    n = np.arange(N_MELS)
    rows = np.arange(1, N_CEPS + 1)[:, None]
    return (np.sqrt(2.0 / N_MELS) * np.cos(np.pi * rows * (2 * n + 1) / (2 * N_MELS))).astype(
        np.float32
    )


def _frames(audio: np.ndarray) -> np.ndarray:
    count = 1 + max(audio.size - FRAME_LENGTH, 0) // HOP
    padded = np.pad(audio, (0, max(FRAME_LENGTH - audio.size, 0)))
    shape = (count, FRAME_LENGTH)
    strides = (padded.strides[0] * HOP, padded.strides[0])
    return np.lib.stride_tricks.as_strided(padded, shape=shape, strides=strides)


def _blocks(chunks: Iterable[np.ndarray]) -> Iterator[np.ndarray]:
    """Blocks of BLOCK_FRAMES frames from consecutive chunks of one recording, overlapping so
    that frames never straddle a block boundary; a chunk and a block are held at a time."""
    step = BLOCK_FRAMES * HOP
    size = step + FRAME_LENGTH - HOP
    held = np.zeros(0, np.float32)
    given = False
    for chunk in chunks:
        held = np.concatenate([held, chunk.astype(np.float32, copy=False)])
        while held.size >= size:
            yield held[:size]
            held = held[step:]
            given = True
    if held.size >= FRAME_LENGTH or not given:  # the last, shorter block
        yield held


def features(audio: np.ndarray | Iterable[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(MFCC frames (T, N_CEPS), log energy in dB (T,)) every 10 ms, of a recording or of the
    consecutive pieces of one."""
    bank, dct = _mel_filterbank(), _dct_matrix()
    window = np.hamming(FRAME_LENGTH).astype(np.float32)
    ceps, energy = [], []
    for block in _blocks([audio] if isinstance(audio, np.ndarray) else audio):
        frames = _frames(block)
        emphasised = frames[:, 1:] - 0.97 * frames[:, :-1]
        power = np.abs(np.fft.rfft(emphasised * window[1:], N_FFT)) ** 2
        energy.append(10 * np.log10(np.mean(frames**2, axis=1) + 1e-10))
        ceps.append(np.log(power.astype(np.float32) @ bank.T + 1e-8) @ dct.T)
    if not ceps:
        return np.zeros((0, N_CEPS), np.float32), np.zeros(0)
    return np.concatenate(ceps), np.concatenate(energy)


# --- Speech frames ------------------------------------------------------------------------------


def true_runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) index pairs of the True runs of a boolean array."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], mask.astype(np.int8), [0]])))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))


def spans_to_mask(spans: list[tuple[float, float]], frames: int) -> np.ndarray:
    mask = np.zeros(frames, bool)
    for start, end in spans:
        mask[max(int(start * 100), 0) : max(int(np.ceil(end * 100)), 0)] = True
    return mask


def energy_speech(energy: np.ndarray, *, floor_db: float = -55.0) -> np.ndarray:
    """Speech frames by level, for when Silero is not installed: above an absolute floor and
    above a point between the recording's own noise (5th percentile) and speech (95th)."""
    if energy.size == 0:
        return np.zeros(0, bool)
    quiet, loud = np.percentile(energy, [5, 95])
    active = energy > max(floor_db, quiet + 0.35 * (loud - quiet), loud - 30.0)
    for start, end in true_runs(active):
        if end - start < 10:  # clicks
            active[start:end] = False
    return active


def silero_speech(audio: np.ndarray, frames: int) -> np.ndarray | None:
    """Speech frames from Silero VAD (shipped inside faster-whisper), five minutes at a time so
    that its buffers stay small; None when faster-whisper is not installed."""
    try:
        from faster_whisper.vad import VadOptions, get_speech_timestamps
    except ImportError:
        return None
    options = VadOptions(min_silence_duration_ms=300, speech_pad_ms=60)
    block = 300 * SAMPLE_RATE
    spans = []
    for offset in range(0, audio.size, block):
        found = get_speech_timestamps(audio[offset : offset + block], options)
        spans += [
            ((offset + s["start"]) / SAMPLE_RATE, (offset + s["end"]) / SAMPLE_RATE) for s in found
        ]
    return spans_to_mask(spans, frames)


# --- Voice vectors ------------------------------------------------------------------------------


def _deltas(ceps: np.ndarray) -> np.ndarray:
    padded = np.pad(ceps, ((2, 2), (0, 0)), mode="edge")
    return (padded[4:] - padded[:-4] + 2 * (padded[3:-1] - padded[1:-3])) / 10.0


def _statistics(ceps: np.ndarray, deltas: np.ndarray) -> np.ndarray:
    return np.concatenate([ceps.mean(0), ceps.std(0), deltas.std(0)])


def window_vectors(ceps: np.ndarray, speech: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(vectors (W, 3 * N_CEPS), first frame of each window) for windows with enough speech."""
    deltas = _deltas(ceps)
    vectors, starts = [], []
    for start in range(0, max(ceps.shape[0] - WINDOW, 0) + 1, WINDOW_HOP):
        chosen = speech[start : start + WINDOW]
        if chosen.sum() >= MIN_WINDOW_SPEECH * WINDOW:
            stop = start + WINDOW
            vectors.append(_statistics(ceps[start:stop][chosen], deltas[start:stop][chosen]))
            starts.append(start)
    if not vectors:
        return np.zeros((0, 3 * N_CEPS)), np.zeros(0, int)
    return np.asarray(vectors), np.asarray(starts)


# --- Clustering ---------------------------------------------------------------------------------


def kmeans(points: np.ndarray, k: int, *, restarts: int = 4, iterations: int = 50) -> np.ndarray:
    """Labels 0..k-1: the lowest within-cluster sum of squares of a few k-means++ starts
    (seeded, so the same recording always gives the same turns)."""
    rng = np.random.default_rng(0)
    best_cost, best = np.inf, np.zeros(len(points), int)
    for _ in range(restarts):
        centres = points[[rng.integers(len(points))]]
        for _ in range(1, k):
            nearest = _squared_distances(points, centres).min(1)
            pick = rng.choice(len(points), p=nearest / nearest.sum()) if nearest.sum() else 0
            centres = np.vstack([centres, points[pick]])
        labels = np.full(len(points), -1)
        for _ in range(iterations):
            distances = _squared_distances(points, centres)
            new = distances.argmin(1)
            if np.array_equal(new, labels):
                break
            labels = new
            for j in range(k):
                if np.any(labels == j):
                    centres[j] = points[labels == j].mean(0)
        cost = float(distances[np.arange(len(points)), labels].sum())
        if cost < best_cost:
            best_cost, best = cost, labels
    return best


def _squared_distances(points: np.ndarray, centres: np.ndarray) -> np.ndarray:
    return (
        (points**2).sum(1)[:, None] - 2 * points @ centres.T + (centres**2).sum(1)[None, :]
    ).clip(0)


def contact(labels: np.ndarray, starts: np.ndarray, *, prior: float = 3.0) -> np.ndarray:
    """(k, k) switches between two clusters over consecutive windows, per window of the smaller
    cluster. One voice split in two by what is being said flips back and forth within its
    turns; two real speakers switch only where a turn changes hands."""
    k = int(labels.max()) + 1
    counts = np.bincount(labels, minlength=k).astype(float)
    adjacent = np.flatnonzero(np.diff(starts) == WINDOW_HOP)
    switches = np.zeros((k, k))
    np.add.at(switches, (labels[adjacent], labels[adjacent + 1]), 1)
    switches += switches.T
    np.fill_diagonal(switches, 0)
    return switches / (np.minimum(counts[:, None], counts[None, :]) + prior)


def _principal(points: np.ndarray, dimensions: int) -> np.ndarray:
    """The points on their main axes of variation: the 57 statistics are noisy and correlated,
    and on a short recording k-means in all of them chases noise."""
    centred = points - points.mean(0)
    axes = np.linalg.svd(centred, full_matrices=False)[2][:dimensions]
    return centred @ axes.T


def cluster(points: np.ndarray, starts: np.ndarray, max_speakers: int) -> np.ndarray:
    """Window labels 0..k-1. k-means first splits the windows into `max_speakers` groups; then
    a group too small to trust joins the nearest one, and the pair of groups that switch most
    often (see contact()) merge while they switch at CONTACT_LIMIT or more. What is left is the
    estimate of the speakers."""
    points = _principal(points, PCA_DIMENSIONS)
    k = min(max_speakers, len(points) // MIN_CLUSTER)
    labels = kmeans(points, k) if k > 1 else np.zeros(len(points), int)
    while True:
        labels = np.unique(labels, return_inverse=True)[1].reshape(-1)
        count = int(labels.max()) + 1
        if count == 1:
            return labels
        sizes = np.bincount(labels)
        if sizes.min() < MIN_CLUSTER:
            small = int(sizes.argmin())
            means = np.stack([points[labels == j].mean(0) for j in range(count)])
            distances = ((means - means[small]) ** 2).sum(1)
            distances[small] = np.inf
            labels[labels == small] = int(distances.argmin())
            continue
        switching = contact(labels, starts)
        a, b = np.unravel_index(int(switching.argmax()), switching.shape)
        if switching[a, b] < CONTACT_LIMIT:
            return labels
        labels[labels == b] = a


# --- From windows to turns ----------------------------------------------------------------------


def nearest_window_labels(speech: np.ndarray, starts: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """A speaker per 10 ms frame (-1 outside speech): the label of the nearest window centre."""
    out = np.full(len(speech), -1)
    if len(labels) == 0:
        return out
    centres = starts + WINDOW // 2
    frames = np.arange(len(speech))
    after = np.clip(np.searchsorted(centres, frames), 0, len(centres) - 1)
    before = np.clip(after - 1, 0, len(centres) - 1)
    nearest = np.where(frames - centres[before] < centres[after] - frames, before, after)
    out[speech] = labels[nearest][speech]
    return out


def label_short_utterances(
    frame_labels: np.ndarray,
    ceps: np.ndarray,
    speech: np.ndarray,
    windows: tuple[np.ndarray, np.ndarray, np.ndarray],
    scaling: tuple[np.ndarray, np.ndarray],
) -> np.ndarray:
    """An utterance that no window centre falls in ("Yes.", "Agreed.") gets the speaker whose
    cluster centre is nearest to its own statistics, not its neighbour's label."""
    points, starts, labels = windows
    centres = starts + WINDOW // 2
    means = np.stack([points[labels == j].mean(0) for j in range(int(labels.max()) + 1)])
    deltas = _deltas(ceps)
    out = frame_labels.copy()
    for start, end in true_runs(speech):
        if end - start >= 10 and not np.any((centres >= start) & (centres < end)):
            vector = (_statistics(ceps[start:end], deltas[start:end]) - scaling[0]) / scaling[1]
            out[start:end] = int(_squared_distances(vector[None], means).argmin())
    return out
    centres = starts + WINDOW // 2
    frames = np.arange(len(speech))
    after = np.clip(np.searchsorted(centres, frames), 0, len(centres) - 1)
    before = np.clip(after - 1, 0, len(centres) - 1)
    nearest = np.where(frames - centres[before] < centres[after] - frames, before, after)
    out[speech] = labels[nearest][speech]
    means = np.stack([points[labels == j].mean(0) for j in range(int(labels.max()) + 1)])
    deltas = _deltas(ceps)
    for start, end in true_runs(speech):
        if end - start >= 10 and not np.any((centres >= start) & (centres < end)):
            vector = (_statistics(ceps[start:end], deltas[start:end]) - scaling[0]) / scaling[1]
            out[start:end] = int(_squared_distances(vector[None], means).argmin())
    return out


def _label_runs(labels: np.ndarray) -> list[tuple[int, int, int]]:
    """(start, end, label) for each run of one value, -1 (no speech) included."""
    edges = np.flatnonzero(np.diff(labels)) + 1
    bounds = [0, *edges.tolist(), len(labels)]
    return [(a, b, int(labels[a])) for a, b in pairwise(bounds)]


def _absorb_short_runs(labels: np.ndarray) -> np.ndarray:
    """A speaker run of under MIN_RUN frames between other speech takes its neighbour's label."""
    out = labels.copy()
    runs = _label_runs(out)
    for i, (start, end, label) in enumerate(runs):
        if label < 0 or end - start >= MIN_RUN:
            continue
        before = out[start - 1] if start > 0 else -1
        after = runs[i + 1][2] if i + 1 < len(runs) else -1
        if before >= 0 or after >= 0:
            out[start:end] = before if before >= 0 else after
    return out


def turns_from_frames(labels: np.ndarray) -> list[Turn]:
    merged: list[list[int]] = []
    for start, end, label in _label_runs(_absorb_short_runs(labels)):
        if label < 0:
            continue
        if merged and merged[-1][2] == label and start - merged[-1][1] < BRIDGE:
            merged[-1][1] = end
        else:
            merged.append([start, end, label])
    names: dict[int, str] = {}
    for _, _, label in merged:
        names.setdefault(label, f"S{len(names) + 1}")
    return [Turn(start / 100, end / 100, names[label]) for start, end, label in merged]


# --- Public API -----------------------------------------------------------------------------------


def speaker_turns(
    audio: np.ndarray,
    *,
    sample_rate: int = SAMPLE_RATE,
    max_speakers: int = 8,
    speech: list[tuple[float, float]] | None = None,
) -> list[Turn]:
    """16 kHz mono float32 audio -> speaker turns. `speech` optionally gives speech spans
    (seconds) already found by VAD."""
    if sample_rate != SAMPLE_RATE:
        raise ValueError(f"speaker_turns needs {SAMPLE_RATE} Hz audio, not {sample_rate} Hz")
    audio = np.asarray(audio, dtype=np.float32).reshape(-1)
    ceps, energy = features(audio)
    if speech is not None:
        mask = spans_to_mask(speech, len(ceps))
    else:
        found = silero_speech(audio, len(ceps))
        mask = found if found is not None else energy_speech(energy)
    return _turns(ceps, mask, max_speakers)


def speaker_turns_in_pieces(
    pieces: Iterable[np.ndarray], *, speech: list[tuple[float, float]], max_speakers: int = 8
) -> list[Turn]:
    """The same for a recording given as consecutive pieces of 16 kHz mono float32 audio (read
    one at a time: only the features, 19 numbers per 10 ms, are kept), with its speech spans
    already known."""
    ceps, _energy = features(pieces)
    return _turns(ceps, spans_to_mask(speech, len(ceps)), max_speakers)


def _turns(ceps: np.ndarray, mask: np.ndarray, max_speakers: int) -> list[Turn]:
    if not mask.any():
        return []
    raw, starts = window_vectors(ceps, mask)
    centre, scale = raw.mean(0), raw.std(0) + 1e-9
    points = (raw - centre) / scale
    labels = cluster(points, starts, max(max_speakers, 1)) if len(points) else np.zeros(0, int)
    if len(labels) == 0:  # speech too short for any window: one speaker
        return turns_from_frames(np.where(mask, 0, -1))
    frames = nearest_window_labels(mask, starts, labels)
    frames = label_short_utterances(frames, ceps, mask, (points, starts, labels), (centre, scale))
    return turns_from_frames(frames)


def assign_speakers(segments: list[tuple[float, float]], turns: list[Turn]) -> list[str]:
    """For each transcript segment (start, end), the label of the turn overlapping it most
    ("" if none)."""
    ordered = sorted(turns, key=lambda t: t.start)
    ends = np.array([t.end for t in ordered])
    starts = np.array([t.start for t in ordered])
    out = []
    for start, end in segments:
        first = int(np.searchsorted(ends, start, side="right"))
        last = int(np.searchsorted(starts, end, side="left"))
        best, label = 0.0, ""
        for turn in ordered[first:last]:
            overlap = min(end, turn.end) - max(start, turn.start)
            if overlap > best:
                best, label = overlap, turn.speaker
        out.append(label)
    return out
