from wagtail import hooks
from wagtail.permissions import register_permission_policy

from aiplus.audit.admin_views import AuditEventViewSet, ReadOnlyPolicy
from aiplus.audit.models import AuditEvent

register_permission_policy(AuditEvent, ReadOnlyPolicy(AuditEvent))


@hooks.register("register_admin_viewset")
def register_audit_viewset() -> AuditEventViewSet:
    return AuditEventViewSet("audit")
