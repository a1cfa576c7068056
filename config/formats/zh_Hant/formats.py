"""Django's zh_Hant formats, with Hong Kong's grouping of digits in threes (12,345), as English."""

from django.conf.locale.zh_Hant.formats import *  # noqa: F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
