"""The assistant's pages, the widget and the API through real requests: who may use what, the
streamed answer, the queue, feedback, handing over to a person, and bad input."""

import json

import pytest
from django.core import mail
from django.urls import reverse

from aiplus.assistant import waiting
from aiplus.assistant.models import Enquiry, Exchange, Feedback, Status
from aiplus.search.indexing import reindex_all

from .conftest import make_assistant

pytestmark = pytest.mark.django_db

FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}


def post_question(client, assistant, question, *, conversation="", widget=False, **headers):
    name = "assistant:embed_ask" if widget else "assistant:ask"
    return client.post(
        reverse(name, args=[assistant.slug]),
        {"question": question, "conversation": conversation},
        **FETCH,
        **headers,
    )


def test_a_signed_in_only_assistant_is_hidden_from_visitors(client, officer):
    assistant = make_assistant("staff", public=False)
    assert client.get(reverse("assistant:chat", args=["staff"])).status_code == 404
    assert client.get(reverse("assistant:embed", args=["staff"])).status_code == 404
    assert post_question(client, assistant, "hello").status_code == 404
    client.force_login(officer)
    assert client.get(reverse("assistant:chat", args=["staff"])).status_code == 200


def test_a_question_streams_sentence_by_sentence_then_ends_with_its_status(
    client, assistant, scripted_chat
):
    scripted_chat.answer = (
        "Bulky waste is collected on Tuesdays by appointment. It is free for everyone."
    )
    data = post_question(client, assistant, "When is bulky waste collected in Sai Kung?").json()
    assert data["queued"] is True
    assert "Refuse collection in Sai Kung" in data["html"]  # the sources, shown at once
    assert client.get(data["wait_url"]).json() == {"ahead": 0, "ready": True}
    response = client.get(data["stream_url"])
    assert response["Content-Type"] == "text/event-stream"
    events = b"".join(response.streaming_content).decode()
    sentences = [json.loads(line[6:]) for line in events.splitlines() if line.startswith("data: ")]
    assert events.count("event: sentence") == 1
    assert "Bulky waste is collected on Tuesdays by appointment." in sentences[0]
    assert "free for everyone" not in events
    assert "Partly answered" in sentences[-1]
    exchange = Exchange.objects.get()
    assert exchange.first_sentence_ms is not None
    assert exchange.total_ms >= exchange.first_sentence_ms


def test_without_javascript_the_page_comes_back_with_the_whole_answer(
    client, assistant, scripted_chat
):
    scripted_chat.answer = "Bulky waste is collected on Tuesdays by appointment."
    response = client.post(
        reverse("assistant:ask", args=[assistant.slug]),
        {"question": "When is bulky waste collected in Sai Kung?"},
        follow=True,
    )
    assert "Bulky waste is collected on Tuesdays by appointment." in response.content.decode()
    assert Exchange.objects.get().status == Status.ANSWERED


def test_a_question_waits_its_turn_and_is_told_its_place(client, assistant, scripted_chat):
    first = post_question(client, assistant, "When is bulky waste collected in Sai Kung?").json()
    second = post_question(client, assistant, "When are refuse points emptied in Sai Kung?").json()
    assert client.get(first["wait_url"]).json()["ready"] is True
    assert client.get(second["wait_url"]).json() == {"ahead": 1, "ready": False}
    assert client.get(second["stream_url"]).status_code == 409
    scripted_chat.answer = "NO_ANSWER"
    b"".join(client.get(first["stream_url"]).streaming_content)
    assert client.get(second["wait_url"]).json() == {"ahead": 0, "ready": True}


def test_a_waiting_page_that_went_away_leaves_the_queue(assistant, scripted_chat, client):
    first = post_question(client, assistant, "When is bulky waste collected in Sai Kung?").json()
    second = post_question(client, assistant, "When are refuse points emptied in Sai Kung?").json()
    Exchange.objects.filter(pk=Exchange.objects.order_by("pk").first().pk).update(
        seen_at=Exchange.objects.first().created_at - waiting.WAITING_GONE * 2
    )
    assert client.get(second["wait_url"]).json()["ready"] is True
    assert first["wait_url"] != second["wait_url"]


def test_nobody_reads_another_users_conversation(client, assistant, scripted_chat, make_user):
    owner, other = make_user(), make_user()
    client.force_login(owner)
    data = post_question(client, assistant, "How can I register for a seminar?").json()
    page = reverse("assistant:chat", args=[assistant.slug]) + f"?c={data['conversation']}"
    assert "Open Events" in client.get(page).content.decode()
    client.force_login(other)
    assert "Open Events" not in client.get(page).content.decode()  # a new conversation instead
    assert client.get(data["done_url"]).status_code == 404
    assert client.get(data["stream_url"]).status_code == 404
    client.logout()
    assert client.get(data["done_url"]).status_code == 404


def test_html_in_a_question_is_shown_as_text(client, assistant, scripted_chat):
    scripted_chat.answer = "NO_ANSWER"
    data = post_question(client, assistant, '<script>alert("x")</script> bulky waste?').json()
    assert "<script>alert" not in data["html"]
    assert "&lt;script&gt;" in data["html"]


def test_floods_get_a_polite_message(client, assistant, scripted_chat):
    assistant.requests_per_minute = 2
    assistant.save()
    question = "How can I register for a seminar?"
    for _ in range(2):
        assert post_question(client, assistant, question).status_code == 200
    response = post_question(client, assistant, "How can I register for a seminar?")
    assert response.status_code == 429
    assert "wait a minute" in response.json()["error"]


def test_the_widget_frame_may_only_be_shown_on_the_assistants_sites(client, assistant):
    assistant.allowed_origins = "https://www.example.gov.hk"
    assistant.save()
    response = client.get(reverse("assistant:embed", args=[assistant.slug]))
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'self' https://www.example.gov.hk" in policy
    assert "X-Frame-Options" not in response
    script = client.get(reverse("assistant:script", args=[assistant.slug]))
    assert script["Content-Type"].startswith("text/javascript")
    assert reverse("assistant:embed", args=[assistant.slug]) in script.content.decode()


def test_the_widget_refuses_posts_from_other_sites(client, assistant, scripted_chat):
    assistant.allowed_origins = "https://www.example.gov.hk"
    assistant.save()
    question = "How can I register for a seminar?"
    refused = post_question(
        client, assistant, question, widget=True, HTTP_ORIGIN="https://evil.example"
    )
    allowed = post_question(
        client, assistant, question, widget=True, HTTP_ORIGIN="https://www.example.gov.hk"
    )
    assert refused.status_code == 403
    assert allowed.status_code == 200


def test_the_widget_never_acts_as_the_signed_in_user(client, assistant, scripted_chat, officer):
    client.force_login(officer)
    post_question(client, assistant, "How can I register for a seminar?", widget=True)
    assert Exchange.objects.get().conversation.user is None


def test_feedback_is_kept_with_its_reason(client, assistant, scripted_chat):
    data = post_question(client, assistant, "How can I register for a seminar?").json()
    exchange = Exchange.objects.get()
    client.post(
        reverse("assistant:feedback", args=[exchange.uid]),
        {"helpful": "no", "reason": "unclear"},
    )
    assert Feedback.objects.get(exchange=exchange).reason == "unclear"
    assert data["conversation"] == str(exchange.conversation.uid)


def test_a_visitor_hands_over_to_a_person_and_gets_the_reply(client, assistant, editor):
    conversation = post_question(client, assistant, "How can I register for a seminar?").json()[
        "conversation"
    ]
    client.post(
        reverse("assistant:embed_hand_over", args=[assistant.slug]),
        {
            "conversation": conversation,
            "question": "Can my whole team register?",
            "contact": "visitor@example.com",
        },
    )
    enquiry = Enquiry.objects.get()
    assert enquiry.conversation.exchanges.get().handed_over
    client.force_login(editor)
    page = reverse("assistant:enquiry", args=[enquiry.pk])
    assert "How can I register for a seminar?" in client.get(page).content.decode()
    client.post(page, {"action": "reply", "reply": "Yes, each member registers once."})
    assert mail.outbox[-1].to == ["visitor@example.com"]
    assert "Yes, each member registers once." in mail.outbox[-1].body
    client.post(page, {"action": "faq"})
    enquiry.refresh_from_db()
    assert enquiry.faq.body == "Yes, each member registers once."
    client.logout()
    embed = reverse("assistant:embed", args=[assistant.slug]) + f"?c={conversation}"
    assert "Yes, each member registers once." in client.get(embed).content.decode()


def test_an_officer_who_asks_for_a_person_gets_a_prefilled_advice_request(
    client, assistant, officer, scripted_chat
):
    client.force_login(officer)
    conversation = post_question(client, assistant, "How can I register for a seminar?").json()[
        "conversation"
    ]
    response = client.post(
        reverse("assistant:hand_over", args=[assistant.slug]), {"conversation": conversation}
    )
    assert response.url.startswith(reverse("advice:request"))
    form = client.get(response.url).content.decode()
    assert "How can I register for a seminar?" in form


@pytest.mark.parametrize("name", ["assistant:manage", "assistant:insights"])
def test_only_editors_manage_an_assistant(client, assistant, officer, editor, name):
    url = reverse(name, args=[assistant.slug])
    assert client.get(url).status_code == 404
    client.force_login(officer)
    assert client.get(url).status_code == 404
    client.force_login(editor)
    assert client.get(url).status_code == 200


def test_only_editors_see_enquiries(client, assistant, officer):
    enquiry = Enquiry.objects.create(assistant=assistant, question="Who?")
    client.force_login(officer)
    assert client.get(reverse("assistant:enquiries")).status_code == 404
    assert client.get(reverse("assistant:enquiry", args=[enquiry.pk])).status_code == 404


def test_editors_import_faqs_from_a_spreadsheet(client, assistant, editor, scripted_chat):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(editor)
    csv = (
        "question,answer,問題,答案\n"
        "Where is the hotline?,Call 1823 at any hour.,熱線在哪裏？,請隨時致電 1823。\n"
        ",,,\n"
        "Only a question,,,\n"
    ).encode()
    response = client.post(
        reverse("assistant:manage", args=[assistant.slug]),
        {"action": "import", "file": SimpleUploadedFile("faq.csv", csv, "text/csv")},
        follow=True,
    )
    page = response.content.decode()
    assert "1 added, 0 updated" in page
    assert "Row 4 has no question with its answer" in page
    reindex_all()
    data = post_question(client, assistant, "Where is the hotline?").json()
    assert "Call 1823 at any hour." in data["html"]


def test_a_broken_spreadsheet_gets_a_clear_message(client, assistant, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(editor)
    response = client.post(
        reverse("assistant:manage", args=[assistant.slug]),
        {"action": "import", "file": SimpleUploadedFile("faq.xlsx", b"PK\x03\x04broken", "x")},
        follow=True,
    )
    assert "not a valid XLSX workbook" in response.content.decode()


def test_the_api_answers_with_status_and_citations(client, assistant, scripted_chat):
    response = client.post(
        "/api/v1/assistants/help/ask",
        {"question": "How long are meeting recordings kept?"},
        content_type="application/json",
    )
    body = response.json()
    assert (body["status"], body["tier"]) == ("answered", "faq")
    assert body["answer"].startswith("Recordings are deleted 30 days after upload.")
    assert body["citations"][0]["url"].startswith("/en/assistant/help/sources/#item-")
    refused = client.post(
        "/api/v1/assistants/help/ask",
        {"question": "hi"},
        content_type="application/json",
        HTTP_ORIGIN="https://evil.example",
    )
    assert refused.status_code == 403


def test_the_api_is_in_the_openapi_document(client):
    assert "/api/v1/assistants/{slug}/ask" in client.get("/api/v1/openapi.json").json()["paths"]
