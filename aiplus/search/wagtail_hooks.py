from django.http import HttpRequest
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from aiplus.search import admin_views
from aiplus.search.permissions import user_can_view_search_report


class EditorMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return user_can_view_search_report(request.user)


@hooks.register("register_admin_urls")
def register_search_urls() -> list[URLPattern]:
    return [path("search/", admin_views.report, name="search_report")]


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item() -> MenuItem:
    return EditorMenuItem(_("Search"), reverse("search_report"), icon_name="search", order=300)
