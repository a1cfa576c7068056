"""The status workflow through the services: allowed moves only, each recorded, by the side
allowed to make it; the B/D's answer resumes the work; closing asks a rating; reopening."""

import pytest

from aiplus.advice import services
from aiplus.advice.models import StatusChange
from aiplus.advice.workflow import TRANSITIONS, Side, Status, is_allowed, moves_for
from aiplus.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_the_table_covers_every_status_and_closed_only_reopens():
    assert set(TRANSITIONS) == set(Status)
    assert list(TRANSITIONS[Status.CLOSED]) == [Status.IN_PROGRESS]
    assert moves_for(Status.SUBMITTED, Side.REQUESTER) == [Status.CLOSED]
    assert not is_allowed("submitted", "advised", Side.ADVISOR)
    assert not is_allowed("no-such-status", "closed", Side.ADVISOR)
    assert not is_allowed("submitted", "no-such-status", Side.ADVISOR)


def test_submitting_records_the_first_status_and_tells_advisors(advisor, advice_request):
    changes = list(advice_request.status_changes.values_list("from_status", "to_status"))
    assert changes == [("", "submitted")]
    assert advice_request.organisation == advice_request.requester.organisation
    assert Notification.objects.filter(recipient=advisor, kind="advice.submitted").exists()


def test_an_illegal_move_is_refused_and_nothing_is_recorded(advice_request, advisor):
    with pytest.raises(services.IllegalTransition):
        services.change_status(request=advice_request, to=Status.ADVISED, by=advisor)
    with pytest.raises(services.IllegalTransition):
        services.change_status(request=advice_request, to="deleted", by=advisor)
    advice_request.refresh_from_db()
    assert advice_request.status == Status.SUBMITTED
    assert advice_request.status_changes.count() == 1


def test_only_advisors_triage_assign_and_advance(advice_request, requester, colleague):
    for user in (requester, colleague):
        with pytest.raises(services.IllegalTransition):
            services.change_status(request=advice_request, to=Status.TRIAGED, by=user)
        with pytest.raises(services.AdviceError):
            services.assign(request=advice_request, by=user, advisor=user)
        with pytest.raises(services.AdviceError):
            services.add_note(request=advice_request, by=user, body="secret")


def test_someone_of_another_bd_cannot_act(advice_request, outsider):
    with pytest.raises(services.AdviceError):
        services.post_message(request=advice_request, by=outsider, body="hello")
    with pytest.raises(services.AdviceError):
        services.change_status(request=advice_request, to=Status.CLOSED, by=outsider, rating=5)


def test_the_whole_life_of_a_request(advice_request, requester, colleague, advisor):
    services.triage(request=advice_request, by=advisor, advisor=advisor, note="Taken")
    assert advice_request.assigned_to == advisor
    services.change_status(request=advice_request, to=Status.IN_PROGRESS, by=advisor)
    services.change_status(request=advice_request, to=Status.AWAITING_BD, by=advisor)
    # A colleague in the same B/D answers: the request goes back to DPO.
    services.post_message(request=advice_request, by=colleague, body="Volumes attached.")
    advice_request.refresh_from_db()
    assert advice_request.status == Status.IN_PROGRESS
    services.change_status(request=advice_request, to=Status.ADVISED, by=advisor)
    with pytest.raises(services.AdviceError, match="Rate"):
        services.change_status(request=advice_request, to=Status.CLOSED, by=requester)
    services.change_status(
        request=advice_request, to=Status.CLOSED, by=requester, rating=4, rating_comment="Clear"
    )
    with pytest.raises(services.AdviceError):
        services.post_message(request=advice_request, by=requester, body="one more thing")
    services.change_status(request=advice_request, to=Status.IN_PROGRESS, by=colleague)  # reopen
    advice_request.refresh_from_db()
    assert (advice_request.status, advice_request.rating) == (Status.IN_PROGRESS, 4)
    moves = list(
        StatusChange.objects.filter(request=advice_request).values_list(
            "from_status", "to_status", "by"
        )
    )
    assert moves == [
        ("", "submitted", requester.pk),
        ("submitted", "triaged", advisor.pk),
        ("triaged", "in_progress", advisor.pk),
        ("in_progress", "awaiting_bd", advisor.pk),
        ("awaiting_bd", "in_progress", colleague.pk),
        ("in_progress", "advised", advisor.pk),
        ("advised", "closed", requester.pk),
        ("closed", "in_progress", colleague.pk),
    ]


def test_status_changes_and_messages_are_notified_to_the_other_side(
    advice_request, requester, advisor
):
    services.triage(request=advice_request, by=advisor, advisor=advisor)
    assert Notification.objects.filter(recipient=requester, kind="advice.status").count() == 1
    services.post_message(request=advice_request, by=advisor, body="Which systems do you use?")
    assert Notification.objects.filter(recipient=requester, kind="advice.message").count() == 1
    services.post_message(request=advice_request, by=requester, body="An old one.")
    assert Notification.objects.filter(recipient=advisor, kind="advice.message").count() == 1
    services.add_note(request=advice_request, by=advisor, body="internal")
    assert Notification.objects.filter(recipient=requester).count() == 2  # no note leaks


def test_only_advisors_are_given_requests_and_only_live_solutions_recommended(
    advice_request, advisor, colleague
):
    from aiplus.catalogue.tests.factories import SolutionFactory

    with pytest.raises(services.AdviceError):
        services.assign(request=advice_request, by=advisor, advisor=colleague)
    with pytest.raises(services.AdviceError):
        services.recommend(request=advice_request, by=advisor, solution=SolutionFactory(live=False))
    live = SolutionFactory()
    services.recommend(request=advice_request, by=advisor, solution=live, note="fits")
    services.recommend(request=advice_request, by=advisor, solution=live, note="fits well")
    assert list(advice_request.recommendations.values_list("note", flat=True)) == ["fits well"]
