"""Who sees which manpower figures.

- DPO's and CSB's staff (advisors and administrators) see every B/D, the overall figures and
  the comparisons between B/Ds, and generate reports for any of them;
- an officer sees their own B/D's page (a bureau's officers also see its departments'), its
  exports and its reports; another B/D's page does not exist for them (404);
- anyone else (signed out, no organisation, a vendor) sees none."""

from django.db.models import prefetch_related_objects

from aiplus.accounts.models import AnyUser, Organisation, User
from aiplus.accounts.roles import Role, grant, model_permissions


def register_grants() -> None:
    grant(Role.ADMINISTRATOR, *model_permissions("insights", "insightssettings", ("change",)))


def read_roles_once(user: AnyUser) -> None:
    """Read the user's roles in one query for the several checks a page makes (each check
    would otherwise read them again)."""
    if isinstance(user, User) and user.is_authenticated:
        prefetch_related_objects([user], "groups")


def user_sees_all(user: AnyUser) -> bool:
    return bool(
        isinstance(user, User)
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_role(Role.ADVISOR) or user.has_role(Role.ADMINISTRATOR))
    )


def user_can_view_insights(user: AnyUser) -> bool:
    """Whether the user has any manpower page: all of them, or their own B/D's."""
    if user_sees_all(user):
        return True
    return home_organisation(user) is not None


def home_organisation(user: AnyUser) -> Organisation | None:
    """The user's own bureau or department, if they have one (not a vendor's company)."""
    if not isinstance(user, User) or not user.is_authenticated or not user.is_active:
        return None
    organisation = user.organisation
    if organisation is None or not organisation.is_government:
        return None
    return organisation


def user_can_view_organisation(user: AnyUser, organisation: Organisation | None) -> bool:
    """`organisation` None means the overall figures, for DPO's and CSB's staff only."""
    if user_sees_all(user):
        return True
    home = home_organisation(user)
    if home is None or organisation is None:
        return False
    return organisation.pk == home.pk or organisation.parent_id == home.pk
