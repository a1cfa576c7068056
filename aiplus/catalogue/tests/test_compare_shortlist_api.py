import pytest

from aiplus.catalogue.models import ShortlistItem
from aiplus.catalogue.tests.factories import SolutionFactory

pytestmark = pytest.mark.django_db


def test_compare_shows_two_to_four_published_solutions_side_by_side(client):
    solutions = [SolutionFactory(name=f"Product {i}") for i in range(5)]
    draft = SolutionFactory(name="Hidden Draft", live=False)
    query = "&".join(f"s={s.slug}" for s in [*solutions, draft])
    html = client.get(f"/en/solutions/compare/?{query}").content.decode()
    shown = [s.name for s in solutions if s.name in html]
    assert shown == ["Product 0", "Product 1", "Product 2", "Product 3"]
    assert "Hidden Draft" not in html


def test_compare_with_one_solution_explains_what_to_do(client):
    html = client.get(f"/en/solutions/compare/?s={SolutionFactory().slug}").content.decode()
    assert "Choose two to four solutions" in html


def test_shortlist_is_personal(client, officer, make_user):
    solution = SolutionFactory(name="Shortlisted Tool")
    client.force_login(officer)
    client.post(f"/en/solutions/{solution.slug}/shortlist/")
    assert ShortlistItem.objects.filter(user=officer, solution=solution).exists()
    assert "Shortlisted Tool" in client.get("/en/solutions/shortlist/").content.decode()

    client.force_login(make_user())
    assert "Shortlisted Tool" not in client.get("/en/solutions/shortlist/").content.decode()


def test_shortlist_button_toggles_and_answers_htmx(client, officer):
    solution = SolutionFactory()
    client.force_login(officer)
    on = client.post(f"/en/solutions/{solution.slug}/shortlist/", HTTP_HX_REQUEST="true")
    assert "On your shortlist" in on.content.decode()
    off = client.post(f"/en/solutions/{solution.slug}/shortlist/", HTTP_HX_REQUEST="true")
    assert "Add to shortlist" in off.content.decode()
    assert not ShortlistItem.objects.exists()


def test_shortlist_needs_sign_in_and_a_post(client, officer):
    solution = SolutionFactory()
    assert client.post(f"/en/solutions/{solution.slug}/shortlist/").status_code == 302
    client.force_login(officer)
    assert client.get(f"/en/solutions/{solution.slug}/shortlist/").status_code == 405


def test_shortlist_redirect_refuses_other_sites(client, officer):
    solution = SolutionFactory()
    client.force_login(officer)
    response = client.post(f"/en/solutions/{solution.slug}/shortlist/", {"next": "//evil.example/"})
    assert response["Location"] == solution.get_absolute_url()


def test_api_lists_published_solutions_with_filters_and_describes_itself(client):
    SolutionFactory(name="Speech Tool", supports_cantonese_speech=True)
    SolutionFactory(name="Other Tool")
    SolutionFactory(name="Draft Tool", live=False, supports_cantonese_speech=True)
    data = client.get("/api/v1/solutions?language=cantonese-speech").json()
    assert data["count"] == 1
    assert data["results"][0]["name"] == "Speech Tool"
    assert data["results"][0]["languages"] == ["cantonese-speech"]

    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/solutions" in schema["paths"]
    assert "/api/v1/cases/{slug}" in schema["paths"]


def test_api_hides_drafts(client):
    draft = SolutionFactory(live=False)
    assert client.get(f"/api/v1/solutions/{draft.slug}").status_code == 404


@pytest.mark.parametrize("target", ["/\\evil.example/", "//evil.example/", "https://evil.example/"])
def test_the_shortlist_button_never_redirects_off_site(client, officer, target):
    solution = SolutionFactory()
    client.force_login(officer)
    response = client.post(f"/en/solutions/{solution.slug}/shortlist/", {"next": target})
    assert "evil.example" not in response.get("Location", "")


def test_the_shortlist_button_returns_to_the_page_it_was_on(client, officer):
    solution = SolutionFactory()
    client.force_login(officer)
    response = client.post(f"/en/solutions/{solution.slug}/shortlist/", {"next": "/en/solutions/"})
    assert response["Location"] == "/en/solutions/"
