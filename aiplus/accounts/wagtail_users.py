from wagtail.users.apps import WagtailUsersAppConfig


class HubUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with each user's organisation on the form."""

    user_viewset = "aiplus.accounts.admin_views.HubUserViewSet"
