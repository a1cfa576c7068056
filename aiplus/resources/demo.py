"""Demo resources: documents generated for the demo (seminar slides, a guide, a checklist, a
data sheet), one of them restricted to editors and the Digital Policy Office."""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from aiplus.accounts.models import Organisation
from aiplus.accounts.roles import Role
from aiplus.cases.models import Case
from aiplus.catalogue.models import Solution
from aiplus.core.translated import pick_translations
from aiplus.resources import samples, services
from aiplus.resources.models import Resource

DEMO_RESOURCES: list[dict[str, Any]] = [
    {
        "file": "ai-meeting-minutes-forum.pptx",
        "title": "Forum: AI meeting minutes and collaboration (slides)",
        "title_zh_hant": "論壇：人工智能會議記錄及協作（簡報）",
        "description": "Slides from the demo forum on voice-to-text and AI-drafted minutes.",
        "description_zh_hant": "示範論壇有關語音轉文字及人工智能草擬會議記錄的簡報。",
        "kind": Resource.Kind.SLIDES,
        "build": lambda: samples.make_pptx(
            "AI meeting minutes and collaboration",
            [
                (
                    "Why minutes take so long",
                    "Each hour of meeting takes about three hours to write up.",
                ),
                (
                    "What AI does",
                    "Speech-to-text, speaker labels, a first draft with action items.",
                ),
                (
                    "What people still do",
                    "Check names, decisions and wording; approve the minutes.",
                ),
            ],
        ),
        "solutions": ["minutemate", "open-minutes-kit"],
        "cases": ["csb-meeting-minutes"],
    },
    {
        "file": "guide-to-adopting-ai.pdf",
        "title": "A short guide to adopting AI in your department",
        "title_zh_hant": "部門採用人工智能簡明指南",
        "description": "From the problem to a pilot: questions to ask before buying an AI solution.",
        "description_zh_hant": "由界定問題到試行：採購人工智能方案前應考慮的問題。",
        "kind": Resource.Kind.GUIDE,
        "build": lambda: samples.make_pdf(
            [
                [
                    "A short guide to adopting AI",
                    "1. Start from the work, not the tool.",
                    "2. Measure the hours the task takes today.",
                ],
                [
                    "3. Pilot with a small team for two weeks.",
                    "4. Check data classification first.",
                    "5. Ask DPO for technical advice.",
                ],
            ]
        ),
        "solutions": [],
        "cases": [],
    },
    {
        "file": "chatbot-readiness-checklist.docx",
        "title": "Chatbot readiness checklist",
        "title_zh_hant": "聊天機械人準備清單",
        "description": "Check your published answers and hand-over arrangements before launching a chatbot.",
        "description_zh_hant": "推出聊天機械人前，檢查已發布的答案及轉交安排。",
        "kind": Resource.Kind.TEMPLATE,
        "build": lambda: samples.make_docx(
            "Chatbot readiness checklist",
            [
                "Are the 50 most common questions answered on your website?",
                "Who takes over when the chatbot is unsure?",
                "How will you review unanswered questions each week?",
            ],
        ),
        "solutions": ["askgov-assistant"],
        "cases": ["fehd-enquiry-chatbot"],
    },
    {
        "file": "pilot-hours-baseline.xlsx",
        "title": "Pilot baseline: hours per task (restricted)",
        "title_zh_hant": "試行基線：每項工作所需工時（限閱）",
        "description": "Working figures for pilot planning; restricted to editors and the Digital Policy Office.",
        "description_zh_hant": "試行規劃的工作數字；只限編輯及數字政策辦公室閱覽。",
        "kind": Resource.Kind.DATA,
        "build": lambda: samples.make_xlsx(
            "Baseline", [["Task", "Hours per month"], ["Minutes", 120], ["Hotline records", 300]]
        ),
        "solutions": [],
        "cases": [],
        "restricted": True,
    },
]


def load(*, log: Callable[[str], None]) -> None:
    for item in DEMO_RESOURCES:
        resource = Resource.objects.filter(original_name=item["file"]).first()
        is_new = resource is None
        resource = resource or Resource(original_name=item["file"])
        for field, value in pick_translations(item, Resource).items():
            setattr(resource, field, value)
        resource.kind = item["kind"]
        resource.published_on = date(2026, 10, 15)
        resource.visibility = (
            Resource.Visibility.RESTRICTED if item.get("restricted") else Resource.Visibility.PUBLIC
        )
        if is_new:
            data = item["build"]()
            resource.file.save(item["file"], ContentFile(data), save=False)
            resource.file_type = item["file"].rsplit(".", 1)[1]
            resource.size_bytes = len(data)
        resource.save()
        resource.solutions.set(Solution.objects.filter(slug__in=item["solutions"]))
        resource.cases.set(Case.objects.filter(slug__in=item["cases"]))
        if item.get("restricted"):
            resource.allowed_roles.set(Group.objects.filter(name=Role.EDITOR.value))
            resource.allowed_organisations.set(Organisation.objects.filter(code="DPO"))
        if is_new:
            services.extract(resource_id=resource.pk)
    log(f"{len(DEMO_RESOURCES)} resources")
