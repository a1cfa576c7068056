"""The roll-up: each source reads its app's tables for one day; a day rolled up twice is
counted once; months follow their days."""

from datetime import timedelta
from decimal import Decimal

import pytest

from aiplus.advice import services as advice
from aiplus.cases.tests.factories import StoryFactory
from aiplus.catalogue.models import ShortlistItem
from aiplus.catalogue.tests.factories import SolutionFactory
from aiplus.events.models import Event, Registration
from aiplus.insights.models import DailyFigure, MonthlyFigure, RollUp, TimeSavedAnswer
from aiplus.insights.rollup import roll_up_day, roll_up_days, roll_up_recent
from aiplus.insights.tests.conftest import DAY, at
from aiplus.resources.models import Download
from aiplus.resources.tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def figures(day=DAY, **filters):
    return {
        (f.metric, f.organisation.code, f.solution_id): (f.value, f.count)
        for f in DailyFigure.objects.filter(day=day, **filters).select_related("organisation")
    }


@pytest.fixture
def activity(department, other, dept_officer, other_officer, make_user):
    """A day of activity in two B/Ds, and some the day after."""
    solution = SolutionFactory()
    story = StoryFactory(
        organisation=department, hours_saved_per_year=1200, posts_redeployed=Decimal("1.5")
    )
    story.solutions.add(solution)
    story.save()  # a parental many-to-many is written on save
    StoryFactory(organisation=other, hours_saved_per_year=300, first_published_at=at())
    type(story).objects.filter(pk=story.pk).update(first_published_at=at())
    ShortlistItem.objects.create(user=dept_officer, solution=solution)
    ShortlistItem.objects.filter(user=dept_officer).update(added_at=at())
    event = Event.objects.create(
        kind="seminar", title="Seminar", starts_at=at(hour=14), ends_at=at(hour=16), live=True
    )
    Registration.objects.create(
        event=event, user=dept_officer, status="confirmed", joined_at=at(), attended_at=at(hour=14)
    )
    Registration.objects.create(event=event, user=other_officer, status="cancelled", joined_at=at())
    resource = ResourceFactory()
    Download.objects.create(resource=resource, organisation=department, at=at())
    Download.objects.create(resource=resource, organisation=department, at=at(hour=23))
    Download.objects.create(
        resource=resource, organisation=department, at=at(DAY + timedelta(days=1))
    )
    vendor_user = make_user(organisation=solution.vendor)
    Download.objects.create(resource=resource, organisation=solution.vendor, at=at())
    return {"solution": solution, "vendor_user": vendor_user}


def test_each_source_reads_its_day_by_bd_and_solution(activity, department, other):
    roll_up_day(DAY)
    found = figures()
    solution = activity["solution"].pk
    assert found[("stories", "TD-D", None)] == (1.0, 1)
    assert found[("stories", "TD-D", solution)] == (1.0, 1)
    assert found[("story_hours", "TD-D", None)] == (1200.0, 1)
    assert found[("story_hours", "OB-B", None)] == (300.0, 1)
    assert found[("story_posts", "TD-D", None)] == (1.5, 1)
    assert found[("shortlists", "TD-D", solution)] == (1.0, 1)
    assert found[("event_registrations", "TD-D", None)][1] == 1  # the cancelled one is not
    assert ("event_registrations", "OB-B", None) not in found
    assert found[("event_attendance", "TD-D", None)][1] == 1
    assert found[("downloads", "TD-D", None)][1] == 2  # 10:00 and 23:00 Hong Kong time
    # A vendor's company is not a B/D: its downloads are not counted.
    assert not [key for key in found if key[1] == activity["solution"].vendor.code]


def test_a_day_rolled_up_twice_counts_once(activity):
    first = roll_up_day(DAY)
    rows = sorted(figures().items(), key=repr)
    month = sorted(
        MonthlyFigure.objects.values_list("metric", "organisation_id", "value", "count"), key=repr
    )
    second = roll_up_day(DAY)
    assert sorted(figures().items(), key=repr) == rows
    assert first.rows == second.rows == len(rows)
    assert (
        sorted(
            MonthlyFigure.objects.values_list("metric", "organisation_id", "value", "count"),
            key=repr,
        )
        == month
    )
    assert RollUp.objects.filter(day=DAY).count() == 1


def test_a_rerun_picks_up_changes_and_months_are_the_sum_of_their_days(activity, department):
    roll_up_days([DAY, DAY + timedelta(days=1)])
    monthly = MonthlyFigure.objects.get(metric="downloads", organisation=department)
    assert monthly.count == 3 and monthly.month == DAY.replace(day=1)
    Download.objects.filter(at__lt=at(DAY, 12)).delete()
    roll_up_day(DAY)
    assert figures()[("downloads", "TD-D", None)][1] == 1
    assert MonthlyFigure.objects.get(metric="downloads", organisation=department).count == 2


def test_an_empty_day_has_no_rows_and_a_future_day_is_harmless(activity):
    assert roll_up_day(DAY - timedelta(days=30)).rows == 0
    assert roll_up_day(DAY + timedelta(days=3650)).rows == 0
    assert not DailyFigure.objects.exists()


def test_advice_opened_advised_turnaround_and_answers(dept_officer, advisor, department):
    request = advice.submit_request(requester=dept_officer, title="Forms", workflow="By hand")
    type(request).objects.filter(pk=request.pk).update(submitted_at=at())
    request.status_changes.update(at=at())
    advice.triage(request=request, by=advisor, advisor=advisor)
    advice.change_status(request=request, by=advisor, to="advised")
    request.status_changes.exclude(to_status="submitted").update(at=at(DAY + timedelta(days=2)))
    advice.change_status(request=request, by=dept_officer, to="closed", rating=5)
    TimeSavedAnswer.objects.create(
        user=dept_officer,
        organisation=department,
        subject="advice",
        object_id=request.pk,
        minutes=90,
        answered_at=at(DAY + timedelta(days=2)),
    )
    roll_up_days([DAY, DAY + timedelta(days=2)])
    assert figures()[("advice_opened", "TD-D", None)][1] == 1
    later = figures(DAY + timedelta(days=2))
    assert later[("advice_advised", "TD-D", None)][1] == 1
    # Submitted on Monday 10 March, advised on Wednesday 12 March: the advice clock, as the
    # request's page counts it, shows two working days.
    assert later[("advice_turnaround", "TD-D", None)] == (2.0, 1)
    assert later[("advice_answered", "TD-D", None)] == (90.0, 1)


def test_the_nightly_run_covers_the_last_week_and_stories_changed_since(activity, department):
    today = DAY + timedelta(days=3)
    roll_up_recent(today=today, since=at(DAY - timedelta(days=1)))
    assert set(RollUp.objects.values_list("day", flat=True)) == {
        today - timedelta(days=n) for n in range(1, 8)
    }
    assert figures()[("downloads", "TD-D", None)][1] == 2


def test_the_command_rolls_up_a_range_and_refuses_bad_dates(activity):
    from django.core.management import CommandError, call_command

    call_command("rollup_insights", "--from", "2025-03-09", "--to", "2025-03-11")
    assert RollUp.objects.count() == 3
    with pytest.raises(CommandError):
        call_command("rollup_insights", "--from", "2025-03-11", "--to", "2025-03-09")
