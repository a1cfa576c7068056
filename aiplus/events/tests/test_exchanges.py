"""Questions, votes and polls at an event."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from aiplus.accounts.roles import Role
from aiplus.events import exchanges, services
from aiplus.events.models import Event, Question

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
