"""One tokeniser for documents and queries: English stems, Chinese in either script."""

from aiplus.search.tokens import cantonese_words, is_chinese, terms, tokens, words


def test_english_words_are_stemmed_and_function_words_dropped():
    assert terms("The Meetings were minuted") == ["meet", "minut"]
    assert terms("ＡＩ chatbots") == ["ai", "chatbot"]  # full-width letters folded


def test_traditional_and_simplified_give_the_same_terms():
    assert terms("會議記錄") == terms("会议记录")
    assert terms("入境事務處") == terms("入境事务处")


def test_a_two_character_word_inside_a_longer_one_is_a_term():
    assert "会议" in terms("會議記錄員")
    assert "记录" in terms("會議記錄員")


def test_longer_words_are_kept_whole_as_well():
    assert "人工智能" in terms("人工智能方案")


def test_figures_and_latin_words_written_against_chinese_are_terms_of_their_own():
    assert {"2024", "施政报告"} <= set(terms("2024年施政報告"))
    assert {"120", "首长"} <= set(terms("約120名首長級人員"))
    assert {"gpt", "模型"} <= set(terms("GPT模型"))


def test_cantonese_words_come_from_the_hkcancor_corpus():
    words = cantonese_words()
    assert "我哋" in words and "唔该" in words  # stored in Simplified
    assert len(words) > 1000


def test_positions_point_at_the_original_text():
    text = "Drafting minutes: 會議記錄"
    found = {text[t.start : t.end] for t in tokens(text)}
    assert "minutes" in found and "會議" in found


def test_hostile_text_gives_terms_or_nothing_never_an_error():
    for text in ["", "\x00\x01", "😀😀", '"NEAR" OR * : -', "'; DROP TABLE x; --", "a" * 10_000]:
        assert isinstance(terms(text), list)
    assert terms("\x00minutes\x07") == ["minut"]


def test_chinese_text_is_recognised_for_chunking():
    assert is_chinese("人工智能會議記錄 AI")
    assert not is_chinese("AI meeting minutes 會議")


def test_tokenising_from_many_threads_at_once_is_safe():
    from concurrent.futures import ThreadPoolExecutor

    text = "Meetings minuted by chatbots answering hotlines " * 200
    expected = terms(text)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(terms, [text] * 64))
    assert all(result == expected for result in results)


def test_words_for_comparing_statements_are_whole_words_without_particles():
    assert words("卫生署的诊所轮候时间减少了20分钟") == [
        "卫生署",
        "诊所",
        "轮候",
        "时间",
        "减少",
        "20",
        "分钟",
    ]
    assert words("Meetings were recorded") == ["meet", "record"]
    assert words("會議記錄") == words("会议记录")
