import pytest
from wagtail.models import Workflow
from wagtail.rich_text import RichText

from aiplus.pages.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(home_page):
    page = StandardPage(
        title="About the hub",
        title_zh_hant="關於資源中心",
        slug="about-hub",
        show_in_menus=True,
        intro="Why the hub exists.",
        intro_zh_hant="資源中心的成立原因。",
        body=[("paragraph", RichText("<p>Saving staff time.</p>"))],
        body_zh_hant=[("paragraph", RichText("<p>節省人手時間。</p>"))],
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_page_shows_each_language_and_simplified_is_converted(client, about):
    english = client.get("/en/about-hub/").content.decode()
    assert "About the hub" in english and "Saving staff time." in english

    traditional = client.get("/zh-hant/about-hub/").content.decode()
    assert "關於資源中心" in traditional and "節省人手時間。" in traditional

    simplified = client.get("/zh-hans/about-hub/").content.decode()
    assert "关于资源中心" in simplified and "节省人手时间。" in simplified
    assert "資源中心的成立原因" not in simplified


def test_editor_written_simplified_text_wins_over_conversion(client, about):
    about.title_zh_hans = "关于本中心"
    about.save_revision().publish()
    assert "关于本中心" in client.get("/zh-hans/about-hub/").content.decode()


def test_missing_translation_shows_english_with_a_visible_note(client, home_page):
    page = StandardPage(title="Only English", slug="only-english", body=[])
    home_page.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/zh-hant/only-english/").content.decode()
    assert '<h1 lang="en">Only English</h1>' in html
    assert "此內容尚未翻譯" in html


def test_pages_in_menus_appear_in_the_main_navigation(client, about):
    html = client.get("/zh-hant/").content.decode()
    nav = html[html.index('class="site-nav"') :]
    assert 'href="/zh-hant/about-hub/"' in nav
    assert "關於資源中心" in nav


def test_script_in_page_fields_is_escaped(client, home_page):
    page = StandardPage(
        title="<script>alert(1)</script>", slug="hostile", intro="<img src=x onerror=alert(1)>"
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/en/hostile/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html


def test_editorial_workflow_needs_a_second_editor_to_publish(home_page, make_user):
    from aiplus.accounts.roles import Role

    author, reviewer = make_user(Role.EDITOR), make_user(Role.EDITOR)
    page = StandardPage(title="Draft story", slug="draft-story", live=False)
    home_page.add_child(instance=page)
    revision = page.save_revision(user=author)

    workflow = Workflow.objects.get(active=True)
    assert workflow in [home_page.get_workflow(), page.get_workflow()]
    state = page.get_workflow().start(page, author)
    page.refresh_from_db()
    assert not page.live
    assert state.current_task_state.task.specific.user_can_access_editor(page, reviewer)

    state.current_task_state.approve(user=reviewer)
    page.refresh_from_db()
    assert page.live
    assert page.live_revision == revision or page.live_revision.created_at >= revision.created_at


def test_officer_cannot_approve_in_the_workflow(home_page, make_user):
    from aiplus.accounts.roles import Role

    author, officer = make_user(Role.EDITOR), make_user(Role.OFFICER)
    page = StandardPage(title="Another draft", slug="another-draft", live=False)
    home_page.add_child(instance=page)
    page.save_revision(user=author)
    state = page.get_workflow().start(page, author)
    task = state.current_task_state.task.specific
    assert not task.get_actions(page, officer)
    assert task.get_actions(page, author)
