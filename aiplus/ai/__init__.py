"""AI providers: speech to text, language model, embeddings and text to speech (docs/ai.md)."""

import os

# llama.cpp and CTranslate2 use OpenMP. Its default "active" waiting spins the CPU between
# steps; when two model processes share a 2-core machine (a web worker and a task worker, or
# two test runs) both spin and generation slows by 100x or more. Passive waiting costs little.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
