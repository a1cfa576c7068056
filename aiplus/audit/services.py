from typing import Any

from django.http import HttpRequest

from aiplus.audit.context import current_request
from aiplus.audit.models import AuditEvent


def _client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    # REMOTE_ADDR only: behind a proxy, deployments set it from X-Forwarded-For at the proxy.
    return request.META.get("REMOTE_ADDR") or None


def record_event(
    *,
    action: AuditEvent.Action,
    actor: Any = None,
    actor_name: str = "",
    request: HttpRequest | None = None,
    target: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    request = request or current_request.get()
    if actor is None and request is not None:
        actor = getattr(request, "user", None)
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    user_agent = request.META.get("HTTP_USER_AGENT", "") if request is not None else ""
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_name=(actor_name or (actor.get_username() if actor else ""))[:150],
        target=target[:255],
        ip_address=_client_ip(request),
        user_agent=user_agent[:255],
        details=details or {},
    )
