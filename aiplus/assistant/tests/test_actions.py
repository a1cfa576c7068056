"""The assistant as an agent: it offers actions to signed-in officers, within their own rights,
and only ever as a button or link they click; visitors get no offers."""

import pytest
from django.urls import reverse

from aiplus.accounts.roles import Role
from aiplus.accounts.tests.factories import OrganisationFactory
from aiplus.advice import services as advice
from aiplus.events.models import Registration
from aiplus.events.tests.test_events import make_event

from .test_pages import post_question

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub_help(assistant):
    assistant.is_public = False
    assistant.save()
    return assistant


def test_an_officer_sees_only_their_own_bds_advice_requests(
    client, hub_help, make_user, scripted_chat
):
    ours, theirs = OrganisationFactory(code="OURS"), OrganisationFactory(code="THEIRS")
    me = make_user(Role.OFFICER, organisation=ours)
    colleague = make_user(Role.OFFICER, organisation=ours)
    stranger = make_user(Role.OFFICER, organisation=theirs)
    advice.submit_request(requester=colleague, title="Our hotline", workflow="Phones.")
    advice.submit_request(requester=stranger, title="Their secret plan", workflow="Hidden.")
    client.force_login(me)
    scripted_chat.answer = "NO_ANSWER"
    data = post_question(client, hub_help, "What is the status of our advice requests?").json()
    assert "Our hotline" in data["offer"]
    assert "Their secret plan" not in data["offer"]


def test_registering_is_offered_and_happens_only_on_the_officers_click(
    client, hub_help, officer, scripted_chat
):
    forum = make_event(title="AI+ forum on digital agents")
    client.force_login(officer)
    scripted_chat.answer = "NO_ANSWER"
    data = post_question(client, hub_help, "Please register me for the digital agents forum").json()
    assert "AI+ forum on digital agents" in data["offer"]
    assert reverse("events:register", args=[forum.pk]) in data["offer"]
    assert not Registration.objects.exists()  # offered, not done
    client.post(reverse("events:register", args=[forum.pk]))
    assert Registration.objects.get().user == officer


def test_asking_for_advice_offers_a_prefilled_request(client, hub_help, officer, scripted_chat):
    client.force_login(officer)
    scripted_chat.answer = "NO_ANSWER"
    data = post_question(client, hub_help, "I need advice on automating our hotline").json()
    assert reverse("advice:request") in data["offer"]


def test_visitors_and_the_widget_get_no_offers(client, assistant, officer, scripted_chat):
    scripted_chat.answer = "NO_ANSWER"
    assert (
        post_question(client, assistant, "Please register me for the forum").json()["offer"] == ""
    )
    client.force_login(officer)
    widget = post_question(client, assistant, "Please register me for the forum", widget=True)
    assert widget.json()["offer"] == ""
