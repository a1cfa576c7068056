"""Keep the index following the content: saving, deleting or changing the many-to-many
relations (restrictions) of a watched model queues a refresh of its keys. Keys changed in one
transaction go to the worker as one task after it commits, so an import of 2,000 records
queues one task, not 2,000."""

import threading
from collections import defaultdict
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import ManyToManyField
from django.db.models.signals import m2m_changed, post_delete, post_save

from aiplus.search.registry import Source

_local = threading.local()


def _pending() -> dict[str, set[str]]:
    if not hasattr(_local, "pending"):
        _local.pending = defaultdict(set)
    return _local.pending


def _flush() -> None:
    from aiplus.search.tasks import refresh_task

    _local.flush = None
    pending, _local.pending = _pending(), defaultdict(set)
    for source, keys in pending.items():
        if keys:
            refresh_task.enqueue(source, sorted(keys))


def _registered_flush() -> Any:
    """This transaction's flush if it is still waiting for the commit, else None (no change
    yet, or a rollback discarded it)."""
    flush = getattr(_local, "flush", None)
    connection = transaction.get_connection()
    if flush is None or not connection.in_atomic_block:
        return None
    return flush if any(callback[1] is flush for callback in connection.run_on_commit) else None


def queue_refresh(source: str, keys: list[str]) -> None:
    # The first change in a transaction registers a flush that takes every key pending at
    # commit, so one task goes to the worker. Keys left by a rolled-back transaction are
    # dropped, not carried into the next commit.
    if _registered_flush() is None:
        _local.pending = defaultdict(set)
        _local.flush = partial(_flush)  # a callable of its own, to find it again
        _pending()[source].update(keys)
        transaction.on_commit(_local.flush)
    else:
        _pending()[source].update(keys)


def _changed(source: Source, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # fixtures
        return
    queue_refresh(source.name, [str(key) for key in source.keys_for(instance)])


def _relation_changed(
    source: Source, instance: Any, action: str, reverse: bool, pk_set: Any, **kwargs: Any
) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:  # changed from the other side (a role's resources): the keys are in pk_set
        queue_refresh(source.name, [str(pk) for pk in pk_set or ()])
    else:
        _changed(source, instance)


def watch(source: Source) -> None:
    for model in source.watch:
        uid = f"search.{source.name}.{model._meta.label}"
        handler = partial(_changed, source)
        post_save.connect(handler, sender=model, weak=False, dispatch_uid=f"{uid}.save")
        post_delete.connect(handler, sender=model, weak=False, dispatch_uid=f"{uid}.delete")
        for field in model._meta.get_fields():
            if isinstance(field, ManyToManyField):
                m2m_changed.connect(
                    partial(_relation_changed, source),
                    sender=field.remote_field.through,
                    weak=False,
                    dispatch_uid=f"{uid}.{field.name}",
                )
