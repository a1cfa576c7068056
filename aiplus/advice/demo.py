"""Demo advice requests from the demo officer (Food and Environmental Hygiene Department), one
in each part of the workflow, with DPO's demo advisor answering. Made through the services,
then dated back so that the response-time clocks have something to show (one is overdue)."""

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from aiplus.accounts.models import User
from aiplus.advice import services
from aiplus.advice.models import AdviceRequest, Message
from aiplus.advice.workflow import Status
from aiplus.catalogue.models import Solution

REQUESTS: list[dict[str, Any]] = [
    {
        "title": "Answering hygiene hotline enquiries in Cantonese",
        "workflow": (
            "Twelve officers answer the hotline and the enquiry mailbox. Most questions are "
            "about refuse collection times, hawker licences and pest control, answered from "
            "an internal FAQ of about 400 entries."
        ),
        "volumes": "About 9,000 calls and 3,500 e-mails a month; peaks after rainstorms.",
        "pain_points": "Callers wait up to 8 minutes at peak; officers repeat the same answers.",
        "languages": ["traditional-chinese", "english", "cantonese-speech"],
        "budget": "Up to HK$1.2 million for a one-year pilot",
        "time_frame": "Pilot in the second half of 2026",
        "solution": "askgov-assistant",
        "days_ago": 2,
        "steps": [],
    },
    {
        "title": "Drafting minutes of district hygiene liaison meetings",
        "workflow": (
            "An executive officer records each meeting and drafts minutes by hand from the "
            "recording, then the chairman clears them."
        ),
        "volumes": "18 districts, one meeting a month each, about two hours long.",
        "pain_points": "A draft takes a day and a half; action items are tracked in a spreadsheet.",
        "languages": ["traditional-chinese", "cantonese-speech"],
        "budget": "Within the existing IT block vote",
        "time_frame": "Before the next financial year",
        "solution": "minutemate",
        "days_ago": 30,
        "steps": [
            (29, "triage", "Thank you. Wing-yan Cheung will advise you on this request."),
            (27, Status.IN_PROGRESS, ""),
        ],
        "recommend": [
            ("minutemate", "Handles Cantonese recordings and drafts minutes in Chinese."),
        ],
        "note": "Check whether their recordings leave the office network; CONFIDENTIAL items?",
    },
    {
        "title": "Checking hawker licence applications for missing documents",
        "workflow": (
            "Clerical staff check each application form and its supporting documents against "
            "a checklist before an officer assesses it."
        ),
        "volumes": "About 600 applications a month, 5 to 15 pages each.",
        "pain_points": "One in four applications comes back for missing documents.",
        "languages": ["traditional-chinese", "english"],
        "budget": "",
        "time_frame": "No fixed date",
        "solution": "formreader",
        "days_ago": 12,
        "steps": [
            (11, "triage", ""),
            (10, Status.IN_PROGRESS, ""),
            (
                8,
                Status.AWAITING_BD,
                "Could you share five anonymised sample applications and the checklist?",
            ),
        ],
    },
    {
        "title": "Sorting public complaints by subject and district",
        "workflow": "Complaints arrive by e-mail, 1823 and letters; a team sorts them by hand.",
        "volumes": "About 4,000 complaints a month.",
        "pain_points": "Sorting takes three officers full time; urgent cases wait in the pile.",
        "languages": ["traditional-chinese", "english", "simplified-chinese"],
        "budget": "About HK$800,000",
        "time_frame": "This financial year",
        "solution": None,
        "days_ago": 40,
        "steps": [
            (39, "triage", ""),
            (37, Status.IN_PROGRESS, ""),
            (30, Status.ADVISED, "Advice sent: start with a pilot on e-mail complaints."),
            (28, Status.CLOSED, ""),
        ],
        "recommend": [("recordsort", "Classifies documents by subject with a review step.")],
        "rating": 4,
    },
]


def load(*, log: Callable[[str], None]) -> None:
    officer = User.objects.filter(username="officer").first()
    advisor = User.objects.filter(username="advisor").first()
    if officer is None or advisor is None:
        return
    made = 0
    for spec in REQUESTS:
        if AdviceRequest.objects.filter(requester=officer, title=spec["title"]).exists():
            continue
        _make(spec, officer=officer, advisor=advisor)
        made += 1
    if made:
        log(f"{made} demo advice requests")


def _make(spec: dict[str, Any], *, officer: User, advisor: User) -> None:
    now = timezone.now()
    slug = spec["solution"]
    request = services.submit_request(
        requester=officer,
        title=spec["title"],
        workflow=spec["workflow"],
        volumes=spec["volumes"],
        pain_points=spec["pain_points"],
        languages=spec["languages"],
        budget=spec["budget"],
        time_frame=spec["time_frame"],
        solution=Solution.objects.filter(slug=slug, live=True).first() if slug else None,
    )
    moments = [now - timedelta(days=spec["days_ago"])]
    written: list[tuple[Message, datetime]] = []
    for days_ago, step, text in spec["steps"]:
        moment = now - timedelta(days=days_ago)
        if step == "triage":
            services.triage(request=request, by=advisor, advisor=advisor)
        elif step == Status.CLOSED:
            services.change_status(request=request, to=step, by=officer, rating=spec["rating"])
        else:
            services.change_status(request=request, to=step, by=advisor)
        moments.append(moment)
        if text:
            written.append((services.post_message(request=request, by=advisor, body=text), moment))
    for solution_slug, why in spec.get("recommend", []):
        solution = Solution.objects.filter(slug=solution_slug, live=True).first()
        if solution is not None:
            services.recommend(request=request, by=advisor, solution=solution, note=why)
    if spec.get("note"):
        services.add_note(request=request, by=advisor, body=spec["note"])
    _date_back(request, moments, written)


def _date_back(
    request: AdviceRequest, moments: list[datetime], written: list[tuple[Message, datetime]]
) -> None:
    """Put the history and the messages written with each step at the demo's dates."""
    AdviceRequest.objects.filter(pk=request.pk).update(submitted_at=moments[0])
    for change, moment in zip(request.status_changes.order_by("at", "pk"), moments, strict=False):
        change.at = moment
        change.save(update_fields=["at"])
    for message, moment in written:
        Message.objects.filter(pk=message.pk).update(created_at=moment)
    Message.objects.filter(request=request, internal=True).update(created_at=moments[-1])
    services.refresh_clocks(requests=AdviceRequest.objects.filter(pk=request.pk))
