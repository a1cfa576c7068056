"""Framework signals that mark security-relevant moments; each just records an audit event."""

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.http import HttpRequest

from aiplus.accounts.models import User
from aiplus.accounts.roles import Role
from aiplus.accounts.signals import password_changed
from aiplus.audit.models import AuditEvent
from aiplus.audit.services import record_event
from aiplus.core.signals import data_exported

_ROLE_NAMES = {role.value for role in Role}


@receiver(user_logged_in, dispatch_uid="audit.login")
def on_login(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    record_event(action=AuditEvent.Action.LOGIN, actor=user, request=request)


@receiver(user_logged_out, dispatch_uid="audit.logout")
def on_logout(sender: Any, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        record_event(action=AuditEvent.Action.LOGOUT, actor=user, request=request)


@receiver(user_login_failed, dispatch_uid="audit.login_failed")
def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kw: Any
) -> None:
    record_event(
        action=AuditEvent.Action.LOGIN_FAILED,
        actor_name=str(credentials.get("username", "")),
        request=request,
    )


@receiver(password_changed, dispatch_uid="audit.password_changed")
def on_password_changed(
    sender: Any, user: User, request: HttpRequest | None = None, **kwargs: Any
) -> None:
    record_event(action=AuditEvent.Action.PASSWORD_CHANGED, actor=user, request=request)


@receiver(data_exported, dispatch_uid="audit.export")
def on_export(sender: Any, request: Any, name: str, export_format: str, **kwargs: Any) -> None:
    record_event(
        action=AuditEvent.Action.EXPORT,
        request=request,
        target=name,
        details={"format": export_format, "query": request.GET.urlencode()},
    )


@receiver(user_locked_out, dispatch_uid="audit.locked_out")
def on_locked_out(sender: Any, request: Any, username: str | None = None, **kw: Any) -> None:
    record_event(action=AuditEvent.Action.LOCKED_OUT, actor_name=username or "", request=request)


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="audit.role_changed")
def on_groups_changed(
    sender: Any, instance: Any, action: str, pk_set: set[int] | None, **kwargs: Any
) -> None:
    if action not in {"post_add", "post_remove", "post_clear"} or not isinstance(instance, User):
        return
    names = set(Group.objects.filter(pk__in=pk_set or []).values_list("name", flat=True))
    if action != "post_clear" and not names & _ROLE_NAMES:
        return
    record_event(
        action=AuditEvent.Action.ROLE_CHANGED,
        target=instance.get_username(),
        details={
            "change": action.removeprefix("post_"),
            "roles": sorted(names & _ROLE_NAMES),
            "now": sorted(
                instance.groups.filter(name__in=_ROLE_NAMES).values_list("name", flat=True)
            ),
        },
    )
