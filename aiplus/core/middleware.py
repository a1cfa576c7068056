"""Security headers the framework does not set itself: the Content Security Policy and the
Permissions Policy. Nothing on a public page may load from outside the server."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.middleware.locale import LocaleMiddleware

PUBLIC_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "media-src": "'self' blob:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}

# Wagtail's admin sets inline styles and a few inline scripts, so it gets those, and only those.
ADMIN_POLICY = PUBLIC_POLICY | {
    "script-src": "'self' 'unsafe-inline'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
}

PERMISSIONS_POLICY = "camera=(), geolocation=(), payment=(), usb=(), microphone=(self)"


def _serialise(policy: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}" for name, value in policy.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.public_header = _serialise(PUBLIC_POLICY)
        self.admin_header = _serialise(ADMIN_POLICY)
        self.admin_prefix = "/" + settings.AIPLUS_ADMIN_PATH

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        is_admin = request.path.startswith(self.admin_prefix)
        response.headers.setdefault(
            "Content-Security-Policy", self.admin_header if is_admin else self.public_header
        )
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class HubLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that a 404 outside the public site (the API, the admin)
    stays a 404 instead of being redirected to a language-prefixed address."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        super().__init__(get_response)
        admin = "/" + settings.AIPLUS_ADMIN_PATH
        self.unprefixed = ("/api/", admin, "/documents/", "/healthz", "/i18n/")

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if request.path.startswith(self.unprefixed):
            return response
        return super().process_response(request, response)


class TrustedProxyMiddleware:
    """Behind N trusted proxies (AIPLUS_TRUSTED_PROXY_COUNT), the client's address is the Nth
    entry from the right of X-Forwarded-For; anything further left was written by the client
    and is ignored. Everything that reads REMOTE_ADDR (the audit log, the sign-in lockout) then
    sees the real client, not the proxy. With no proxies configured the header is ignored."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        count = settings.AIPLUS_TRUSTED_PROXY_COUNT
        if count:
            hops = [
                hop.strip()
                for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
                if hop.strip()
            ]
            if len(hops) >= count:
                request.META["REMOTE_ADDR"] = hops[-count]
        return self.get_response(request)
