"""What cases put into search: published Hong Kong stories and imported use cases."""

from collections.abc import Collection, Iterator

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from aiplus.accounts.models import AnyUser
from aiplus.cases.models import Case
from aiplus.cases.models import Collection as CaseCollection
from aiplus.cases.selectors import live_cases
from aiplus.search.registry import (
    Entry,
    Kind,
    Section,
    Source,
    translated_sections,
    translated_titles,
)

SECTIONS = {
    "summary": _("In brief"),
    "problem": _("The challenge"),
    "technology": _("What was done"),
    "management": _("What was done"),
    "outcome": _("Results"),
    "learnings": _("Learnings"),
}
ANCHORS = {
    "summary": "#in-brief",
    "problem": "#problem",
    "technology": "#what-was-done",
    "management": "#what-was-done",
    "outcome": "#results",
    "learnings": "#learnings",
}
KIND = {CaseCollection.STORY: "story", CaseCollection.INVENTORY: "use_case"}


def _entry(case: Case) -> Entry:
    with translation.override("en"):
        url = case.get_absolute_url()
    sections = translated_sections(case, SECTIONS, anchors=ANCHORS)
    reported_by = case.organisation.name if case.organisation else case.source_organisation
    if reported_by:  # so "Immigration Department" finds its cases
        sections.append(Section(reported_by, "en", heading="", anchor=""))
    return Entry(
        key=str(case.pk),
        kind=KIND.get(CaseCollection(case.collection), "story"),
        titles=translated_titles(case),
        url=url,
        sections=sections,
    )


def entries() -> Iterator[Entry]:
    cases = live_cases().select_related("organisation").order_by("pk")
    for case in cases.iterator(chunk_size=500):
        yield _entry(case)


def entry(key: str) -> Entry | None:
    case = (
        live_cases().select_related("organisation").filter(pk=key).first()
        if key.isdigit()
        else None
    )
    return _entry(case) if case else None


def visible(user: AnyUser, keys: Collection[str]) -> set[str]:
    ids = [int(key) for key in keys if key.isdigit()]
    return {str(pk) for pk in live_cases().filter(pk__in=ids).values_list("pk", flat=True)}


SOURCE = Source(
    name="case",
    kinds=(Kind("story", _("Success stories")), Kind("use_case", _("Use cases"))),
    entries=entries,
    entry=entry,
    visible=visible,
    watch=(Case,),
)
