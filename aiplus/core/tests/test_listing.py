"""The listing toolkit on its own: filters to query string, the text match, facet options."""

from dataclasses import dataclass

import pytest
from django.utils import translation

from aiplus.accounts.models import Organisation
from aiplus.core.listing import (
    ExportSpec,
    FacetSpec,
    ListingSpec,
    QueryFilters,
    TextMatch,
    count_by,
    localised_choice,
    narrow_in,
)


@dataclass(frozen=True)
class Filters(QueryFilters):
    query: str = ""
    kinds: tuple[str, ...] = ()
    code: str = ""

    def as_params(self) -> list[tuple[str, str]]:
        return [("q", self.query)] * bool(self.query) + [("kind", k) for k in self.kinds]


def _choices(counts, chosen):
    organisations = Organisation.objects.filter(code__in=["CSB", "DPO"]).order_by("code")
    return [localised_choice(o.code, o) for o in organisations]


ORGANISATIONS = ListingSpec[Organisation](
    search=TextMatch(("name", "name_zh_hant")),
    facets=(
        FacetSpec("kind", "Kind", "kinds", narrow_in("kind"), count_by("kind"), lambda c, s: []),
        FacetSpec(
            "code", "Code", "code", narrow_in("code"), count_by("code"), _choices, hide_empty=True
        ),
    ),
    export=ExportSpec[Organisation](columns=["code"], record=lambda o: {"code": o.code}),
)


def test_filters_write_back_a_query_string():
    filters = Filters(query="會議", kinds=("a", "b"))
    assert filters.querystring() == "q=%E6%9C%83%E8%AD%B0&kind=a&kind=b"
    assert filters.querystring(kinds=()) == "q=%E6%9C%83%E8%AD%B0"
    assert filters.is_filtered and not Filters().is_filtered


def test_the_text_match_also_looks_for_the_traditional_conversion():
    condition = str(TextMatch(("title",)).condition("会议"))
    assert "会议" in condition and "會議" in condition
    assert str(TextMatch(("title",)).condition("minutes")).count("minutes") == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "label"),
    [("en", "Civil Service Bureau"), ("zh-hant", "公務員事務局"), ("zh-hans", "公务员事务局")],
)
def test_facet_options_carry_value_label_count_and_selection(language, label):
    translation.activate(language)
    listing = ORGANISATIONS.listing(Organisation.objects.all(), Filters(query="公务员事务"))
    assert [o.code for o in listing.items] == ["CSB"]
    (option,) = listing.facets["code"].options  # DPO, counted 0, is not offered
    assert (option.value, option.label, option.count, option.selected) == ("CSB", label, 1, False)
    assert [f.name for f in listing.facets] == ["kind", "code"]
    assert list(listing.records()) == [{"code": "CSB"}]

    chosen = ORGANISATIONS.listing(
        Organisation.objects.all(), Filters(query="公务员事务", code="DPO")
    )
    assert not chosen.items.exists()
    options = {o.value: (o.count, o.selected) for o in chosen.facets["code"].options}
    assert options == {"CSB": (1, False), "DPO": (0, True)}  # chosen: offered even at 0
