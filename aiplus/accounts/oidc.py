"""OpenID Connect single sign-on (switched on by AIPLUS_OIDC_ENABLED). New users get the Officer
role and, when the identity provider sends it, their organisation; administrators grant others."""

from typing import Any

from django.conf import settings
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from aiplus.accounts import services
from aiplus.accounts.models import Organisation, User
from aiplus.accounts.roles import Role


def organisation_from_claims(claims: dict[str, Any]) -> Organisation | None:
    claim = getattr(settings, "AIPLUS_OIDC_ORGANISATION_CLAIM", "")
    code = str(claims.get(claim, "")).strip() if claim else ""
    if not code:
        return None
    return Organisation.objects.filter(code__iexact=code, is_active=True).first()


class HubOIDCBackend(OIDCAuthenticationBackend):
    def create_user(self, claims: dict[str, Any]) -> User:
        email = claims.get("email", "")
        return services.create_user(
            username=claims.get("preferred_username") or email,
            email=email,
            password=None,
            roles=[Role.OFFICER],
            organisation=organisation_from_claims(claims),
            first_name=claims.get("given_name", ""),
            last_name=claims.get("family_name", ""),
        )

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        user.first_name = claims.get("given_name", user.first_name)
        user.last_name = claims.get("family_name", user.last_name)
        user.organisation = organisation_from_claims(claims) or user.organisation
        user.save(update_fields=["first_name", "last_name", "organisation"])
        return user
