"""Embeddings with the real multilingual Universal Sentence Encoder: an English text's nearest
neighbour among Traditional Chinese texts is its translation, and the other way round."""

import numpy as np
import pytest

pytestmark = pytest.mark.ai

PAIRS = [
    ("The meeting is postponed until next Tuesday.", "會議延期至下星期二舉行。"),
    ("Please submit your expense claims by Friday.", "請於星期五前提交報銷申請。"),
    ("The new library will open in the spring.", "新圖書館將於春季開放。"),
    ("Heavy rain is expected across the territory tonight.", "今晚全港預料有大雨。"),
    ("The hospital needs more nurses for the night shift.", "醫院夜班需要更多護士。"),
    ("Our team uses machine learning to detect fraud.", "我們的團隊使用機器學習偵測欺詐。"),
    ("Children under twelve travel free on weekends.", "十二歲以下兒童週末免費乘車。"),
    ("The council approved the housing budget.", "議會通過了房屋預算。"),
    ("Turn off the lights when you leave the office.", "離開辦公室時請關燈。"),
    ("The chatbot answers questions about tax returns.", "聊天機械人解答有關報稅的問題。"),
]


def test_translations_are_nearest_neighbours(usem):
    english = np.array(usem.embed([en for en, _ in PAIRS]))
    chinese = np.array(usem.embed([zh for _, zh in PAIRS]))
    assert english.shape == (len(PAIRS), usem.dimensions)
    assert np.allclose(np.linalg.norm(english, axis=1), 1, atol=1e-3)
    similarity = english @ chinese.T
    assert list(similarity.argmax(axis=1)) == list(range(len(PAIRS)))
    assert list(similarity.argmax(axis=0)) == list(range(len(PAIRS)))


def test_batches_keep_order_and_tolerate_empty_text(usem):
    texts = [en for en, _ in PAIRS] * 10 + [""]
    vectors = np.array(usem.embed(texts))
    assert vectors.shape == (len(texts), 512)
    assert np.allclose(vectors[0], vectors[len(PAIRS)], atol=1e-5)
    assert usem.embed([]) == []
