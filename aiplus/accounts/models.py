from typing import TypeAlias

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from aiplus.accounts.roles import Role
from aiplus.core.translated import TranslatedField


class Organisation(models.Model):
    """A bureau, office or department of the Government, or a vendor's company."""

    class Kind(models.TextChoices):
        BUREAU = "bureau", _("Policy bureau")
        OFFICE = "office", _("Office")
        DEPARTMENT = "department", _("Department or agency")
        COMPANY = "company", _("Company")

    code = models.CharField(_("code"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = TranslatedField(
        models.CharField,
        verbose_name=_("name"),
        max_length=200,
        english={"verbose_name": _("name (English)")},
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reports to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def is_government(self) -> bool:
        return self.kind != self.Kind.COMPANY


class User(AbstractUser):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    # Directorate officers (D1 and above): some events are for them only.
    is_directorate = models.BooleanField(_("directorate officer"), default=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def roles(self) -> list[Role]:
        names = {group.name for group in self.groups.all()}
        return [role for role in Role if role.value in names]

    def has_role(self, role: Role) -> bool:
        return (self.is_superuser and role == Role.ADMINISTRATOR) or role in self.roles


# What `request.user` can be: narrow with `isinstance(user, User)` before using hub fields.
AnyUser: TypeAlias = User | AnonymousUser
