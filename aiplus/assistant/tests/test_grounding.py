from aiplus.assistant.grounding import Checker
from aiplus.assistant.retrieval import Source

FAQ = Source(
    n=1,
    title="政府有否使用人工智能撰寫會議記錄？",
    url="/zh-hant/assistant/help/sources/#item-1",
    text="有。人工智能把語音轉為文字，並草擬會議記錄，由人員核對及批准。",
    passage_id=1,
    language="zh-hant",
)


def test_a_bare_yes_is_not_shown_even_when_a_source_says_it():
    checker = Checker([FAQ], question="政府有冇用 AI 寫會議記錄㗎？")
    for bare in ("有。", "係。", "Yes.", "No."):  # 係: Cantonese, read as 是
        assert (checker.check(bare).text, checker.check(bare).reason) == ("", "bare")


def test_a_colloquial_answer_is_checked_in_its_written_form():
    checker = Checker([FAQ], question="政府有冇用 AI 寫會議記錄㗎？")
    assert checker.check("由人員核對同埋批准。").supported
    assert checker.check("政府有冇用 AI 寫會議記錄？").reason == "echo"


CLINICS = Source(
    n=1,
    title="按需求編排診所人手",
    url="/zh-hant/stories/rosters/",
    text="平均輪候時間減少 20 分鐘；超時工作減少 30%。",
    passage_id=2,
    language="zh-hant",
)
CONTACT = Source(
    n=2,
    title="Contact us",
    url="/en/contact/",
    text="Please e-mail the AI+ team at aiplus@demo.aiplus.invalid with your bureau's name.",
    passage_id=3,
    language="en",
)


def test_a_chinese_paraphrase_is_compared_by_words_not_by_pairs_of_characters():
    # Pairs across word boundaries (署的, 所輪, 少了) are in no source, and with them the
    # sentence fell below the share; its words (診所, 輪候, 時間, 減少, 20, 分鐘) are there.
    checker = Checker([CLINICS], question="診所輪候時間縮短了多少？")
    assert checker.check("衞生署的診所輪候時間減少了20分鐘。").supported
    assert not checker.check("診所的輪候時間減少了25分鐘。").supported
    assert checker.check("醫生會在網上替市民看病及開藥。").reason == "words"


def test_an_email_address_no_source_gives_is_dropped():
    checker = Checker([CONTACT], question="What is the AI+ team's e-mail address?")
    assert checker.check("E-mail the AI+ team at aiplus@demo.aiplus.invalid.").supported
    assert checker.check("E-mail the AI+ team at team@aiplus.gov.hk.").reason == "link"
    # What a model that learnt from web pages writes where an address was hidden.
    assert checker.check("E-mail the AI+ team at [email protected].").reason == "link"


ADVICE = Source(
    n=3,
    title="Technical advice",
    url="/en/advice/",
    text=(
        "The team replies within 3 working days. Two advisers visit each bureau on 15 December."
        " About 20% of requests come from frontline staff. 顧問會在三個工作天內回覆。"
    ),
    passage_id=4,
    language="en",
)


def test_a_figure_must_count_what_the_sources_count_with_it():
    checker = Checker([ADVICE], question="How soon does the team reply?")
    assert checker.check("The team replies within 3 working days.").supported
    assert checker.check("The team replies within 3 days.").supported  # a shorter paraphrase
    assert checker.check("The team has 3 advisers.").reason == "figure"  # 3 counts days
    assert checker.check("顧問會在3個工作天內回覆。").supported
    assert checker.check("團隊有3個顧問。").reason == "figure"  # 顧問 is in it, not counted by 3
    # No word counted at once: a percentage, a date's day, a figure ending the sentence.
    assert checker.check("About 20 per cent of requests come from frontline staff.").supported
    assert checker.check("Advisers visit each bureau on 15 December.").supported


def test_a_source_pointed_at_by_its_number_is_named():
    checker = Checker([CLINICS, CONTACT], question="邊個方案可以縮短輪候時間？")
    checked = checker.check("方案[1]令平均輪候時間減少 20 分鐘。")
    assert checked.supported
    assert checked.text.startswith("「按需求編排診所人手」令平均輪候時間")
    english = Checker([CONTACT], question="How do I reach the team?")
    assert english.check("Source [2] says to e-mail the AI+ team.").text.startswith(
        "Contact us says"
    )
    # A number no source has is left as the model wrote it (and then dropped as a citation).
    assert "方案" in checker.check("方案[7]令平均輪候時間減少 20 分鐘。").text


CHINESE_VERSION = Source(
    n=1,
    title="可以用中文使用平台嗎？",
    url="/zh-hant/assistant/help/sources/#item-3",
    text="可以用中文使用平台嗎？\n可以。平台提供英文、繁體中文及簡體中文版本，在任何頁面頂部選擇語言即可。",
    passage_id=4,
    language="zh-hant",
)
FEES = Source(
    n=1,
    title="Is there a fee for the seminars?",
    url="/en/assistant/help/sources/#item-4",
    text="Is there a fee for the seminars?\nThere is no fee for the seminars.",
    passage_id=5,
    language="en",
)


def test_the_question_said_back_is_an_answer_only_when_a_source_states_it_the_same_way():
    checker = Checker([CHINESE_VERSION], question="平台有沒有簡體中文版本？")
    assert checker.check("平台有簡體中文版本。").cited == (1,)
    # The FAQ's own question holds the words too, but it states nothing.
    seminars = Checker([FEES], question="Is there a fee for the seminars?")
    assert seminars.check("Yes, there is a fee for the seminars.").reason == "echo"
    assert seminars.check("No, there is no fee for the seminars.").supported
    # Every word: the address of the place asked about does not state where it is.
    office = Checker([CONTACT], question="Where is the AI+ team's office?")
    assert office.check("Yes, the AI+ team's office is where it is.").reason == "echo"
    chat = Checker([CONTACT], question="Do you store what I type into this chat?")
    assert chat.check("Yes, I store what you type into this chat.").reason == "echo"


RETURNS = Source(
    n=1,
    title="自動讀取紙本報稅表",
    url="/zh-hant/stories/returns/",
    text="首個旺季的輸入工作量減少 60%。掃描後的紙本報稅表由人工智能讀取，再由職員核對。",
    passage_id=6,
    language="zh-hant",
)


def test_the_question_restated_around_what_one_source_adds_is_supported():
    checker = Checker([RETURNS, CONTACT], question="稅務局讀報稅表嗰個案例，輸入工作減少咗幾多？")
    assert checker.check("稅務局讀報稅表嗰個案例，輸入工作減少咗60%。").cited == (1,)
    assert checker.check("稅務局讀報稅表嗰個案例，輸入工作減少咗70%。").reason == "figure"
    # What it adds must come from a source: a team to e-mail is not in this one.
    assert not checker.check("稅務局讀報稅表嗰個案例，輸入工作由外判團隊負責。").supported
    assert checker.check("因此，稅務局讀報稅表嗰個案例，輸入工作減少咗60%。").supported


def test_a_lead_in_pointing_at_a_numbered_source_is_left_out():
    checker = Checker([FAQ], question="政府有冇用 AI 寫會議記錄㗎？")
    checked = checker.check("根據[1]中的信息，人工智能把語音轉為文字，並草擬會議記錄。")
    assert checked.supported and checked.text == "人工智能把語音轉為文字，並草擬會議記錄。"
    assert checker.check("根据[1]和[2]的资料，人工智能草擬會議記錄。").text.startswith("人工智能")
    assert checker.check("根據[1, 2]，人工智能草擬會議記錄。").text.startswith("人工智能")
    assert checker.check("根據【1、2】的內容，人工智能草擬會議記錄。").text.startswith("人工智能")
    english = Checker([FEES], question="Do seminars cost anything?")
    checked = english.check("According to [1], there is no fee for the seminars.")
    assert checked.supported and checked.text == "There is no fee for the seminars."
    assert english.check("Based on sources [1, 2], there is no fee.").text == "There is no fee."
    # A sentence that only points gives nothing to show, and is not a made-up one either.
    pointer = english.check('This is stated in source [1] under the heading "Is there a fee".')
    assert (pointer.text, pointer.supported, pointer.reason) == ("", False, "pointer")
    assert english.check("In 2024 there was no fee for the seminars.").text.startswith("In 2024")


COURTSCRIBE = Source(
    n=1,
    title="CourtScribe",
    url="/en/catalogue/courtscribe/",
    text="Voice-to-text for hearings and tribunals, with speaker labels and a time-stamped "
    "transcript that stays on government servers.",
    passage_id=6,
    language="en",
)
DRAGON = Source(
    n=2,
    title="Dragon Legal Individual (Speech Recognition)",
    url="/en/catalogue/dragon-legal/",
    text="Helps legal professionals transcribe spoken language into text with speech recognition.",
    passage_id=7,
    language="en",
)


def test_two_sources_names_tied_together_as_no_source_ties_them_are_dropped():
    checker = Checker([COURTSCRIBE, DRAGON], question="Which engine does CourtScribe use?")
    made_up = checker.check("CourtScribe uses Dragon Legal Individual for speech recognition.")
    assert (made_up.supported, made_up.reason) == (False, "joined")
    listed = checker.check("CourtScribe and Dragon Legal Individual turn speech into text.")
    assert listed.reason != "joined"
    # A source that relates them itself supports the sentence.
    related = Source(
        **{**COURTSCRIBE.__dict__, "text": "CourtScribe uses Dragon Legal Individual."}
    )
    checker = Checker([related, DRAGON], question="Which engine does CourtScribe use?")
    assert checker.check("CourtScribe uses Dragon Legal Individual.").supported


REGISTER = Source(
    n=1,
    title="How do I register for a seminar or forum?",
    url="/en/assistant/help/sources/#item-2",
    text="Open Events, choose the event and press Register. A full event puts you on the "
    "waitlist; to leave it, open My registrations and press Cancel.",
    passage_id=4,
    language="en",
)
REGISTER_ZH = Source(
    n=2,
    title="如何報名參加研討會或論壇？",
    url="/zh-hant/assistant/help/sources/#item-2",
    text="打開「活動」，選擇活動後按「報名」。活動已滿額時你會加入候補名單。",
    passage_id=5,
    language="zh-hant",
)


def test_a_quoted_name_no_source_or_question_has_is_made_up():
    checker = Checker([REGISTER, REGISTER_ZH], question="帮我报名参加文件处理的论坛。")
    # The labels as the sources give them, in either script and any case.
    assert checker.check('Open My registrations and press "Cancel".').supported
    assert checker.check("打开「活动」，选择活动后按「报名」。").supported
    # A name the question gave.
    assert checker.check("打开「活动」，选择「文件处理」活动后按「报名」。").supported
    # Labels and titles the model made up.
    invented = checker.check('To leave the waitlist, press the "Cancel Waitlist" button.')
    assert (invented.supported, invented.reason) == (False, "quoted")
    assert checker.check("推荐一部关于活动的电影，如《报名人生》。").reason == "quoted"
