"""Demo: index what the other loaders created, here and now, so search works on first load."""

from collections.abc import Callable

from aiplus.search.indexing import reindex_all


def load(*, log: Callable[[str], None]) -> None:
    # What the loaders' saves indexed already is skipped; embeddings follow in the background
    # (the scheduled `embed_missing`), so the hub starts without waiting for them.
    count = reindex_all(force=False, embed=False)
    log(f"{count} items indexed for search (meanings are added in the background)")
