"""What editable pages put into search: live pages open to everyone."""

from collections.abc import Collection, Iterator

from django.db.models import QuerySet
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from aiplus.accounts.models import AnyUser
from aiplus.core.translated import LANGUAGE_SUFFIXES
from aiplus.pages.models import StandardPage
from aiplus.search.registry import (
    Entry,
    Kind,
    Section,
    Source,
    translated_sections,
    translated_titles,
)


def _pages() -> QuerySet[StandardPage]:
    return StandardPage.objects.live().public()


def _body_sections(page: StandardPage) -> list[Section]:
    sections = []
    for language, suffix in LANGUAGE_SUFFIXES.items():
        body = getattr(page, "body" + suffix)
        if body:
            with translation.override(language):
                text = strip_tags(str(body))
            if text.strip():
                sections.append(Section(" ".join(text.split()), language))
    return sections


def _entry(page: StandardPage) -> Entry:
    with translation.override("en"):
        url = page.get_url() or ""
    return Entry(
        key=str(page.pk),
        kind="page",
        titles=translated_titles(page),
        url=url,
        sections=[*translated_sections(page, {"intro": ""}), *_body_sections(page)],
    )


def entries() -> Iterator[Entry]:
    for page in _pages().order_by("pk").iterator(chunk_size=100):
        yield _entry(page)


def entry(key: str) -> Entry | None:
    page = _pages().filter(pk=key).first() if key.isdigit() else None
    return _entry(page) if page else None


def visible(user: AnyUser, keys: Collection[str]) -> set[str]:
    ids = [int(key) for key in keys if key.isdigit()]
    return {str(pk) for pk in _pages().filter(pk__in=ids).values_list("pk", flat=True)}


SOURCE = Source(
    name="page",
    kinds=(Kind("page", _("Pages")),),
    entries=entries,
    entry=entry,
    visible=visible,
    watch=(StandardPage,),
)
