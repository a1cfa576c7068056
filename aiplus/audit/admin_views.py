from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from aiplus.accounts.models import AnyUser
from aiplus.audit.models import AuditEvent
from aiplus.audit.services import record_event


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Audit events are evidence: nobody, not even a superuser, edits or deletes them here."""

    def user_has_permission(self, user: AnyUser, action: str) -> bool:
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user: AnyUser, actions: Iterable[str]) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)


class AuditIndexView(IndexView):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.is_export:
            # Exporting the audit log is itself audited. `is_export` means the format is one
            # Wagtail writes, so only a known value reaches the record (the query is quoted).
            record_event(
                action=AuditEvent.Action.EXPORT,
                request=request,
                target="audit-log",
                details={"format": request.GET["export"], "query": request.GET.urlencode()},
            )
        return super().get(request, *args, **kwargs)


class AuditEventViewSet(ModelViewSet):
    model = AuditEvent
    index_view_class = AuditIndexView
    icon = "list-ul"
    menu_label = _("Audit log")
    menu_order = 620
    add_to_settings_menu = True
    list_display = ["created_at", "action", "actor_name", "target", "ip_address"]
    list_filter = ["action"]
    search_fields = ["actor_name", "target"]
    list_export = ["created_at", "action", "actor_name", "target", "ip_address", "details"]
    export_filename = "audit-log"
    inspect_view_enabled = True
    inspect_view_fields = [
        "created_at",
        "action",
        "actor_name",
        "target",
        "ip_address",
        "user_agent",
        "details",
    ]
    form_fields = ["action"]  # never shown: the policy refuses add and change
