"""The resource listing: text match in every language, the kind facet, exports."""

import json

import pytest

from aiplus.resources.tests.test_visibility import make_resource

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "zh-hant", "zh-hans"]


@pytest.fixture
def resources(django_capture_on_commit_callbacks):
    # Saving queues a search index refresh, run once the data is committed.
    with django_capture_on_commit_callbacks(execute=True):
        minutes = make_resource("Minutes guide", "public")
        minutes.title_zh_hant = "會議記錄指引"
        minutes.kind = "guide"
        minutes.save()
        # Chinese text only inside the document.
        slides = make_resource("Seminar slides", "public", text="智能會議記錄的經驗分享")
        slides.kind = "slides"
        slides.save()
        other = make_resource("Budget report", "public", text="財政預算")
        return {"minutes": minutes, "slides": slides, "other": other}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_simplified_query_finds_traditional_only_text(client, resources, language):
    html = client.get(f"/{language}/resources/", {"q": "会议记录"}).content.decode()
    assert f"/{language}/resources/{resources['minutes'].pk}/" in html  # its Traditional title
    assert f"/{language}/resources/{resources['slides'].pk}/" in html  # inside the document
    assert f"/{language}/resources/{resources['other'].pk}/" not in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_kind_facet_counts_the_matches_in_the_readers_language(client, resources, language):
    html = client.get(f"/{language}/resources/", {"q": "会议记录"}).content.decode()
    label = {"en": "Guide", "zh-hant": "指引", "zh-hans": "指引"}[language]
    assert f"{label} (1)" in html
    html = client.get(f"/{language}/resources/", {"q": "会议记录", "kind": "slides"})
    body = html.content.decode()
    assert f"/{language}/resources/{resources['slides'].pk}/" in body
    assert f"/{language}/resources/{resources['minutes'].pk}/" not in body


def test_the_export_follows_the_search_and_the_kind(client, resources):
    records = json.loads(client.get("/zh-hans/resources/?q=会议记录&format=json").content)
    assert sorted(r["title"] for r in records) == ["Minutes guide", "Seminar slides"]
    records = json.loads(client.get("/en/resources/?q=会议记录&kind=guide&format=json").content)
    assert [r["title"] for r in records] == ["Minutes guide"]
