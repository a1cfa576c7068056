"""Translated fields are declared once per model (`core.translated.TranslatedField`) and every
other place (admin forms, the API, exports, importer mappings) expands that declaration."""

import csv
import io

import pytest
from django.apps import apps

from aiplus.cases.importer.mapping import check_mapping_text
from aiplus.cases.models import Case
from aiplus.cases.tests.factories import StoryFactory
from aiplus.catalogue.models import Solution
from aiplus.catalogue.tests.factories import SolutionFactory
from aiplus.core.translated import (
    TRADITIONAL_SUFFIX,
    all_variants,
    translated_field_names,
    variants,
)
from aiplus.pages.models import StandardPage


def test_every_chinese_field_comes_from_a_declaration():
    """A `_zh_hant` field added by hand would be missed by panels, the API and exports."""
    checked = 0
    for model in apps.get_models():
        declared = translated_field_names(model)
        for field in model._meta.get_fields():
            if field.name.endswith(TRADITIONAL_SUFFIX):
                checked += 1
                assert field.name.removesuffix(TRADITIONAL_SUFFIX) in declared, (
                    f"{model.__name__}.{field.name} is not declared with TranslatedField"
                )
        for name in declared:
            for variant in variants(name):
                model._meta.get_field(variant)  # raises FieldDoesNotExist
    assert checked >= 18


def test_a_declaration_adds_three_fields_where_it_stands():
    names = [field.name for field in Case._meta.fields]
    start = names.index("title")
    assert names[start : start + 4] == ["title", "title_zh_hant", "title_zh_hans", "slug"]

    english, traditional, simplified = (Case._meta.get_field(v) for v in variants("title"))
    assert not english.blank and traditional.blank and simplified.blank
    assert english.max_length == traditional.max_length == simplified.max_length == 500
    assert str(traditional.verbose_name) == "title (Traditional Chinese)"
    assert "convert from Traditional Chinese" in str(simplified.help_text)


def test_english_only_options_stay_on_the_english_field():
    assert Solution._meta.get_field("summary").max_length == 600
    assert Solution._meta.get_field("summary_zh_hant").max_length is None


def test_a_base_class_english_field_is_reused():
    """Wagtail's Page.title is the English title; the declaration adds the Chinese ones."""
    assert "title" in translated_field_names(StandardPage)
    assert StandardPage._meta.get_field("title").model.__name__ == "Page"
    assert StandardPage._meta.get_field("title_zh_hans").blank


def test_declarations_stay_with_their_own_model():
    assert translated_field_names(Case) == (
        "title",
        "summary",
        "problem",
        "technology",
        "management",
        "outcome",
        "learnings",
    )
    assert translated_field_names(Solution) == ("name", "summary", "problem", "description")


@pytest.mark.django_db
def test_the_case_editor_offers_every_language_of_every_declared_field(client, editor):
    case = StoryFactory(problem_zh_hans="人手撰写会议记录")
    client.force_login(editor)
    page = client.get(f"/admin/snippets/cases/case/edit/{case.pk}/").content.decode()
    for name in all_variants(Case):
        assert f'name="{name}"' in page, name
    assert "人手撰写会议记录" in page


@pytest.mark.django_db
def test_the_api_carries_english_and_traditional_chinese_of_every_declared_field(client):
    StoryFactory(problem="Minutes took hours.", problem_zh_hant="撰寫會議記錄需時數小時。")
    [result] = client.get("/api/v1/cases").json()["results"]
    assert result["problem_zh_hant"] == "撰寫會議記錄需時數小時。"
    assert set(all_variants(Case, simplified=False)) <= set(result)
    assert not any(key.endswith("_zh_hans") for key in result)

    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["SolutionOut"]
    assert set(all_variants(Solution, simplified=False)) <= set(schema["properties"])


@pytest.mark.django_db
def test_exports_carry_both_official_languages(client):
    SolutionFactory(name="Minutes Mate", name_zh_hant="會議記錄通")
    response = client.get("/en/solutions/?format=csv")
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )
    assert rows[0]["name_zh_hant"] == "會議記錄通"
    assert "name_zh_hans" not in rows[0]


def test_an_import_mapping_may_fill_any_language_of_any_declared_field():
    mapping_text = """\
[source]
slug = "example"
name = "Example register"
key = ["ref"]

[fields]
title = { column = "name", required = true }
problem_zh_hant = "challenge_tc"
learnings_zh_hans = "learnings_sc"
"""
    mapping, problems = check_mapping_text(mapping_text)
    assert problems == [] and mapping is not None
