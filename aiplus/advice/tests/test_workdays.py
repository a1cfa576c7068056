"""Hong Kong working days and the clock over a status history, tested with real general
holidays, weekends, pauses, reopening and days offices closed (the only part read from the
database, hence the marker)."""

from datetime import date, datetime

import pytest

from aiplus.advice.workdays import (
    HONG_KONG,
    Change,
    add_working_days,
    is_working_day,
    working_days_counted,
)

pytestmark = pytest.mark.django_db
RUNNING = {"submitted", "triaged", "in_progress"}


def at(year, month, day, hour=10, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=HONG_KONG)


def counted(history, until, counting=RUNNING):
    changes = [Change(at=moment, status=status) for moment, status in history]
    return working_days_counted(changes, counting=counting, until=until)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 3, 2), True),  # a Monday
        (date(2026, 3, 7), False),  # Saturday
        (date(2026, 3, 8), False),  # Sunday
        (date(2026, 4, 3), False),  # Good Friday (a general holiday, not a statutory one)
        (date(2026, 4, 6), False),  # Easter Monday
        (date(2026, 4, 7), False),  # Ching Ming observed
        (date(2026, 4, 8), True),
        (date(2026, 2, 17), False),  # Lunar New Year
        (date(2026, 10, 19), False),  # Chung Yeung observed (the festival falls on a Sunday)
        (date(2025, 12, 26), False),  # the first weekday after Christmas
        (date(2026, 12, 28), True),
    ],
)
def test_working_days_are_weekdays_that_are_not_general_holidays(day, working):
    assert is_working_day(day) is working


def test_the_day_of_submission_does_not_count_and_weekends_do_not_either():
    submitted = [(at(2026, 3, 2), "submitted")]  # Monday
    assert counted(submitted, at(2026, 3, 2, 17)) == 0
    assert counted(submitted, at(2026, 3, 3, 9)) == 1
    assert counted(submitted, at(2026, 3, 6)) == 4  # Friday
    assert counted(submitted, at(2026, 3, 8)) == 4  # Sunday
    assert counted(submitted, at(2026, 3, 9)) == 5  # the next Monday: the 5th working day
    assert counted(submitted, at(2026, 3, 10)) == 6  # past a 5-day target


def test_easter_and_ching_ming_are_skipped():
    # Thursday 2 April 2026; Fri 3, Sat 4, Sun 5, Mon 6, Tue 7 are all closed days.
    submitted = [(at(2026, 4, 2), "submitted")]
    assert counted(submitted, at(2026, 4, 7)) == 0
    assert counted(submitted, at(2026, 4, 8)) == 1
    assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 8)


def test_awaiting_the_bd_pauses_the_clock_and_the_answer_restarts_it():
    history = [
        (at(2026, 3, 2), "submitted"),  # Mon
        (at(2026, 3, 3), "triaged"),  # Tue
        (at(2026, 3, 4, 11), "awaiting_bd"),  # Wed: running at its start, so Wed counts
        (at(2026, 3, 10, 15), "in_progress"),  # next Tue: paused at its start, so not counted
    ]
    assert counted(history, at(2026, 3, 4, 18)) == 2  # Tue, Wed
    assert counted(history, at(2026, 3, 9)) == 2  # paused Thu to Mon
    assert counted(history, at(2026, 3, 10, 16)) == 2  # the answer's day does not count
    assert counted(history, at(2026, 3, 11)) == 3


def test_a_pause_and_answer_within_one_day_costs_nothing():
    history = [
        (at(2026, 3, 2), "submitted"),
        (at(2026, 3, 3, 10), "awaiting_bd"),
        (at(2026, 3, 3, 16), "in_progress"),
    ]
    assert counted(history, at(2026, 3, 4)) == 2  # Tue (running at its start) and Wed


def test_the_clock_stops_when_advised_and_resumes_on_reopening():
    history = [
        (at(2026, 3, 2), "submitted"),
        (at(2026, 3, 5), "advised"),  # Thu
        (at(2026, 3, 6), "closed"),
        (at(2026, 3, 16), "in_progress"),  # reopened on a Monday
    ]
    assert counted(history, at(2026, 3, 13)) == 3  # Tue, Wed, Thu
    assert counted(history, at(2026, 3, 16)) == 3
    assert counted(history, at(2026, 3, 18)) == 5  # Tue 17, Wed 18 added


def test_the_first_response_clock_counts_only_while_submitted():
    history = [(at(2026, 3, 2), "submitted"), (at(2026, 3, 4, 9), "triaged")]
    assert counted(history, at(2026, 3, 20), counting={"submitted"}) == 2


def test_changes_are_read_in_time_order_and_at_midnight():
    history = [
        (at(2026, 3, 5, 0, 0), "awaiting_bd"),  # exactly at the start of Thursday
        (at(2026, 3, 2), "submitted"),
    ]
    assert counted(history, at(2026, 3, 6)) == 2  # Tue, Wed; Thu and Fri paused


def test_times_are_taken_in_hong_kong():
    from datetime import UTC

    # 16:30 UTC on Monday is 00:30 on Tuesday in Hong Kong: submitted on Tuesday.
    history = [(datetime(2026, 3, 2, 16, 30, tzinfo=UTC), "submitted")]
    assert counted(history, at(2026, 3, 3, 17)) == 0
    assert counted(history, at(2026, 3, 4)) == 1


def test_no_history_counts_nothing():
    assert working_days_counted([], counting=RUNNING, until=at(2026, 3, 2)) == 0


def test_adding_working_days():
    assert add_working_days(date(2026, 3, 2), 5) == date(2026, 3, 9)
    assert add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 9)  # Fri -> Mon
    assert add_working_days(date(2026, 3, 6), 0) == date(2026, 3, 6)
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 28)  # over Christmas


def test_a_day_offices_closed_does_not_count_once_recorded():
    from aiplus.advice.models import ClosureDay

    typhoon = date(2026, 3, 3)  # a Tuesday
    assert is_working_day(typhoon)
    assert add_working_days(date(2026, 3, 2), 2) == date(2026, 3, 4)
    ClosureDay.objects.create(day=typhoon, reason="Typhoon Signal No. 8")
    assert not is_working_day(typhoon)
    assert add_working_days(date(2026, 3, 2), 2) == date(2026, 3, 5)
    assert counted([(at(2026, 3, 2), "submitted")], until=at(2026, 3, 5)) == 2
    ClosureDay.objects.filter(day=typhoon).delete()
    assert is_working_day(typhoon)
