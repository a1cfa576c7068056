import pytest

from aiplus.cases.models import Case
from aiplus.catalogue.tests.factories import SolutionFactory

pytestmark = pytest.mark.django_db


def test_home_page_shows_savings_and_the_most_used_solutions(client, home_page):
    from aiplus.accounts.models import Organisation

    csb = Organisation.objects.get(code="CSB")
    Case.objects.create(
        title="Minutes in a third of the time",
        slug="minutes-third",
        organisation=csb,
        hours_saved_per_year=2900,
        live=True,
    )
    Case.objects.create(title="Draft story", slug="draft", hours_saved_per_year=99999, live=False)
    popular = SolutionFactory(name="Popular Tool")
    popular.organisations_using.set(Organisation.objects.filter(code__in=["CSB", "DPO"]))
    popular.save()
    SolutionFactory(name="Lonely Tool")

    html = client.get("/en/").content.decode()
    assert "2,900" in html and "99,999" not in html
    assert "Minutes in a third of the time" in html
    assert html.index("Popular Tool") < html.index("Lonely Tool")
    assert "2 solutions" in html


def test_home_page_without_stories_leaves_the_section_out(client, home_page):
    html = client.get("/zh-hant/").content.decode()
    assert "story-highlights" not in html
