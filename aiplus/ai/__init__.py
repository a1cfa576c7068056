"""AI providers: speech to text, language model, embeddings and text to speech (docs/ai.md)."""

import os

# llama.cpp and CTranslate2 use OpenMP (GNU libgomp). Between steps its threads spin before they
# sleep; when two model processes share a 2-core machine (a web worker and a task worker, or two
# test runs) long spinning makes them fight, and with OpenMP's "active" waiting generation
# slowed by 100x or more. A short spin keeps most of the speed of spinning when alone and loses
# little when shared (`make bench-ai` measures all three). Either variable set in the
# environment wins.
if "OMP_WAIT_POLICY" not in os.environ:
    os.environ.setdefault("GOMP_SPINCOUNT", "1000")
