"""What the assistant puts into search: each assistant's FAQ and documents, under a grant only
that assistant's retrieval holds (`knowledge:<id>`), so a department's knowledge never shows
in the hub's own search and one assistant never answers from another's."""

from collections.abc import Collection, Iterator

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from aiplus.accounts.models import AnyUser
from aiplus.assistant.models import KnowledgeItem
from aiplus.core.translated import LANGUAGE_SUFFIXES
from aiplus.search.models import Access
from aiplus.search.registry import Entry, Kind, Section, Source, translated_titles

NAME = "knowledge"


def _sections(item: KnowledgeItem) -> list[Section]:
    sections = []
    for language, suffix in LANGUAGE_SUFFIXES.items():
        title = getattr(item, "title" + suffix, "") or ""
        body = getattr(item, "body" + suffix, "") or ""
        if not body.strip() or (language == "en" and body == item.body_zh_hant):
            continue
        # A FAQ is found by its question as much as by its answer.
        text = f"{title}\n{body}" if item.kind == KnowledgeItem.Kind.FAQ else body
        sections.append(Section(text, language, heading=title, anchor="#" + item.anchor))
    return sections


def _entry(item: KnowledgeItem) -> Entry:
    with translation.override("en"):
        url = reverse("assistant:sources", args=[item.assistant.slug])
    return Entry(
        key=str(item.pk),
        kind=NAME,
        titles=translated_titles(item),
        url=url,
        sections=_sections(item),
        access=Access.RESTRICTED,
        grants=(item.assistant.knowledge_token,),
    )


def _entries() -> Iterator[Entry]:
    for item in KnowledgeItem.objects.filter(assistant__live=True).select_related("assistant"):
        yield _entry(item)


def _one(key: str) -> Entry | None:
    item = (
        KnowledgeItem.objects.filter(pk=key, assistant__live=True)
        .select_related("assistant")
        .first()
        if key.isdigit()
        else None
    )
    return _entry(item) if item is not None else None


def _visible(user: AnyUser, keys: Collection[str]) -> set[str]:
    wanted = [int(key) for key in keys if key.isdigit()]
    live = KnowledgeItem.objects.filter(pk__in=wanted, assistant__live=True)
    return {str(pk) for pk in live.values_list("pk", flat=True)}


SOURCE = Source(
    name=NAME,
    kinds=(Kind(NAME, _("Assistant knowledge")),),
    entries=_entries,
    entry=_one,
    visible=_visible,
    watch=(KnowledgeItem,),
)
