"""The assistant as an agent: in its turn after the answer the model chooses an action for a
signed-in officer, in a JSON schema that lists only what this officer may do; the action is
only ever offered, as a button or link they click, within their own rights; visitors and the
widget get no offers, and their questions are never put to the model for one."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from aiplus.accounts.roles import Role
from aiplus.accounts.tests.factories import OrganisationFactory
from aiplus.advice import services as advice
from aiplus.assistant import actions, choosing
from aiplus.assistant.models import Conversation, Exchange
from aiplus.events.models import Event, Registration
from aiplus.events.tests.test_events import make_event

from .test_pages import post_question

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub_help(assistant):
    assistant.is_public = False
    assistant.save()
    return assistant


def finished_html(client, data) -> str:
    """The exchange as shown once the model's turn (answer, then choice) is over."""
    if data["queued"]:
        assert client.get(data["wait_url"]).json()["ready"]
        b"".join(client.get(data["stream_url"]).streaming_content)
    return client.get(data["done_url"]).content.decode()


def ask_as(client, user, assistant, scripted_chat, question, *, choice='{"action": "none"}'):
    """The user asks; the scripted model finds no answer in the sources and replies `choice`
    when asked for an action. The exchange's JSON, as the page gets it."""
    client.force_login(user)
    scripted_chat.answer = "NO_ANSWER"
    scripted_chat.choice = choice
    return post_question(client, assistant, question).json()


def choice_requests(scripted_chat) -> list[dict]:
    return [r for r in scripted_chat.requests if not r.get("stream")]


def test_the_model_chooses_the_event_and_registering_happens_only_on_the_officers_click(
    client, hub_help, officer, scripted_chat
):
    make_event(title="Seminar on chatbots")
    forum = make_event(title="AI+ forum on digital agents")
    data = ask_as(
        client,
        officer,
        hub_help,
        scripted_chat,
        "Please sign me up for the digital agents forum",
        choice='{"action": "register", "event": 1}',
    )
    html = finished_html(client, data)
    assert "AI+ forum on digital agents" in html  # listed first: it shares the most words
    assert "Seminar on chatbots" not in html  # the one chosen is the one offered
    assert reverse("events:register", args=[forum.pk]) in html
    assert not Registration.objects.exists()  # offered, not done
    assert Exchange.objects.get().action == {"kind": "register", "event": forum.pk, "by": "model"}
    client.post(reverse("events:register", args=[forum.pk]))
    assert Registration.objects.get().user == officer


def test_the_schema_lists_only_the_actions_and_events_open_to_the_officer(
    client, hub_help, make_user, scripted_chat
):
    vendor = make_user(Role.OFFICER, organisation=OrganisationFactory(kind="company"))
    make_event(title="Open forum on agents")
    make_event(title="Forum for chosen B/Ds on agents", audience=Event.Audience.CHOSEN)
    make_event(title="Unpublished forum on agents", live=False)
    finished_html(
        client, ask_as(client, vendor, hub_help, scripted_chat, "Register me for a forum")
    )
    (request,) = choice_requests(scripted_chat)
    schema = request["response_format"]["schema"]
    assert schema["properties"]["action"]["enum"] == ["advice_status", "register", "none"]
    listed = request["messages"][-1]["content"]
    assert "Open forum on agents" in listed
    assert "chosen B/Ds" not in listed
    assert "Unpublished" not in listed
    assert "advice request to" not in listed  # a vendor's staff cannot ask for advice


def test_a_choice_the_schema_does_not_allow_falls_back_to_the_patterns(
    client, hub_help, officer, scripted_chat
):
    make_event(title="AI+ forum on digital agents")
    data = ask_as(
        client,
        officer,
        hub_help,
        scripted_chat,
        "Please register me for the forum",
        choice='{"action": "delete_all_events"}',
    )
    assert "AI+ forum on digital agents" in finished_html(client, data)
    assert Exchange.objects.get().action["by"] == "patterns"


def test_when_the_model_chooses_nothing_nothing_is_offered(
    client, hub_help, officer, scripted_chat
):
    make_event(title="AI+ forum on digital agents")
    data = ask_as(
        client,
        officer,
        hub_help,
        scripted_chat,
        "Cancel my place at the forum",
        choice='{"action": "none"}',
    )
    assert "assistant-offer" not in finished_html(client, data)
    assert Exchange.objects.get().action == {}


def test_an_officer_sees_only_their_own_bds_advice_requests(
    client, hub_help, make_user, scripted_chat
):
    ours, theirs = OrganisationFactory(code="OURS"), OrganisationFactory(code="THEIRS")
    me = make_user(Role.OFFICER, organisation=ours)
    colleague = make_user(Role.OFFICER, organisation=ours)
    stranger = make_user(Role.OFFICER, organisation=theirs)
    advice.submit_request(requester=colleague, title="Our hotline", workflow="Phones.")
    advice.submit_request(requester=stranger, title="Their secret plan", workflow="Hidden.")
    data = ask_as(
        client,
        me,
        hub_help,
        scripted_chat,
        "What is the status of our advice requests?",
        choice='{"action": "advice_status"}',
    )
    html = finished_html(client, data)
    assert "Our hotline" in html
    assert "Their secret plan" not in html


def test_the_offer_is_checked_against_whoever_reads_it(client, hub_help, make_user, scripted_chat):
    ours, theirs = OrganisationFactory(code="OURS"), OrganisationFactory(code="THEIRS")
    me = make_user(Role.OFFICER, organisation=ours)
    advice.submit_request(requester=me, title="Our hotline", workflow="Phones.")
    conversation = Conversation.objects.create(assistant=hub_help, user=me)
    exchange = Exchange.objects.create(
        conversation=conversation,
        assistant=hub_help,
        question="Status of our requests?",
        language="en",
        status="unanswerable",
        action={"kind": "advice_status", "by": "model"},
    )
    assert actions.offer_for(exchange, user=me).requests[0].title == "Our hotline"
    stranger = make_user(Role.OFFICER, organisation=theirs)
    assert actions.offer_for(exchange, user=stranger).requests == []
    unattached = make_user(Role.OFFICER, organisation=None)
    assert actions.offer_for(exchange, user=unattached).requests == []
    assert actions.offer_for(exchange, user=AnonymousUser()) is None
    exchange.action = {"kind": "advice", "by": "model"}
    vendor = make_user(Role.OFFICER, organisation=OrganisationFactory(kind="company"))
    assert actions.offer_for(exchange, user=vendor) is None  # vendors' staff cannot ask advice
    assert actions.offer_for(exchange, user=me).kind == "advice"


def test_asking_for_advice_offers_a_request_titled_by_the_model(
    client, hub_help, officer, scripted_chat
):
    data = ask_as(
        client,
        officer,
        hub_help,
        scripted_chat,
        "I need advice on automating our hotline",
        choice='{"action": "advice", "title": "Automating the hotline"}',
    )
    html = finished_html(client, data)
    assert reverse("advice:request") + "?title=Automating+the+hotline" in html


def test_a_faq_answer_is_shown_at_once_while_its_action_waits_for_the_model(
    client, hub_help, officer, scripted_chat
):
    forum = make_event(title="AI+ forum on digital agents")
    client.force_login(officer)
    scripted_chat.choice = '{"action": "register", "event": 1}'
    data = post_question(client, hub_help, "How do I register for a seminar?").json()
    assert data["queued"]
    assert "press Register" in data["html"]  # the FAQ answer, before the model's turn
    assert not choice_requests(scripted_chat)
    html = finished_html(client, data)
    assert reverse("events:register", args=[forum.pk]) in html
    assert not scripted_chat.prompts  # the answer itself never went to the model


def test_questions_about_anything_else_are_not_put_to_the_model_for_an_action(
    client, hub_help, officer, scripted_chat
):
    client.force_login(officer)
    scripted_chat.answer = "Bulky waste is collected on Tuesdays by appointment."
    data = post_question(client, hub_help, "When is bulky waste collected in Sai Kung?").json()
    assert "assistant-offer" not in finished_html(client, data)
    assert not choice_requests(scripted_chat)


def test_visitors_and_the_widget_get_no_offers_and_no_choice(
    client, assistant, officer, scripted_chat
):
    make_event(title="AI+ forum on digital agents")
    scripted_chat.answer = "NO_ANSWER"
    scripted_chat.choice = '{"action": "register", "event": 1}'
    data = post_question(client, assistant, "Please register me for the forum").json()
    assert "assistant-offer" not in finished_html(client, data)
    client.force_login(officer)
    widget = post_question(client, assistant, "Please register me for the forum", widget=True)
    data = widget.json()
    assert "assistant-offer" not in finished_html(client, data)
    assert not choice_requests(scripted_chat)


def test_a_real_model_can_only_choose_what_the_schema_allows(hub_help, officer):
    """The small test model under the grammar: whatever it picks is an allowed action and an
    event open to the officer, read without falling back to the patterns."""
    events = [make_event(title=f"Forum {n} on digital agents") for n in range(3)]
    conversation = Conversation.objects.create(assistant=hub_help, user=officer)
    exchange = Exchange.objects.create(
        conversation=conversation,
        assistant=hub_help,
        question="Register me for the forum on digital agents",
        language="en",
    )
    kinds = choosing.allowed_kinds(officer)
    listed = actions.matching_events(exchange.question, user=officer, limit=3)
    from aiplus.ai.providers import get_chat_model

    reply = get_chat_model().chat(
        choosing.choice_messages(
            [], question=exchange.question, answered="", kinds=kinds, events=listed
        ),
        max_tokens=choosing.CHOICE_TOKENS,
        temperature=0.0,
        json_schema=choosing.schema(kinds, listed),
    )
    choice = choosing.read_choice(reply.text, kinds=kinds, events=listed)
    assert choice == {} or choice["kind"] in kinds
    assert choice.get("event", events[0].pk) in {event.pk for event in events}
    assert json.loads(reply.text)["action"] in [*kinds, "none"]


def test_an_answer_whose_page_left_before_its_action_was_chosen_shows_without_waiting(
    client, hub_help, officer, scripted_chat
):
    client.force_login(officer)
    data = post_question(client, hub_help, "How do I register for a seminar?").json()
    assert "Seeing what I can do" in data["html"]
    Exchange.objects.update(seen_at=timezone.now() - timedelta(minutes=5))  # the page left
    page = client.get(
        reverse("assistant:chat", args=[hub_help.slug]) + f"?c={data['conversation']}"
    )
    html = page.content.decode()
    assert "press Register" in html
    assert "Seeing what I can do" not in html
    assert "Was this helpful?" in html
