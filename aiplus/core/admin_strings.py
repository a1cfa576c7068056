"""Wagtail admin strings that Wagtail's own Traditional Chinese catalogue leaves in English.
Listing them here makes `make messages` extract them into the hub's catalogue, which takes
precedence over Wagtail's, so the Chinese admin reads in Chinese throughout."""

from django.utils.translation import gettext_noop as _

ADMIN_STRINGS = [
    _("Help"),
    _("Search all pages…"),
]
