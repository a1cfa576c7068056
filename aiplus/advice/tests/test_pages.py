"""Every advice URL, for everyone around a request: 404 for a request (message, attachment,
export, API record) one may not see, 403 for DPO's tools, the pages themselves for the rest."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from aiplus.advice import services
from aiplus.advice.models import AdviceRequest, Attachment
from aiplus.advice.tests.files import bytes_of, pdf_upload
from aiplus.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def worked(advice_request, requester, advisor):
    """A request with a message and file from the B/D and an internal note with a file."""
    services.triage(request=advice_request, by=advisor, advisor=advisor)
    services.post_message(
        request=advice_request, by=requester, body="Our volumes", upload=pdf_upload("volumes.pdf")
    )
    services.add_note(
        request=advice_request, by=advisor, body="SECRET NOTE", upload=pdf_upload("memo.pdf")
    )
    return advice_request


def request_urls(advice_request) -> dict[str, tuple[str, str]]:
    pk = advice_request.pk
    shared = Attachment.objects.get(original_name="volumes.pdf")
    return {
        "detail": ("get", reverse("advice:detail", args=[pk])),
        "thread csv": ("get", reverse("advice:thread_export", args=[pk, "csv"])),
        "thread json": ("get", reverse("advice:thread_export", args=[pk, "json"])),
        "attachment": ("get", reverse("advice:attachment", args=[pk, shared.pk])),
        "api record": ("get", f"/api/v1/advice/requests/{pk}"),
        "message": ("post", reverse("advice:message", args=[pk])),
        "move": ("post", reverse("advice:move", args=[pk])),
        "assign": ("post", reverse("advice:assign", args=[pk])),
        "note": ("post", reverse("advice:note", args=[pk])),
        "recommend": ("post", reverse("advice:recommend", args=[pk])),
        "unrecommend": ("post", reverse("advice:unrecommend", args=[pk, 1])),
    }


POSTS = {"message": {"body": "hi"}, "move": {"to": "closed", "rating": "5"}, "note": {"body": "x"}}


def call(client, method, url, name):
    if method == "post":
        return client.post(url, POSTS.get(name, {}))
    return client.get(url)


def test_another_bds_officer_gets_404_for_every_url_of_the_request(worked, outsider):
    client = client_for(outsider)
    for name, (method, url) in request_urls(worked).items():
        response = call(client, method, url, name)
        assert response.status_code == 404, name
    worked.refresh_from_db()
    assert worked.status == "triaged" and worked.messages.count() == 2


def test_a_user_with_no_organisation_sees_only_their_own(worked, loner, ask):
    own = ask(loner)
    client = client_for(loner)
    for name, (method, url) in request_urls(worked).items():
        assert call(client, method, url, name).status_code == 404, name
    assert client.get(reverse("advice:detail", args=[own.pk])).status_code == 200
    listing = client.get(reverse("advice:index")).content.decode()
    assert own.reference in listing and worked.reference not in listing


def test_signed_out_visitors_are_sent_to_sign_in_and_the_api_refuses(worked):
    client = client_for()
    for name, (method, url) in request_urls(worked).items():
        response = call(client, method, url, name)
        if url.startswith("/api/"):
            assert response.status_code == 403, name
        else:
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for url_name in ("advice:index", "advice:request", "advice:queue", "advice:suggest"):
        assert client.get(reverse(url_name)).status_code == 302
    assert client.get("/api/v1/advice/requests").status_code == 403


def test_the_requesters_colleague_sees_the_request_but_no_internal_note(worked, colleague):
    client = client_for(colleague)
    page = client.get(reverse("advice:detail", args=[worked.pk])).content.decode()
    assert "Our volumes" in page and "volumes.pdf" in page
    assert "SECRET NOTE" not in page and "memo.pdf" not in page
    for fmt in ("csv", "json"):
        export = bytes_of(client.get(reverse("advice:thread_export", args=[worked.pk, fmt])))
        assert b"Our volumes" in export and b"SECRET NOTE" not in export
    record = client.get(f"/api/v1/advice/requests/{worked.pk}").json()
    assert [m["message"] for m in record["messages"]] == ["Our volumes"]
    note_file = Attachment.objects.get(original_name="memo.pdf")
    url = reverse("advice:attachment", args=[worked.pk, note_file.pk])
    assert client.get(url).status_code == 404
    for name in ("assign", "note", "recommend", "unrecommend"):
        method, url = request_urls(worked)[name]
        assert call(client, method, url, name).status_code == 403, name
    assert client.get(reverse("advice:queue")).status_code == 403


def test_the_advisor_sees_internal_notes_and_their_files(worked, advisor):
    client = client_for(advisor)
    page = client.get(reverse("advice:detail", args=[worked.pk])).content.decode()
    assert "SECRET NOTE" in page and "memo.pdf" in page
    note_file = Attachment.objects.get(original_name="memo.pdf")
    response = client.get(reverse("advice:attachment", args=[worked.pk, note_file.pk]))
    assert response.status_code == 200 and bytes_of(response).startswith(b"%PDF")


def test_downloads_are_audited_and_private(worked, requester):
    shared = Attachment.objects.get(original_name="volumes.pdf")
    response = client_for(requester).get(shared.get_absolute_url())
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "volumes.pdf" in response["Content-Disposition"]
    event = AuditEvent.objects.get(action=AuditEvent.Action.RESTRICTED_DOWNLOAD)
    assert event.actor == requester and worked.reference in event.target
    assert "volumes" not in shared.file.name  # stored under a name of the hub's own


def test_lists_exports_and_api_hold_only_the_bds_own_requests(worked, colleague, outsider, ask):
    theirs = ask(outsider, title="Other department's question")
    client = client_for(colleague)
    listing = client.get(reverse("advice:index")).content.decode()
    assert worked.reference in listing and theirs.reference not in listing
    for fmt in ("csv", "json"):
        export = bytes_of(client.get(reverse("advice:index") + f"?format={fmt}")).decode()
        assert worked.reference in export and theirs.reference not in export
    api = client.get("/api/v1/advice/requests").json()
    assert [r["reference"] for r in api["results"]] == [worked.reference]
    outsiders_view = client_for(outsider).get("/api/v1/advice/requests").json()
    assert [r["reference"] for r in outsiders_view["results"]] == [theirs.reference]
    rows = json.loads(bytes_of(client_for(outsider).get(reverse("advice:index") + "?format=json")))
    assert [r["reference"] for r in rows] == [theirs.reference]


def test_an_illegal_move_through_the_page_answers_409_and_changes_nothing(worked, requester):
    response = client_for(requester).post(
        reverse("advice:move", args=[worked.pk]), {"to": "advised"}
    )
    assert response.status_code == 409
    assert "cannot be moved" in response.content.decode()
    worked.refresh_from_db()
    assert worked.status == "triaged"


def test_asking_from_a_solution_page_prefills_it(requester):
    from aiplus.catalogue.tests.factories import SolutionFactory

    solution = SolutionFactory(name="Minute Maker", slug="minute-maker")
    client = client_for(requester)
    page = client.get(reverse("advice:request") + "?solution=minute-maker").content.decode()
    assert "Minute Maker" in page and 'value="minute-maker"' in page
    response = client.post(
        reverse("advice:request"),
        {
            "title": "Minutes of district meetings",
            "workflow": "Drafted by hand",
            "data_classification": "1",
            "languages": ["traditional-chinese", "cantonese-speech"],
            "solution": "minute-maker",
        },
    )
    created = AdviceRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == created.get_absolute_url()
    assert created.solution == solution and created.data_classification == 1
    assert created.languages == ["traditional-chinese", "cantonese-speech"]


def test_vendors_cannot_ask_for_advice(make_user):
    from aiplus.accounts.models import Organisation
    from aiplus.accounts.roles import Role
    from aiplus.accounts.tests.factories import OrganisationFactory

    company = OrganisationFactory(kind=Organisation.Kind.COMPANY)
    vendor = make_user(Role.VENDOR, organisation=company)
    assert client_for(vendor).get(reverse("advice:request")).status_code == 403


def test_the_advisor_works_the_request_through_the_pages(worked, advisor, requester):
    from aiplus.catalogue.tests.factories import SolutionFactory

    solution = SolutionFactory(name="Call Sense")
    client = client_for(advisor)
    detail = reverse("advice:detail", args=[worked.pk])
    client.post(reverse("advice:move", args=[worked.pk]), {"to": "in_progress"})
    client.post(reverse("advice:recommend", args=[worked.pk]), {"solution": solution.pk})
    client.post(reverse("advice:move", args=[worked.pk]), {"to": "advised", "note": "Sent"})
    worked.refresh_from_db()
    assert worked.status == "advised"
    page = client_for(requester).get(detail).content.decode()
    assert "Call Sense" in page and "How useful was the advice?" in page
    client_for(requester).post(
        reverse("advice:move", args=[worked.pk]), {"to": "closed", "rating": "5"}
    )
    worked.refresh_from_db()
    assert (worked.status, worked.rating) == ("closed", 5)
