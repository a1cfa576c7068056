import statistics
import time
from collections.abc import Callable


def sample(action: Callable[[], object], *, repeat: int, warmup: int = 2) -> list[float]:
    """Milliseconds taken by `action`, `repeat` times, after a warm-up."""
    for _ in range(warmup):
        action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1] if len(times) >= 2 else times[0]


def p50(times: list[float]) -> float:
    return statistics.median(times)
