"""The cases listing: text match and facet labels in every language, counts, exports."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aiplus.accounts.models import Organisation
from aiplus.cases.filters import CaseFilters
from aiplus.cases.models import Case, Collection
from aiplus.cases.selectors import case_listing

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "zh-hant", "zh-hans"]


@pytest.fixture
def cases(django_capture_on_commit_callbacks):
    # Saving queues a search index refresh, run once the data is committed.
    with django_capture_on_commit_callbacks(execute=True):
        csb = Organisation.objects.get(code="CSB")  # 公務員事務局
        return {
            "minutes": Case.objects.create(
                title="Faster write-ups",
                title_zh_hant="更快的會議記錄",  # the word is only in Traditional Chinese
                slug="faster-write-ups",
                organisation=csb,
                stage="operation",
                live=True,
            ),
            "forms": Case.objects.create(
                title="Forms read for you",
                title_zh_hant="自動讀取表格",
                slug="forms-read",
                organisation=Organisation.objects.get(code="DPO"),
                stage="pilot",
                live=True,
            ),
            "imported": Case.objects.create(
                title="Benefit letters",
                slug="benefit-letters",
                collection=Collection.INVENTORY,
                source="us",
                source_key="k",
                source_organisation="Dept of Examples",
                topic="Services",
                live=True,
            ),
        }


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_simplified_query_finds_traditional_only_text(client, cases, language):
    html = client.get(f"/{language}/cases/", {"q": "会议记录"}).content.decode()
    assert f"/{language}/cases/faster-write-ups/" in html
    assert f"/{language}/cases/forms-read/" not in html


@pytest.mark.parametrize(
    ("language", "csb", "not_shown"),
    [
        ("en", "Civil Service Bureau (1)", "公務員事務局"),
        ("zh-hant", "公務員事務局 (1)", "公务员事务局"),
        ("zh-hans", "公务员事务局 (1)", "公務員事務局"),
    ],
)
def test_the_organisation_select_is_in_the_readers_language(
    client, cases, language, csb, not_shown
):
    html = client.get(f"/{language}/cases/").content.decode()
    assert csb in html
    assert not_shown not in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_organisations_reported_by_a_source_are_shown_as_reported(client, cases, language):
    html = client.get(f"/{language}/cases/?collection=inventory").content.decode()
    if language == "en":
        assert ">Dept of Examples (1)</option>" in html
    else:
        assert 'lang="en"' in html and "Dept of Examples (1)" in html
    assert "Services (1)" in html


def test_each_facet_counts_with_every_other_filter_applied(cases):
    listing = case_listing(filters=CaseFilters(organisation="CSB"), user=AnonymousUser())
    assert [case.slug for case in listing.items] == ["faster-write-ups"]
    # The stage counts follow the organisation chosen (pilot, counted 0, is not offered) ...
    assert {o.value: o.count for o in listing.facets["stage"].options} == {"operation": 1}
    # ... the organisation counts say what choosing another would give.
    organisations = {o.value: (o.count, o.selected) for o in listing.facets["organisation"].options}
    assert organisations == {"CSB": (1, True), "DPO": (1, False)}


def test_the_text_match_runs_once_for_the_listing_and_every_facet(client, cases):
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/zh-hans/cases/", {"q": "会议记录", "stage": "operation"}).content
    assert "/zh-hans/cases/faster-write-ups/" in html.decode()
    # One ranked search in the index; the page and each facet count reuse its ids.
    assert len([q for q in queries.captured_queries if "search_posting" in q["sql"]]) == 1


def test_the_export_follows_the_search(client, cases):
    records = json.loads(client.get("/zh-hans/cases/?q=会议记录&format=json").content)
    assert [r["slug"] for r in records] == ["faster-write-ups"]
