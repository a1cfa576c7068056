"""Reads for accounts."""

from django.db.models import QuerySet

from aiplus.accounts.models import Organisation, User
from aiplus.accounts.roles import Role
from aiplus.core.i18n import localise


def government_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.exclude(kind=Organisation.Kind.COMPANY).filter(is_active=True)


def organisation_name(organisation: Organisation | None) -> str:
    if organisation is None:
        return ""
    return str(localise(organisation, "name"))


def users_with_role(role: Role) -> QuerySet[User]:
    return User.objects.filter(groups__name=role.value, is_active=True)
