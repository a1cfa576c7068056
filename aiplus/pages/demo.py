"""Demo home and About pages, written for the demo, in English and Traditional Chinese."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from aiplus.pages.models import HomePage, StandardPage

HOME = {
    "title": "AI+ Hub",
    "title_zh_hant": "AI+ 資源中心",
    "intro": (
        "Save staff time with AI: find ready-to-use solutions, learn from other bureaux and "
        "departments, and get technical advice from the Digital Policy Office."
    ),
    "intro_zh_hant": (
        "以人工智能節省人手：搜尋即用的解決方案、借鑑其他政策局及部門的成功經驗，"
        "並向數字政策辦公室尋求技術意見。"
    ),
    "body": [
        ("heading", "What you can do here"),
        (
            "paragraph",
            "<ul><li>Browse the AI+ Tool and Solution Catalogue of solutions from industry.</li>"
            "<li>Read how departments streamlined work, and how many hours it saved.</li>"
            "<li>Download seminar slides and guides, and register for forums.</li>"
            "<li>Try Smart Minutes and the Digital Assistant on your own material.</li></ul>",
        ),
        (
            "paragraph",
            "<p><i>Demonstration content: figures and stories on this site are examples.</i></p>",
        ),
    ],
    "body_zh_hant": [
        ("heading", "你可以在這裏"),
        (
            "paragraph",
            "<ul><li>瀏覽「AI+ 工具及解決方案目錄」中業界提供的方案。</li>"
            "<li>了解各部門如何精簡工作流程，以及節省了多少工時。</li>"
            "<li>下載研討會簡報及指引，並報名參加論壇。</li>"
            "<li>以自己的材料試用「智能會議記錄」和「數碼助理」。</li></ul>",
        ),
        ("paragraph", "<p><i>示範內容：本網站的數字及個案均為示例。</i></p>"),
    ],
}

ABOUT = {
    "slug": "about",
    "title": "About AI+ Hub",
    "title_zh_hant": "關於 AI+ 資源中心",
    "intro": (
        "AI+ Hub brings together the Government's support for adopting AI to optimise "
        "manpower: success stories, a catalogue of solutions, resources, events and advice."
    ),
    "intro_zh_hant": (
        "AI+ 資源中心匯集政府推動以人工智能優化人手的支援：成功個案、方案目錄、"
        "參考資料、活動及技術意見。"
    ),
    "body": [
        ("heading", "Who it is for"),
        (
            "paragraph",
            "<p>Officers of every bureau and department who want to spend less time on "
            "routine work such as taking meeting minutes or answering common enquiries.</p>",
        ),
        ("heading", "Who runs it"),
        (
            "paragraph",
            "<p>The Civil Service Bureau and the Digital Policy Office. Editors curate the "
            "catalogue and stories; advisors answer requests for technical advice.</p>",
        ),
        ("paragraph", "<p><i>Demonstration content.</i></p>"),
    ],
    "body_zh_hant": [
        ("heading", "服務對象"),
        (
            "paragraph",
            "<p>各政策局及部門希望減少處理例行工作（例如撰寫會議記錄或回覆常見查詢）"
            "所需時間的人員。</p>",
        ),
        ("heading", "營運單位"),
        (
            "paragraph",
            "<p>公務員事務局及數字政策辦公室。編輯負責整理方案目錄及個案；"
            "顧問負責回覆技術意見查詢。</p>",
        ),
        ("paragraph", "<p><i>示範內容。</i></p>"),
    ],
}


def _stream(blocks: list[tuple[str, str]]) -> list[tuple[str, Any]]:
    return [(kind, RichText(value) if kind == "paragraph" else value) for kind, value in blocks]


def _apply(page: Page, content: dict[str, Any]) -> None:
    for field, value in content.items():
        if field.startswith("body"):
            value = _stream(value)
        if field != "slug":
            setattr(page, field, value)


def _tree_root() -> Page:
    root = Page.get_first_root_node()
    if root is None:  # an emptied (flushed) database: rebuild what Wagtail's migrations made
        language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        Locale.objects.get_or_create(language_code=language)
        root = Page.add_root(title="Root", slug="root")
    return root


@transaction.atomic
def ensure_home_page() -> HomePage:
    """The site's home page, created (and made the default site's root) if missing."""
    home = HomePage.objects.first()
    root = _tree_root()
    if home is None:
        # Wagtail's own placeholder "Welcome" page would clash on the slug "home".
        for child in root.get_children().filter(slug="home").exact_type(Page):
            child.delete()
        home = HomePage(slug="home", title=HOME["title"])
        _apply(home, HOME)
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="AI+ Hub"
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save(update_fields=["root_page"])
    return home


def load(*, log: Callable[[str], None]) -> None:
    home = ensure_home_page()
    _apply(home, HOME)
    home.save_revision().publish()

    about = StandardPage.objects.child_of(home).filter(slug=ABOUT["slug"]).first()
    if about is None:
        about = StandardPage(slug=ABOUT["slug"], title=ABOUT["title"], show_in_menus=True)
        _apply(about, ABOUT)
        home.add_child(instance=about)
    else:
        _apply(about, ABOUT)
    about.save_revision().publish()
    log("home and About pages")
