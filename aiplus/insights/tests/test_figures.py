"""Reading the roll-up for a period: whole months from the monthly table and the ragged days
at either end from the daily one add up to the days themselves."""

import random
from collections import defaultdict
from datetime import date, timedelta

import pytest

from aiplus.catalogue.tests.factories import SolutionFactory
from aiplus.insights.figures import aggregate, bucket
from aiplus.insights.models import DailyFigure
from aiplus.insights.periods import Step
from aiplus.insights.rollup import month_start, rebuild_month

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
