"""The one-click "about how much time did this save you?" answer on a closed advice request."""

import pytest

from aiplus.advice import services as advice
from aiplus.insights.models import TimeSavedAnswer

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(dept_officer, advisor):
    request = advice.submit_request(requester=dept_officer, title="Forms", workflow="By hand")
    advice.triage(request=request, by=advisor, advisor=advisor)
    advice.change_status(request=request, by=advisor, to="advised")
    advice.change_status(request=request, by=dept_officer, to="closed", rating=4)
    return request


def test_the_requesters_side_answers_once_and_may_change_it(client, dept_officer, closed):
    client.force_login(dept_officer)
    page = client.get(closed.get_absolute_url()).content.decode()
    assert "About how much time did this save you?" in page
    url = f"/en/insights/time-saved/advice/{closed.pk}/"
    assert client.post(url, {"saved": "1-2h"}).status_code == 302
    assert client.post(url, {"saved": "over-2h"}).status_code == 302
    answer = TimeSavedAnswer.objects.get()
    assert (answer.minutes, answer.organisation, answer.user) == (
        150,
        dept_officer.organisation,
        dept_officer,
    )
    response = client.post(url, {"saved": "1-2h"}, headers={"HX-Request": "true"})
    assert "Thank you" in response.content.decode()


def test_others_cannot_answer(client, closed, other_officer, advisor, dept_officer):
    url = f"/en/insights/time-saved/advice/{closed.pk}/"
    for user in (other_officer, advisor):
        client.force_login(user)
        assert client.post(url, {"saved": "1-2h"}).status_code == 404
    client.force_login(dept_officer)
    assert client.get(url).status_code == 405
    assert (
        client.post(
            f"/en/insights/time-saved/advice/{closed.pk + 99}/", {"saved": "none"}
        ).status_code
        == 404
    )
    assert (
        client.post(f"/en/insights/time-saved/minutes/{closed.pk}/", {"saved": "none"}).status_code
        == 404
    )
    client.post(url, {"saved": "all day"})
    assert not TimeSavedAnswer.objects.exists()


def test_an_open_request_is_not_asked_about(client, dept_officer):
    request = advice.submit_request(requester=dept_officer, title="Forms", workflow="By hand")
    client.force_login(dept_officer)
    assert "About how much time" not in client.get(request.get_absolute_url()).content.decode()
    url = f"/en/insights/time-saved/advice/{request.pk}/"
    assert client.post(url, {"saved": "none"}).status_code == 404
