from django.http import HttpRequest
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from aiplus.ai import views
from aiplus.ai.permissions import user_can_view_ai_status


class AdministratorMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return user_can_view_ai_status(request.user)


@hooks.register("register_admin_urls")
def register_ai_urls() -> list[URLPattern]:
    return [path("ai/", views.status, name="ai_status")]


@hooks.register("register_settings_menu_item")
def register_ai_menu_item() -> MenuItem:
    return AdministratorMenuItem(_("AI models"), reverse("ai_status"), icon_name="cogs", order=900)
