"""What the resource library puts into search: published files that could be read, with their
extracted text page by page, under the same visibility rule as the library."""

from collections.abc import Collection, Iterator

from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from aiplus.accounts.models import AnyUser
from aiplus.accounts.roles import Role
from aiplus.resources.extraction.text import PAGE_BREAK
from aiplus.resources.models import Resource
from aiplus.resources.selectors import visible_resources
from aiplus.search.models import Access
from aiplus.search.registry import (
    Entry,
    Kind,
    Section,
    Source,
    translated_sections,
    translated_titles,
)
from aiplus.search.tokens import is_chinese

ACCESS = {
    Resource.Visibility.PUBLIC: Access.PUBLIC,
    Resource.Visibility.SIGNED_IN: Access.SIGNED_IN,
    Resource.Visibility.RESTRICTED: Access.RESTRICTED,
}
# Editors and administrators see every resource (resources.permissions).
MANAGERS = (f"role:{Role.EDITOR.value}", f"role:{Role.ADMINISTRATOR.value}")


def _indexable() -> QuerySet[Resource]:
    return Resource.objects.filter(is_published=True).exclude(
        extraction_status=Resource.Extraction.FAILED
    )


def _page_sections(resource: Resource) -> list[Section]:
    pages = resource.extracted_text.split(PAGE_BREAK)
    sections = []
    for number, text in enumerate(pages, start=1):
        if not text.strip():
            continue
        language = "zh-hant" if is_chinese(text[:2000]) else "en"
        heading = ""
        if len(pages) > 1:
            with translation.override(language):
                heading = gettext("Page %(number)d") % {"number": number}
        sections.append(Section(text, language, heading=heading))
    return sections


def _entry(resource: Resource) -> Entry:
    with translation.override("en"):
        url = resource.get_absolute_url()
    grants: tuple[str, ...] = ()
    if resource.visibility == Resource.Visibility.RESTRICTED:
        grants = (
            *MANAGERS,
            *(f"role:{name}" for name in resource.allowed_roles.values_list("name", flat=True)),
            *(f"org:{pk}" for pk in resource.allowed_organisations.values_list("pk", flat=True)),
        )
    return Entry(
        key=str(resource.pk),
        kind="resource",
        titles=translated_titles(resource),
        url=url,
        sections=[
            *translated_sections(resource, {"description": _("Description")}),
            *_page_sections(resource),
        ],
        access=ACCESS[Resource.Visibility(resource.visibility)],
        grants=grants,
    )


def entries() -> Iterator[Entry]:
    for resource in _indexable().order_by("pk").iterator(chunk_size=100):
        yield _entry(resource)


def entry(key: str) -> Entry | None:
    resource = _indexable().filter(pk=key).first() if key.isdigit() else None
    return _entry(resource) if resource else None


def visible(user: AnyUser, keys: Collection[str]) -> set[str]:
    ids = [int(key) for key in keys if key.isdigit()]
    return {
        str(pk) for pk in visible_resources(user).filter(pk__in=ids).values_list("pk", flat=True)
    }


SOURCE = Source(
    name="resource",
    kinds=(Kind("resource", _("Resources")),),
    entries=entries,
    entry=entry,
    visible=visible,
    watch=(Resource,),
)
