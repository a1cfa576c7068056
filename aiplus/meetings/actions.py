"""Action items become tracked tasks when minutes are approved: read from the minutes' action
table (as the owner left it after editing), each given to the hub user of that name when there
is exactly one, with its due date read from the text where it is a date. Open actions are
listed on each person's "my actions" page, reminded the day before they are due, and carried
into the next meeting of the same name as matters arising."""

import re
from datetime import date, datetime, timedelta

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aiplus.accounts.models import AnyUser, User
from aiplus.meetings.models import ActionItem, Meeting, Minutes
from aiplus.meetings.rendering import CITATION, cited_numbers, table_row
from aiplus.notifications.services import notify

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
HEADER_WORDS = {"action", "actions", "事項", "跟進事項"}


def table_rows(text: str) -> list[tuple[str, str, str, list[int]]]:
    """(task, owner, due, cited turns) for each row of the minutes' action table(s)."""
    rows = []
    for line in text.splitlines():
        if not line.lstrip().startswith("|"):
            continue
        cells = table_row(line)
        if cells is None or len(cells) < 3:
            continue
        task, owner, due = cells[0], cells[1], cells[2]
        if task.casefold() in HEADER_WORDS:
            continue
        turns = cited_numbers(task)
        task = " ".join(CITATION.sub("", task).split())
        if task:
            rows.append((task, "" if owner == "-" else owner, "" if due == "-" else due, turns))
    return rows


def parse_due(text: str, *, after: date) -> date | None:
    """A date in the text (2026-12-15, 15/12/2026, 15 December, December 15 [2026], 12月15日),
    the year guessed as the first one on or after `after` when it is not given."""
    text = text.strip().casefold()
    if match := re.search(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
        return _date(int(match[1]), int(match[2]), int(match[3]))
    if match := re.search(r"(\d{1,2})/(\d{1,2})/(\d{4})", text):  # Hong Kong writes d/m/y
        return _date(int(match[3]), int(match[2]), int(match[1]))
    if match := re.search(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日", text):
        year = int(match[1]) if match[1] else None
        return _with_year(year, int(match[2]), int(match[3]), after)
    words = r"([a-z]+)\.?"
    for pattern, order in (
        (rf"(\d{{1,2}})(?:st|nd|rd|th)?(?: of)? {words}(?:,? (\d{{4}}))?", "dmy"),
        (rf"{words} (\d{{1,2}})(?:st|nd|rd|th)?(?:,? (\d{{4}}))?", "mdy"),
    ):
        for found in re.finditer(pattern, text):
            first, second, written_year = found.groups()
            day, month = (first, second) if order == "dmy" else (second, first)
            if month in MONTHS:
                year = int(written_year) if written_year else None
                return _with_year(year, MONTHS[month], int(day), after)
    return None


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _with_year(year: int | None, month: int, day: int, after: date) -> date | None:
    if year is not None:
        return _date(year, month, day)
    found = _date(after.year, month, day)
    if found is not None and found < after:
        found = _date(after.year + 1, month, day)
    return found


def hub_user_named(owner: str) -> User | None:
    """The one active hub user with this name (full name or user name), else nobody."""
    name = " ".join(owner.split())
    if not name:
        return None
    parts = name.split(" ", 1)
    query = Q(username__iexact=name)
    if len(parts) == 2:
        query |= Q(first_name__iexact=parts[0], last_name__iexact=parts[1])
        query |= Q(first_name__iexact=parts[1], last_name__iexact=parts[0])  # family name first
    matches = list(User.objects.filter(query, is_active=True)[:2])
    return matches[0] if len(matches) == 1 else None


def track(minutes: Minutes) -> list[ActionItem]:
    """Tracked actions from approved minutes (once: approving is final)."""
    meeting = minutes.meeting
    items = []
    for task, owner, due, turns in table_rows(minutes.text):
        items.append(
            ActionItem.objects.create(
                meeting=meeting,
                minutes=minutes,
                task=task[:500],
                owner_name=owner[:100],
                assignee=hub_user_named(owner),
                due_text=due[:100],
                due_on=parse_due(due, after=meeting.held_on),
                turns=turns,
            )
        )
    for item in items:
        if item.assignee is not None and item.assignee_id != meeting.owner_id:
            notify(
                recipients=[item.assignee],
                kind="meetings.action",
                subject=_("An action for you from “%(title)s”: %(task)s"),
                body=_("Due: %(due)s. Mark it done on your actions page when it is."),
                context={"title": meeting.title, "task": item.task, "due": item.due_text or "-"},
                url=reverse("meetings:actions"),
            )
    return items


def actions_for(user: AnyUser) -> QuerySet[ActionItem]:
    """Actions given to the user, and those of the meetings they own."""
    if not user.is_authenticated:
        return ActionItem.objects.none()
    return ActionItem.objects.filter(Q(assignee_id=user.pk) | Q(meeting__owner_id=user.pk))


def set_done(*, item: ActionItem, done: bool) -> None:
    item.status = ActionItem.Status.DONE if done else ActionItem.Status.OPEN
    item.done_at = timezone.now() if done else None
    item.save(update_fields=["status", "done_at"])


def matters_arising(meeting: Meeting) -> list[ActionItem]:
    """Open actions from the owner's earlier meetings of the same name."""
    return list(
        ActionItem.objects.filter(
            meeting__owner_id=meeting.owner_id,
            meeting__title__iexact=meeting.title,
            meeting__held_on__lt=meeting.held_on,
            status=ActionItem.Status.OPEN,
        ).order_by("due_on", "pk")
    )


def remind_due(*, now: datetime | None = None) -> int:
    """Remind whoever holds each open action due tomorrow or earlier (once each)."""
    now = now or timezone.now()
    due = ActionItem.objects.filter(
        status=ActionItem.Status.OPEN,
        reminded_at=None,
        due_on__lte=timezone.localdate(now) + timedelta(days=1),
    ).select_related("meeting__owner", "assignee")
    count = 0
    for item in due:
        notify(
            recipients=[item.assignee if item.assignee else item.meeting.owner],
            kind="meetings.action",
            subject=_("Action due %(due)s: %(task)s"),
            body=_("From the meeting “%(title)s”."),
            context={
                "due": str(item.due_on),
                "task": item.task,
                "title": item.meeting.title,
            },
            url=reverse("meetings:actions"),
        )
        ActionItem.objects.filter(pk=item.pk).update(reminded_at=now)
        count += 1
    return count
