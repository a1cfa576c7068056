"""Django's zh_Hans formats, with Hong Kong's grouping of digits in threes (12,345), as English."""

from django.conf.locale.zh_Hans.formats import *  # noqa: F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
