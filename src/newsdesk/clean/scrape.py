"""Text scrapes -> article blocks: tell site chrome from title, lead, headings and paragraphs.

A scrape is whatever a person (or a crawler) copied off a page: menus, toggles, captions, "Read
also" boxes and related headlines around the article. No site is known in advance, so every line
is judged on its own shape (length, punctuation, stopword density, capitals, digits, links), its
place in the page (top, bottom, runs of short lines, repeated lines) and its neighbours (a heading
sits between paragraphs and is followed by one). Phrase lists are one signal among these.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..model import Credit
from ..nlp import STOPWORDS
from .credits import parse_byline, parse_credit
from .rules import site_policy

WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
CYRILLIC = re.compile(r"[а-яё]", re.I)
LATIN = re.compile(r"[a-z]", re.I)

# Words of the page's furniture rather than of news prose. A short line made mostly of them is
# interface ("Beginning of the article", "Main menu", "Show comments"), whatever the site.
UI_WORDS = set("""skip main content menu navigation nav home homepage search login log sign register account
profile settings toggle on off slide slider gallery article articles page pages top back next previous prev
more read also related latest popular trending most viewed share shares sharing tweet print email mail copy link
subscribe subscription subscribers newsletter newsletters follow us comment comments reply replies loading load
listen audio video watch play live broadcast stream beginning rights reserved cookie
cookies privacy policy terms accept agree settings advertisement advertising ad ads sponsored promoted partner
content feedback contact about help faq rss app apps download telegram facebook twitter vk whatsapp youtube
instagram tiktok linkedin tags tag topics topic section sections category categories select important font size
text version mobile desktop photo photos image images source video print open close expand collapse hide show
min minute minutes reading read time views view inbox continue continues below above
главная меню поиск войти выйти регистрация профиль настройки вкл выкл включить выключить слайд галерея статья
статьи статьи страница наверх далее назад еще ещё читайте читать также другие похожие популярное популярные
последние новости поделиться подписаться подписка подписывайтесь рассылка рассылку комментарии комментарий
ответить загрузка слушать аудио видео смотреть прямой эфир трансляция начало конец все права защищены
политика конфиденциальности cookie куки принять согласен реклама партнерский материал контакты помощь
приложение скачать теги тег темы тема рубрика раздел версия шрифт размер текст озвучить фото фотографии
источник минут минуты чтения просмотров канал каналы""".split())

# Buttons and links speak in the imperative; headlines hardly ever open with one of these.
IMPERATIVES = set("""skip go view read watch listen see show hide load click tap open close download subscribe follow
share print sign log explore reuse continue visit discover expand collapse scroll jump return back
перейти перейдите читать читайте смотреть смотрите слушать слушайте показать скрыть загрузить открыть закрыть
скачать скачайте подписаться подпишитесь поделиться поделитесь добавить войти выйти развернуть свернуть
узнать узнайте вернуться""".split())

# Whole-line phrases and prefixes that are chrome on any site. One signal: they add to a score.
CHROME_LINE = re.compile(
    r"^(?:skip to (?:main )?content|advertisement|advert|ad|sponsored|реклама|партнерский материал|"
    r"live broadcast|live|прямой эфир|main slide|beginning of the article|end of the article|"
    r"начало статьи|конец статьи|select important|выделить главное|on|off|вкл|выкл|"
    r"share|share this(?: article| story)?|поделиться|print|печать|comments?|комментарии|"
    r"listen(?: to (?:this )?article)?|озвучить текст|слушать|menu|меню|search|поиск|"
    r"log ?in|sign in|sign up|войти|more|ещё|еще|loading\.*|загрузка\.*|back to top|наверх|"
    r"all rights reserved\.?|все права защищены\.?|close|закрыть|accept|принять|"
    r"(?:(?:a )?version for the visually impaired|версия для слабовидящих|для слабовидящих)|"
    r"(?:font size|размер шрифта)(?: [aа]){0,3})$",
    re.I,
)
BOX_MARKER = re.compile(
    r"^(?:read also|also read|read more|see also|related(?: stories| articles| news)?|more on this(?: story)?|"
    r"more from [\w ]+|you may also like|recommended|editor'?s picks|top stories|most read|popular|trending|"
    r"читайте также|читать также|смотрите также|см\. также|по теме|другие новости|похожие новости|"
    r"популярное|самое читаемое|рекомендуем|еще по теме|ещё по теме)\b\s*[:.…—-]?\s*",
    re.I,
)
CAPTION = re.compile(
    r"(?:^|[\s(|/—-])(?:photo|photograph|image|picture|pictured|illustration|credit|video|фото|фотография|"
    r"иллюстрация|кадр|скриншот|коллаж)\s*(?:by\b|:)"
    r"|(?:^|\s)(?:getty images|afp|reuters|ap photo|epa|shutterstock|риа новости|тасс|интерфакс)\s*$",
    re.I,
)
BYLINE = re.compile(
    r"^(?:(?:(?:written|story|words|text|reporting|reported|photos?|photographs|video|interview|compiled|edited)"
    r"(?:\s+and\s+\w+)?\s+)?by\b|(?:author|text|автор|авторы|текст|от)\s*:|"
    r"(?:записал[аи]?|беседовал[аи]?|подготовил[аи]?)\b)\s*\S",
    re.I)
MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|января|февраля|марта|апреля|мая|июня|июля|августа|"
          r"сентября|октября|ноября|декабря")
DATE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})\.?,?\s+\d{{4}}\b|\b(?:{MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{1,2}:\d{2}\b"
    r"|\b\d+\s+(?:minutes?|hours?|days?|минут\w*|час\w*|дн\w*) (?:ago|назад)\b",
    re.I,
)
STAMP_WORD = re.compile(r"\b(?:updated|published|posted|обновлено|опубликовано)\b", re.I)
DATE_GLUE = set("at on a m p am pm est edt gmt utc bst cet msk мск в г года по at updated в".split())
ROLE = re.compile(r"\b(?:correspondent|reporter|editor|staff writer|writer|columnist|photographer|journalist|"
                  r"корреспондент\w*|обозревател\w*|редактор\w*|журналист\w*|фотограф\w*|автор\w*)\b", re.I)
READING_TIME = re.compile(
    r"^(?:(?:reading time|read time|время чтения|читать)\s*:?\s*)?(?:~|≈|около\s+)?\d+[\s-]*"
    r"(?:min(?:ute)?s?|мин(?:ут[аы]?)?)\.?(?:\s+(?:read|чтения|на чтение))?$", re.I)
COOKIE = re.compile(r"\bcookies?\b|\bкуки\b|файл\w* cookie", re.I)
PROMO = re.compile(
    r"\b(?:subscribe|subscription|newsletter|sign up|inbox|follow us|join us|download (?:our|the) app|"
    r"подпи(?:шитесь|сывайтесь|саться|ск\w*)|рассылк\w+|наш\w* канал\w*|telegram-канал\w*|присоединяйтесь)\b",
    re.I,
)
MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
MD_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")
MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?$")
MD_BULLET = re.compile(r"^[*+-]\s+(?=\S)")
MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
# "— Eastmoor Council (@EastmoorCouncil) April 3, 2032": the signature under an embedded post.
EMBED = re.compile(r"^[—–-]\s*[^()]{2,60}\(@\w+\)")
COMMENTS = re.compile(r"^(?:\d+\s+)?(?:reader |show |view |all |load )?(?:comments?|комментари\w*|обсуждение)"
                      r"(?:\s*\(\d+\))?\s*:?$|^(?:leave|post|add) a comment|^(?:оставить|добавить) комментарий", re.I)
AD_WORD = re.compile(r"\b(?:advertisement|advertising|advert|sponsored|реклам\w*)\b", re.I)
READER = re.compile(r"\b(?:you|your|вы|вас|вам|ваш\w*)\b", re.I)
INTERFACE = re.compile(r"\b(?:click|tap|press|button|ctrl|enter|link|browser|app|highlight|select|нажмите|выделите|"
                       r"кнопк\w*|ссылк\w*|браузер\w*|приложени\w*)\b", re.I)
# "Jane Ortiz covers transport for the Gazette." closing a page: about the writer, not the story.
AUTHOR_BIO = re.compile(
    r"^[A-ZА-ЯЁ][\w'’-]+(?: [A-ZА-ЯЁ][\w.'’-]+){1,2},? (?:(?:is|was) (?:an?|the|our) |covers |writes |reports |has (?:covered|written|"
    r"reported) |joined |[—–-] |пишет |работает )", re.U)
SELF_REFERENCE = re.compile(r"\bthis (?:article|story|report|page)\b|\b(?:эт(?:а|у|ой) стать|этот материал|"
                            r"данн(?:ый|ого) материал|материал опубликован)|\b(?:views|opinions) expressed\b|"
                            r"мнени\w* редакции", re.I)
# "Tags: water, Dunmore", "Источник: Летопись": a field and its value, not a headline with a colon.
FIELD = re.compile(r"^[^\W\d_]+(?: [^\W\d_]+)?\s*:\s*(.+)$")
# "»" between spaces is a breadcrumb ("Главная » Новости"); after a word it closes a quotation.
LINKISH = re.compile(r"https?://|www\.|@\w|\.(?:com|ru|org|net)\b|[|›·•►]|\s»(?:\s|$)|\s/\s|#\w|::")
TERMINAL = ".!?…"
CLOSERS = "\"'»”’)]"


@dataclass
class ScrapeResult:
    title: str | None
    blocks: list[tuple[str, str]]  # (kind, text)
    credits: list[Credit] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    published: str | None = None
    author: str | None = None  # the byline's name(s)
    confidence: float = 1.0  # 0..1: how much of the article reads as prose (see _confidence)


@dataclass
class Unit:
    """One logical line: a physical line, or a hard-wrapped paragraph re-joined."""

    text: str
    group: int  # lines not parted by a blank line share a group
    words: list[str] = field(default_factory=list)
    label: str = ""  # body | short | sentence | chrome | box | caption | meta | credit
    chrome: int = 0  # evidence that a short line is furniture, not a title or heading
    why: str = ""
    heading_level: int = 0  # "# Title", "## Heading" in a Markdown scrape
    link_only: bool = False  # the whole line is one link: navigation, not prose
    image: bool = False


# ---------------------------------------------------------------- lines -> units

@dataclass
class _Line:
    text: str  # whitespace folded
    group: int  # lines not parted by a blank line share a group
    width: int  # columns the line takes, indent included
    indented: bool


def _physical_lines(text: str) -> list[_Line]:
    """Non-blank lines with the number of the blank-separated group they sit in."""
    out, group, was_blank = [], 0, True
    for raw in text.splitlines():
        raw = raw.replace("\u00a0", " ").replace("\u200b", "").replace("\t", "    ").rstrip()
        line = " ".join(raw.split())
        if not line:
            if not was_blank:
                group += 1
            was_blank = True
            continue
        was_blank = False
        out.append(_Line(line, group, len(raw), raw.startswith("  ")))
    return out


def _wrap_width(lines: list[_Line]) -> int | None:
    """The column a hard-wrapped page was broken at, or None when lines run to paragraph length.
    Wrapped text has many lines just short of one width and (almost) none beyond it; indented
    paragraph starts followed by flush continuation lines are evidence of their own."""
    lengths = sorted(line.width for line in lines)
    if len(lengths) < 5:
        return None
    width = lengths[int(len(lengths) * 0.97) - 1] if len(lengths) >= 30 else lengths[-2]
    if not 40 <= width <= 110:
        return None
    longer = sum(n > width + 10 for n in lengths)
    near = sum(width - 12 <= n <= width for n in lengths)
    prose = sum(n > 30 for n in lengths)
    indents = sum(a.indented and not b.indented and a.group == b.group and a.width >= width - 15
                  for a, b in zip(lines, lines[1:]))
    # Lines that stop mid-sentence and go on in lower case: broken by a width, whatever the page's size.
    breaks = sum(a.group == b.group and a.width >= width - 20 and not _ends_sentence(a.text) and b.text[:1].islower()
                 for a, b in zip(lines, lines[1:]))
    needed = 3 if indents >= 2 or breaks >= 3 else max(8, prose * 0.4)
    return width if longer <= max(1, len(lengths) * 0.03) and near >= needed else None


def _units(text: str) -> list[Unit]:
    lines = _physical_lines(text)
    width = _wrap_width(lines)
    indented_page = sum(line.indented for line in lines) >= 2
    units: list[Unit] = []
    last: _Line | None = None
    for line in lines:
        if width and units and last is not None and last.group == line.group \
                and not (indented_page and line.indented):
            first_word = line.text.split(" ", 1)[0]
            # A short unpunctuated line after a finished sentence is a heading, not a paragraph's tail.
            heading = _ends_sentence(last.text) and _starts_sentence(line.text) \
                and line.width < width * 0.7 and not _ends_sentence(line.text)
            # Broken by the width, not by the writer: the next word would not have fitted.
            if last.width + 1 + len(first_word) > width - 2 and last.width >= width * 0.6 and not heading:
                units[-1].text += "\n" + line.text
                last = line
                continue
        units.append(Unit(text=line.text, group=line.group))
        last = line
    markdown = sum(bool(MD_LINK.search(line.text) or MD_HEADING.match(line.text)) for line in lines) >= 2
    for unit in units:
        parts = unit.text.split("\n")
        joined = parts[0]
        for part in parts[1:]:
            # "well-\nknown" keeps its hyphen; an em dash or word break gets a space.
            joined += part if re.search(r"[^\W\d_]-$", joined) else " " + part
        unit.text = joined
        if markdown:
            _unmark(unit)
        unit.words = WORD.findall(unit.text)
    return units


def _unmark(unit: Unit) -> None:
    """Markdown scrapes (reader modes, converters): keep the words, note what the markup said."""
    text = unit.text
    if MD_IMAGE.match(text):
        unit.image = True
    heading = MD_HEADING.match(text)
    if heading:
        unit.heading_level, text = len(heading.group(1)), heading.group(2)
    text = MD_BULLET.sub("", text)
    bare = MD_EMPHASIS.sub(r"\2", text).strip()
    unit.link_only = bool(MD_LINK.fullmatch(bare))
    unit.text = MD_EMPHASIS.sub(r"\2", MD_LINK.sub(r"\1", text)).strip()


# ---------------------------------------------------------------- features

def _norm(text: str) -> str:
    return " ".join(WORD.findall(text.casefold()))


def _stop_share(unit: Unit, language: str) -> float:
    if not unit.words:
        return 0.0
    return sum(w.casefold() in STOPWORDS[language] for w in unit.words) / len(unit.words)


def _stem(word: str) -> str:
    # Five letters stand for the word's family: печать/печати, subscribe/subscriptions.
    return word[:5] if len(word) > 5 else word


UI_STEMS = {_stem(w) for w in UI_WORDS}


def _ui_share(unit: Unit, language: str) -> float:
    """Share of the content words (stopwords aside) that name page furniture."""
    content = [w.casefold() for w in unit.words if w.casefold() not in STOPWORDS[language]]
    if not content:
        return 1.0 if len(unit.words) <= 3 else 0.0
    return sum(_stem(w) in UI_STEMS for w in content) / len(content)


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip(CLOSERS + " ")
    return bool(stripped) and stripped[-1] in TERMINAL


def _starts_sentence(text: str) -> bool:
    first = text.lstrip("\"'«“„‘([—–- ")
    return bool(first) and (first[0].isupper() or first[0].isdigit())


def _is_meta(unit: Unit, language: str) -> bool:
    """Bylines, datelines, reading times: short lines about the article, not of it."""
    text, n = unit.text, len(unit.words)
    if n <= 14 and BYLINE.match(text):
        return True
    if READING_TIME.match(text.strip(" .")):
        return True
    if n <= 14 and DATE.search(text):
        # A dateline is mostly date: strip dates, times and their glue and little is left.
        rest = [w for w in WORD.findall(STAMP_WORD.sub(" ", DATE.sub(" ", text))) if w.casefold() not in DATE_GLUE]
        if len(rest) <= 2 or not _ends_sentence(text):
            return True
    if n <= 8 and STAMP_WORD.search(text) and any(c.isdigit() for c in text):
        return True
    if n <= 10 and re.search(rf"\b(?:{MONTHS})\b", text, re.I) and re.search(r"\d{4}", text):
        # Glued datelines ("April 14, 203210:42 AM UTCUpdated ago"): months, numbers and clock words only.
        rest = re.sub(rf"(?i)\b(?:{MONTHS})\b|\d+|\b(?:am|pm|utc|gmt|ago|updated|published)\b|"
                      r"(?:am|pm|utc|gmt)(?=[A-Z])|updated|ago", " ", text)
        if len(WORD.findall(rest)) <= 1:
            return True
    return bool(re.fullmatch(r"[\d\s.,:/|—–-]+", text))


def _classify(unit: Unit, language: str, repeated: bool, foreign: bool, min_stop: float = 0.1) -> None:
    text, words = unit.text, unit.words
    n = len(words)
    if n == 0:
        # "18.03.2026 12:02" alone on its line is the article's date stamp, not chrome.
        unit.label, unit.why = ("meta", "date stamp") if DATE.search(text) else ("chrome", "no words")
        return
    stop = _stop_share(unit, language)
    if unit.image:
        unit.label, unit.why = "caption", "image"
    elif unit.link_only and n <= 15:
        unit.label, unit.why = "chrome", "a link"
    elif unit.heading_level and not CHROME_LINE.match(text.strip(" .:!")):
        unit.label = "short"  # the page marked it a heading: trust that over its shape
        return
    elif CHROME_LINE.match(text.strip(" .:!")) or re.match(r"(?:©|\(c\)|copyright\b)", text, re.I):
        unit.label, unit.why = "chrome", "phrase"
    elif n <= 30 and re.search(r"©|\(c\)\s*\d{4}|\ball rights reserved\b|все права защищены", text, re.I):
        unit.label, unit.why = "chrome", "copyright"  # "SITE NAME © 2026 Owner Ltd."
    elif BOX_MARKER.match(text) and n <= 25 and not _ends_sentence(text):
        unit.label, unit.why = "box", "read-also box"
    elif n <= 40 and CAPTION.search(text):
        unit.label, unit.why = "caption", "photo credit"
    elif n <= 20 and EMBED.search(text):
        unit.label, unit.why = "caption", "social media embed"
    elif n <= 60 and COOKIE.search(text):
        unit.label, unit.why = "chrome", "cookie notice"
    elif policy := site_policy(text):
        unit.label, unit.why = "chrome", policy
    elif n <= 30 and PROMO.search(text) and (n <= 12 or READER.search(text) or not _ends_sentence(text)
                                              or re.search(r"\b(?:us|our|наш\w*)\b", text, re.I)):
        # A sentence of the story may mention a subscription; a promotion addresses the reader.
        unit.label, unit.why = "chrome", "subscribe/share"
    elif n <= 8 and AD_WORD.search(text):
        unit.label, unit.why = "chrome", "advertising"
    elif n <= 30 and READER.search(text) and INTERFACE.search(text) and not re.search(r"[\"«“„]", text):
        unit.label, unit.why = "chrome", "addressed to the reader"
    elif repeated and n <= 40 and n >= 8 and _ends_sentence(text):
        unit.label, unit.why = "chrome", "repeated on the page"
    elif _is_meta(unit, language):
        unit.label, unit.why = "meta", "byline/date"
    elif (n >= 8 and _ends_sentence(text) and stop >= min_stop) or (n >= 25 and stop >= 2 * min_stop):
        unit.label = "body"
    elif _ends_sentence(text) and not text.rstrip(CLOSERS).endswith("?") or text.endswith(":"):
        unit.label = "sentence"  # a short sentence: prose inside the article, chrome outside
    else:
        unit.label = "short"
    if unit.label in ("short", "sentence"):
        # Evidence that a short line is interface rather than a title or heading.
        digits = sum(c.isdigit() for c in text)
        letters = sum(c.isalpha() for c in text)
        score = 0
        ui = _ui_share(unit, language)
        content_words = sum(w.casefold() not in STOPWORDS[language] for w in words)
        score += (ui >= 0.5) + (ui >= 0.99 and content_words >= 2)
        score += n == 1
        score += bool(LINKISH.search(text)) * 2
        score += digits > letters * 0.3
        score += foreign
        score += letters > 3 and text.upper() == text
        score += n > 20
        score += not _starts_sentence(text)
        score += 2 * (n <= 8 and words[0].casefold() in IMPERATIVES)  # buttons: "Go to gallery"
        field = FIELD.match(text)
        score += 2 * bool(field and len(WORD.findall(field.group(1))) <= 4)  # "Source: Harbour Post"
        if repeated:
            score += 2
            unit.why = "repeated on the page"
        unit.chrome = score


def _page_language(units: list[Unit], hint: str | None) -> str:
    if hint in STOPWORDS:
        return hint
    body = " ".join(u.text for u in units if len(u.words) >= 8)
    return "ru" if len(CYRILLIC.findall(body)) > len(LATIN.findall(body)) else "en"


def _is_foreign(unit: Unit, language: str) -> bool:
    cyr, lat = len(CYRILLIC.findall(unit.text)), len(LATIN.findall(unit.text))
    return (cyr > lat) if language == "en" else (lat > cyr and lat > 3)


# ---------------------------------------------------------------- structure

def _mark_short_runs(units: list[Unit], blank_separated: bool) -> None:
    """A stack of short lines with no paragraph among them is a menu or a headline list. Where the
    page parts its blocks with blank lines, a blank line ends the stack."""
    i = 0
    while i < len(units):
        j = i
        while j < len(units) and units[j].label in ("short", "chrome", "box") and len(units[j].words) <= 12 \
                and (not blank_separated or units[j].group == units[i].group):
            j += 1
        if j - i >= 3:
            for unit in units[i:j]:
                # Menu items are a word or four; a headline standing next to a menu is not one.
                if unit.label == "short" and len(unit.words) <= 4:
                    unit.chrome += 1 + (j - i >= 6)
        i = max(j, i + 1)


def _mark_pull_quotes(units: list[Unit]) -> None:
    """A short line repeating words of a longer paragraph is a pull quote or a caption echo."""
    bodies = [_norm(u.text) for u in units if u.label == "body"]
    for unit in units:
        if unit.label in ("short", "sentence", "body") and 6 <= len(unit.words) <= 40:
            key = _norm(unit.text)
            if any(key != b and len(b) > len(key) and key in b for b in bodies):
                unit.label, unit.why = "chrome", "pull quote"


def _mark_captions(units: list[Unit], blank_separated: bool) -> None:
    """A short line glued to a photo credit is that photo's caption. Where every line stands alone,
    only the short line just above the credit is taken: paragraphs touch everything there."""
    for i, unit in enumerate(units):
        if unit.label != "caption":
            continue
        if blank_separated:
            near = [j for j in (i - 1, i + 1) if 0 <= j < len(units) and units[j].group == unit.group
                    and units[j].label in ("short", "sentence", "body") and len(units[j].words) <= 30]
        else:
            # Above the article a short unpunctuated line over a photo credit is more likely the headline.
            above = units[i - 1] if i else None
            started = any(u.label == "body" for u in units[:i])
            near = [i - 1] if above and (above.label == "sentence" or above.label == "short" and started) else []
        for j in near:
            units[j].label, units[j].why = "chrome", "caption"


def _mark_boxes(units: list[Unit], blank_separated: bool) -> None:
    """'Read also' drags the headline(s) after it out of the article."""
    for i, unit in enumerate(units[:-1]):
        if unit.label != "box" or len(WORD.findall(BOX_MARKER.sub("", unit.text, count=1))) >= 2:
            continue  # "Read also: Headline" on one line is the whole box
        # The box's headlines sit with the marker or, when the marker stands alone, form the next group.
        group = units[i + 1].group
        for j in range(i + 1, len(units)):
            nxt = units[j]
            if nxt.label == "body" or (blank_separated and nxt.group != group):
                break
            if nxt.label in ("short", "sentence"):
                # With no blank lines to go by, a line leading into a paragraph is the next heading.
                if not blank_separated and j > i + 1 and _heads_body(units, j):
                    break
                nxt.label, nxt.why = "chrome", "read-also headline"
            elif nxt.label not in ("meta", "chrome", "caption"):
                break


def _mark_names(units: list[Unit], language: str, blank_separated: bool) -> None:
    """'Anna Berg' glued to a dateline is the byline: a few capitalised words and nothing else. Where
    every line is a paragraph of its own, the dateline's neighbour in the next paragraph counts."""
    for i, unit in enumerate(units):
        words = unit.words
        if unit.label != "short" or not 2 <= len(words) <= 6 or any(c.isdigit() for c in unit.text):
            continue
        if ROLE.search(unit.text) and words[0][0].isupper() and words[1][0].isupper():
            unit.label, unit.why = "meta", "byline"  # "Anna Berg, correspondent"
            continue
        if len(words) > 4 or not all(w[0].isupper() for w in words) or _stop_share(unit, language) > 0:
            continue
        near = [units[j] for j in (i - 1, i + 1)
                if 0 <= j < len(units) and (blank_separated or units[j].group == unit.group)]
        if any(u.label == "meta" for u in near):
            unit.label, unit.why = "meta", "byline"


def _heads_body(units: list[Unit], i: int) -> bool:
    """True when the next line that is not chrome is a paragraph."""
    for unit in units[i + 1:]:
        if unit.label in ("chrome", "caption", "box", "meta", "credit"):
            continue
        return unit.label == "body"
    return False


def _prev_content(units: list[Unit], i: int) -> Unit | None:
    for unit in reversed(units[:i]):
        if unit.label not in ("chrome", "caption", "box", "meta", "credit"):
            return unit
    return None


def _headline_like(unit: Unit) -> bool:
    # The headline may recur (breadcrumb, share text); just above the lead it is still the title.
    chrome = unit.chrome - 2 * (unit.why == "repeated on the page")
    return unit.label in ("short", "sentence") and chrome < 2 and 3 <= len(unit.words) <= 25 \
        and not _ends_sentence(unit.text.rstrip("?!"))


def _is_dek(unit: Unit, title: Unit, language: str) -> bool:
    """A standfirst under the headline: longer than it and worded like a sentence."""
    return len(unit.words) >= 8 and len(unit.words) > len(title.words) and _stop_share(unit, language) >= 0.15


def _find_title(units: list[Unit], lead: int, blank_separated: bool, language: str) -> tuple[int | None, int | None]:
    """(title, standfirst) above the lead: clean short lines with only bylines, dates and chrome
    between them and the lead. Two stacked headlines of a kind are a list: no title then."""
    found: list[int] = []
    for i in range(lead - 1, -1, -1):
        unit = units[i]
        if unit.label in ("chrome", "caption", "meta", "credit", "box"):
            continue
        if len(unit.words) <= 2 or unit.label in ("short", "sentence") and not _headline_like(unit) \
                and unit.chrome >= 2:
            if found:
                break  # a rubric or a menu above the headline
            continue  # a button between the headline and the lead
        if not _headline_like(unit) or len(found) == 2:
            break
        if found and blank_separated and unit.group != units[found[-1]].group:
            break
        found.append(i)
    if not found:
        return None, None
    if len(found) == 1:
        return found[0], None
    lower, upper = units[found[0]], units[found[1]]
    if _is_dek(lower, upper, language):
        return found[1], found[0]
    if len(upper.words) >= 4 and len(lower.words) <= 3 or len(lower.words) <= 4 < len(upper.words) - 2:
        return found[1], None  # a headline over a scrap of furniture
    if len(upper.words) >= 4:
        return None, None  # a list of headlines, not this page's title
    return found[0], None


_MONTH_NUMBERS = {name: number for number, names in enumerate([
    ("jan", "января"), ("feb", "февраля"), ("mar", "марта"), ("apr", "апреля"), ("may", "мая"),
    ("jun", "июня"), ("jul", "июля"), ("aug", "августа"), ("sep", "сентября"), ("oct", "октября"),
    ("nov", "ноября"), ("dec", "декабря")], start=1) for name in names}


def written_date(text: str) -> str | None:
    """The first full date in a stamp line, as YYYY-MM-DD: "2024-05-21", "21.05.2024" (day first),
    "21 May 2024", "May 21, 2024", «3 октября 2023». htmldate reads no Russian month names."""
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", text)
    if m:
        return "-".join(m.groups())
    m = re.search(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b", text)  # 18.05.2032: day first
    if m and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(1)) <= 31:
        return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    m = re.search(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTHS})\.?,?\s+(\d{{4}})", text, re.I) or \
        re.search(rf"\b({MONTHS})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})", text, re.I)
    if m:
        a, b, year = m.groups()
        day, month = (a, b) if a.isdigit() else (b, a)
        key = month.lower()
        number = _MONTH_NUMBERS.get(key) or _MONTH_NUMBERS.get(key[:3])
        if number and 1 <= int(day) <= 31:
            return f"{year}-{number:02d}-{int(day):02d}"
    return None


def _author(units: list[Unit]) -> str | None:
    """The name(s) in the first byline: "By Ada Finch, Health Correspondent", or a bare name line
    that sits with the dateline ("Tom Reyes" over "18.03.2026 12:02")."""
    for unit in units:
        if unit.label == "meta":
            name = parse_byline(unit.text, bare=unit.why == "byline")
            if name:
                return name
    return None


def _published(units: list[Unit]) -> str | None:
    for unit in units:
        if unit.label == "meta":
            date = written_date(unit.text)
            if date:
                return date
    return None


@dataclass
class LabelledPage:
    units: list[Unit]
    credits: list[Credit]
    language: str
    blank_separated: bool  # blank lines part the blocks (else every line is its own block)


def label_units(text: str, language: str | None = None) -> LabelledPage:
    """Every logical line of a scrape with its label, and the translation credits found on the way."""
    units = _units(text)
    credits: list[Credit] = []
    page_language = _page_language(units, language)
    counts = Counter(_norm(u.text) for u in units)
    # A page in neither English nor Russian has no function words we know: judge prose by shape alone.
    long_lines = sorted(_stop_share(u, page_language) for u in units if len(u.words) >= 12)
    min_stop = 0.1 if not long_lines or long_lines[len(long_lines) // 2] >= 0.12 else 0.0
    for unit in units:
        credit = parse_credit(unit.text, page_language)
        if credit:
            credits.append(credit)
            unit.label = "credit"
            continue
        key = _norm(unit.text)
        _classify(unit, page_language, bool(key) and counts[key] > 1, _is_foreign(unit, page_language), min_stop)
    groups = Counter(u.group for u in units if u.label != "credit")
    blank_separated = len(groups) >= max(3, len(units) * 0.4)
    _mark_pull_quotes(units)
    _mark_short_runs(units, blank_separated)
    _mark_captions(units, blank_separated)
    _mark_names(units, page_language, blank_separated)
    _mark_boxes(units, blank_separated)
    return LabelledPage(units, credits, page_language, blank_separated)


def _drop_closing_notes(units: list[Unit], body_at: list[int]) -> None:
    """Prose closing a page about the writer ('Jane Ortiz covers transport for the Gazette.') or about
    the article itself ('A version of this article appears in print...') is not the story."""
    while body_at:
        unit = units[body_at[-1]]
        if len(unit.words) > 40:
            return
        if AUTHOR_BIO.match(unit.text) and (ROLE.search(unit.text) or
                                            re.search(r"\b(?:covers|writes|joined|пишет)\b", unit.text)):
            unit.why = "about the author"
        elif SELF_REFERENCE.search(unit.text):
            unit.why = "about the article"
        else:
            return
        unit.label = "chrome"
        body_at.pop()


def clean_scrape(text: str, language: str | None = None) -> ScrapeResult:
    """Split a text scrape into title, lead, headings and paragraphs; everything else is `removed`."""
    page = label_units(text, language)
    units, credits = page.units, page.credits
    body_at = [i for i, u in enumerate(units) if u.label == "body"]
    _drop_closing_notes(units, body_at)
    removed = [u.text for u in units if u.label not in ("credit",)]
    if not body_at:
        return ScrapeResult(None, [], credits, removed)
    first = body_at[0]
    # Reader comments are prose too; their header ends the article.
    end = next((i for i in range(first + 1, len(units)) if COMMENTS.match(units[i].text)), len(units))
    last = max(i for i in body_at if i < end)
    title_at, dek_at = _find_title(units, first, page.blank_separated, page.language)
    kinds: dict[int, str] = {first: "lead"} if dek_at is None else {dek_at: "lead", first: "paragraph"}
    for i in range(first + 1, last + 1):
        unit = units[i]
        if unit.label == "body":
            kinds[i] = "paragraph"
        elif unit.label == "sentence" and unit.chrome < 2 and len(unit.words) >= 2:
            kinds[i] = "paragraph"
        elif unit.label == "short" and unit.chrome < 2 and len(unit.words) >= 2 and _heads_body(units, i):
            prev = _prev_content(units, i)
            if prev is not None and prev.label in ("body", "sentence"):
                kinds[i] = "heading"
    # A closing one-line paragraph ("The hearing resumes on Monday.") after the last long one.
    for i in range(last + 1, end):
        unit = units[i]
        if unit.label == "sentence" and unit.chrome < 2 and len(unit.words) >= 3 and unit.text.endswith("."):
            kinds[i] = "paragraph"
            continue
        break
    blocks = [(kinds[i], units[i].text) for i in sorted(kinds)]
    removed = [u.text for i, u in enumerate(units) if i not in kinds and i != title_at and u.label != "credit"]
    title = units[title_at].text if title_at is not None else None
    # Bylines and datelines sit over the lead, or close the story after its last paragraph.
    around = units[:first] + units[last + 1:]
    return ScrapeResult(title, blocks, credits, removed, _published(around), _author(around),
                        _confidence([units[i] for i in sorted(kinds)]))


def _confidence(kept: list[Unit]) -> float:
    """Share of the article's words in lines that read as prose on their own (long, punctuated,
    function words); a story of a single such line is a guess however clean it looks."""
    total = sum(len(u.words) for u in kept)
    prose = [u for u in kept if u.label == "body"]
    if not total or not prose:
        return 0.0
    share = sum(len(u.words) for u in prose) / total
    return round(share * (1.0 if len(prose) >= 2 else SINGLE_PARAGRAPH), 3)


SINGLE_PARAGRAPH = 0.6  # confidence factor for a story with one paragraph of prose
