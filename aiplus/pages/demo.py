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
            "<li>Download seminar slides, guides and reports from the resource library.</li>"
            "<li>Use the open JSON API to reuse the catalogue and the cases.</li></ul>",
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
            "<li>從資料庫下載研討會簡報、指引及報告。</li>"
            "<li>透過開放的 JSON 應用程式介面重用方案目錄及個案。</li></ul>",
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


# Pages linked from every page's footer. Editors keep them in the admin (Promote: "show in
# footer"); the demo gives each a first version in English and Traditional Chinese.
FOOTER_PAGES = [
    {
        "slug": "contact",
        "title": "Contact us",
        "title_zh_hant": "聯絡我們",
        "intro": "Questions about AI+ Hub, the catalogue, or adopting AI in your bureau or "
        "department.",
        "intro_zh_hant": "如對 AI+ 資源中心、方案目錄或在所屬政策局或部門採用人工智能有任何查詢。",
        "body": [
            (
                "paragraph",
                "<p>Write to the Digital Policy Office's Smart LAB at "
                "<b>aiplus@demo.aiplus.invalid</b> (a demonstration address). Tell us your "
                "bureau or department and what you would like to achieve; an advisor replies "
                "within three working days.</p>",
            ),
            (
                "paragraph",
                "<p>Vendors who want to list a solution in the catalogue can ask for a vendor "
                "account at the same address.</p>",
            ),
        ],
        "body_zh_hant": [
            (
                "paragraph",
                "<p>請電郵至數字政策辦公室智方便實驗室：<b>aiplus@demo.aiplus.invalid</b>"
                "（示範地址）。請註明所屬政策局或部門及希望達到的目標；顧問會在三個工作天內回覆。</p>",
            ),
            ("paragraph", "<p>如供應商希望把方案列入目錄，可經同一地址申請供應商帳戶。</p>"),
        ],
    },
    {
        "slug": "accessibility",
        "title": "Accessibility statement",
        "title_zh_hant": "無障礙聲明",
        "intro": "AI+ Hub aims to meet the Web Content Accessibility Guidelines (WCAG) 2.1 at "
        "level AA.",
        "intro_zh_hant": "AI+ 資源中心以符合《無障礙網頁內容指引》（WCAG）2.1 AA 級為目標。",
        "body": [
            (
                "paragraph",
                "<ul><li>Every page works with a keyboard alone and has a link to skip to the "
                "main content.</li><li>Pages are available in English, Traditional Chinese and "
                "Simplified Chinese, and mark the language of their text.</li><li>Charts come "
                "with the same figures as a table.</li><li>Every main page is checked with "
                "automated accessibility tests before each release.</li></ul>",
            ),
            (
                "paragraph",
                "<p>If something is hard to use, tell us through the Contact us page: say which "
                "page and what happened, and we will reply within five working days.</p>",
            ),
        ],
        "body_zh_hant": [
            (
                "paragraph",
                "<ul><li>所有頁面均可只用鍵盤操作，並設有跳至主要內容的連結。</li>"
                "<li>頁面提供英文、繁體中文及簡體中文版本，並標示文字所用的語言。</li>"
                "<li>圖表均附有載列相同數字的表格。</li>"
                "<li>每次發布前，所有主要頁面均經自動無障礙測試檢查。</li></ul>",
            ),
            (
                "paragraph",
                "<p>如發現任何難以使用的地方，請經「聯絡我們」頁面告訴我們所在頁面及情況，"
                "我們會在五個工作天內回覆。</p>",
            ),
        ],
    },
    {
        "slug": "privacy",
        "title": "Privacy policy",
        "title_zh_hant": "私隱政策",
        "intro": "What AI+ Hub records about you, why, and for how long.",
        "intro_zh_hant": "AI+ 資源中心記錄你的哪些資料、原因及保存期。",
        "body": [
            (
                "paragraph",
                "<ul><li>Your account: name, e-mail address, organisation and roles, to sign "
                "you in and show you what is meant for you.</li><li>An audit log of sign-ins, "
                "failed sign-ins, downloads of restricted documents and exports, to protect "
                "the information on the hub.</li><li>Nothing is sent to other servers: pages "
                "load nothing from outside the hub, and its AI models run on the hub's own "
                "machines.</li></ul>",
            ),
            (
                "paragraph",
                "<p>You may ask to see or correct your personal data under the Personal Data "
                "(Privacy) Ordinance through the Contact us page.</p>",
            ),
        ],
        "body_zh_hant": [
            (
                "paragraph",
                "<ul><li>你的帳戶：姓名、電郵地址、所屬機構及角色，用作登入及向你顯示適用的內容。</li>"
                "<li>審計記錄：登入、登入失敗、下載限閱文件及匯出資料的記錄，用以保護本中心的資料。</li>"
                "<li>不會把資料傳送至其他伺服器：頁面不會從本中心以外載入任何內容，"
                "人工智能模型亦在本中心的機器上運行。</li></ul>",
            ),
            (
                "paragraph",
                "<p>你可根據《個人資料（私隱）條例》經「聯絡我們」頁面要求查閱或改正你的個人資料。</p>",
            ),
        ],
    },
    {
        "slug": "important-notices",
        "title": "Important notices",
        "title_zh_hant": "重要告示",
        "intro": "Copyright, and what a listing in the catalogue means.",
        "intro_zh_hant": "版權，以及方案列入目錄的意思。",
        "body": [
            (
                "paragraph",
                "<p>A solution in the AI+ Tool and Solution Catalogue is described by its "
                "vendor and reviewed by an editor before it is published. A listing is not an "
                "endorsement: bureaux and departments choose and procure solutions under their "
                "own rules.</p>",
            ),
            (
                "paragraph",
                "<p>Imported use cases keep their source's licence and attribution, shown on "
                "each record. <i>Demonstration content: figures and stories on this site are "
                "examples.</i></p>",
            ),
        ],
        "body_zh_hant": [
            (
                "paragraph",
                "<p>「AI+ 工具及解決方案目錄」中的方案由供應商提供說明，經編輯審閱後才會發布。"
                "列入目錄並不代表認可：各政策局及部門按其規則自行選擇及採購方案。</p>",
            ),
            (
                "paragraph",
                "<p>匯入的應用個案保留來源的授權及出處，並在每項記錄上顯示。"
                "<i>示範內容：本網站的數字及個案均為示例。</i></p>",
            ),
        ],
    },
]


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
    for content in FOOTER_PAGES:
        page = StandardPage.objects.child_of(home).filter(slug=content["slug"]).first()
        if page is None:
            page = StandardPage(slug=content["slug"], title=content["title"])
            _apply(page, content)
            home.add_child(instance=page)
        else:
            _apply(page, content)
        page.show_in_footer = True
        page.save_revision().publish()
    log(f"home, About and {len(FOOTER_PAGES)} footer pages")
