"""Reads for the resource library, always through `visible_resources` so that restricted items
stay invisible to everyone they are not meant for."""

from typing import Any

from django.db.models import Q, QuerySet

from aiplus.resources.models import Resource
from aiplus.resources.permissions import user_can_manage_resources


def visible_resources(user: Any) -> QuerySet[Resource]:
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


def search_resources(
    *, user: Any, query: str = "", kind: str = "", file_type: str = ""
) -> QuerySet[Resource]:
    resources = visible_resources(user)
    if query:
        resources = resources.filter(
            Q(title__icontains=query)
            | Q(title_zh_hant__icontains=query)
            | Q(description__icontains=query)
            | Q(description_zh_hant__icontains=query)
            | Q(extracted_text__icontains=query)
        )
    if kind:
        resources = resources.filter(kind=kind)
    if file_type:
        resources = resources.filter(file_type=file_type)
    return resources
