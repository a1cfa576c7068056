"""The address of a vendor's new solution tells the vendor nothing about other companies'
entries: it is built from the vendor's own name and numbered among its own solutions only."""

import re

import pytest

from aiplus.accounts.roles import Role
from aiplus.catalogue.models import Solution
from aiplus.catalogue.tests.factories import SolutionFactory, VendorFactory

pytestmark = pytest.mark.django_db

NEW_URL = "/en/solutions/vendor/new/"


def submit(client, user, name):
    client.force_login(user)
    response = client.post(
        NEW_URL,
        {
            "name": name,
            "summary": "Drafts minutes.",
            "supports_english": "on",
            "max_classification": "1",
            "maturity": "production",
            "price_model": "subscription",
        },
    )
    assert response.status_code == 302
    return Solution.objects.filter(vendor=user.organisation, name=name).latest("pk").slug


def test_two_vendors_with_the_same_name_get_slugs_that_reveal_nothing(client, make_user):
    rival = make_user(Role.VENDOR, organisation=VendorFactory(name="Rival Systems"))
    vendor = make_user(Role.VENDOR, organisation=VendorFactory(name="Kowloon AI"))

    rival_slug = submit(client, rival, "Harbour Minutes")  # an unpublished draft
    slug = submit(client, vendor, "Harbour Minutes")

    assert rival_slug == "rival-systems-harbour-minutes"
    assert slug == "kowloon-ai-harbour-minutes"
    assert "rival" not in slug
    assert client.get(f"/en/solutions/vendor/{slug}/edit/").status_code == 200


def test_numbering_counts_only_the_vendors_own_solutions(client, make_user):
    vendor = make_user(Role.VENDOR, organisation=VendorFactory(name="Kowloon AI"))
    others = [VendorFactory(name=f"Other {n}") for n in range(3)]
    for other in others:
        for _ in range(2):
            SolutionFactory(name="Harbour Minutes", vendor=other, live=False)
    SolutionFactory(slug="harbour-minutes", name="Harbour Minutes", vendor=others[0])

    first = submit(client, vendor, "Harbour Minutes")
    second = submit(client, vendor, "Harbour Minutes")

    assert (first, second) == ("kowloon-ai-harbour-minutes", "kowloon-ai-harbour-minutes-2")


def test_a_clash_with_another_companys_slug_gets_a_random_suffix_not_a_number(client, make_user):
    # "Acme" + "Ltd Harbour" and "Acme Ltd" + "Harbour" make the same words.
    other = make_user(Role.VENDOR, organisation=VendorFactory(name="Acme Ltd"))
    vendor = make_user(Role.VENDOR, organisation=VendorFactory(name="Acme"))
    assert submit(client, other, "Harbour") == "acme-ltd-harbour"

    slug = submit(client, vendor, "Ltd Harbour")

    assert re.fullmatch(r"acme-ltd-harbour-[0-9a-f]{8}", slug)
