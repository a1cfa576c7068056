"""Hostile query parameters never cause a server error, and the JSON API always answers JSON."""

import pytest

from aiplus.catalogue.tests.factories import SolutionFactory

pytestmark = pytest.mark.django_db

HOSTILE = [
    "²",  # superscript two: str.isdigit() is true, int() fails
    "①",  # circled one: likewise
    "٣",  # Arabic-Indic three: int() accepts it, the hub should not
    "-1",
    "1e9",
    "99999999999999999999999999",
    "\x00",  # %00 on the wire
    "x" * 5000,
    "' OR 1=1 --",
]

# Every parameter any listing, export or API endpoint reads.
PARAMETERS = [
    "page",
    "classification",
    "q",
    "task",
    "capability",
    "language",
    "deployment",
    "maturity",
    "price",
    "vendor",
    "used_by",
    "sort",
    "collection",
    "stage",
    "organisation",
    "topic",
    "kind",
    "s",
]

PAGES = [
    "/en/solutions/",
    "/en/solutions/?format=csv",
    "/en/solutions/?format=json",
    "/en/solutions/compare/",
    "/en/cases/",
    "/en/cases/?format=csv",
    "/en/cases/?format=json",
    "/en/cases/?collection=inventory",
    "/en/resources/",
    "/en/resources/?format=csv",
    "/en/resources/?format=json",
]
API = ["/api/v1/solutions", "/api/v1/cases"]


def _hostile_query(value: str, *, only: str | None = None) -> dict[str, str]:
    return {name: value for name in PARAMETERS if only in (None, name)}


@pytest.fixture
def content(home_page):
    SolutionFactory(name="Listed Tool")


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("value", HOSTILE, ids=repr)
@pytest.mark.parametrize("url", PAGES)
def test_listing_pages_and_exports_survive_hostile_parameters(client, content, url, value):
    response = client.get(url, _hostile_query(value), HTTP_HX_REQUEST="true")
    assert response.status_code < 500
    _body(response)  # a streamed export fails while it is read, not before
    response = client.get(url, _hostile_query(value))
    assert response.status_code < 500
    _body(response)


@pytest.mark.parametrize("value", HOSTILE, ids=repr)
@pytest.mark.parametrize("name", ["page", "classification"])
@pytest.mark.parametrize("url", [p for p in PAGES if "?" not in p])
def test_numeric_parameters_alone_never_cause_a_server_error(client, content, url, name, value):
    assert client.get(url, {name: value}).status_code < 500


@pytest.mark.parametrize("value", HOSTILE, ids=repr)
@pytest.mark.parametrize("url", API)
def test_api_survives_hostile_parameters_and_answers_json(client, content, url, value):
    for query in (_hostile_query(value), _hostile_query(value, only="classification")):
        response = client.get(url, query)
        assert response.status_code < 500
        assert response["Content-Type"].startswith("application/json")
        response.json()


@pytest.mark.parametrize("value", ["²", "①", "٣", "1e9", "-1", "\x00", "x" * 5000])
def test_api_rejects_a_malformed_page_number_with_a_json_422(client, content, value):
    response = client.get("/api/v1/solutions", {"page": value})
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


def test_a_bad_classification_is_ignored_not_misread(client, content):
    SolutionFactory(name="Restricted Tool", max_classification=3)
    everything = client.get("/api/v1/solutions").json()["count"]
    assert client.get("/api/v1/solutions", {"classification": "٣"}).json()["count"] == everything
    assert client.get("/api/v1/solutions", {"classification": "3"}).json()["count"] < everything
    page = client.get("/en/solutions/", {"classification": "²"})
    assert page.status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/no-such-endpoint",
        "/api/v1/solutions/no-such-slug",
        "/api/v1/cases/no-such-slug",
        "/api/v1/solutions/%00",  # PostgreSQL refuses NUL: never let it reach the database
        "/api/v1/cases/x%00y",
        "/api/v1/solutions/%C2%B2",
        "/api/v1/cases/" + "x" * 5000,
        "/api/",
        "/api/v2/x",
    ],
)
def test_api_answers_json_for_unknown_paths(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Not Found"}


def test_unexpected_api_errors_answer_json_and_are_logged(rf, caplog):
    from config.api import api

    request = rf.get("/api/v1/solutions")
    with caplog.at_level("ERROR", logger="django.request"):
        response = api.on_exception(request, RuntimeError("database went away"))
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert b"database went away" not in response.content
    assert "database went away" in caplog.text


def test_errors_outside_the_api_framework_answer_json_under_api(rf):
    from aiplus.core.views.errors import bad_request, permission_denied, server_error

    for view, status in ((server_error, 500), (bad_request, 400), (permission_denied, 403)):
        response = view(rf.get("/api/v1/solutions"))
        assert response.status_code == status
        assert response["Content-Type"].startswith("application/json")
    assert server_error(rf.get("/en/")).content.startswith(b"<!")


ADMIN_LISTINGS = [
    "/admin/audit/",
    "/admin/snippets/catalogue/solution/",
    "/admin/snippets/cases/case/",
    "/admin/organisations/",
]


@pytest.mark.parametrize("value", HOSTILE, ids=repr)
@pytest.mark.parametrize("url", ADMIN_LISTINGS)
def test_admin_listings_and_their_exports_survive_hostile_parameters(
    client, administrator, url, value
):
    client.force_login(administrator)
    names = ("q", "p", "action", "live", "collection", "ordering", "export")
    response = client.get(url, {name: value for name in names})
    assert response.status_code < 500
    _body(response)


@pytest.mark.parametrize("value", ["²", "\x00", "x" * 5000, "pdf"], ids=repr)
def test_only_real_audit_log_exports_are_recorded(client, administrator, value):
    from aiplus.audit.models import AuditEvent

    client.force_login(administrator)
    assert client.get("/admin/audit/", {"export": value}).status_code == 200
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()
    assert client.get("/admin/audit/", {"export": "xlsx"}).status_code == 200
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.details["format"] == "xlsx"
