"""Review workflows (Wagtail's moderation) for every reviewed model: solutions, cases, pages."""

from typing import Any


def publish_reviewed_revision(workflow_state: Any, user: Any = None) -> None:
    """Publish exactly the revision the reviewer approved. Wagtail's default publishes the
    latest revision, which may be a change saved while the review was under way."""
    revision = workflow_state.current_task_state.revision
    revision.publish(user=user)
