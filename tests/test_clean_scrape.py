"""Text scrapes from fictional sites, scored like ../shared/eval/score_article.py: every page must
come out with exactly its expected blocks, its title (or none), no chrome and its credits."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from clean_scoring import block_hits
import newsdesk
from newsdesk.clean.credits import parse_credit
from newsdesk.clean.scrape import clean_scrape

PAGES = Path(__file__).parent / "fixtures" / "pages"
SPACE = re.compile(r"\s+")


def norm(text: str | None) -> str:
    return SPACE.sub(" ", (text or "").replace("\u00a0", " ")).strip()


def score(article: newsdesk.Article, gold: dict) -> dict:
    """The shared scorer's rule: blocks match on whitespace-folded text; title; leaked chrome; credits."""
    data = article.to_dict()
    text = data["text"]
    predicted = [norm(text[b["start"]:b["end"]]) for b in data["blocks"] if b["kind"] != "title"]
    expected = [norm(b["text"]) for b in gold["blocks"]]
    hits = block_hits(predicted, expected)
    credits = " ".join(norm(c["text"]) for c in data["credits"])
    return {
        "precision": hits / len(predicted) if predicted else 0.0,
        "recall": hits / len(expected),
        "kinds": [b["kind"] for b in data["blocks"] if b["kind"] != "title"],
        "title_ok": norm(gold["title"]) == norm(data["title"]),
        "leaked": [line for line in gold["boilerplate_lines"]
                   if re.search(r"(^|\n)\s*" + re.escape(line) + r"\s*(\n|$)", text)],
        "credits_ok": all(norm(c["text"]) in credits for c in gold["credits"])
        and len(data["credits"]) == len(gold["credits"]),
    }


PAGE_FILES = sorted(PAGES.glob("*.txt"))


def test_we_hold_enough_pages_from_three_sites_in_both_languages():
    sites = {p.name.split("_")[0] for p in PAGE_FILES if not p.name.startswith("clean_")}
    assert len(sites) >= 3
    assert {p.stem.rsplit("_", 1)[1] for p in PAGE_FILES} == {"en", "ru"}
    assert len(PAGE_FILES) >= 8


@pytest.mark.parametrize("page", PAGE_FILES, ids=lambda p: p.stem)
def test_page_comes_out_with_its_expected_blocks(page: Path):
    gold = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    article = newsdesk.read(page, facts=False)
    result = score(article, gold)
    assert result["precision"] == 1.0 and result["recall"] == 1.0, article.text
    assert result["kinds"] == [b["kind"] for b in gold["blocks"]]
    assert result["title_ok"], article.title
    assert result["leaked"] == []
    assert result["credits_ok"], article.credits
    assert article.language == page.stem.rsplit("_", 1)[1]
    assert not any(norm(c.text) in norm(article.text) for c in article.credits)


def test_dropped_lines_are_reported_in_removed():
    page = PAGES / "ledger_barrier_en.txt"
    gold = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    article = newsdesk.read(page, facts=False)
    assert set(gold["boilerplate_lines"]) <= set(article.removed)
    assert gold["title"] not in article.removed


def test_hard_wrapped_paragraphs_are_rejoined():
    article = newsdesk.read(PAGES / "volna_lighthouse_en.txt", facts=False)
    assert "\n" not in article.text.replace("\n\n", "")
    assert any(len(article.block_text(i)) > 150 for i in range(len(article.blocks)))


def test_no_title_is_invented_when_the_page_opens_with_chrome():
    page = "\n".join(["Skip navigation", "Newsroom", "Live", "Listen", "Top of the story", "",
                      "The harbour office said on Monday that the ferry would run every hour from "
                      "June, a change that islanders have sought for years.", "",
                      "Tickets will cost the same as last year, the office said."])
    result = clean_scrape(page)
    assert result.title is None
    assert [kind for kind, _ in result.blocks] == ["lead", "paragraph"]


def test_a_read_also_box_takes_its_headline_but_not_the_next_section_heading():
    page = "\n".join([
        "Harbour reopens after the storm", "",
        "The harbour at Eastmoor reopened on Friday after a storm closed it for three days, "
        "the port authority said.", "",
        "Read also", "Storm cuts power to two thousand homes", "",
        "What the storm cost", "",
        "Repairs to the outer wall will cost about $2 million, the authority estimates, "
        "and will take most of the summer.", "",
    ])
    result = clean_scrape(page)
    assert result.title == "Harbour reopens after the storm"
    assert ("heading", "What the storm cost") in result.blocks
    assert "Storm cuts power to two thousand homes" in result.removed


def test_paragraphs_without_blank_lines_between_them():
    page = "\n".join([
        "Menu", "Region",
        "Fishermen win a longer herring season",
        "The regional council on Tuesday extended the herring season by two weeks after a survey found "
        "more fish in the bay than expected.",
        "Advertisement",
        "Skippers had asked for a month. The council said two weeks was what the survey could justify.",
        "Why the survey changed",
        "Warmer water kept the shoals near the coast for longer this year, scientists at the survey said.",
        "Share on Facebook",
    ])
    result = clean_scrape(page)
    assert result.title == "Fishermen win a longer herring season"
    assert [k for k, _ in result.blocks] == ["lead", "paragraph", "heading", "paragraph"]
    assert {"Menu", "Advertisement", "Share on Facebook"} <= set(result.removed)


@pytest.mark.parametrize("line, service, source, target", [
    ("Переведено сервисом «Яндекс Переводчик»", "Yandex Translator", "ru", "en"),
    ("Translated from Russian by DeepL", "DeepL", "ru", "en"),
    ("Machine translation: Google Translate (Russian to English)", "Google Translate", "ru", "en"),
    ("Translated by Maria Holt", None, None, "en"),
])
def test_translation_credits_name_service_and_languages_under_an_english_page(line, service, source, target):
    credit = parse_credit(line, "en")
    assert (credit.service, credit.from_language, credit.to_language) == (service, source, target)


def test_a_russian_credit_under_a_russian_page_names_the_source_language():
    credit = parse_credit("Переведено с английского сервисом Google Переводчик", "ru")
    assert (credit.service, credit.from_language, credit.to_language) == ("Google Translate", "en", "ru")


def test_prose_about_translation_is_not_a_credit():
    assert parse_credit("Translated novels sold well at the book fair this year, the organisers said.", "en") is None


def test_published_date_is_read_from_the_dateline():
    assert newsdesk.read(PAGES / "ledger_barrier_en.txt", facts=False).published == "2031-03-14"
    assert newsdesk.read(PAGES / "letopis_mill_ru.txt", facts=False).published == "2032-05-18"
    assert newsdesk.read(PAGES / "ledger_ferry_ru.txt", facts=False).published == "2031-05-14"
    assert newsdesk.read(PAGES / "ledger_barrier_en.txt", facts=False, published="2031-03-15").published \
        == "2031-03-15"


def test_a_page_in_another_language_is_judged_by_shape():
    page = "\n".join(["Startseite", "Politik", "", "Hafenmauer wird um einen Meter erhöht", "",
                      "Die Hafenmauer von Eastmoor wird in den nächsten zwei Sommern um einen Meter erhöht, "
                      "teilte die Hafenbehörde am Montag mit.", "", "Anzeige", "",
                      "Die Arbeiten kosten rund drei Millionen Dollar und werden aus dem regionalen "
                      "Hochwasserfonds bezahlt, sagte die Behörde.", "", "Teilen"])
    result = clean_scrape(page)
    assert result.title == "Hafenmauer wird um einen Meter erhöht"
    assert [kind for kind, _ in result.blocks] == ["lead", "paragraph"]
    assert {"Startseite", "Anzeige", "Teilen"} <= set(result.removed)


def test_clean_text_keeps_every_paragraph_but_not_the_translation_credit():
    article = newsdesk.read("Advertisement\n\nThe council met on Tuesday.\n\nTranslated by DeepL from Russian\n",
                            format="clean", facts=False)
    assert article.text == "Advertisement\n\nThe council met on Tuesday."
    assert [(c.service, c.from_language, c.to_language) for c in article.credits] == [("DeepL", "ru", "en")]


def test_hard_wrapped_page_without_blank_lines_keeps_its_heading():
    import textwrap

    paragraphs = [
        "The harbour office said on Monday that the ferry to the islands would run every hour from June, "
        "a change that islanders have asked for since the old timetable was cut.",
        "Tickets will cost the same as last year. The office said the extra crossings would be paid for by "
        "the regional transport fund, which had money left over after the bridge repairs came in cheaper.",
        "What the islanders want next",
        "Islanders say a later last crossing matters more than an hourly service. The last ferry now leaves "
        "the mainland at seven in the evening, too early for anyone working a late shift in town.",
    ]
    # (A paragraph whose last line happens to fill the width cannot be told from a wrap: not tested.)
    lines = ["Menu", "Islands", "Ferry to run every hour from June"]
    for paragraph in paragraphs:
        lines += textwrap.wrap(paragraph, 64)
    result = clean_scrape("\n".join(lines))
    assert result.title == "Ferry to run every hour from June"
    assert result.blocks == [("lead", paragraphs[0]), ("paragraph", paragraphs[1]), ("heading", paragraphs[2]),
                             ("paragraph", paragraphs[3])]


def test_a_headline_over_a_photo_credit_stays_the_title():
    page = "\n".join(["Menu", "News", "Ferry to run every hour from June", "Photo: Harbour Office",
                      "The harbour office said on Monday that the ferry would run every hour from June, a change "
                      "islanders have sought for years.",
                      "Tickets will cost the same as last year, the office said on Monday evening."])
    result = clean_scrape(page)
    assert result.title == "Ferry to run every hour from June"
    assert "Photo: Harbour Office" in result.removed


def test_story_sentences_about_signing_or_subscriptions_stay_and_promotions_go():
    from newsdesk.clean.scrape import clean_scrape

    page = "\n\n".join([
        "Harbour board signs dredging deal",
        "The harbour board and the dredging firm Calloway signed a contract on Tuesday, the board said in a statement.",
        "Соглашение о работах планируется подписать в пятницу, сообщил представитель порта журналистам.",
        "The town's newspaper saw its print subscriptions fall by a third after the ferry stopped running last year.",
        "Subscribe to our newsletter for the latest harbour news in your inbox.",
        "Подписывайтесь на наш канал в Telegram",
        "BAYSIDE HERALD © 2026 Bayside Media Ltd. Registered in Wales.",
    ])
    result = clean_scrape(page, "en")
    texts = [text for _, text in result.blocks]
    assert any(t.startswith("Соглашение о работах") for t in texts)
    assert any("print subscriptions" in t for t in texts)
    assert not any("newsletter" in t or "Подписывайтесь" in t or "©" in t for t in texts)


def test_a_credit_saying_what_language_the_original_was_in_names_the_source():
    # "на немецком языке" is "in German", the original's language; "на русский" is the target.
    credit = parse_credit("Перевод выполнен сервисом DeepL. Оригинал опубликован на немецком языке.", "ru")
    assert (credit.service, credit.from_language, credit.to_language) == ("DeepL", "de", "ru")


def test_an_accessibility_link_above_the_headline_is_not_the_title():
    page = ("Valley Courier\nNews\nSport\nOpinion\nFont size A A A\nVersion for the visually impaired\n"
            "Ferry service to Tollo island resumes after storm repairs\nMarch 07, 2031 09:12\n"
            "The ferry to Tollo island sailed again on Friday after three weeks of repairs to the pier, "
            "the harbour office said.\n"
            "Islanders had relied on a fishing boat for supplies while the pier was closed to traffic.\n")
    article = newsdesk.read(page.encode("utf-8"))
    assert article.title == "Ferry service to Tollo island resumes after storm repairs"
    assert article.published == "2031-03-07"
    assert "visually impaired" not in article.text


def test_a_headline_in_guillemets_is_a_title_not_a_breadcrumb():
    page = ("«Реку нельзя делить по линейке»\n\n"
            "Глава комиссии по рекам Олег Ветров рассказал о переговорах с соседями и о планах на весну.\n\n"
            "— Когда начнутся работы на реке?\n\n"
            "— Работы начнутся в апреле, если погода позволит, и закончатся до конца лета.\n")
    article = newsdesk.read(page.encode("utf-8"))
    assert article.title == "«Реку нельзя делить по линейке»"
