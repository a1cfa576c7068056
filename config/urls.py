import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from aiplus.core.views.documents import document_library_switched_off
from aiplus.core.views.health import favicon, health
from aiplus.core.views.jobs import job_progress
from config.api import api

_admin = re.escape(settings.AIPLUS_ADMIN_PATH)
urlpatterns = [
    # Wagtail's document library is switched off (docs/decisions/0008-wagtail-documents.md): its
    # admin screens, admin API and public downloads all answer 404. Its own patterns stay below
    # these, never reached, only so that Wagtail can still build their addresses.
    re_path(rf"^{_admin}documents/", document_library_switched_off),
    re_path(rf"^{_admin}api/main/documents/", document_library_switched_off),
    re_path(r"^documents/", document_library_switched_off),
    path(settings.AIPLUS_ADMIN_PATH, include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("healthz", health, name="health"),
    path("favicon.ico", favicon),
    path("api/v1/", api.urls),
]

if settings.OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))

# Every public page lives under a language prefix: /en/, /zh-hant/, /zh-hans/.
urlpatterns += i18n_patterns(
    path("accounts/", include("aiplus.accounts.urls")),
    path("search/", include("aiplus.search.urls")),
    path("solutions/", include("aiplus.catalogue.urls")),
    path("cases/", include("aiplus.cases.urls")),
    path("resources/", include("aiplus.resources.urls")),
    path("meetings/", include("aiplus.meetings.urls")),
    path("events/", include("aiplus.events.urls")),
    path("advice/", include("aiplus.advice.urls")),
    path("assistant/", include("aiplus.assistant.urls")),
    path("insights/", include("aiplus.insights.urls")),
    path("notifications/", include("aiplus.notifications.urls")),
    path("jobs/<str:label>/<int:pk>/progress/", job_progress, name="job_progress"),
    # Wagtail's page tree last: it matches any path.
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler400 = "aiplus.core.views.errors.bad_request"
handler403 = "aiplus.core.views.errors.permission_denied"
handler404 = "aiplus.core.views.errors.page_not_found"
handler500 = "aiplus.core.views.errors.server_error"
