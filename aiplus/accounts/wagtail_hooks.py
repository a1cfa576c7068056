from wagtail import hooks

from aiplus.accounts.admin_views import OrganisationViewSet


@hooks.register("register_admin_viewset")
def register_organisation_viewset() -> OrganisationViewSet:
    return OrganisationViewSet("organisations")
