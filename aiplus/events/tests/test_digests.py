"""Digests through the real services, job and pages: what a digest holds (only what the reader
may see, matched to their kinds, tasks and topics), when it is due, that the job sends each
period's digest once and nothing when it is empty, and the e-mail in the reader's language."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from aiplus.accounts.models import Organisation
from aiplus.accounts.roles import Role
from aiplus.cases.tests.factories import StoryFactory, UseCaseFactory
from aiplus.catalogue.tests.factories import SolutionFactory, TaskFactory
from aiplus.events import digests
from aiplus.events.models import DigestSubscription, Event
from aiplus.notifications.models import Notification, NotificationPreference
from aiplus.resources.models import Resource
from aiplus.resources.tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db
HONG_KONG = ZoneInfo("Asia/Hong_Kong")
ALL_KINDS = list(DigestSubscription.Kind.values)


def subscribe(user, *, frequency="weekly", kinds=ALL_KINDS, tasks=(), topics="", days_ago=8):
    subscription = digests.save_subscription(
        user=user, frequency=frequency, kinds=list(kinds), tasks=list(tasks), topics=topics
    )
    subscription.last_sent_at = timezone.now() - timedelta(days=days_ago)
    subscription.save(update_fields=["last_sent_at"])
    return subscription


def recent_digest(user):
    now = timezone.now()
    return digests.digest_for(user=user, since=now - timedelta(days=8), until=now)


def published(factory, **fields):
    return factory(first_published_at=timezone.now() - timedelta(days=1), **fields)


def coming_event(**fields) -> Event:
    start = timezone.now() + timedelta(days=14)
    values = {
        "kind": Event.Kind.SEMINAR,
        "title": "AI for hotlines",
        "title_zh_hant": "熱線人工智能",
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "live": True,
        **fields,
    }
    return Event.objects.create(**values)


def test_a_digest_holds_only_what_its_reader_may_see(make_user):
    fehd, dpo = Organisation.objects.get(code="FEHD"), Organisation.objects.get(code="DPO")
    officer = make_user(Role.OFFICER, organisation=fehd)
    insider = make_user(Role.OFFICER, organisation=dpo)
    subscribe(officer)
    subscribe(insider)
    open_guide = ResourceFactory(title="Open guide")
    restricted = ResourceFactory(title="DPO only", visibility=Resource.Visibility.RESTRICTED)
    restricted.allowed_organisations.set([dpo])
    ResourceFactory(title="Unpublished", is_published=False)
    published(SolutionFactory, name="Live solution")
    SolutionFactory(name="Draft solution", live=False)
    published(StoryFactory, title="A story")
    published(UseCaseFactory, title="An imported use case")
    coming_event(title="For everyone")
    for_dpo = coming_event(title="For DPO alone", audience=Event.Audience.CHOSEN)
    for_dpo.organisations.set([dpo])
    coming_event(title="Directorate only", audience=Event.Audience.DIRECTORATE)
    coming_event(title="A draft", live=False)

    theirs = recent_digest(officer)
    assert [r.title for r in theirs.resources] == ["Open guide"]
    assert [s.name for s in theirs.solutions] == ["Live solution"]
    assert [c.title for c in theirs.stories] == ["A story"]
    assert [e.title for e in theirs.events] == ["For everyone"]
    inside = recent_digest(insider)
    assert {r.title for r in inside.resources} == {open_guide.title, "DPO only"}
    assert {e.title for e in inside.events} == {"For everyone", "For DPO alone"}
    # Editors may see drafts in the library and the calendar; their digest names none.
    editor = make_user(Role.EDITOR)
    subscribe(editor)
    for_editor = recent_digest(editor)
    assert "Unpublished" not in {r.title for r in for_editor.resources}
    assert "A draft" not in {e.title for e in for_editor.events}
    assert "Draft solution" not in {s.name for s in for_editor.solutions}

    # The preview on the officer's digest page never names the restricted resource either.
    client = Client()
    client.force_login(officer)
    page = client.get("/en/events/digest/").content.decode()
    assert "Open guide" in page and "DPO only" not in page and "For DPO alone" not in page


def test_a_digest_holds_what_is_new_since_the_last_one(make_user):
    officer = make_user(Role.OFFICER)
    subscribe(officer)
    SolutionFactory(name="Old", first_published_at=timezone.now() - timedelta(days=30))
    published(SolutionFactory, name="New")
    old_event = coming_event(title="Announced long ago")
    Event.objects.filter(pk=old_event.pk).update(published_at=timezone.now() - timedelta(days=30))
    coming_event(title="Already over", starts_at=timezone.now() - timedelta(days=1))
    digest = recent_digest(officer)
    assert [s.name for s in digest.solutions] == ["New"]
    assert digest.events == []


def test_drafts_published_later_are_new_when_published_not_when_written(make_user):
    officer = make_user(Role.OFFICER)
    subscribe(officer)
    long_ago = timezone.now() - timedelta(days=30)
    guide = ResourceFactory(title="Guide drafted long ago", is_published=False)
    event = coming_event(title="Planned long ago", live=False)
    Resource.objects.filter(pk=guide.pk).update(created_at=long_ago)
    Event.objects.filter(pk=event.pk).update(created_at=long_ago)
    assert recent_digest(officer).is_empty

    guide.is_published = True
    guide.save()
    event.live = True
    event.save(update_fields=["live"])
    digest = recent_digest(officer)
    assert [r.title for r in digest.resources] == ["Guide drafted long ago"]
    assert [e.title for e in digest.events] == ["Planned long ago"]
    # Unpublished and published again, it is not new a second time.
    first = Resource.objects.get(pk=guide.pk).published_at
    guide.is_published = False
    guide.save()
    guide.is_published = True
    guide.save()
    assert Resource.objects.get(pk=guide.pk).published_at == first


def test_matching_by_kind_task_and_topic(make_user):
    officer = make_user(Role.OFFICER)
    minutes, hotline = TaskFactory(name="Draft minutes"), TaskFactory(name="Answer calls")
    about_minutes = published(SolutionFactory, name="MinuteMate", tasks=[minutes])
    published(SolutionFactory, name="CallBot", tasks=[hotline])
    story = published(StoryFactory, title="Minutes in half the time")
    story.solutions.set([about_minutes])
    story.save()  # a ParentalManyToManyField is written on save
    published(StoryFactory, title="Unrelated story")
    ResourceFactory(title="Chatbot procurement guide")
    ResourceFactory(title="Records guide", title_zh_hant="會議記錄指引")
    coming_event(title="Forum on chatbots")

    subscribe(officer, tasks=[minutes])
    digest = recent_digest(officer)
    assert [s.name for s in digest.solutions] == ["MinuteMate"]
    assert [c.title for c in digest.stories] == ["Minutes in half the time"]
    assert digest.resources == [] and digest.events == []

    # A task or a keyword: either brings an item in; a Chinese keyword finds the Chinese title.
    subscribe(officer, tasks=[minutes], topics="chatbot, 會議記錄")
    digest = recent_digest(officer)
    assert [s.name for s in digest.solutions] == ["MinuteMate"]
    assert {r.title for r in digest.resources} == {"Chatbot procurement guide", "Records guide"}
    assert [e.title for e in digest.events] == ["Forum on chatbots"]

    subscribe(officer, kinds=["events"])
    digest = recent_digest(officer)
    assert digest.solutions == digest.stories == digest.resources == []
    assert [e.title for e in digest.events] == ["Forum on chatbots"]


def test_weekly_digests_are_due_on_mondays_and_monthly_ones_on_the_first(make_user):
    def at(*parts):
        return datetime(*parts, tzinfo=HONG_KONG)

    monday = at(2026, 3, 2, 6, 15)
    assert monday.weekday() == 0
    weekly = DigestSubscription(frequency="weekly", created_at=at(2026, 1, 1), last_sent_at=monday)
    assert not digests.is_due(weekly, monday + timedelta(hours=1))
    assert not digests.is_due(weekly, at(2026, 3, 8, 23, 59))
    assert digests.is_due(weekly, at(2026, 3, 9, 6, 15))
    # A job that missed Monday still sends that week's digest on Tuesday.
    assert digests.is_due(weekly, at(2026, 3, 10, 6, 15))

    monthly = DigestSubscription(
        frequency="monthly", created_at=at(2026, 1, 1), last_sent_at=at(2026, 3, 1, 6, 15)
    )
    assert not digests.is_due(monthly, at(2026, 3, 9, 6, 15))
    assert not digests.is_due(monthly, at(2026, 3, 31, 23, 59))
    assert digests.is_due(monthly, at(2026, 4, 1, 6, 15))

    # A new subscription waits for the next week; a subscription that is off is never due.
    new = DigestSubscription(frequency="weekly", created_at=at(2026, 3, 4, 12, 0))
    assert not digests.is_due(new, at(2026, 3, 5, 6, 15))
    assert digests.is_due(new, at(2026, 3, 9, 6, 15))
    assert not digests.is_due(
        DigestSubscription(frequency="off", created_at=monday), at(2027, 1, 1)
    )


def test_the_job_sends_each_digest_once_and_nothing_when_empty(
    make_user, django_capture_on_commit_callbacks
):
    weekly, monthly, quiet, off = (make_user(Role.OFFICER) for _ in range(4))
    subscribe(weekly)
    subscribe(monthly, frequency="monthly", days_ago=40)
    subscribe(quiet, topics="nothing is about this")
    subscribe(off, frequency="off")
    published(SolutionFactory, name="MinuteMate")

    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert digests.send_due_digests(now=now) == 2
        assert digests.send_due_digests(now=now) == 0
        assert digests.send_due_digests(now=now + timedelta(hours=2)) == 0
    sent = Notification.objects.filter(kind="events.digest")
    assert sorted(n.recipient_id for n in sent) == sorted([weekly.pk, monthly.pk])
    assert {n.title for n in sent} == {
        "Your weekly AI+ Hub digest",
        "Your monthly AI+ Hub digest",
    }
    assert "MinuteMate" in sent.get(recipient=weekly).body
    assert sorted(m.to[0] for m in mail.outbox) == sorted([weekly.email, monthly.email])
    # The empty digest's period is closed too: it is not tried again until the next one.
    assert DigestSubscription.objects.get(user=quiet).last_sent_at == now
    assert DigestSubscription.objects.get(user=off).last_sent_at < now - timedelta(days=7)


def test_the_digest_email_is_written_in_its_readers_language(
    make_user, django_capture_on_commit_callbacks
):
    reader = make_user(Role.OFFICER)
    NotificationPreference.objects.update_or_create(user=reader, defaults={"language": "zh-hant"})
    subscribe(reader)
    published(SolutionFactory, name="MinuteMate", name_zh_hant="會議記錄助手")
    with django_capture_on_commit_callbacks(execute=True):
        assert digests.send_due_digests() == 1
    [message] = mail.outbox
    assert message.subject == "你的 AI+ 資源中心每週摘要"
    assert "新方案" in message.body and "會議記錄助手" in message.body
    assert "/zh-hant/solutions/" in message.body
    [(html, _mimetype)] = message.alternatives
    assert '<html lang="zh-Hant-HK">' in html and "會議記錄助手" in html


def test_an_officer_sets_their_digest_on_its_page(make_user):
    officer = make_user(Role.OFFICER)
    task = TaskFactory(name="Draft minutes")
    client = Client()
    assert client.get("/en/events/digest/").status_code == 302  # signed in only
    client.force_login(officer)
    response = client.get("/en/events/digest/")
    assert response.status_code == 200
    response = client.post(
        "/en/events/digest/",
        {
            "frequency": "monthly",
            "kinds": ["solutions", "events"],
            "tasks": [task.pk],
            "topics": "chatbot；會議",
        },
    )
    assert response.status_code == 302
    subscription = DigestSubscription.objects.get(user=officer)
    assert subscription.frequency == "monthly"
    assert subscription.kinds == ["solutions", "events"]
    assert list(subscription.tasks.all()) == [task]
    assert subscription.topics == "chatbot, 會議"
    # A digest with nothing in it is refused.
    response = client.post("/en/events/digest/", {"frequency": "weekly", "kinds": []})
    assert response.status_code == 200
    assert "Choose at least one kind of content" in response.content.decode()
    assert "/en/events/digest/" in client.get("/en/accounts/profile/").content.decode()
