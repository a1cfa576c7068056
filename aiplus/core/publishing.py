"""When a row first became public, for "what is new" (digests, briefings)."""

from typing import Any

from django.db import models
from django.utils import timezone


def stamp_first_published(row: models.Model, *, public: bool, save_kwargs: dict[str, Any]) -> None:
    """Set the row's `published_at` the first time it is saved public (a draft published later
    is new then, not when it was created); a save limited to some fields writes it too."""
    if public and getattr(row, "published_at", None) is None:
        row.published_at = timezone.now()  # type: ignore[attr-defined]
        if save_kwargs.get("update_fields") is not None:
            save_kwargs["update_fields"] = {*save_kwargs["update_fields"], "published_at"}
