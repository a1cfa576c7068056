"""Briefings through real requests: DPO composes and sends one to chosen B/Ds; every active
officer there is notified once, in their language; officers cannot compose, and other B/Ds
never see it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from aiplus.accounts.models import Organisation
from aiplus.accounts.roles import Role
from aiplus.cases.tests.factories import StoryFactory
from aiplus.catalogue.tests.factories import SolutionFactory
from aiplus.events.models import Briefing, Event
from aiplus.notifications.models import Notification, NotificationPreference
from aiplus.resources.models import Resource
from aiplus.resources.tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user):
    fehd, csb = Organisation.objects.get(code="FEHD"), Organisation.objects.get(code="CSB")
    return {
        "advisor": make_user(Role.ADVISOR, organisation=Organisation.objects.get(code="DPO")),
        "officer": make_user(Role.OFFICER, organisation=fehd),
        "colleague": make_user(Role.OFFICER, organisation=fehd),
        "departed": make_user(Role.OFFICER, organisation=fehd, is_active=False),
        "outsider": make_user(Role.OFFICER, organisation=csb),
        "fehd": fehd,
    }


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def compose(client: Client, organisation: Organisation, **items) -> Briefing:
    response = client.post(
        "/en/events/briefings/new/",
        {
            "title": "AI for licensing counters",
            "title_zh_hant": "發牌櫃檯的人工智能",
            "introduction": "Three things worth a look before your pilot.",
            "introduction_zh_hant": "試行前值得一看的三項內容。",
            "organisations": [organisation.pk],
            **{name: [item.pk for item in chosen] for name, chosen in items.items()},
        },
    )
    assert response.status_code == 302, response.content.decode()
    return Briefing.objects.latest("pk")


def test_dpo_composes_and_sends_a_briefing_once_in_each_readers_language(
    people, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.update_or_create(
        user=people["colleague"], defaults={"language": "zh-hant"}
    )
    solution = SolutionFactory(name="MinuteMate", name_zh_hant="會議記錄助手")
    story = StoryFactory(title="Minutes in half the time")
    guide = ResourceFactory(title="Procurement guide")
    start = timezone.now() + timedelta(days=10)
    event = Event.objects.create(
        kind=Event.Kind.FORUM,
        title="Forum",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        live=True,
    )
    dpo = client_for(people["advisor"])
    briefing = compose(
        dpo,
        people["fehd"],
        solutions=[solution],
        cases=[story],
        resources=[guide],
        events=[event],
    )
    assert briefing.created_by == people["advisor"] and briefing.sent_at is None
    # Before it is sent, officers of the B/D do not see it.
    officer = client_for(people["officer"])
    assert officer.get(briefing.get_absolute_url()).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        response = dpo.post(f"/en/events/briefings/{briefing.pk}/send/", follow=True)
    assert "Officers notified: 2" in response.content.decode()
    sent = Notification.objects.filter(kind="events.briefing")
    assert sorted(n.recipient_id for n in sent) == sorted(
        [people["officer"].pk, people["colleague"].pk]
    )
    english = sent.get(recipient=people["officer"])
    assert english.title == "Briefing from DPO: AI for licensing counters"
    assert "Three things worth a look" in english.body and "MinuteMate" in english.body
    [chinese] = [m for m in mail.outbox if m.to == [people["colleague"].email]]
    assert chinese.subject == "數字政策辦公室簡報：發牌櫃檯的人工智能"
    assert "試行前值得一看的三項內容。" in chinese.body and "會議記錄助手" in chinese.body

    # A second send is refused and notifies nobody.
    with django_capture_on_commit_callbacks(execute=True):
        response = dpo.post(f"/en/events/briefings/{briefing.pk}/send/", follow=True)
    assert "This briefing has already been sent." in response.content.decode()
    assert Notification.objects.filter(kind="events.briefing").count() == 2

    page = officer.get(briefing.get_absolute_url())
    assert page.status_code == 200
    assert "MinuteMate" in page.content.decode()
    assert "AI for licensing counters" in officer.get("/en/events/briefings/").content.decode()
    assert "AI for licensing counters" in dpo.get("/en/events/briefings/").content.decode()


def test_officers_cannot_compose_or_send_and_other_bds_never_see_a_briefing(people):
    solution = SolutionFactory(name="MinuteMate")
    briefing = compose(client_for(people["advisor"]), people["fehd"], solutions=[solution])
    officer = client_for(people["officer"])
    assert officer.get("/en/events/briefings/new/").status_code == 403
    assert officer.post(f"/en/events/briefings/{briefing.pk}/send/").status_code == 404
    Briefing.objects.filter(pk=briefing.pk).update(sent_at=timezone.now())
    assert officer.post(f"/en/events/briefings/{briefing.pk}/send/").status_code == 403

    outsider = client_for(people["outsider"])
    assert outsider.get(briefing.get_absolute_url()).status_code == 404
    assert outsider.post(f"/en/events/briefings/{briefing.pk}/send/").status_code == 404
    assert "AI for licensing" not in outsider.get("/en/events/briefings/").content.decode()
    assert Client().get("/en/events/briefings/").status_code == 302


def test_a_briefing_points_only_to_published_items_open_to_all(people):
    restricted = ResourceFactory(title="DPO only", visibility=Resource.Visibility.RESTRICTED)
    draft = SolutionFactory(name="Draft", live=False)
    dpo = client_for(people["advisor"])
    form = dpo.get("/en/events/briefings/new/").content.decode()
    assert "DPO only" not in form and "Draft" not in form
    response = dpo.post(
        "/en/events/briefings/new/",
        {
            "title": "x",
            "introduction": "y",
            "organisations": [people["fehd"].pk],
            "resources": [restricted.pk],
            "solutions": [draft.pk],
        },
    )
    assert response.status_code == 200 and not Briefing.objects.exists()


def test_the_demo_subscribes_the_officer_and_sends_one_briefing_once():
    from aiplus.accounts import demo as accounts_demo
    from aiplus.accounts.models import User
    from aiplus.events import demo
    from aiplus.events.models import DigestSubscription

    accounts_demo.load(log=lambda line: None)
    demo.load(log=lambda line: None)
    demo.load(log=lambda line: None)
    officer = User.objects.get(username="officer")
    assert DigestSubscription.objects.get(user=officer).frequency == "weekly"
    briefing = Briefing.objects.get()
    assert briefing.sent_at is not None and briefing.events.exists()
    assert Notification.objects.filter(recipient=officer, kind="events.briefing").count() == 1
