"""Reading the roll-up for a period: whole months from the monthly table and the ragged days
at either end from the daily one add up to the days themselves, and the sums are cached until
the next roll-up."""

import csv
import io
import random
from collections import defaultdict
from datetime import date, timedelta

import pytest

from aiplus.catalogue.tests.factories import SolutionFactory
from aiplus.insights.figures import aggregate, bucket
from aiplus.insights.models import DailyFigure, InsightsSettings, MonthlyFigure
from aiplus.insights.periods import Step
from aiplus.insights.rollup import month_start, rebuild_month, roll_up_day, roll_up_days
from aiplus.insights.tests.conftest import DAY, at
from aiplus.resources.models import Download
from aiplus.resources.tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db

FIRST, LAST = date(2024, 11, 20), date(2025, 4, 12)


@pytest.fixture
def days(department, other):
    """Daily rows on scattered days over six months, B/D totals and by solution, with their
    months rebuilt as the roll-up leaves them."""
    rng = random.Random(13)
    solution = SolutionFactory()
    rows = []
    day = FIRST
    while day <= LAST:
        for organisation in (department, other):
            rows += [
                DailyFigure(
                    day=day, metric="downloads", organisation=organisation, count=rng.randint(1, 9)
                ),
                DailyFigure(
                    day=day,
                    metric="story_hours",
                    organisation=organisation,
                    value=float(rng.randint(1, 500)),
                    count=1,
                ),
                DailyFigure(
                    day=day,
                    metric="shortlists",
                    organisation=organisation,
                    solution=solution,
                    count=rng.randint(1, 3),
                ),
            ]
        day += timedelta(days=rng.randint(1, 4))
    DailyFigure.objects.bulk_create(rows)
    for month in {month_start(row.day) for row in rows}:
        rebuild_month(month)
    return rows


def summed_days(rows, *, start, end, group, step, solutions):
    expected: dict[tuple, list[float]] = defaultdict(lambda: [0.0, 0])
    for row in rows:
        if start <= row.day <= end and (row.solution_id is not None) == solutions:
            key = tuple(getattr(row, name) for name in group)
            if step:
                key = (bucket(row.day, step), *key)
            expected[key][0] += row.value
            expected[key][1] += row.count
    return dict(expected)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2024, 12, 1), date(2025, 2, 28)),  # whole months only
        (date(2024, 11, 25), date(2025, 3, 3)),  # ragged at both ends
        (date(2024, 11, 1), date(2025, 4, 30)),  # whole months, data starting and ending inside
        (date(2025, 1, 1), date(2025, 1, 31)),  # one whole month
        (date(2025, 2, 10), date(2025, 2, 20)),  # inside one month
        (date(2024, 12, 31), date(2025, 1, 1)),  # two days across a year's end
    ],
)
@pytest.mark.parametrize("step", [None, Step.DAY, Step.MONTH, Step.YEAR])
def test_whole_months_and_ragged_edges_add_up_to_the_days(days, start, end, step):
    for group, solutions in (
        (("metric",), False),
        (("organisation_id", "metric"), False),
        (("solution_id", "metric"), True),
    ):
        found = aggregate(start=start, end=end, group=group, step=step, solutions=solutions)
        assert found == summed_days(
            days, start=start, end=end, group=group, step=step, solutions=solutions
        ), (group, solutions)


def test_months_rolled_up_together_are_the_sum_of_their_days(department):
    resource = ResourceFactory()
    last_of_march = date(2025, 3, 31)
    for day in (last_of_march, last_of_march + timedelta(days=1)):
        Download.objects.create(resource=resource, organisation=department, at=at(day))
    roll_up_days([last_of_march, last_of_march + timedelta(days=1)])
    months = dict(MonthlyFigure.objects.filter(metric="downloads").values_list("month", "count"))
    assert months == {date(2025, 3, 1): 1, date(2025, 4, 1): 1}


def downloads(response) -> str:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return {row["figure"]: row["number"] for row in csv.DictReader(io.StringIO(text))}["downloads"]


def test_a_cached_dashboard_changes_with_the_next_roll_up(client, advisor, department):
    resource = ResourceFactory()
    Download.objects.create(resource=resource, organisation=department, at=at())
    roll_up_day(DAY)
    client.force_login(advisor)
    url = "/en/insights/?period=year&year=2025&format=csv"
    assert downloads(client.get(url)) == "1.0"
    # Only the roll-up writes these tables: rows changed behind its back are not read, the
    # sums cached under the last roll-up are...
    DailyFigure.objects.filter(metric="downloads").update(count=40)
    rebuild_month(DAY.replace(day=1))
    assert downloads(client.get(url)) == "1.0"
    # ...until the next roll-up, whose figures are read at once.
    Download.objects.create(resource=resource, organisation=department, at=at(hour=11))
    roll_up_day(DAY)
    assert downloads(client.get(url)) == "2.0"
    figure = client.get("/en/insights/figures/downloads/?period=year&year=2025&format=csv")
    text = b"".join(figure.streaming_content).decode("utf-8-sig")
    by_bd = {row["bd"]: row["number"] for row in csv.DictReader(io.StringIO(text))}
    assert by_bd[department.code] == "2"


def test_an_estimates_trend_and_bds_are_its_base_count_times_the_assumption(
    client, advisor, department, other
):
    settings = InsightsSettings.load()
    settings.hours_saved_per_advice_request = 6
    settings.save()
    for organisation, day, count in ((department, DAY, 2), (other, date(2025, 6, 2), 1)):
        DailyFigure.objects.create(
            day=day, organisation=organisation, metric="advice_advised", count=count
        )
    for month in {month_start(DAY), date(2025, 6, 1)}:
        rebuild_month(month)
    client.force_login(advisor)
    response = client.get("/en/insights/figures/advice_estimated/?period=year&year=2025&format=csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    by_period = {row["period"]: float(row["number"]) for row in rows if row["bd"] == "all"}
    assert by_period["2025-03"] == 12 and by_period["2025-06"] == 6 and by_period["2025-01"] == 0
    by_bd = {row["bd"]: float(row["number"]) for row in rows if row["bd"] != "all"}
    assert by_bd["TD-D"] == 12 and by_bd["OB-B"] == 6
