"""Writes for insights: officers' time-saved answers and report jobs."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aiplus.accounts.models import Organisation, User
from aiplus.core.jobs.runner import enqueue_job
from aiplus.insights.models import ReportJob, TimeSavedAnswer
from aiplus.insights.periods import Span, make_period
from aiplus.insights.permissions import home_organisation, user_can_view_organisation
from aiplus.insights.subjects import CHOICES, may_answer


class InsightsError(Exception):
    """A refusal, with a message for the user."""


@transaction.atomic
def record_time_saved(*, user: User, subject: str, object_id: int, answer: str) -> TimeSavedAnswer:
    """The user's answer (the last one counts), under their B/D at the time."""
    if answer not in CHOICES:
        raise InsightsError(_("Choose one of the answers."))
    if may_answer(user, subject, object_id) is None:
        raise InsightsError(_("You cannot answer about this."))
    found, _created = TimeSavedAnswer.objects.update_or_create(
        user=user,
        subject=subject,
        object_id=object_id,
        defaults={
            "minutes": CHOICES[answer],
            "organisation": home_organisation(user),
            "answered_at": timezone.now(),
        },
    )
    return found


@transaction.atomic
def start_report(
    *,
    user: User,
    organisation: Organisation | None,
    start: date,
    end: date,
    language: str,
) -> ReportJob:
    if not user_can_view_organisation(user, organisation):
        raise InsightsError(_("You cannot make a report for this bureau or department."))
    if language not in ReportJob.Language.values:
        raise InsightsError(_("Choose English or Traditional Chinese."))
    period = make_period(Span.CUSTOM, start, end)
    if period.future:
        raise InsightsError(_("This period has not started yet."))
    job = ReportJob.objects.create(
        organisation=organisation,
        start=period.start,
        end=period.end,
        language=language,
        started_by=user,
    )
    enqueue_job(job)
    return job
