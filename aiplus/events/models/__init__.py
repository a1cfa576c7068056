"""The events app's models: events and what hangs on them (`events`), and the outreach that
tells officers what is new (`digests`: digest subscriptions and DPO's briefings)."""

from aiplus.events.models.digests import Briefing, DigestSubscription
from aiplus.events.models.events import (
    Event,
    Feedback,
    Poll,
    PollAnswer,
    Question,
    Registration,
    Series,
    VisitRequest,
)

__all__ = [
    "Briefing",
    "DigestSubscription",
    "Event",
    "Feedback",
    "Poll",
    "PollAnswer",
    "Question",
    "Registration",
    "Series",
    "VisitRequest",
]
