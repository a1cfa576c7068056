"""Demo success stories (written for the demo; figures are illustrative) and, when the shared
data set is present, the US federal inventory as the public-inventory collection."""

from collections.abc import Callable
from pathlib import Path

from django.conf import settings

from aiplus.accounts.models import Organisation
from aiplus.cases.importer.mapping import load_mapping
from aiplus.cases.importer.run import run_import
from aiplus.cases.models import Case, Collection, Stage
from aiplus.catalogue.models import Solution
from aiplus.core.translated import pick_translations

# The real 2024 inventory, when the shared data set sits beside the project (tests and
# benchmarks read it from here too).
US_INVENTORY = (
    Path(settings.BASE_DIR).parent
    / "shared/data/us-federal-ai-inventory/2024_consolidated_ai_inventory.csv"
)

STORIES = [
    {
        "slug": "csb-meeting-minutes",
        "organisation": "CSB",
        "title": "Drafting committee minutes in a third of the time",
        "title_zh_hant": "以三分之一時間草擬委員會會議記錄",
        "summary": "Secretaries now check AI-drafted minutes instead of writing them from recordings.",
        "summary_zh_hant": "秘書現只需核對人工智能草擬的會議記錄，毋須再按錄音逐字撰寫。",
        "problem": "About 40 committees met monthly; each hour of meeting took three hours to write up.",
        "problem_zh_hant": "約 40 個委員會每月開會，每一小時會議需三小時撰寫記錄。",
        "technology": "Speech-to-text for Cantonese and English with speaker labels, and a language model that drafts minutes with action items.",
        "technology_zh_hant": "採用支援粵語及英語並標示講者的語音轉文字技術，以及草擬會議記錄和跟進事項的語言模型。",
        "management": "A two-week pilot with three secretaries, a checklist for reviewing drafts, and consent wording for members.",
        "management_zh_hant": "由三位秘書進行兩星期試行，制定核對草稿的清單，並向委員說明同意事項。",
        "outcome": "Write-up time fell from three hours to one per meeting hour.",
        "outcome_zh_hant": "每小時會議的撰寫時間由三小時減至一小時。",
        "learnings": "Agree the minutes style first; names of members must be in the vocabulary.",
        "learnings_zh_hant": "先議定會議記錄的格式；委員姓名須加入詞彙表。",
        "hours": 2900,
        "posts": 1.5,
        "months": 4,
        "stage": Stage.OPERATION,
        "solutions": ["minutemate"],
    },
    {
        "slug": "fehd-enquiry-chatbot",
        "organisation": "FEHD",
        "title": "A chatbot answers licensing questions around the clock",
        "title_zh_hant": "聊天機械人全天候解答牌照查詢",
        "summary": "Most questions about food licences are answered online, day and night, with hand-over to staff.",
        "summary_zh_hant": "大部分食物牌照查詢可於網上全天候獲得解答，並可轉交職員跟進。",
        "problem": "The licensing hotline received 12,000 calls a month, mostly on the same 50 topics.",
        "problem_zh_hant": "牌照熱線每月接獲 12,000 個來電，大多涉及相同的 50 個題目。",
        "technology": "A chatbot grounded in the department's published guides, citing the page it answers from.",
        "technology_zh_hant": "以部門已發布的指引為依據的聊天機械人，並引述答案出處。",
        "management": "Hotline officers reviewed unanswered questions weekly and updated the guides.",
        "management_zh_hant": "熱線人員每星期檢視未能解答的問題，並更新指引。",
        "outcome": "Calls fell by 35%; officers moved to complex cases.",
        "outcome_zh_hant": "來電減少 35%；人員轉為處理較複雜的個案。",
        "learnings": "Publish clear answers first: the chatbot is only as good as the pages behind it.",
        "learnings_zh_hant": "先發布清晰的答案：聊天機械人的質素取決於背後的網頁內容。",
        "hours": 5200,
        "posts": 3,
        "months": 6,
        "stage": Stage.OPERATION,
        "solutions": ["askgov-assistant"],
    },
    {
        "slug": "ird-form-capture",
        "organisation": "IRD",
        "title": "Reading paper returns automatically",
        "title_zh_hant": "自動讀取紙本報稅表",
        "summary": "Scanned paper returns are read by AI and checked by staff instead of typed in.",
        "summary_zh_hant": "掃描後的紙本報稅表由人工智能讀取，再由職員核對，毋須人手輸入。",
        "problem": "Peak season needed temporary staff to key in paper returns.",
        "problem_zh_hant": "旺季需聘請臨時員工輸入紙本報稅表。",
        "technology": "Document AI reading printed and handwritten Chinese and English fields.",
        "technology_zh_hant": "以文件人工智能讀取印刷及手寫的中英文欄位。",
        "management": "Low-confidence fields go to a checker; weekly accuracy reports.",
        "management_zh_hant": "信心度低的欄位交由核對員處理；每星期提交準確度報告。",
        "outcome": "Keying effort fell by 60% in the first season.",
        "outcome_zh_hant": "首個旺季的輸入工作量減少 60%。",
        "learnings": "Redesigning the form helped as much as the AI did.",
        "learnings_zh_hant": "重新設計表格與引入人工智能同樣重要。",
        "hours": 8600,
        "posts": 4,
        "months": 9,
        "stage": Stage.OPERATION,
        "solutions": ["formreader"],
    },
    {
        "slug": "isd-press-translation",
        "organisation": "ISD",
        "title": "First drafts of press release translations in minutes",
        "title_zh_hant": "數分鐘內完成新聞稿翻譯初稿",
        "summary": "Translators edit machine drafts that follow the government glossary.",
        "summary_zh_hant": "翻譯人員按政府詞彙表修訂機器翻譯的初稿。",
        "problem": "Late-evening releases waited for translators to finish earlier work.",
        "problem_zh_hant": "晚間發布的新聞稿需待翻譯人員完成手頭工作。",
        "technology": "Machine translation tuned with the government glossary and past releases.",
        "technology_zh_hant": "以政府詞彙表及過往新聞稿調校的機器翻譯。",
        "management": "Every release is still checked and signed off by a translator.",
        "management_zh_hant": "每份新聞稿仍由翻譯人員核對及簽批。",
        "outcome": "Median time to a bilingual release fell from 90 to 35 minutes.",
        "outcome_zh_hant": "發布雙語新聞稿所需時間的中位數由 90 分鐘減至 35 分鐘。",
        "learnings": "Keep the glossary owned by one team and updated weekly.",
        "learnings_zh_hant": "詞彙表應由一個團隊負責，並每星期更新。",
        "hours": 3100,
        "posts": 1,
        "months": 5,
        "stage": Stage.OPERATION,
        "solutions": ["bilingo"],
    },
    {
        "slug": "bd-site-inspection",
        "organisation": "BD",
        "title": "Cameras help inspectors focus on risky sites",
        "title_zh_hant": "攝影機協助巡查人員專注高風險工地",
        "summary": "AI flags likely hazards from site cameras so inspectors visit where they are needed.",
        "summary_zh_hant": "人工智能從工地攝影機識別潛在隱患，讓巡查人員按需要到場視察。",
        "problem": "Routine visits took most inspectors' time, whatever the risk.",
        "problem_zh_hant": "不論風險高低，例行巡查佔用了大部分巡查人員的時間。",
        "technology": "Computer vision on images from contractors' cameras.",
        "technology_zh_hant": "分析承建商攝影機影像的電腦視覺技術。",
        "management": "A risk-based inspection plan agreed with the industry.",
        "management_zh_hant": "與業界議定以風險為本的巡查計劃。",
        "outcome": "Routine visits fell by a quarter during the pilot.",
        "outcome_zh_hant": "試行期間例行巡查減少四分之一。",
        "learnings": "Camera placement rules must be in the contract from the start.",
        "learnings_zh_hant": "攝影機位置的要求須在合約訂明。",
        "hours": 1800,
        "posts": None,
        "months": 8,
        "stage": Stage.PILOT,
        "solutions": ["sitewatch"],
    },
    {
        "slug": "dh-clinic-demand",
        "organisation": "DH",
        "title": "Rosters that follow the queue",
        "title_zh_hant": "按人龍編排更表",
        "summary": "Hourly demand forecasts let clinics roster staff for the real peaks.",
        "summary_zh_hant": "按小時的需求預測讓診所按實際高峰編排人手。",
        "problem": "Clinic queues peaked on Monday mornings while afternoons were quiet.",
        "problem_zh_hant": "診所逢星期一早上出現人龍高峰，下午則較為清閒。",
        "technology": "Demand forecasting from past attendance, weather and holidays.",
        "technology_zh_hant": "根據過往求診人數、天氣及假期預測需求。",
        "management": "Flexible shifts agreed with staff associations.",
        "management_zh_hant": "與職員協會議定彈性更份。",
        "outcome": "Average waiting time fell by 20 minutes; overtime fell by 30%.",
        "outcome_zh_hant": "平均輪候時間減少 20 分鐘；超時工作減少 30%。",
        "learnings": "Share the forecasts with front-line staff, not only managers.",
        "learnings_zh_hant": "預測結果應與前線人員分享，而非只供管理層參考。",
        "hours": 4100,
        "posts": 2,
        "months": 6,
        "stage": Stage.OPERATION,
        "solutions": ["demandcast"],
    },
]


def load_stories() -> None:
    for story in STORIES:
        values = pick_translations(story, Case) | {
            "collection": Collection.STORY,
            "organisation": Organisation.objects.get(code=story["organisation"]),
            "hours_saved_per_year": story["hours"],
            "posts_redeployed": story["posts"],
            "months_to_implement": story["months"],
            "stage": story["stage"],
            "contact": "Demo contact, AI+ Hub team",
            "live": True,
        }
        case, _ = Case.objects.update_or_create(slug=story["slug"], defaults=values)
        case.solutions.set(Solution.objects.filter(slug__in=story["solutions"]))
        case.save()
        if case.latest_revision is None:
            case.save_revision().publish()


def load(*, log: Callable[[str], None]) -> None:
    load_stories()
    log(f"{len(STORIES)} success stories")
    if US_INVENTORY.is_file():
        with US_INVENTORY.open("rb") as stream:
            result = run_import(
                mapping=load_mapping("us-federal-ai-inventory-2024"), stream=stream, dry_run=False
            )
        log(
            f"US federal inventory: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged, {result.rejected} rejected"
        )
    else:
        log("US federal inventory not found; the public-inventory collection stays empty")
