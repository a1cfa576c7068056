"""Demo assistants: "AI+ Hub help" for officers (its own FAQ plus the hub's published content),
and "AI+ enquiries", a public assistant a department page could embed, answering only from its
FAQ about the AI+ initiative's events and services. Both made through the services, so the FAQ
embeddings and the search index are built as in real use."""

from collections.abc import Callable

from aiplus.assistant.models import Assistant, KnowledgeItem
from aiplus.assistant.services import save_item

# (question, answer, 問題, 答案)
HUB_HELP = [
    (
        "How do I find an AI solution for my work?",
        "Open Solutions and search by the task, for example meeting minutes or enquiry "
        "handling, then narrow the list with the filters for language, deployment and data "
        "classification. Add solutions to your shortlist to compare them side by side.",
        "如何找到適合我工作的人工智能方案？",
        "打開「方案」，按工作任務搜尋，例如會議記錄或查詢處理，再以語言、部署方式及資料保密級別篩選。"
        "把方案加入短名單，便可並排比較。",
    ),
    (
        "How do I ask DPO for technical advice?",
        "Choose Advice and then Request advice. Describe the work today, the volumes, the pain "
        "points, the data classification and your time frame. DPO's advisors first answer "
        "within a few working days, and you can follow the request and reply in its thread.",
        "如何向數字政策辦公室尋求技術意見？",
        "選擇「諮詢」，再選「申請技術意見」。描述現時的工作、數量、難點、資料保密級別及時間表。"
        "數字政策辦公室的顧問會在數個工作天內首次回覆，你可在申請的對話中跟進及回覆。",
    ),
    (
        "Who can see my B/D's advice requests?",
        "The requester and colleagues in the same bureau or department see the B/D's advice "
        "requests. DPO's advisors see all requests. Internal notes of the advisors are never "
        "shown to the B/D.",
        "誰可以看到我部門的技術意見申請？",
        "申請人及同一決策局或部門的同事可看到該部門的申請。數字政策辦公室的顧問可看到所有申請。"
        "顧問的內部備註不會向部門顯示。",
    ),
    (
        "How do I register for a seminar or forum?",
        "Open Events, choose the event and press Register. If the event is full you join the "
        "waitlist and get a place automatically when someone cancels. You receive a "
        "confirmation with a calendar file and a QR code for check-in.",
        "如何報名參加研討會或論壇？",
        "打開「活動」，選擇活動後按「報名」。如活動已滿額，你會加入候補名單，有人取消時會自動獲分配名額。"
        "你會收到確認通知、日曆檔案及用於登記入場的二維碼。",
    ),
    (
        "How do I cancel my event registration?",
        "Open Events, then My registrations, and press Cancel next to the event. The place "
        "goes to the first person on the waitlist.",
        "如何取消活動報名？",
        "打開「活動」中的「我的報名」，在該活動旁按「取消」。名額會給候補名單上的第一位。",
    ),
    (
        "What does Smart Minutes do?",
        "Smart Minutes turns a meeting recording or transcript into a transcript with speakers "
        "and draft minutes in the Hong Kong government style, with decisions and an action "
        "table. Every statement in the minutes links to the part of the transcript it comes "
        "from. The minutes stay a draft until the owner approves them.",
        "「智能會議記錄」有甚麼功能？",
        "「智能會議記錄」把會議錄音或文字紀錄轉為附有發言者的文字紀錄，並按香港政府格式草擬會議記錄，"
        "包括決定及跟進事項表。記錄中每項陳述都連結到文字紀錄的出處。記錄在擁有人批准前均為草稿。",
    ),
    (
        "Which files can Smart Minutes read?",
        "Recordings in mp3, m4a, wav, mp4, webm or ogg up to 4 hours, and transcripts from "
        "Teams or Zoom (VTT), SRT subtitles, Word documents, plain text or QMSum JSON.",
        "「智能會議記錄」可以讀取哪些檔案？",
        "可讀取長達 4 小時的 mp3、m4a、wav、mp4、webm 或 ogg 錄音，以及 Teams 或 Zoom 的 VTT 文字紀錄、"
        "SRT 字幕、Word 文件、純文字或 QMSum JSON。",
    ),
    (
        "Can Smart Minutes transcribe Cantonese?",
        "Cantonese recordings need a transcription server that handles Cantonese, which the "
        "administrator configures. Without one, upload a transcript instead.",
        "「智能會議記錄」可以轉錄廣東話嗎？",
        "廣東話錄音需要由管理員設定能處理廣東話的轉錄伺服器。如未設定，請改為上載文字紀錄。",
    ),
    (
        "Who can see my meetings?",
        "Only you and the colleagues you share a meeting with can see it. Sharing can allow "
        "reading only or also editing.",
        "誰可以看到我的會議？",
        "只有你及你分享會議的同事可以看到。分享時可選擇只可閱讀或可以編輯。",
    ),
    (
        "How long are meeting recordings kept?",
        "Recordings are deleted automatically after the retention period the administrator "
        "sets; the owner is warned before. Transcripts and minutes are kept.",
        "會議錄音會保留多久？",
        "錄音會在管理員設定的保留期後自動刪除，刪除前會通知擁有人。文字紀錄及會議記錄會保留。",
    ),
    (
        "How do I export minutes to Word?",
        "Open the minutes and choose Download as Word. The document is laid out like Hong Kong "
        "government minutes, with the action table at the end.",
        "如何把會議記錄匯出為 Word 檔案？",
        "打開會議記錄，選擇「下載 Word 檔案」。文件按香港政府會議記錄的格式排版，跟進事項表在最後。",
    ),
    (
        "What are success stories?",
        "Success stories describe how bureaux and departments used technology to streamline "
        "work, with the hours saved and posts redeployed that they reported.",
        "甚麼是成功案例？",
        "成功案例介紹各決策局及部門如何運用科技精簡工作，並列出它們所報告節省的工時及調配的職位。",
    ),
    (
        "How do I change my notification settings?",
        "Open Notifications and then Settings. For each kind of notification choose whether "
        "you also want an e-mail, and your preferred language.",
        "如何更改通知設定？",
        "打開「通知」再選「設定」。你可為每類通知選擇是否同時接收電郵，以及選擇慣用語言。",
    ),
    (
        "Can I use the hub in Chinese?",
        "Yes. The hub is available in English, Traditional Chinese and Simplified Chinese; "
        "choose the language at the top of any page.",
        "可以用中文使用平台嗎？",
        "可以。平台提供英文、繁體中文及簡體中文版本，在任何頁面頂部選擇語言即可。",
    ),
    (
        "How does search work?",
        "Search finds solutions, success stories, resources and pages by their words and by "
        "their meaning, in English and Chinese, and only shows what you are allowed to see.",
        "搜尋功能如何運作？",
        "搜尋功能按字詞及意思，以中英文尋找方案、成功案例、資源及頁面，並只顯示你有權查看的內容。",
    ),
    (
        "How do vendors add their solution to the catalogue?",
        "A vendor's staff sign in with a vendor account, submit the solution and update it "
        "later. Each submission goes live only after an editor reviews it.",
        "供應商如何把方案加入目錄？",
        "供應商員工以供應商帳戶登入後提交方案，其後亦可更新。每次提交均須由編輯審閱後才會公開。",
    ),
]

PUBLIC = [
    (
        "What is the AI+ initiative?",
        "The Civil Service Bureau and the Digital Policy Office help bureaux and departments "
        "use AI and other technology to optimise manpower. They share success stories, a "
        "catalogue of ready-to-use AI solutions, seminars and forums, and technical advice.",
        "甚麼是 AI+ 計劃？",
        "公務員事務局及數字政策辦公室協助各決策局及部門運用人工智能及其他科技優化人手。"
        "計劃分享成功案例、即用人工智能方案目錄、研討會及論壇，並提供技術意見。",
    ),
    (
        "Who organised the first AI+ technology forum?",
        "The first forum, Smart Governance Era – Digital Agents & Smart Meetings for "
        "Efficiency, was co-organised by the Digital Policy Office, Cyberport, the Hong Kong "
        "Productivity Council and the Hong Kong Science and Technology Parks Corporation.",
        "第一次 AI+ 科技論壇由誰主辦？",
        "第一次論壇「智慧治理新時代：數字代理與智能會議提升效率」由數字政策辦公室、數碼港、"
        "香港生產力促進局及香港科技園公司合辦。",
    ),
    (
        "When was the first AI+ technology forum held?",
        "The first forum of the AI+ Civil Services Technology Forum Series was held on 8 August.",
        "第一次 AI+ 科技論壇在甚麼時候舉行？",
        "AI+ 公務科技論壇系列的第一次論壇於 8 月 8 日舉行。",
    ),
    (
        "What were the themes of the first forum?",
        "The forum had two themes: AI-driven digital-human customer service, and AI meeting "
        "minutes with communication and collaboration.",
        "第一次論壇有哪些主題？",
        "論壇有兩個主題：人工智能驅動的數字人客戶服務，以及人工智能會議記錄與溝通協作。",
    ),
    (
        "What was the seminar on 24 June about?",
        "The seminar Embracing Artificial Intelligence in the Civil Service, on 24 June, "
        "briefed about 120 directorate officers on using AI to save staff time.",
        "6 月 24 日的研討會講甚麼？",
        "6 月 24 日的研討會「公務員擁抱人工智能」向約 120 名首長級人員介紹如何運用人工智能節省人手。",
    ),
    (
        "Can members of the public attend the seminars?",
        "No. The seminars, forums and briefings are for civil servants of bureaux and "
        "departments. Recordings and slides may be published as resources afterwards.",
        "市民可以出席研討會嗎？",
        "不可以。研討會、論壇及簡介會是為各決策局及部門的公務員而設。活動後或會把錄影及簡報發布為資源。",
    ),
    (
        "How can a company propose an AI solution to the Government?",
        "Technology companies can submit their ready-to-use solutions to the AI+ Tool and "
        "Solution Catalogue with a vendor account. Editors review each submission before it "
        "is published.",
        "公司如何向政府推介人工智能方案？",
        "科技公司可用供應商帳戶把即用方案提交至「AI+ 工具及方案目錄」。編輯會審閱每項提交後才發布。",
    ),
    (
        "Does the Government use AI to take minutes of meetings?",
        "Yes. AI meeting minutes is one of the two solution themes showcased: speech is turned "
        "into text and draft minutes with action items, which officers check and approve.",
        "政府有否使用人工智能撰寫會議記錄？",
        "有。人工智能會議記錄是兩個重點展示的方案主題之一：把語音轉為文字，並草擬附有跟進事項的會議記錄，"
        "由人員核對及批准。",
    ),
    (
        "Is my conversation with this assistant kept?",
        "Questions and answers are kept to improve the answers and to count how many questions "
        "are resolved. Do not type personal or classified information.",
        "我和這個助理的對話會被保存嗎？",
        "問題及答案會被保存，用以改善答案及統計解決了多少問題。請勿輸入個人或機密資料。",
    ),
]


def _load(assistant: Assistant, pairs: list[tuple[str, str, str, str]]) -> None:
    for question, answer, question_zh, answer_zh in pairs:
        save_item(
            KnowledgeItem(
                assistant=assistant,
                kind=KnowledgeItem.Kind.FAQ,
                title=question,
                body=answer,
                title_zh_hant=question_zh,
                body_zh_hant=answer_zh,
            )
        )


def load(*, log: Callable[[str], None]) -> None:
    if Assistant.objects.exists():
        return
    hub = Assistant.objects.create(
        slug="hub-help",
        name="AI+ Hub help",
        name_zh_hant="AI+ 平台助理",
        greeting="Ask me how to use the hub, or about the solutions, stories and resources on it.",
        greeting_zh_hant="你可以問我如何使用平台，或平台上的方案、案例及資源。",
        scope="using AI+ Hub, and the solutions, success stories, resources and events on it",
        scope_zh_hant="使用 AI+ 平台，以及平台上的方案、成功案例、資源及活動",
        uses_hub_content=True,
        is_public=False,
    )
    _load(hub, HUB_HELP)
    public = Assistant.objects.create(
        slug="ai-plus-enquiries",
        name="AI+ enquiries",
        name_zh_hant="AI+ 查詢",
        greeting="I answer questions about the Government's AI+ initiative.",
        greeting_zh_hant="我解答有關政府 AI+ 計劃的問題。",
        scope="the Government's AI+ initiative: its events, the solution catalogue and advice",
        scope_zh_hant="政府的 AI+ 計劃：活動、方案目錄及技術意見",
        is_public=True,
        allowed_origins="http://127.0.0.1:8000\nhttp://localhost:8000",
    )
    _load(public, PUBLIC)
    log(f"assistants: {hub.knowledge.count()} + {public.knowledge.count()} FAQ entries")
