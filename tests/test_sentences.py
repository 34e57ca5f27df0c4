"""Sentence splitting: the English traps (U.S., $ 1 billion, initials, months, quotes, dash dialogue)
and Russian through razdel (В. В. Путин, т. е., млрд руб.), with offsets into the text."""
from __future__ import annotations

import pytest

import newsdesk
from newsdesk.nlp import detect_language, split_sentences


def sentences(text: str, language: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, language)]


@pytest.mark.parametrize("text, expected", [
    ("Other U.S. allies are ready to help. Canada promised $ 1 billion for drones. The U.S. Senate agreed.",
     ["Other U.S. allies are ready to help.", "Canada promised $ 1 billion for drones.", "The U.S. Senate agreed."]),
    ("J. R. Pell, who runs a bakery, said no. Dr. Helen O. Marsh agreed. Then Mr. Pell left.",
     ["J. R. Pell, who runs a bakery, said no.", "Dr. Helen O. Marsh agreed.", "Then Mr. Pell left."]),
    ("The first concert is on Sept. 14. The second is on Jan. 3, 2032. Buses leave at 3 a.m. on Fridays.",
     ["The first concert is on Sept. 14.", "The second is on Jan. 3, 2032.", "Buses leave at 3 a.m. on Fridays."]),
    ("Gen. Okafor arrived at 10 a.m. The talks ended. Caldwell & Ames Inc. paid the bill.",
     ["Gen. Okafor arrived at 10 a.m.", "The talks ended.", "Caldwell & Ames Inc. paid the bill."]),
    ('"We were lucky," said Dr. Marsh. "Neither of those is a plan." She left.',
     ['"We were lucky," said Dr. Marsh.', '"Neither of those is a plan."', "She left."]),
    ('The mayor spoke. "The bridge will open. We will pay for it," she said on Monday. Nobody clapped.',
     ["The mayor spoke.", '"The bridge will open. We will pay for it," she said on Monday.', "Nobody clapped."]),
])
def test_english_sentences(text, expected):
    assert sentences(text, "en") == expected


def test_dash_dialogue_keeps_the_quote_with_its_speaker():
    text = "— They told us 2029, then 2030. I will believe it when the gates close, — he said. Others agreed."
    assert sentences(text, "en") == [
        "— They told us 2029, then 2030. I will believe it when the gates close, — he said.", "Others agreed."]


def test_an_unclosed_quote_does_not_swallow_the_paragraph():
    text = 'He wrote "the plan. It failed. Then the council met. It voted.'
    assert len(sentences(text, "en")) == 4


@pytest.mark.parametrize("text, expected", [
    ("Президент В. В. Соколов заявил, что т. е. переговоры идут. Бюджет — 1,2 млрд руб. в год. Это много.",
     ["Президент В. В. Соколов заявил, что т. е. переговоры идут.", "Бюджет — 1,2 млрд руб. в год.", "Это много."]),
    ("Стройка обойдётся в 2,3 млрд руб., из них 1,5 млрд руб. даст область. В 2032–2033 гг. ремонт отложат.",
     ["Стройка обойдётся в 2,3 млрд руб., из них 1,5 млрд руб. даст область.", "В 2032–2033 гг. ремонт отложат."]),
    ("— Два парома — это уже не переправа, — сказал капитан. — Но это лучше, чем ничего.",
     ["— Два парома — это уже не переправа, — сказал капитан.", "— Но это лучше, чем ничего."]),
    ("Пекарню открыл в 1931 г. Я. Р. Пелл. С тех пор она работает.",
     ["Пекарню открыл в 1931 г. Я. Р. Пелл.", "С тех пор она работает."]),
])
def test_russian_sentences(text, expected):
    assert sentences(text, "ru") == expected


def test_offsets_point_into_the_article_text_and_stay_inside_blocks():
    article = newsdesk.read("Harbour news\n\nThe U.S. firm paid $ 1 billion. Dr. Ames agreed.\n\n"
                            "Why it matters\n\nThe bridge opens on Sept. 14. Traffic will ease.\n",
                            format="clean", facts=False)
    assert [article.text[s.start:s.end] for s in article.sentences] == [
        "Harbour news", "The U.S. firm paid $ 1 billion.", "Dr. Ames agreed.", "Why it matters",
        "The bridge opens on Sept. 14.", "Traffic will ease."]
    for s in article.sentences:
        block = article.blocks[s.block]
        assert block.start <= s.start < s.end <= block.end


@pytest.mark.parametrize("text, language", [
    ("The council met on Tuesday and agreed to extend the night buses.", "en"),
    ("Городской совет в среду одобрил проект новой школы.", "ru"),
    ("Совет одобрил проект, и мэр (Eastmoor City Council, John Smith) уже подписал его.", "ru"),
    ("The mayor of Дальний берег, Иван Петров, said the ferry would run until the end of the year.", "en"),
])
def test_language_detection(text, language):
    assert detect_language(text) == language
