"""The dashboard benchmark's data, made small: it loads below the ORM (COPY on PostgreSQL), so
a field added to a model later must not break it, and the roll-up must find what it made."""

import pytest
from django.utils import timezone

from aiplus.advice.models import AdviceRequest
from aiplus.benchmarks import dashboard
from aiplus.cases.models import Case
from aiplus.insights.models import DailyFigure
from aiplus.insights.rollup import roll_up_days
from aiplus.meetings.models import Minutes

pytestmark = pytest.mark.django_db


def test_the_generated_records_load_with_model_defaults_and_roll_up():
    counts = dashboard.generate(records=2_000, years=1)

    assert sum(counts.values()) >= 2_000
    minutes = Minutes.objects.first()
    assert minutes is not None
    assert minutes.sections == []  # a field the loader was not told about: its default
    story = Case.objects.first()
    request = AdviceRequest.objects.first()
    assert story is not None and request is not None
    days = {
        timezone.localdate(moment)
        for moment in (minutes.approved_at, story.first_published_at, request.submitted_at)
    }
    roll_up_days(sorted(days))
    rolled = set(DailyFigure.objects.values_list("metric", flat=True).distinct())
    assert {"stories", "minutes_approved", "advice_opened"} <= rolled
