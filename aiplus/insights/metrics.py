"""The figures the dashboard shows, each with where it comes from. A metric's kind is part of
its definition, never a column a row could get wrong:

- reported: what B/Ds said in their published success stories;
- measured: what the hub recorded itself (minutes approved, processing times) and what users
  answered when asked "about how much time did this save you?";
- estimated: a count times an assumption administrators set (always labelled as an estimate);
- adoption: use of the hub (solutions in use, shortlists, advice, events, downloads).

Figures of different kinds are never added together."""

from dataclasses import dataclass
from enum import StrEnum

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    REPORTED = "reported", _("Reported by B/Ds")
    MEASURED = "measured", _("Measured by the hub")
    ESTIMATED = "estimated", _("Estimated from assumptions")
    ADOPTION = "adoption", _("Adoption")


KIND_NOTES: dict[str, Promise] = {
    Kind.REPORTED: _("Figures B/Ds gave in their published success stories, as they gave them."),
    Kind.MEASURED: _(
        "What the hub recorded itself, and what officers answered when asked how much time "
        "a piece of work saved them."
    ),
    Kind.ESTIMATED: _(
        "Estimates: counts the hub measured multiplied by assumptions administrators set. "
        "They are not measurements."
    ),
    Kind.ADOPTION: _("How bureaux and departments use the hub and the solutions it lists."),
}


class Show(StrEnum):
    """Which number of a figure is the headline: the total value, the number of records, or
    the average value per record (a turnaround, for example)."""

    VALUE = "value"
    COUNT = "count"
    AVERAGE = "average"


@dataclass(frozen=True)
class Metric:
    key: str
    kind: Kind
    label: str | Promise
    unit: str | Promise
    show: Show = Show.COUNT
    # An estimated metric is computed when read: `base`'s count times the assumption named
    # `assumption` (a field of InsightsSettings, or of another app's settings for rolled-up
    # estimates). Estimates of this kind have no rows of their own.
    base: str = ""
    assumption: str = ""
    # How many decimal places the headline shows.
    places: int = 0
    # A state read from the catalogue as it is now (no history), not rolled up by day.
    current: bool = False

    @property
    def is_derived(self) -> bool:
        return bool(self.base)


METRICS: dict[str, Metric] = {}


def define(metric: Metric) -> Metric:
    METRICS[metric.key] = metric
    return metric


STORIES = define(Metric("stories", Kind.REPORTED, _("Success stories published"), _("stories")))
STORY_HOURS = define(
    Metric(
        "story_hours",
        Kind.REPORTED,
        _("Staff hours saved a year, as reported in stories"),
        _("hours a year"),
        show=Show.VALUE,
    )
)
STORY_POSTS = define(
    Metric(
        "story_posts",
        Kind.REPORTED,
        _("Posts redeployed, as reported in stories"),
        _("posts"),
        show=Show.VALUE,
        places=1,
    )
)
MINUTES_APPROVED = define(
    Metric(
        "minutes_approved", Kind.MEASURED, _("Meetings minuted with Smart Minutes"), _("meetings")
    )
)
MINUTES_PROCESSING = define(
    Metric(
        "minutes_processing",
        Kind.MEASURED,
        _("Average time the hub took to draft minutes"),
        _("seconds"),
        show=Show.AVERAGE,
    )
)
MINUTES_ANSWERED = define(
    Metric(
        "minutes_answered",
        Kind.MEASURED,
        _("Time saved by minutes, as officers answered"),
        _("minutes"),
        show=Show.VALUE,
    )
)
ADVICE_ANSWERED = define(
    Metric(
        "advice_answered",
        Kind.MEASURED,
        _("Time saved by advice, as officers answered"),
        _("minutes"),
        show=Show.VALUE,
    )
)
MINUTES_ESTIMATED = define(
    Metric(
        "minutes_estimated",
        Kind.ESTIMATED,
        _("Officer time saved by Smart Minutes (estimate)"),
        _("minutes"),
        show=Show.VALUE,
    )
)
ADVICE_ESTIMATED = define(
    Metric(
        "advice_estimated",
        Kind.ESTIMATED,
        _("B/D time saved by DPO's advice (estimate)"),
        _("hours"),
        show=Show.VALUE,
        base="advice_advised",
        assumption="hours_saved_per_advice_request",
    )
)
SOLUTIONS_IN_USE = define(
    Metric(
        "solutions_in_use",
        Kind.ADOPTION,
        _("Catalogue solutions in use now"),
        _("solutions"),
        current=True,
    )
)
SHORTLISTS = define(
    Metric("shortlists", Kind.ADOPTION, _("Solutions shortlisted"), _("shortlistings"))
)
ADVICE_OPENED = define(
    Metric("advice_opened", Kind.ADOPTION, _("Advice requests opened"), _("requests"))
)
ADVICE_ADVISED = define(
    Metric("advice_advised", Kind.ADOPTION, _("Advice requests advised"), _("requests"))
)
ADVICE_TURNAROUND = define(
    Metric(
        "advice_turnaround",
        Kind.ADOPTION,
        _("Average working days to advice"),
        _("working days"),
        show=Show.AVERAGE,
        places=1,
    )
)
EVENT_REGISTRATIONS = define(
    Metric("event_registrations", Kind.ADOPTION, _("Event registrations"), _("registrations"))
)
EVENT_ATTENDANCE = define(
    Metric("event_attendance", Kind.ADOPTION, _("Event attendance"), _("attendees"))
)
DOWNLOADS = define(Metric("downloads", Kind.ADOPTION, _("Resources downloaded"), _("downloads")))
ASSISTANT_RESOLVED = define(
    Metric(
        "assistant_resolved",
        Kind.MEASURED,
        _("Assistant questions resolved without a person"),
        _("questions"),
    )
)
ASSISTANT_ANSWER_TIME = define(
    Metric(
        "assistant_answer_time",
        Kind.MEASURED,
        _("Average time the assistant took to answer"),
        _("seconds"),
        show=Show.AVERAGE,
        places=1,
    )
)
ASSISTANT_ESTIMATED = define(
    Metric(
        "assistant_estimated",
        Kind.ESTIMATED,
        _("Staff time saved by the Digital Assistant (estimate)"),
        _("minutes"),
        show=Show.VALUE,
    )
)

# A B/D counts as engaged when it has any of these in the period (for DPO's outreach list).
ENGAGEMENT = ("stories", "advice_opened", "event_attendance")


def by_kind(kind: str) -> list[Metric]:
    return [metric for metric in METRICS.values() if metric.kind == kind]


def stored() -> list[Metric]:
    """The metrics that have rows in the roll-up tables."""
    return [m for m in METRICS.values() if not m.is_derived and not m.current]
