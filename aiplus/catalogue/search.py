"""What the catalogue puts into search: every published solution."""

from collections.abc import Collection, Iterator

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from aiplus.accounts.models import AnyUser
from aiplus.catalogue.models import Solution
from aiplus.catalogue.selectors import live_solutions
from aiplus.search.registry import Entry, Kind, Source, translated_sections, translated_titles

SECTIONS = {
    "summary": _("Summary"),
    "problem": _("The problem it solves"),
    "description": _("What it does"),
}
ANCHORS = {"problem": "#problem", "description": "#description"}


def _entry(solution: Solution) -> Entry:
    with translation.override("en"):
        url = solution.get_absolute_url()
    return Entry(
        key=str(solution.pk),
        kind="solution",
        titles=translated_titles(solution, "name"),
        url=url,
        sections=translated_sections(solution, SECTIONS, anchors=ANCHORS),
    )


def entries() -> Iterator[Entry]:
    for solution in live_solutions().order_by("pk").iterator(chunk_size=500):
        yield _entry(solution)


def entry(key: str) -> Entry | None:
    solution = live_solutions().filter(pk=key).first() if key.isdigit() else None
    return _entry(solution) if solution else None


def visible(user: AnyUser, keys: Collection[str]) -> set[str]:
    ids = [int(key) for key in keys if key.isdigit()]
    return {str(pk) for pk in live_solutions().filter(pk__in=ids).values_list("pk", flat=True)}


SOURCE = Source(
    name="solution",
    kinds=(Kind("solution", _("Solutions")),),
    entries=entries,
    entry=entry,
    visible=visible,
    watch=(Solution,),
)
