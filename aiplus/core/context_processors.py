from django.conf import settings
from django.http import HttpRequest

from aiplus.core.i18n import current_language, html_lang


def site_shell(request: HttpRequest) -> dict[str, object]:
    language = current_language()
    return {
        "AIPLUS_DEMO": settings.AIPLUS_DEMO,
        "html_lang": html_lang(language),
        "OIDC_ENABLED": settings.OIDC_ENABLED,
    }
