"""Demo events: the seminar "Embracing Artificial Intelligence in the Civil Service" (24 June,
about 120 directorate officers), the first forum of the AI+ Civil Services Technology Forum
Series, "Smart Governance Era – Digital Agents & Smart Meetings for Efficiency" (8 August,
co-organised by DPO, Cyberport, HKPC and HKSTP), and coming events open for registration."""

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from aiplus.events.models import Event, Series

HONG_KONG = ZoneInfo("Asia/Hong_Kong")


def _at(day: datetime, hour: int, minute: int = 0) -> datetime:
    return day.replace(hour=hour, minute=minute, second=0, microsecond=0, tzinfo=HONG_KONG)


def load(*, log: Callable[[str], None]) -> None:
    _load_events(log=log)
    _load_digest_and_briefing(log=log)


def _load_events(*, log: Callable[[str], None]) -> None:
    if Event.objects.exists():
        return
    series, _created = Series.objects.get_or_create(
        title="AI+ Civil Services Technology Forum Series",
        defaults={
            "title_zh_hant": "AI+ 公務科技論壇系列",
            "description": "Thematic forums where bureaux and departments meet the technology "
            "sector on AI solutions that save staff time.",
            "description_zh_hant": "主題論壇，讓各決策局及部門與科技界交流可節省人手的人工智能方案。",
        },
    )
    year = timezone.localdate().year
    seminar = Event.objects.create(
        kind=Event.Kind.SEMINAR,
        title="Embracing Artificial Intelligence in the Civil Service",
        title_zh_hant="在公務員體系擁抱人工智能",
        summary="A seminar for directorate officers on leading the adoption of AI in their "
        "bureaux and departments: opportunities, governance and first steps.",
        summary_zh_hant="為首長級人員而設的研討會，探討如何在所屬決策局及部門帶領採用人工智能："
        "機遇、管治及第一步。",
        starts_at=_at(datetime(year, 6, 24), 14, 30),
        ends_at=_at(datetime(year, 6, 24), 17, 0),
        venue="Central Government Offices, Tamar",
        venue_zh_hant="添馬政府總部",
        audience=Event.Audience.DIRECTORATE,
        capacity=150,
        attendance_reported=120,
        live=True,
    )
    forum = Event.objects.create(
        kind=Event.Kind.FORUM,
        series=series,
        title="Smart Governance Era – Digital Agents & Smart Meetings for Efficiency",
        title_zh_hant="智慧治理新紀元——數碼代理及智能會議提升效率",
        summary="The first forum of the series: solutions for AI digital agents in customer "
        "service and for AI meeting minutes, with demonstrations by technology companies.",
        summary_zh_hant="系列首個論壇：介紹人工智能數碼代理客戶服務及人工智能會議記錄方案，並由"
        "科技公司示範。",
        themes="Digital agents for customer service\nSmart meetings: AI minutes and collaboration",
        themes_zh_hant="客戶服務數碼代理\n智能會議：人工智能會議記錄及協作",
        co_organisers="Digital Policy Office, Cyberport, Hong Kong Productivity Council, "
        "Hong Kong Science and Technology Parks Corporation",
        co_organisers_zh_hant="數字政策辦公室、數碼港、香港生產力促進局、香港科技園公司",
        starts_at=_at(datetime(year, 8, 8), 9, 30),
        ends_at=_at(datetime(year, 8, 8), 12, 30),
        venue="Cyberport Conference Hall",
        venue_zh_hant="數碼港會議廳",
        capacity=300,
        live=True,
    )
    from aiplus.resources.models import Resource

    forum.materials.set(Resource.objects.filter(original_name="ai-meeting-minutes-forum.pptx"))
    soon = timezone.localtime() + timedelta(days=21)
    Event.objects.create(
        kind=Event.Kind.FORUM,
        series=series,
        title="AI for Document Processing and Knowledge Search",
        title_zh_hant="人工智能文件處理及知識搜尋",
        summary="The next forum of the series: reading forms, searching records and answering "
        "enquiries from departmental knowledge.",
        summary_zh_hant="系列下一個論壇：表格識別、檔案搜尋，以及以部門知識回答查詢。",
        starts_at=_at(soon, 9, 30),
        ends_at=_at(soon, 12, 0),
        venue="Hong Kong Science Park",
        venue_zh_hant="香港科學園",
        online_url="https://meet.example.gov.hk/forum-2",
        capacity=200,
        registration_deadline=_at(soon - timedelta(days=3), 18, 0),
        live=True,
    )
    workshop_day = timezone.localtime() + timedelta(days=35)
    Event.objects.create(
        kind=Event.Kind.WORKSHOP,
        title="Hands-on: drafting minutes with Smart Minutes",
        title_zh_hant="實務工作坊：以智能會議記錄草擬會議記錄",
        summary="Bring a recording or a transcript; leave with minutes you checked yourself.",
        summary_zh_hant="帶備錄音或文字記錄，即場製作並親自核對會議記錄。",
        starts_at=_at(workshop_day, 14, 30),
        ends_at=_at(workshop_day, 16, 30),
        venue="Digital Policy Office training room",
        venue_zh_hant="數字政策辦公室培訓室",
        capacity=20,
        live=True,
    )
    log(f"4 demo events ({seminar.title}; {forum.title}; and two coming up)")


DEMO_BRIEFING = "AI for licensing and enquiry counters"


def _load_digest_and_briefing(*, log: Callable[[str], None]) -> None:
    """A weekly digest for the demo officer, and one briefing DPO sent to their department."""
    from aiplus.accounts.models import User
    from aiplus.events import briefings, digests
    from aiplus.events.models import Briefing, DigestSubscription

    officer = User.objects.filter(username="officer").select_related("organisation").first()
    advisor = User.objects.filter(username="advisor").first()
    if officer is None or advisor is None or officer.organisation is None:
        return
    if not DigestSubscription.objects.filter(user=officer).exists():
        digests.save_subscription(
            user=officer,
            frequency=DigestSubscription.Frequency.WEEKLY,
            kinds=list(DigestSubscription.Kind.values),
            tasks=[],
            topics="minutes, chatbot, 會議記錄",
        )
        log("a weekly digest for the demo officer")
    if Briefing.objects.filter(title=DEMO_BRIEFING).exists():
        return
    offered = briefings.offered_items()
    try:
        briefing = briefings.create_briefing(
            author=advisor,
            texts={
                "title": DEMO_BRIEFING,
                "title_zh_hant": "發牌及查詢櫃檯的人工智能",
                "introduction": "Ahead of your pilot, here are the solutions, a colleague "
                "department's experience and the next forum we think are worth your time.",
                "introduction_zh_hant": "在你們試行之前，我們挑選了值得一看的方案、其他部門的經驗，"
                "以及下一個論壇。",
            },
            organisations=[officer.organisation],
            solutions=list(offered["solutions"][:2]),
            cases=list(offered["cases"][:1]),
            resources=list(offered["resources"][:1]),
            events=list(offered["events"][:1]),
        )
    except briefings.BriefingError:
        return  # nothing published to point to
    briefings.send_briefing(briefing=briefing, sender=advisor)
    log(f"1 briefing sent to {officer.organisation.code}")
