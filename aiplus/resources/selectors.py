"""Reads for the resource library, always through `visible_resources` so that restricted items
stay invisible to everyone they are not meant for."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from aiplus.accounts.models import AnyUser
from aiplus.core.listing import (
    FacetSpec,
    Listing,
    ListingSpec,
    count_by,
    enum_choices,
    narrow_in,
)
from aiplus.resources.exports import RESOURCE_EXPORT
from aiplus.resources.filters import ResourceFilters
from aiplus.resources.models import Resource
from aiplus.resources.permissions import user_can_manage_resources
from aiplus.search.listing import SearchMatch


def visible_resources(user: AnyUser) -> QuerySet[Resource]:
    resources = Resource.objects.all()
    if user_can_manage_resources(user):
        return resources
    # A file the checks could not read is withheld from readers until an editor replaces it.
    resources = resources.filter(is_published=True).exclude(
        extraction_status=Resource.Extraction.FAILED
    )
    if not user.is_authenticated:
        return resources.filter(visibility=Resource.Visibility.PUBLIC)
    # Only real memberships grant access: a user with no organisation must not match items
    # with no organisation chosen (filtering on None would mean "IS NULL").
    grants = Q(allowed_roles__in=user.groups.all())
    if user.organisation_id is not None:
        grants |= Q(allowed_organisations=user.organisation_id)
    restricted_to_user = Q(visibility=Resource.Visibility.RESTRICTED) & grants
    visible_ids = resources.filter(
        Q(visibility__in=[Resource.Visibility.PUBLIC, Resource.Visibility.SIGNED_IN])
        | restricted_to_user
    ).values("pk")
    return resources.filter(pk__in=visible_ids)


RESOURCES = ListingSpec[Resource](
    search=SearchMatch(source="resource"),
    facets=(
        FacetSpec(
            name="kind",
            label=_("Kind"),
            field="kind",
            narrow=narrow_in("kind"),
            count=count_by("kind"),
            choices=enum_choices(Resource.Kind),
            multiple=False,
        ),
    ),
    export=RESOURCE_EXPORT,
)


def resource_listing(*, filters: ResourceFilters, user: AnyUser) -> Listing[Resource]:
    """The resources `user` may see, as `filters` select them; the text match also looks inside
    the documents."""
    return RESOURCES.listing(visible_resources(user), filters)
