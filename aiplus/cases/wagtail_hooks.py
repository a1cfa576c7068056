from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from aiplus.cases import admin_views
from aiplus.cases.models import Case
from aiplus.cases.permissions import user_can_import
from aiplus.core.translated import variants


class CaseViewSet(SnippetViewSet):
    model = Case
    icon = "doc-full"
    menu_label = _("Cases")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["title", "collection", "organisation", "stage", "live", "updated_at"]
    list_filter = ["collection", "stage", "live"]
    search_fields = [*variants("title", simplified=False), "source_organisation"]
    list_export = ["slug", "collection", "title", "stage", "hours_saved_per_year", "live"]


register_snippet(CaseViewSet)


@hooks.register("register_admin_urls")
def register_import_urls() -> list:
    return [
        path("cases/import/", admin_views.import_start, name="cases_import"),
        path("cases/import/<int:pk>/", admin_views.import_run, name="cases_import_run"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return user_can_import(request.user)


@hooks.register("register_admin_menu_item")
def register_import_menu_item() -> MenuItem:
    return ImportMenuItem(
        _("Import use cases"), reverse("cases_import"), icon_name="upload", order=215
    )
