import pytest
from django.contrib.auth import authenticate

from aiplus.accounts.demo import DEMO_USERS
from aiplus.accounts.models import Organisation, User
from aiplus.core.demo import DEMO_PASSWORD, load_all
from aiplus.pages.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def counts():
    return (
        User.objects.count(),
        Organisation.objects.count(),
        HomePage.objects.count(),
        StandardPage.objects.count(),
    )


def test_demo_content_loads_and_loading_twice_duplicates_nothing(client):
    load_all(log=lambda line: None)
    first = counts()
    load_all(log=lambda line: None)
    assert counts() == first
    assert first[0] == len(DEMO_USERS)

    html = client.get("/zh-hant/").content.decode()
    assert "AI+ 資源中心" in html
    assert client.get("/en/about/").status_code == 200


def test_every_demo_user_has_its_role_and_can_sign_in(rf):
    load_all(log=lambda line: None)
    request = rf.post("/en/accounts/login/")
    for username, _, _, role, organisation_code in DEMO_USERS:
        user = authenticate(request, username=username, password=DEMO_PASSWORD)
        assert user is not None, username
        assert user.has_role(role)
        assert user.organisation.code == organisation_code
        assert user.email.endswith(".invalid")
