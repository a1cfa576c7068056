"""Questions, votes and polls at an event."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from aiplus.accounts.roles import Role
from aiplus.events import exchanges, services
from aiplus.events.models import Event, PollAnswer, Question

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_event():
    start = timezone.now() + timedelta(minutes=30)  # opens an hour before
    return Event.objects.create(
        kind=Event.Kind.FORUM,
        title="Forum",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        live=True,
    )


def test_attendees_ask_and_vote_and_the_most_wanted_come_first(live_event, make_user):
    ann, ben, cat = (make_user(Role.OFFICER) for _ in range(3))
    for person in (ann, ben, cat):
        services.register(event=live_event, user=person)
    first = exchanges.ask(event=live_event, user=ann, text="How is data kept?")
    second = exchanges.ask(event=live_event, user=ben, text="What does it cost?")
    exchanges.upvote(question=second, user=ann)
    exchanges.upvote(question=second, user=cat)
    exchanges.upvote(question=second, user=cat)  # twice counts once
    exchanges.upvote(question=first, user=ann)  # one's own question: no vote
    assert [(q.text, q.votes) for q in exchanges.questions_for(ann, live_event)] == [
        ("What does it cost?", 2),
        ("How is data kept?", 0),
    ]


def test_only_people_with_a_place_take_part_and_only_during_the_event(live_event, make_user):
    outsider = make_user(Role.OFFICER)
    with pytest.raises(exchanges.ExchangeError, match="with a place"):
        exchanges.ask(event=live_event, user=outsider, text="Hi?")
    Event.objects.filter(pk=live_event.pk).update(
        starts_at=timezone.now() + timedelta(days=3),
        ends_at=timezone.now() + timedelta(days=3, hours=1),
    )
    live_event.refresh_from_db()
    attendee = make_user(Role.OFFICER)
    services.register(event=live_event, user=attendee)
    with pytest.raises(exchanges.ExchangeError, match="during the event"):
        exchanges.ask(event=live_event, user=attendee, text="Early?")


def test_organisers_moderate_and_hidden_questions_leave_the_public_list(live_event, make_user):
    attendee, editor = make_user(Role.OFFICER), make_user(Role.EDITOR)
    services.register(event=live_event, user=attendee)
    question = exchanges.ask(event=live_event, user=attendee, text="<b>Rude</b> words")
    with pytest.raises(exchanges.ExchangeError):
        exchanges.moderate(question=question, user=attendee, hidden=True)
    client = Client()
    client.force_login(editor)
    client.post(
        f"/en/events/{live_event.pk}/questions/act/", {"action": "hide", "question": question.pk}
    )
    assert Question.objects.get().hidden
    client.force_login(attendee)
    page = client.get(f"/en/events/{live_event.pk}/questions/").content.decode()
    assert "Rude" not in page
    client.force_login(editor)
    assert (
        "&lt;b&gt;Rude&lt;/b&gt; words"
        in client.get(f"/en/events/{live_event.pk}/questions/").content.decode()
    )


def test_a_poll_takes_one_answer_each_and_shows_results_as_a_chart(live_event, make_user):
    attendee, editor = make_user(Role.OFFICER), make_user(Role.EDITOR)
    services.register(event=live_event, user=attendee)
    with pytest.raises(exchanges.ExchangeError, match="organisers"):
        exchanges.open_poll(event=live_event, user=attendee, question="Q", options=["a", "b"])
    with pytest.raises(exchanges.ExchangeError, match="two options"):
        exchanges.open_poll(event=live_event, user=editor, question="Q", options=["only"])
    poll = exchanges.open_poll(
        event=live_event, user=editor, question="Will you pilot it?", options=["Yes", "No", ""]
    )
    assert poll.options == ["Yes", "No"]
    exchanges.answer_poll(poll=poll, user=attendee, option=0)
    with pytest.raises(exchanges.ExchangeError, match="already"):
        exchanges.answer_poll(poll=poll, user=attendee, option=1)
    with pytest.raises(exchanges.ExchangeError, match="Choose"):
        exchanges.answer_poll(poll=poll, user=editor, option=7)
    client = Client()
    client.force_login(attendee)
    page = client.get(f"/en/events/{live_event.pk}/questions/").content.decode()
    assert "Answers (1)" in page and 'id="poll-' in page


@pytest.fixture
def exchange(live_event, make_user):
    attendee, editor = make_user(Role.OFFICER), make_user(Role.EDITOR)
    services.register(event=live_event, user=attendee)
    asked = exchanges.ask(event=live_event, user=attendee, text="What does it cost?")
    rude = exchanges.ask(event=live_event, user=attendee, text="Rude words")
    exchanges.moderate(question=rude, user=editor, hidden=True)
    poll = exchanges.open_poll(
        event=live_event, user=editor, question="Will you pilot it?", options=["Yes", "No"]
    )
    exchanges.answer_poll(poll=poll, user=attendee, option=0)
    return live_event, asked, poll


def _state(event):
    return (
        list(event.questions.order_by("pk").values_list("text", "answered", "hidden")),
        list(event.questions.order_by("pk").values_list("voters")),
        list(event.polls.order_by("pk").values_list("question", "options", "is_open")),
        list(PollAnswer.objects.order_by("pk").values_list("poll", "user", "option")),
    )


def test_an_anonymous_visitor_sees_the_event_but_not_its_questions_or_polls(exchange):
    event, _asked, _poll = exchange
    client = Client()
    detail = client.get(f"/en/events/{event.pk}/")
    assert detail.status_code == 200
    page = detail.content.decode()
    assert f"/en/events/{event.pk}/questions/" not in page
    assert "What does it cost?" not in page and "Will you pilot it?" not in page
    response = client.get(f"/en/events/{event.pk}/questions/")
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")


@pytest.mark.parametrize(
    "form",
    [
        {"action": "ask", "text": "Anonymous question?"},
        {"action": "upvote", "question": "{question}"},
        {"action": "answered", "question": "{question}"},
        {"action": "hide", "question": "{question}"},
        {"action": "show", "question": "{hidden}"},
        {"action": "poll", "poll_question": "Anonymous poll?", "options": "a\nb"},
        {"action": "vote", "poll": "{poll}", "option": "1"},
        {"action": "close", "poll": "{poll}"},
    ],
    ids=lambda form: form["action"],
)
def test_an_anonymous_visitor_can_do_nothing_with_questions_and_polls(exchange, form):
    event, asked, poll = exchange
    hidden = event.questions.get(hidden=True)
    ids = {"question": asked.pk, "hidden": hidden.pk, "poll": poll.pk}
    before = _state(event)
    response = Client().post(
        f"/en/events/{event.pk}/questions/act/",
        {key: value.format(**ids) for key, value in form.items()},
    )
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")
    assert _state(event) == before


def test_the_exchange_services_refuse_an_anonymous_visitor(exchange):
    event, asked, poll = exchange
    visitor = AnonymousUser()
    assert not exchanges.may_take_part(visitor, event)
    assert [q.text for q in exchanges.questions_for(visitor, event)] == ["What does it cost?"]
    with pytest.raises(exchanges.ExchangeError, match="with a place"):
        exchanges.ask(event=event, user=visitor, text="Hi?")
    with pytest.raises(exchanges.ExchangeError, match="with a place"):
        exchanges.upvote(question=asked, user=visitor)
    with pytest.raises(exchanges.ExchangeError, match="with a place"):
        exchanges.answer_poll(poll=poll, user=visitor, option=1)
    with pytest.raises(exchanges.ExchangeError, match="organisers"):
        exchanges.moderate(question=asked, user=visitor, hidden=True)
    with pytest.raises(exchanges.ExchangeError, match="organisers"):
        exchanges.open_poll(event=event, user=visitor, question="Q", options=["a", "b"])
    with pytest.raises(exchanges.ExchangeError, match="organisers"):
        exchanges.close_poll(poll=poll, user=visitor)
