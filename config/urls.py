from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from aiplus.core.api import api
from aiplus.core.views.health import health

urlpatterns = [
    path(settings.AIPLUS_ADMIN_PATH, include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("healthz", health, name="health"),
    path("api/v1/", api.urls),
]

if settings.OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))

# Every public page lives under a language prefix: /en/, /zh-hant/, /zh-hans/.
urlpatterns += i18n_patterns(
    path("accounts/", include("aiplus.accounts.urls")),
    path("solutions/", include("aiplus.catalogue.urls")),
    path("cases/", include("aiplus.cases.urls")),
    path("resources/", include("aiplus.resources.urls")),
    # Wagtail's page tree last: it matches any path.
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler400 = "aiplus.core.views.errors.bad_request"
handler403 = "aiplus.core.views.errors.permission_denied"
handler404 = "aiplus.core.views.errors.page_not_found"
handler500 = "aiplus.core.views.errors.server_error"
