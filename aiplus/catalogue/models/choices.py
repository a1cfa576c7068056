from collections.abc import Mapping

from django.db import models
from django.utils.translation import gettext_lazy as _


class Classification(models.IntegerChoices):
    """Hong Kong Government security classifications, lowest first: a solution cleared for a
    level is cleared for every level below it."""

    UNCLASSIFIED = 0, _("Unclassified")
    RESTRICTED = 1, _("Restricted")
    CONFIDENTIAL = 2, _("Confidential")
    SECRET = 3, _("Secret")


class Maturity(models.TextChoices):
    CONCEPT = "concept", _("Concept or prototype")
    PILOT = "pilot", _("Piloted in government")
    PRODUCTION = "production", _("Ready to use")
    WIDESPREAD = "widespread", _("Widely used in government")


class PriceModel(models.TextChoices):
    FREE = "free", _("Free or open source")
    SUBSCRIPTION = "subscription", _("Subscription")
    USAGE = "usage", _("Pay per use")
    LICENCE = "licence", _("One-off licence")
    QUOTATION = "quotation", _("By quotation")


# Multi-valued attributes stored as flags: cheap to filter and to count on 10,000 rows.
# Each maps the URL value to (model field, label).
LANGUAGE_FLAGS = {
    "english": ("supports_english", _("English")),
    "traditional-chinese": ("supports_traditional_chinese", _("Traditional Chinese")),
    "simplified-chinese": ("supports_simplified_chinese", _("Simplified Chinese")),
    "cantonese-speech": ("supports_cantonese_speech", _("Cantonese speech")),
}
DEPLOYMENT_FLAGS = {
    "on-premises": ("deploys_on_premises", _("On-premises")),
    "government-cloud": ("deploys_government_cloud", _("Government cloud")),
    "public-cloud": ("deploys_public_cloud", _("Public cloud")),
}


def flags_on(obj: object, flags: Mapping[str, tuple[str, object]]) -> list[tuple[str, str]]:
    """(URL value, label) of each flag that is set on `obj`, e.g. the languages a solution
    supports."""
    return [(key, str(label)) for key, (field, label) in flags.items() if getattr(obj, field)]
