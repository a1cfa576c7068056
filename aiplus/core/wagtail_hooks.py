"""Wagtail's document library is switched off (docs/decisions/0008-wagtail-documents.md). Its
addresses are refused in `config/urls.py`; these hooks take it out of the admin's menu, the
dashboard and rich text, and refuse to serve a document even if an address were reachable."""

from typing import Any

from django.http import Http404
from wagtail import hooks
from wagtail.documents.wagtail_hooks import DocumentsSummaryItem


@hooks.register("construct_main_menu")
def hide_documents_menu_item(request: Any, menu_items: list[Any]) -> None:
    menu_items[:] = [item for item in menu_items if item.name != "documents"]


# order=1: after wagtail.documents' own hooks have added their items.
@hooks.register("construct_homepage_summary_items", order=1)
def hide_documents_summary(request: Any, summary_items: list[Any]) -> None:
    summary_items[:] = [
        item for item in summary_items if not isinstance(item, DocumentsSummaryItem)
    ]


@hooks.register("register_rich_text_features", order=1)
def no_document_links_by_default(features: Any) -> None:
    if "document-link" in features.default_features:
        features.default_features.remove("document-link")


@hooks.register("before_serve_document")
def never_serve_documents(document: Any, request: Any) -> None:
    raise Http404
