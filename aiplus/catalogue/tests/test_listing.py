import csv
import io
import json

import pytest
from django.contrib.auth.models import AnonymousUser

from aiplus.accounts.models import Organisation
from aiplus.audit.models import AuditEvent
from aiplus.catalogue.filters import SolutionFilters
from aiplus.catalogue.selectors import solution_listing
from aiplus.catalogue.tests.factories import CapabilityFactory, SolutionFactory, TaskFactory

pytestmark = pytest.mark.django_db


def facet(facets, name):
    return {o.value: o.count for f in facets if f.name == name for o in f.options}


@pytest.fixture
def catalogue(django_capture_on_commit_callbacks):
    # Saving queues a search index refresh, run once the data is committed.
    with django_capture_on_commit_callbacks(execute=True):
        chatbot, minutes = TaskFactory(slug="chatbot"), TaskFactory(slug="minutes")
        speech = CapabilityFactory(slug="speech")
        return {
            "bot": SolutionFactory(
                name="Enquiry Bot",
                name_zh_hant="查詢機械人",
                tasks=[chatbot],
                supports_english=True,
                supports_traditional_chinese=True,
                deploys_public_cloud=True,
            ),
            "scribe": SolutionFactory(
                name="Scribe",
                name_zh_hant="會議記錄員",
                tasks=[minutes],
                capabilities=[speech],
                supports_english=True,
                supports_cantonese_speech=True,
                deploys_on_premises=True,
                max_classification=2,
            ),
            "both": SolutionFactory(
                name="Everything Suite",
                tasks=[chatbot, minutes],
                supports_english=True,
                deploys_on_premises=True,
                max_classification=1,
            ),
            "draft": SolutionFactory(name="Secret Draft", live=False, tasks=[chatbot]),
        }


def filtered_solutions(filters):
    return solution_listing(filters=filters, user=AnonymousUser()).items


def solution_facets(filters):
    return solution_listing(filters=filters, user=AnonymousUser()).facets


def names(filters):
    return sorted(s.name for s in filtered_solutions(filters))


def test_only_published_solutions_are_listed(client, catalogue):
    html = client.get("/en/solutions/").content.decode()
    assert "Enquiry Bot" in html and "Secret Draft" not in html
    assert client.get(f"/en/solutions/{catalogue['draft'].slug}/").status_code == 404


def test_values_within_a_facet_widen_and_facets_narrow(catalogue):
    assert names(SolutionFilters(tasks=("chatbot", "minutes"))) == [
        "Enquiry Bot",
        "Everything Suite",
        "Scribe",
    ]
    assert names(SolutionFilters(tasks=("chatbot",), deployments=("on-premises",))) == [
        "Everything Suite"
    ]
    # Languages are the exception: every language chosen must be supported.
    assert names(SolutionFilters(languages=("english", "cantonese-speech"))) == ["Scribe"]
    assert names(SolutionFilters(classification=2)) == ["Scribe"]


def test_facet_counts_apply_every_filter_but_their_own(catalogue):
    facets = solution_facets(SolutionFilters(tasks=("chatbot",)))
    assert facet(facets, "task")["chatbot"] == 2  # drafts are not counted
    assert facet(facets, "task")["minutes"] == 2  # what choosing it too would add
    assert facet(facets, "deployment") == {
        "on-premises": 1,
        "government-cloud": 0,
        "public-cloud": 1,
    }
    assert facet(facets, "classification") == {"0": 2, "1": 1, "2": 0, "3": 0}


def test_search_finds_traditional_text_from_a_simplified_query(client, catalogue):
    html = client.get("/zh-hans/solutions/?q=会议记录").content.decode()
    assert "Scribe" in html or "会议记录员" in html
    assert "Enquiry Bot" not in html and "查询机械人" not in html


def test_filter_urls_are_shareable_and_paginated(client, catalogue, settings):
    settings.AIPLUS_PAGE_SIZE = 1
    response = client.get("/en/solutions/?task=chatbot&task=minutes&sort=name&page=2")
    html = response.content.decode()
    assert "3 solutions" in html
    assert "Page 2 of 3" in html
    assert "task=chatbot&amp;task=minutes&amp;sort=name&amp;page=3" in html
    assert SolutionFilters.from_querydict(response.wsgi_request.GET).querystring() == (
        "task=chatbot&task=minutes"
    )


def test_sort_by_adoption_puts_the_most_used_first(catalogue):
    catalogue["scribe"].organisations_using.set(
        Organisation.objects.filter(code__in=["CSB", "DPO"])
    )
    catalogue["scribe"].save()
    assert filtered_solutions(SolutionFilters(sort="adoption"))[0].name == "Scribe"


def test_hostile_input_in_filters_is_ignored_not_an_error(client, catalogue):
    response = client.get(
        "/en/solutions/?language=klingon&classification=99&sort=drop+table&page=-5&q=" + "x" * 5000
    )
    assert response.status_code == 200


def test_html_in_solution_fields_is_escaped(client, catalogue):
    SolutionFactory(name="<script>alert(1)</script>", summary="<img src=x onerror=alert(2)>")
    html = client.get("/en/solutions/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert "<img src=x" not in html


def test_csv_export_neutralises_formulas_keeps_chinese_and_is_audited(client, catalogue):
    SolutionFactory(name="=cmd|' /C calc'!A0", summary="+SUM(A1:A9)", name_zh_hant="@危險")
    response = client.get("/en/solutions/?format=csv")
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    hostile = next(row for row in rows if "cmd" in row["name"])
    assert hostile["name"].startswith("'=")
    assert hostile["summary"].startswith("'+")
    assert hostile["name_zh_hant"] == "'@危險"
    assert any(row["name_zh_hant"] == "查詢機械人" for row in rows)
    assert "Secret Draft" not in body
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, target="solutions").exists()


def test_json_export_follows_the_filters(client, catalogue):
    response = client.get("/en/solutions/?task=minutes&format=json")
    records = json.loads(response.content)
    assert sorted(r["name"] for r in records) == ["Everything Suite", "Scribe"]


def test_htmx_requests_get_only_the_listing(client, catalogue):
    html = client.get("/en/solutions/?task=chatbot", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in html and "2 solutions" in html


def test_used_by_facet_counts_bureaux_and_departments(catalogue):
    csb, dpo = Organisation.objects.get(code="CSB"), Organisation.objects.get(code="DPO")
    catalogue["bot"].organisations_using.set([csb, dpo])
    catalogue["bot"].save()
    catalogue["scribe"].organisations_using.set([csb])
    catalogue["scribe"].save()
    catalogue["draft"].organisations_using.set([dpo])
    catalogue["draft"].save()

    assert facet(solution_facets(SolutionFilters()), "used_by") == {"CSB": 2, "DPO": 1}
    assert names(SolutionFilters(used_by=("DPO",))) == ["Enquiry Bot"]
    narrowed = solution_facets(SolutionFilters(used_by=("DPO",), tasks=("minutes",)))
    assert facet(narrowed, "used_by") == {"CSB": 1, "DPO": 0}


def test_a_search_and_a_facet_narrow_together(catalogue):
    filters = SolutionFilters(query="useful", tasks=("chatbot",))
    assert names(filters) == ["Enquiry Bot", "Everything Suite"]  # not the draft
    # The task counts are of the search's matches, with the task choice itself left out.
    assert facet(solution_facets(filters), "task") == facet(
        solution_facets(SolutionFilters(query="useful")), "task"
    )


@pytest.mark.parametrize("language", ["en", "zh-hant", "zh-hans"])
def test_a_simplified_query_finds_traditional_only_names_in_every_language(
    client, catalogue, language
):
    html = client.get(f"/{language}/solutions/", {"q": "会议记录"}).content.decode()
    assert f"/{language}/solutions/{catalogue['scribe'].slug}/" in html
    assert f"/{language}/solutions/{catalogue['bot'].slug}/" not in html


@pytest.mark.parametrize(
    ("language", "csb", "not_shown"),
    [
        ("en", "Civil Service Bureau", "公務員事務局"),
        ("zh-hant", "公務員事務局", "公务员事务局"),
        ("zh-hans", "公务员事务局", "公務員事務局"),
    ],
)
def test_facet_labels_are_in_the_readers_language(client, catalogue, language, csb, not_shown):
    catalogue["scribe"].organisations_using.set(Organisation.objects.filter(code="CSB"))
    catalogue["scribe"].save()
    vendor = catalogue["scribe"].vendor
    vendor.name_zh_hant = ""
    vendor.save()
    html = client.get(f"/{language}/solutions/").content.decode()
    assert f"{csb} <span" in html
    assert not_shown not in html
    # A vendor with no Chinese name falls back to English, marked as such for screen readers.
    if language == "en":
        assert f"{vendor.name} <span" in html
    else:
        assert f'<span lang="en">{vendor.name}</span>' in html


def test_filters_offer_any_classification_and_no_downloads_for_empty_results(client):
    SolutionFactory(name="Minutes Helper")
    html = client.get("/en/solutions/").content.decode()
    assert "format=csv" in html
    assert 'id="f-classification-any"' in html  # a single choice can be undone
    any_choice = html.split('id="f-classification-any"')[0].rsplit("<input", 1)[1]
    assert "checked" in html.split('id="f-classification-any"')[1].split(">")[0] + any_choice
    html = client.get("/en/solutions/?q=nothing-matches-this").content.decode()
    assert "format=csv" not in html and "format=json" not in html


def test_the_sort_order_reads_as_a_name_of_things_in_chinese(client):
    html = client.get("/zh-hant/solutions/").content.decode()
    sort = html.split('id="catalogue-sort"')[1].split("</select>")[0]
    assert "名稱" in sort and "姓名" not in sort


@pytest.mark.parametrize("language", ["en", "zh-hant", "zh-hans"])
def test_applied_filters_show_as_removable_chips(client, language):
    SolutionFactory(name="Minutes Helper", supports_cantonese_speech=True)
    url = f"/{language}/solutions/?language=cantonese-speech&sort=adoption"
    html = client.get(url).content.decode()
    chips = html.split('class="chips"')[1].split("</ul>")[0]
    assert chips.count('class="chip"') == 1
    assert 'href="?sort=adoption"' in chips  # removing it keeps the other choices
    assert (
        client.get(f"/{language}/solutions/?sort=adoption").content.decode().count('class="chip"')
        == 0
    )
