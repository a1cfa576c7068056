"""Minutes as a PDF laid out as government minutes, in English and Traditional Chinese: drawn
in the hub's CJK font, audited like the other exports, and nobody else's to download."""

import io
from datetime import date

import pytest
from pypdf import PdfReader

from aiplus.accounts.roles import Role
from aiplus.audit.models import AuditEvent
from aiplus.meetings import drafting, layout
from aiplus.meetings.export import blocks, pdf_from_markdown
from aiplus.meetings.models import Meeting, Minutes, Segment

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(officer):
    meeting = Meeting.objects.create(
        owner=officer,
        title="Hotline review",
        held_on=date(2026, 11, 20),
        source="transcript",
        attendees="Chan Tai Man, Chairman\nWong Siu Ming, SEO\n- Lee Ka Yan, EO",
        agenda="Hotline backlog",
    )
    Segment.objects.create(meeting=meeting, position=1, speaker="Chan", text="The backlog fell.")
    return meeting


def _draft() -> drafting.Draft:
    return drafting.Draft(
        points=[drafting.Item("The Chairman said that the backlog fell.", [1], agenda_item=1)],
        decisions=[drafting.Item("The chatbot stays.", [1], agenda_item=1)],
        actions=[drafting.Item("Send the hotline report", [1], owner="Wong Siu Ming", due="Fri")],
    )


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            ["HOTLINE REVIEW", "Present", "Absent with apologies", "1.", "Action by", "Fri"],
        ),
        ("zh-hant", ["出席者", "因事缺席", "負責人", "會議同意", "Wong Siu Ming"]),
    ],
)
def test_the_pdf_is_laid_out_as_government_minutes(client, officer, meeting, language, expected):
    text = layout.render(meeting, _draft(), template="formal", language=language)
    minutes = Minutes.objects.create(meeting=meeting, text=text, language=language, status="draft")
    client.force_login(officer)
    response = client.get(f"/en/meetings/{meeting.uid}/minutes/{minutes.pk}/minutes.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="hotline-review.pdf"'
    content = _text(response.content)
    for words in expected:
        assert words in content, words
    assert AuditEvent.objects.filter(
        action="export", target__contains=str(meeting.uid), details__format="pdf"
    ).exists()


def test_the_pdf_and_the_word_file_read_the_markdown_alike():
    text = (
        "# Review\n\n## Present\n\n- Chan\n\n## Item\n\n**The meeting agreed that:**\n\n"
        "| Action | Action by |\n|---|---|\n| Write [3] | Wong |\n| Short row |\n"
    )
    kinds = [(b.kind, b.number) for b in blocks(text)]
    assert kinds == [
        ("title", 0),
        ("heading", 1),
        ("bullet", 0),
        ("heading", 2),
        ("paragraph", 0),
        ("table", 0),
    ]
    table = list(blocks(text))[-1]
    assert table.rows == [["Action", "Action by"], ["Write [3]", "Wong"], ["Short row", ""]]
    content = _text(pdf_from_markdown(text))
    assert "REVIEW" in content and "The meeting agreed that:" in content and "**" not in content


def test_hostile_text_in_the_minutes_is_drawn_as_text(client, officer, meeting):
    hostile = "# <script>alert(1)</script>\n\n- ) Tj /JavaScript << >> [1]\n\n| a |\n|---|\n"
    minutes = Minutes.objects.create(meeting=meeting, text=hostile, status="draft")
    client.force_login(officer)
    response = client.get(f"/en/meetings/{meeting.uid}/minutes/{minutes.pk}/minutes.pdf")
    assert "<SCRIPT>ALERT(1)</SCRIPT>" in _text(response.content)
    assert b"/JavaScript" not in response.content


def test_others_get_404_and_the_shared_get_the_pdf(client, officer, meeting, make_user):
    minutes = Minutes.objects.create(meeting=meeting, text="# Review\n", status="draft")
    address = f"/en/meetings/{meeting.uid}/minutes/{minutes.pk}/minutes.pdf"
    reader = make_user(Role.OFFICER)
    meeting.shares.create(user=reader)
    for role in (Role.OFFICER, Role.ADMINISTRATOR):
        client.force_login(make_user(role))
        assert client.get(address).status_code == 404
    assert not AuditEvent.objects.filter(action="export").exists()
    client.force_login(reader)
    assert client.get(address).status_code == 200
