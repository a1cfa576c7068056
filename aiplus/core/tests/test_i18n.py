from types import SimpleNamespace

from aiplus.core.i18n import localise, to_simplified


def item(**fields):
    defaults = {"name": "", "name_zh_hant": "", "name_zh_hans": ""}
    return SimpleNamespace(**(defaults | fields))


def test_traditional_is_converted_to_simplified_with_hong_kong_variants():
    assert to_simplified("數字政策辦公室會議記錄") == "数字政策办公室会议记录"
    assert to_simplified("<p>資訊 AI+</p>") == "<p>资讯 AI+</p>"


def test_each_language_gets_its_own_text():
    thing = item(name="Meeting minutes", name_zh_hant="會議記錄", name_zh_hans="会议纪要")
    assert localise(thing, "name", language="en").value == "Meeting minutes"
    assert localise(thing, "name", language="zh-hant").value == "會議記錄"
    assert localise(thing, "name", language="zh-hans").value == "会议纪要"


def test_simplified_falls_back_to_converted_traditional_without_a_fallback_flag():
    chosen = localise(item(name="Minutes", name_zh_hant="會議記錄"), "name", language="zh-hans")
    assert (chosen.value, chosen.language, chosen.is_fallback) == ("会议记录", "zh-hans", False)


def test_missing_chinese_falls_back_to_english_and_says_so():
    chosen = localise(item(name="Minutes"), "name", language="zh-hant")
    assert (chosen.value, chosen.lang_attr, chosen.is_fallback) == ("Minutes", "en", True)


def test_missing_english_falls_back_to_traditional_and_says_so():
    chosen = localise(item(name_zh_hant="會議記錄"), "name", language="en")
    assert (chosen.value, chosen.lang_attr, chosen.is_fallback) == ("會議記錄", "zh-Hant-HK", True)


def test_blank_everywhere_is_not_called_a_fallback():
    assert not localise(item(), "name", language="zh-hant").is_fallback


def test_numbers_are_grouped_in_threes_and_dates_follow_the_language():
    import datetime

    from django.contrib.humanize.templatetags.humanize import intcomma
    from django.utils import formats, translation

    expected = {"en": "Oct. 15, 2026", "zh-hant": "2026年10月15日", "zh-hans": "2026年10月15日"}
    for language, date in expected.items():
        with translation.override(language):
            assert intcomma(128450) == "128,450"
            assert formats.date_format(datetime.date(2026, 10, 15)) == date
