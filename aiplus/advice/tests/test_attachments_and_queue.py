"""Files checked like the resource library's; the advisors' queue with its filters, counts and
lateness; the daily reminder; suggestions while typing; the API's shape."""

from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from aiplus.advice import services
from aiplus.advice.models import AdviceRequest, Attachment, StatusChange
from aiplus.advice.tests.files import pdf_upload, text_upload
from aiplus.notifications.models import Notification

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("upload", "reason"),
    [
        (text_upload("notes.pdf"), "not a PDF or Office document"),
        (text_upload("notes.exe"), "Only PDF, Word"),
        (pdf_upload("notes.docx"), "really a PDF"),
        (pdf_upload("big.pdf", size=2 * 1024 * 1024), "the limit is"),
    ],
)
@override_settings(AIPLUS_ADVICE_ATTACHMENT_MAX_BYTES=1024 * 1024)
def test_files_of_the_wrong_type_or_size_are_refused_and_nothing_is_kept(
    advice_request, requester, upload, reason
):
    response = signed_in(requester).post(
        reverse("advice:message", args=[advice_request.pk]),
        {"body": "See attached", "file": upload},
        follow=True,
    )
    assert reason in response.content.decode()
    assert not Attachment.objects.exists()
    assert not advice_request.messages.exists()  # the message and its file go together


def test_a_file_can_come_with_the_request_itself(requester):
    response = signed_in(requester).post(
        reverse("advice:request"),
        {
            "title": "Forms",
            "workflow": "Checked by hand",
            "data_classification": "0",
            "file": pdf_upload("sample.pdf"),
        },
    )
    created = AdviceRequest.objects.get()
    assert response.status_code == 302
    assert [a.original_name for a in created.attachments.all()] == ["sample.pdf"]
    assert "sample.pdf" in signed_in(requester).get(created.get_absolute_url()).content.decode()


def test_a_bad_file_with_the_request_shows_the_form_again(requester):
    response = signed_in(requester).post(
        reverse("advice:request"),
        {
            "title": "Forms",
            "workflow": "By hand",
            "data_classification": "0",
            "file": text_upload("sample.pdf"),
        },
    )
    assert response.status_code == 200 and not AdviceRequest.objects.exists()
    assert "not a PDF or Office document" in response.content.decode()


def backdate(advice_request, days):
    moment = timezone.now() - timedelta(days=days)
    AdviceRequest.objects.filter(pk=advice_request.pk).update(submitted_at=moment)
    StatusChange.objects.filter(request=advice_request).update(at=moment)
    services.refresh_clocks(requests=AdviceRequest.objects.filter(pk=advice_request.pk))


@pytest.fixture
def queue_state(ask, requester, outsider, advisor, make_user):
    from aiplus.accounts.roles import Role

    other_advisor = make_user(Role.ADVISOR)
    late = ask(requester, title="Late one")
    backdate(late, 30)  # far past the 5-day first-response target
    mine = ask(requester, title="Mine")
    services.triage(request=mine, by=advisor, advisor=advisor)
    theirs = ask(outsider, title="Theirs")
    services.triage(request=theirs, by=other_advisor, advisor=other_advisor)
    closed = ask(outsider, title="Done")
    services.change_status(request=closed, to="closed", by=outsider)
    return late, mine, theirs, closed


def test_the_queue_filters_counts_and_puts_late_requests_first(queue_state, advisor, bd):
    late, mine, theirs, _closed = queue_state
    client = signed_in(advisor)
    page = client.get(reverse("advice:queue"))
    queue = page.context["queue"]
    assert queue.rows[0].request == late
    assert {row.request for row in queue.rows} == {late, mine, theirs}
    assert 'class="advice-overdue"' in page.content.decode()
    counts = {option.value: option.count for option in queue.statuses}
    assert counts[""] == 3 and counts["submitted"] == 1 and counts["closed"] == 1
    assert counts["all"] == 4
    assignment = {option.value: option.count for option in queue.assignment}
    assert assignment == {"": None, "me": 1, "nobody": 1}
    assert queue.lateness[1].count == 1

    def shown(query):
        return [
            row.request.title
            for row in client.get(reverse("advice:queue") + query).context["queue"].rows
        ]

    assert shown("?assigned=me") == ["Mine"]
    assert shown("?assigned=nobody") == ["Late one"]
    assert shown("?overdue=1") == ["Late one"]
    assert shown("?status=closed") == ["Done"]
    assert sorted(shown(f"?organisation={bd.code}")) == ["Late one", "Mine"]
    assert shown("?status=bogus&assigned=%00&overdue=yes") == shown("")  # hostile: ignored
    export = b"".join(
        client.get(reverse("advice:queue") + "?overdue=1&format=csv").streaming_content
    )
    assert b"Late one" in export and b"Mine" not in export


def test_overdue_requests_are_reminded_once_a_day(queue_state, advisor):
    late = queue_state[0]
    assert services.remind_overdue() == 1
    assert services.remind_overdue() == 0  # once a day
    reminders = Notification.objects.filter(kind="advice.overdue")
    assert {n.recipient for n in reminders} >= {advisor}  # nobody has it: every advisor
    late.refresh_from_db()
    assert late.reminded_on == timezone.localdate()
    tomorrow = timezone.now() + timedelta(days=1)
    assert services.remind_overdue(now=tomorrow) == 1


def test_waiting_for_the_bd_pauses_the_clock_on_the_page(advice_request, advisor, requester):
    from aiplus.advice.timing import timing

    backdate(advice_request, 40)
    services.triage(request=advice_request, by=advisor, advisor=advisor)
    services.change_status(request=advice_request, to="awaiting_bd", by=advisor)
    clocks = timing(advice_request)
    assert clocks.advice.paused and not clocks.advice.running and not clocks.overdue
    page = signed_in(requester).get(advice_request.get_absolute_url()).content.decode()
    assert "paused while awaiting the B/D" in page


def test_suggestions_come_from_search_limited_to_solutions_and_cases(
    requester, django_capture_on_commit_callbacks
):
    from aiplus.catalogue.tests.factories import SolutionFactory

    with django_capture_on_commit_callbacks(execute=True):
        for n in range(7):
            SolutionFactory(name=f"Hotline helper {n}", summary="Answers hotline enquiries.")
    client = signed_in(requester)
    response = client.get(reverse("advice:suggest"), {"title": "hotline", "workflow": ""})
    assert response.status_code == 200
    assert response.content.decode().count("Hotline helper") == 5
    assert (
        "Hotline helper"
        not in client.get(reverse("advice:suggest"), {"title": "zz"}).content.decode()
    )


def test_the_api_record_has_the_need_and_the_thread(advice_request, advisor, requester):
    services.post_message(request=advice_request, by=requester, body="More detail")
    record = signed_in(advisor).get(f"/api/v1/advice/requests/{advice_request.pk}").json()
    assert record["reference"] == advice_request.reference
    assert record["workflow"] == "Officers answer the phone."
    assert record["messages"][0]["message"] == "More detail"
    assert signed_in(advisor).get("/api/v1/advice/requests/999999").status_code == 404
