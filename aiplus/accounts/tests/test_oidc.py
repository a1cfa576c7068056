import pytest

from aiplus.accounts.oidc import HubOIDCBackend
from aiplus.accounts.roles import Role

pytestmark = pytest.mark.django_db

CLAIMS = {
    "email": "chan.taiman@example.invalid",
    "preferred_username": "chantaiman",
    "given_name": "Tai-man",
    "family_name": "Chan",
    "department": "ImmD",
}


@pytest.fixture
def oidc_settings(settings):
    settings.AIPLUS_OIDC_ORGANISATION_CLAIM = "department"
    settings.OIDC_RP_CLIENT_ID = "hub"
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://idp.example.invalid/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://idp.example.invalid/userinfo"
    settings.OIDC_RP_SIGN_ALGO = "HS256"
    return settings


def test_first_single_sign_on_creates_an_officer_in_the_claimed_organisation(oidc_settings):
    user = HubOIDCBackend().create_user(CLAIMS)
    assert user.username == "chantaiman"
    assert user.organisation.code == "ImmD"
    assert user.roles == [Role.OFFICER]
    assert not user.has_usable_password()


def test_later_sign_on_updates_names_but_keeps_an_unknown_organisation_claim_harmless(
    oidc_settings,
):
    user = HubOIDCBackend().create_user(CLAIMS)
    HubOIDCBackend().update_user(user, {**CLAIMS, "given_name": "Tai Man", "department": "NOPE"})
    user.refresh_from_db()
    assert user.first_name == "Tai Man"
    assert user.organisation.code == "ImmD"
