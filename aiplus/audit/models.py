from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One security-relevant action. Rows are written once and never edited."""

    class Action(models.TextChoices):
        LOGIN = "login", _("Signed in")
        LOGIN_FAILED = "login_failed", _("Failed sign-in")
        LOCKED_OUT = "locked_out", _("Locked out")
        LOGOUT = "logout", _("Signed out")
        ROLE_CHANGED = "role_changed", _("Roles changed")
        PASSWORD_CHANGED = "password_changed", _("Password changed")
        EXPORT = "export", _("Exported data")
        RESTRICTED_DOWNLOAD = "restricted_download", _("Downloaded a restricted item")
        MEETING_FILE = "meeting_file", _("Opened a meeting's recording")
        MEETING_OPENED = "meeting_opened", _("Opened a meeting's transcript or minutes")

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    action = models.CharField(_("action"), max_length=40, choices=Action.choices, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as text too, so the record survives the user's deletion and covers unknown usernames.
    actor_name = models.CharField(_("username given"), max_length=150, blank=True)
    target = models.CharField(_("target"), max_length=255, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=255, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.action} {self.actor_name}"
