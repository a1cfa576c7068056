from django_tasks import task

from aiplus.search import indexing


@task()
def refresh_task(source: str, keys: list[str]) -> None:
    """Bring these items' index entries in line with their live state."""
    indexing.refresh(source, keys)


@task()
def embed_missing_task() -> int:
    """Embed passages indexed while no embedder was available (idempotent)."""
    from aiplus.search.vectors import embed_missing

    return embed_missing()
