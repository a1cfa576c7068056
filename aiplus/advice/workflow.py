"""The advice request's life, in one place: its statuses, which moves between them are allowed,
and which side may make each move. Services consult `TRANSITIONS` and nothing else, so a move
that is not written here cannot happen.

Two sides act on a request: DPO's advisors (advisors and administrators) and the bureau or
department that asked (the requester and colleagues in the same B/D). Advisors triage and
advance the work; the B/D supplies information, closes with a rating, and reopens."""

from enum import Enum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    TRIAGED = "triaged", _("Triaged")
    IN_PROGRESS = "in_progress", _("In progress")
    AWAITING_BD = "awaiting_bd", _("Awaiting the B/D")
    ADVISED = "advised", _("Advised")
    CLOSED = "closed", _("Closed")


class Side(Enum):
    ADVISOR = "advisor"
    REQUESTER = "requester"


ADVISOR = frozenset({Side.ADVISOR})
REQUESTER = frozenset({Side.REQUESTER})
EITHER = ADVISOR | REQUESTER

# from status -> {to status: the sides that may make the move}
TRANSITIONS: dict[Status, dict[Status, frozenset[Side]]] = {
    Status.SUBMITTED: {Status.TRIAGED: ADVISOR, Status.CLOSED: EITHER},
    Status.TRIAGED: {
        Status.IN_PROGRESS: ADVISOR,
        Status.AWAITING_BD: ADVISOR,
        Status.ADVISED: ADVISOR,
        Status.CLOSED: EITHER,
    },
    Status.IN_PROGRESS: {
        Status.AWAITING_BD: ADVISOR,
        Status.ADVISED: ADVISOR,
        Status.CLOSED: EITHER,
    },
    # The B/D answering (a message, or the button) hands the request back to DPO.
    Status.AWAITING_BD: {Status.IN_PROGRESS: EITHER, Status.CLOSED: EITHER},
    # Advice given: the B/D closes it with a rating, or asks more (back in progress).
    Status.ADVISED: {Status.IN_PROGRESS: EITHER, Status.CLOSED: EITHER},
    # Reopening picks the work up where it stopped.
    Status.CLOSED: {Status.IN_PROGRESS: EITHER},
}

OPEN_STATUSES = frozenset(Status) - {Status.CLOSED}


def is_allowed(current: str, target: str, side: Side) -> bool:
    moves = TRANSITIONS.get(Status(current), {}) if current in Status.values else {}
    return target in Status.values and side in moves.get(Status(target), frozenset())


def moves_for(current: str, side: Side) -> list[Status]:
    """The statuses `side` may move a request to from `current`, in workflow order."""
    moves = TRANSITIONS.get(Status(current), {})
    return [status for status in Status if side in moves.get(status, frozenset())]
