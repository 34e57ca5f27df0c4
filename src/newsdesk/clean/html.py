"""HTML pages -> article blocks via trafilatura, keeping title, date, headings, paragraphs and quotes."""
from __future__ import annotations

import codecs
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

import trafilatura
from lxml import etree
from lxml.html import HtmlElement

from ..model import Credit
from .credits import parse_byline, parse_credit
from .rules import container_marks, ends_story, site_policy
from .scrape import CHROME_LINE, written_date  # shared with the text-scrape cleaner
from .detect import DOCUMENT_START as _DOCUMENT_START


@dataclass
class HtmlResult:
    title: str | None
    published: str | None
    blocks: list[tuple[str, str]]  # (kind, text), kind in heading | lead | paragraph | quote
    credits: list[Credit] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    confidence: float = 1.0  # how sure the block choice is (see choose_pick)
    extractor: str = "trafilatura"  # whose pick the blocks are
    author: str | None = None  # the byline's name(s)


# -- parsing -------------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.I)


def sniff_charset(data: bytes) -> str | None:
    """The encoding a page declares in <meta charset> / http-equiv Content-Type, if Python knows it."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def decode_declared(data: bytes) -> str | None:
    """HTML bytes that are not UTF-8, decoded with the charset the page declares (cp1251, koi8-r...).

    None when the page is UTF-8, declares nothing usable, or does not decode cleanly with what it
    declares: the generic decoder (BOMs, charset-normalizer, binary checks) then decides.
    """
    from .decode import looks_binary

    charset = sniff_charset(data)
    if not charset or charset.startswith("utf") or looks_binary(data):
        return None
    try:
        data.decode("utf-8")
        return None  # valid UTF-8 wins over a stale declaration
    except UnicodeDecodeError:
        pass
    try:
        return data.decode(charset)
    except UnicodeDecodeError:
        return None


def parse_html(html: str | bytes) -> HtmlElement | None:
    """One lxml tree for the page, shared by metadata and content extraction."""
    if isinstance(html, bytes):
        html = decode_declared(html) or html.decode("utf-8", errors="replace")
    if not _DOCUMENT_START.match(html[:4096]):
        # A fragment (<article>…, <p>…): lxml would parse it as a loose fragment and trafilatura
        # then loses its headings; inside a body it reads like any page.
        html = f"<html><body>{html}</body></html>"
    return _load_html(html)


def _html_parser() -> etree.HTMLParser:
    """libxml2's HTML parser as trafilatura sets it up, with lxml.html's element classes bound in C.

    lxml.html's own parser picks each element's class with a Python callback, run every time an
    element is touched; trafilatura, readability and htmldate touch every element several times.
    The classes are the same (HtmlElement and its comment/PI/entity kin; the form-field classes
    add nothing any of them uses), so is the tree.
    """
    from lxml import html as lxml_html

    parser = etree.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
                              remove_pis=True)
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment, pi=lxml_html.HtmlProcessingInstruction,
        entity=lxml_html.HtmlEntity))
    return parser


_PARSER = _html_parser()


def _load_html(html: str) -> HtmlElement | None:
    """trafilatura.load_html for a decoded page (its repairs and its checks), with _PARSER."""
    from lxml.html import fromstring
    from trafilatura.utils import is_dubious_html, repair_faulty_html

    beginning = html[:50].lower()
    html = repair_faulty_html(html, beginning)
    try:
        tree = fromstring(html, parser=_PARSER)
    except ValueError:  # "Unicode strings with encoding declaration are not supported"
        tree = None
    except etree.ParserError:
        return None
    if tree is None or len(tree) < 1:
        try:
            tree = fromstring(html.encode("utf-8", "surrogatepass"), parser=_PARSER)
        except (ValueError, etree.ParserError):
            return None
    if is_dubious_html(beginning) and len(tree) < 2:
        return None
    return tree


# -- trafilatura body -> blocks ----------------------------------------------------------------

def _fold(text: str) -> str:
    return " ".join(text.split())


def _segments(el: etree._Element) -> list[str]:
    """The text of an element split at <lb/> (a <br> in the page): each piece is its own line."""
    pieces, current = [], [el.text or ""]
    for child in el:
        if child.tag == "lb":
            pieces.append("".join(current))
            current = [child.tail or ""]
        elif child.tag in ("list", "quote", "table", "p", "head"):
            # A block nested in a paragraph: flush, let the walker emit it, keep the tail after it.
            pieces.append("".join(current))
            current = [child.tail or ""]
        else:
            current.append("".join(child.itertext()))
            current.append(child.tail or "")
    pieces.append("".join(current))
    return [t for t in (_fold(p) for p in pieces) if t]


def _walk(el: etree._Element, out: list[tuple[str, str]], in_quote: bool = False) -> None:
    tag = el.tag
    if tag in ("graphic", "ref", "lb"):
        return
    if tag == "head":
        text = _fold("".join(el.itertext()))
        if text:
            out.append(("heading", text))
        return
    if tag == "quote":
        for piece in _segments(el):
            out.append(("quote", piece))
        for child in el:
            if child.tag in ("p", "list", "quote", "table", "head"):
                _walk(child, out, True)
        return
    if tag == "table":
        for row in el.iter("row"):
            cells = [_fold("".join(c.itertext())) for c in row.iter("cell")]
            text = " ".join(c for c in cells if c)
            if text:
                out.append(("quote" if in_quote else "paragraph", text))
        return
    if tag in ("p", "item", "code", "hi", "del"):
        for piece in _segments(el):
            out.append(("quote" if in_quote else "paragraph", piece))
        for child in el:
            if child.tag in ("list", "quote", "table", "p", "head"):
                _walk(child, out, in_quote)
        return
    # Containers (body, list, div...): loose text first, then the children in order.
    if el.text and el.text.strip():
        out.append(("quote" if in_quote else "paragraph", _fold(el.text)))
    for child in el:
        _walk(child, out, in_quote)
        if child.tail and child.tail.strip() and tag != "list":
            out.append(("quote" if in_quote else "paragraph", _fold(child.tail)))


def body_blocks(body: etree._Element | None) -> list[tuple[str, str]]:
    """trafilatura's extracted <body> -> (kind, text) blocks in reading order."""
    out: list[tuple[str, str]] = []
    if body is not None:
        _walk(body, out)
    return out


# -- boilerplate that trafilatura lets through ---------------------------------------------------

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…:;\"»”’)\]]$")
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")
_HANDLE = re.compile(r"(?:^|\s)@\w{2,}")
# Calls to action, reader services and cross-links: the line *starts* with one of these.
_CTA = re.compile(
    r"^\W*(?:sign up|subscribe|get\b.{0,60}\b(?:delivered|access|newsletter|app)\b|get (?:the|our) |click here|"
    r"read (?:more|also|next)|see (?:more|also)|more from|also on|also read|related(?=\s*:)|recommended(?=\s*:)|you may also like|"
    r"don'?t miss|like this (?:story|article)|share (?:this|on)|follow(?!-)\b|reach (?:the|him|her|us|me)\b|"
    r"listen(?: to)?\b|join (?:us|our)|watch:|download(?: the| our|:)|send us|tell us|have a tip|if you (?:enjoyed|buy)|"
    r"thanks? (?:you )?for (?:reading|signing)|advertisement|more \w+ \w+:|how to listen|"
    r"leggi anche|lesen sie auch|lire aussi|leia (?:também|mais)|lea también|"
    r"читайте (?:также|еще|ещё)|подписывайтесь|подпишитесь|поделиться|реклама|смотрите также)\b",
    re.I,
)
# Box labels: a short line that names a box of other content, not part of the story.
_LABEL = re.compile(
    r"^\W*(?:most (?:read|popular|viewed)|trending(?: now)?|popular|top stories|more stories|latest news|"
    r"recommended(?: for you| reading)?|related(?: stories| articles| news| links| content)?|sponsored(?: content)?|promoted|paid content|partner content|comments?|"
    r"материалы по теме|новости по теме|по теме|популярное|самое читаемое|новости партн[её]ров|"
    r"комментарии|обсуждение|главное|лента новостей)\W*(?:\(\d+\))?\W*$",
    re.I,
)
# Errors and notices from page widgets.
_WIDGET = re.compile(r"error has occurred|try again later|(?:enable|turn on|activate|requires?)\s+javascript|"
                     r"javascript\s+(?:is\s+)?(?:disabled|required|turned off)|comentários com|comments? (?:are|is) "
                     r"(?:closed|moderated)|(?:отправить|оставить|добавить|написать)\s+комментари|"
                     r"комментари\w*\s+(?:закрыт|отключен|модерир)", re.I)
# Photo captions and picture credits left in the text ("Photo: …", "(Credit: …)", "Фото: …").
_CAPTION = re.compile(
    r"^\W*(?:photo(?:graph)?s?|credit|фото|снимок)\s*(?::|©|by\b)"
    r"|\b(?:photo(?:graph)?s?|фото)\s*:\s"
    r"|[/|]\s*(?:getty(?: images)?|shutterstock|afp|reuters|ap(?: photo)?|epa|тасс|риа новости)\W*$",
    re.I,
)
# Bylines: "By Jane Roe, Staff Writer", "Автор: Иван Петров".
_BYLINE = re.compile(r"^(?i:by|автор(?:ы)?:?|текст:?)\s+[A-ZА-ЯЁ][\w.'’-]*(?:\s+[A-ZА-ЯЁ][\w.'’-]*){0,3}\b"
                     r"(?:\s*(?:,|\||and|и|—|-)\s*.*)?$")
# Post metadata: "Tags: ...", "Category: ...", "Posted by: ...".
_POST_META = re.compile(r"\b(?:tags?|categor\w*|posted by|publicado por|publié par|теги|рубрика|автор)\s*:", re.I)
# Small print anywhere in a short line: legal notices and agency credit lines.
_SMALL_PRINT = re.compile(
    r"(?:^\W*copyright\b|copyright\s*(?:©|\(c\)|\d{4})|©|all rights reserved|non-commercial use|subscriber agreement|terms of (?:use|service)|"
    r"privacy policy|cookie policy|contributed to this report|(?:reporting|editing|writing) by|"
    r"все права защищены|при перепечатке|при использовании материалов)",
    re.I,
)
# Contact lines: an address or handle together with an invitation to write or follow.
_CONTACT = re.compile(r"\b(?:follow|reach|e-?mail|contact|write to|tips?)\b|подпи(?:шитесь|сывайтесь|саться|ск)|пишите", re.I)
_TIME = re.compile(r"\b\d{1,2}:\d\d\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_STAMP = re.compile(r"^(?:updated|published|posted|last modified|обновлено|опубликовано)\b", re.I)


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _similar(a: str, b: str) -> bool:
    """Two headlines that say the same (site suffixes, case and punctuation aside)."""
    return _similar_words(_WORD.findall(a.lower()), _WORD.findall(b.lower()))


def _similar_words(wa: list[str], wb: list[str]) -> bool:
    if not wa or not wb:
        return False
    sa, sb = set(wa), set(wb)
    return len(sa & sb) / min(len(sa), len(sb)) >= 0.8 and len(sa & sb) / max(len(sa), len(sb)) >= 0.5


def boilerplate_reason(text: str, page_url: str | None = None) -> str | None:
    """Why a short line is site chrome rather than article text, or None."""
    if len(text) > 1000:
        return None  # a thousand characters are never forty words or fewer of chrome
    n = _words(text)
    if n > 40:
        return None  # chrome is short; long lines are prose even when they mention "subscribe"
    if page_url and text.rstrip("/") == page_url.rstrip("/"):
        return "page url"
    if _CTA.match(text):
        return "call to action"
    if n <= 5 and (_LABEL.match(text) or CHROME_LINE.match(text.strip(" .:…"))):
        return "box label"
    if _SMALL_PRINT.search(text):
        return "small print"
    if policy := site_policy(text, n):
        return policy
    if n <= 25 and _WIDGET.search(text):
        return "widget notice"
    if n <= 25 and _POST_META.search(text):
        return "post metadata"
    if n <= 40 and _CAPTION.search(text):
        return "caption"
    if n <= 12 and _BYLINE.match(text) and not text.endswith("."):
        return "byline"
    if "@" in text and (_EMAIL.search(text) or _HANDLE.search(text)) and _CONTACT.search(text) \
            and not text.startswith(("—", "-")):
        return "contact"
    # A time stamp on its own line ("Monday, 22 March 2021 at 10:13", "Updated at 1:23 p.m.").
    if (n <= 8 and _STAMP.match(text)) or (
            n <= 10 and not _SENTENCE_END.search(text) and _YEAR.search(text) and _TIME.search(text)):
        return "time stamp"
    # Tag clouds: many short comma-separated phrases sharing a word, and no sentence.
    if text.count(",") < 7 or _SENTENCE_END.search(text):
        return None
    parts = [_WORD.findall(p.lower()) for p in text.split(",")]
    parts = [p for p in parts if p]
    if len(parts) >= 8 and sorted(map(len, parts))[len(parts) // 2] <= 4 and not _SENTENCE_END.search(text):
        shared = Counter(w for p in parts for w in set(p)).most_common(1)[0][1]
        if shared * 2 >= len(parts):
            return "tag list"
    return None


def _link_runs(blocks: list[tuple[str, str]], anchors: set[str]) -> set[int]:
    """Indices of related-headline lists: runs of link texts (and their short teasers)."""
    def is_link(i: int) -> bool:
        text = blocks[i][1]
        return text in anchors and not _URL.match(text)

    def is_short(i: int) -> bool:
        return _words(blocks[i][1]) <= 25

    drop: set[int] = set()
    i = 0
    while i < len(blocks):
        if not is_link(i):
            i += 1
            continue
        j, links = i, 0
        while j < len(blocks) and (is_link(j) or (is_short(j) and j + 1 < len(blocks) and is_link(j + 1))
                                   or (is_short(j) and j > i and is_link(j - 1) and blocks[j][0] != "heading"
                                       and not _SENTENCE_END.search(blocks[j][1]))):
            links += is_link(j)
            j += 1
        if links >= 2:
            start = i - 1 if i > 0 and blocks[i - 1][0] == "heading" and not is_link(i - 1) else i
            drop.update(range(start, j))
        i = max(j, i + 1)
    return drop


_LINK_SEPARATOR = re.compile(r"\s+[|·•]\s+")


def _is_link_row(text: str, anchors: set[str]) -> bool:
    """'More local news | Printer-friendly version | Email this story': links side by side."""
    parts = _LINK_SEPARATOR.split(text)
    return len(parts) >= 2 and all(part.strip() in anchors for part in parts)


def _word_set(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.lower()))


def _same_words(words: frozenset[str], other: frozenset[str]) -> bool:
    """The headline itself, not a section heading that shares its words: (almost) the same words."""
    return bool(words) and len(words & other) >= 0.9 * max(len(words), len(other))


def _story_start(blocks: list[tuple[str, str]], headlines: tuple[str, ...]) -> int:
    """Index of the first block after the headline, when the extractor kept the headline below a
    few blocks of furniture (a sidebar, a kicker): what stands above the headline is not the story.
    0 when the headline is not there or too much of the text stands above it (measured in characters)."""
    heads = [words for words in map(_word_set, dict.fromkeys(h for h in headlines if h)) if len(words) >= 3]
    if not heads:
        return 0
    longest = max(len(h) for h in headlines if h) + 20
    total = sum(len(t) for _, t in blocks)
    above = 0
    for i, (kind, text) in enumerate(blocks):
        if len(text) <= longest:
            words = _word_set(text)
            if any(_same_words(words, h) for h in heads):
                return i + 1 if 0 < i and above < ABOVE_HEADLINE * total else 0
        above += len(text)
    return 0


ABOVE_HEADLINE = 0.4  # more of the pick than this above the headline: the headline is the one repeated


def filter_boilerplate(blocks: list[tuple[str, str]], title: str | None, url: str | None,
                       anchors: set[str], headlines: tuple[str, ...] = ()) -> tuple[list[tuple[str, str]], list[str]]:
    """Drop what trafilatura kept but a reader would not call the article: (kept blocks, removed lines)."""
    removed: list[str] = []
    drop = _link_runs(blocks, anchors)
    kept: list[tuple[str, str]] = []
    seen_body = False
    start = _story_start(blocks, (title,) + tuple(headlines) if title else tuple(headlines))
    removed += [text for _, text in blocks[:start]]
    for i, (kind, text) in enumerate(blocks):
        if i < start:
            continue
        if title and len(text) <= 300 and (kind == "heading" or not _SENTENCE_END.search(text)) \
                and _similar(text, title):
            continue  # the headline again: already the title
        if _is_link_row(text, anchors):
            removed.append(text)
            continue
        if seen_body and ends_story(text):
            # A box of other stories or of readers' comments: the story is over.
            removed += [t for _, t in blocks[i:]]
            break
        if i in drop or boilerplate_reason(text, url):
            removed.append(text)
            continue
        if kind == "heading" and not seen_body:
            # Above the first paragraph a heading is kicker, headline or standfirst, not a section.
            if _words(text) > 40:
                kind = "paragraph"
            else:
                removed.append(text)
                continue
        if text in anchors and not _SENTENCE_END.search(text) and not _URL.match(text) and kind != "heading":
            # A line that is nothing but a link to another page: a cross-promoted headline.
            removed.append(text)
            continue
        seen_body = seen_body or kind != "heading"
        kept.append((kind, text))
    return kept, removed


_CHROME_TAGS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "caption", "button", "label",
                "dt", "dd", "td", "th", "blockquote", "summary", "div", "a")
_INLINE_TAGS = frozenset({"a", "small", "span", "b", "i", "em", "strong", "font", "u", "sup", "sub", "time", "abbr"})
_MAX_SCAN = 2000  # lines kept from the raw page; a huge page is audited in part
_MAX_LINE = 300  # characters: longer page texts are blocks of the story, not lines of chrome
_INLINE_CHILDREN = 8  # a <div> of more inline elements than this is a container, not one line
_LINE_CHILDREN = 16  # any other element with more children than this holds more than a line


@dataclass
class PageScan:
    """What the raw page shows outside trafilatura's pick: its link texts and its visible lines, and
    whether it marks an element as the article body (see data/article_containers.txt)."""
    anchors: set[str]
    lines: list[str]
    marked_body: bool = False
    h1s: list[HtmlElement] = field(default_factory=list)  # the page's <h1> elements, in order


_CONTAINER_MARK = container_marks()
_CONTAINER_TAGS = frozenset({"div", "article", "section", "main", "ul", "ol", "table"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _hidden_elements(tree: HtmlElement) -> list[HtmlElement]:
    """Elements a reader does not see (hidden, aria-hidden, display:none, visibility:hidden)."""
    out = []
    for el in tree.iter():
        style = el.get("style")
        if (style is not None and _HIDDEN_STYLE.search(style)) or el.get("hidden") is not None or \
                el.get("aria-hidden") == "true":
            out.append(el)
    return out


def _marks_body(el: HtmlElement) -> bool:
    cls, id_ = el.get("class"), el.get("id")
    if cls is None and id_ is None:
        return el.get("itemprop") == "articleBody"
    return bool(cls and _CONTAINER_MARK.search(cls) or id_ and _CONTAINER_MARK.search(id_)) or \
        el.get("itemprop") == "articleBody"


_SCAN_TAG_LIST = _CHROME_TAGS + ("article", "section", "main", "ul", "ol", "table")
_BYLINE_TAGS = ("div", "span", "p", "a", "address", "li")


def _marks_byline(el: HtmlElement) -> bool:
    """class/id saying author or byline, or rel/itemprop 'author' (spelt any case)."""
    value = el.get("class")
    if value is not None and ("uthor" in value or "yline" in value):
        return True
    value = el.get("id")
    if value is not None and ("uthor" in value or "yline" in value):
        return True
    return el.get("itemprop") == "author" or el.get("rel") == "author"


def scan_page(tree: HtmlElement) -> PageScan:
    """One pass over the raw tree for link texts (cross-links), visible lines (for `removed`), the
    article-body mark and the <h1>s."""
    anchors: set[str] = set()
    lines: list[str] = []
    seen: set[str] = set()
    marked = False
    h1s: list[HtmlElement] = []
    for el in tree.iter(_SCAN_TAG_LIST):
        tag = el.tag
        if tag in _CONTAINER_TAGS:
            marked = marked or _marks_body(el)
            if tag != "div":
                continue
        elif tag == "h1":
            h1s.append(el)
        if tag == "a":
            text = _fold(el.text_content())
            if text:
                anchors.add(text)
        elif tag == "div":
            # A container counts for its own loose text ("We use cookies" straight in a <div>), or
            # for all of it when it holds only inline markup (<div><small>note</small></div>).
            own = el.text
            if own and not own.isspace():
                text = _fold(own)
            elif 0 < len(el) <= _INLINE_CHILDREN and all(child.tag in _INLINE_TAGS for child in el):
                text = _fold(el.text_content())
            else:
                text = ""
        elif len(el) > _LINE_CHILDREN:
            continue  # a box of many elements (a table cell holding the page, a menu): no one line
        else:
            text = el.text_content()
            # Folding cannot bring a long text under the line limit: a block of the story, not a line.
            text = _fold(text) if len(text) <= 4 * _MAX_LINE else ""
        if text and len(text) <= _MAX_LINE and text not in seen and len(lines) < _MAX_SCAN:
            seen.add(text)
            lines.append(text)
    return PageScan(anchors, lines, marked, h1s)


def restore_headings(blocks: list[tuple[str, str]], tree: HtmlElement,
                     title: str | None) -> list[tuple[str, str]]:
    """Put back section headings trafilatura dropped (it keeps only <p>s when it cannot find the
    article container): a page heading goes before the kept paragraph it introduces."""
    if any(kind == "heading" for kind, _ in blocks):
        return blocks  # trafilatura kept the page's headings: it read the article container
    position = {text: i for i, (_, text) in enumerate(blocks)}
    inserts: dict[int, str] = {}
    for heading in tree.iter("h2", "h3", "h4", "h5", "h6"):
        text = _fold(heading.text_content())
        if not text or (title and _similar(text, title)) or _words(text) > 25:
            continue
        following = heading.getnext()
        while following is not None and not _fold(following.text_content()):
            following = following.getnext()
        if following is None:
            continue
        i = position.get(_fold(following.text_content()))
        # Only between kept paragraphs: a heading above the first one is furniture (see above).
        if i and blocks[i - 1][0] != "heading" and i not in inserts:
            inserts[i] = text
    if not inserts:
        return blocks
    out: list[tuple[str, str]] = []
    for i, block in enumerate(blocks):
        if i in inserts:
            out.append(("heading", inserts[i]))
        out.append(block)
    return out


# -- metadata ----------------------------------------------------------------------------------

@dataclass
class PageMeta:
    title: str | None  # the metadata's headline, before the body has a say (see choose_title)
    published: str | None
    candidates: list[tuple[str, str]] = field(default_factory=list)  # (source, text) of headline candidates
    site: str | None = None
    author: str | None = None


def page_metadata(tree: HtmlElement, url: str | None = None, h1s: list[HtmlElement] | None = None) -> PageMeta:
    """Headline candidates, author and publication date from meta tags, JSON-LD, <title>/<h1> and
    htmldate's quick search.

    trafilatura's full metadata pass also hunts categories, tags and licences, which costs half as
    much again as the content extraction; we only need the headline, the byline and the date.
    """
    from htmldate import find_date
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_title

    meta = examine_meta(tree)
    if not meta.title:
        try:
            meta = extract_meta_json(tree, meta)
        except Exception:  # malformed JSON-LD must not cost us the page
            pass
    site = _fold(meta.sitename or "")
    title = _strip_site_name(_fold(meta.title or ""), site)
    h1_elements = list(tree.iter("h1")) if h1s is None else h1s
    h1s = [text for text in (_fold(h.text_content()) for h in h1_elements[:6]) if text and _words(text) <= 40][:3]
    scripts = [script.text for script in tree.iter("script")
               if script.get("type") == "application/ld+json" and script.text]
    candidates = [("meta", title)] if title else []
    candidates += [("json-ld", text) for text in _json_ld_headlines(scripts)]
    candidates += [("h1", text) for text in h1s]
    head = tree.find("head")
    title_element = head.find("title") if head is not None else None
    if title_element is None:
        title_element = next(tree.iter("title"), None)
    page_title = _fold(title_element.text_content()) if title_element is not None else ""
    candidates += [("title", text) for text in _title_segments(page_title, site)]
    if title:
        # og:title often carries the site ("Headline - Site") or a shortened social headline: the
        # page's own <h1>, when it is that headline, is what the reader sees.
        h1 = h1s[0] if h1s else ""
        # A shortened social/JSON-LD headline ("Storm live") is the start of the visible one.
        if h1 and h1 != title and (_similar(h1, title) or h1.lower().startswith(title.lower())):
            title = h1
    if not title:
        # No meta headline: trafilatura's guess (the only <h1>, an element marked as the title,
        # the <title>'s parts) joins the candidates.
        title = _fold(extract_title(tree) or "")
        if title and _words(title) <= 40:
            candidates.append(("marked", title))
    try:
        date = find_date(tree, extensive_search=False, original_date=True, url=url)
    except Exception:  # htmldate on odd markup: no date rather than no article
        date = None
    return PageMeta(title or None, date or _stamp_date(tree), candidates, site or None,
                    _page_byline(h1_elements[:1]) or _json_ld_authors(scripts) or _meta_author(meta.author))


def _page_byline(h1s: list[HtmlElement]) -> str | None:
    """The name(s) in the page's own byline element (class/id 'author'/'byline', rel or itemprop
    'author') near the headline, where the reader sees it: in the <h1>'s box or the one around it."""
    box = h1s[0].getparent() if h1s else None
    if box is not None and box.getparent() is not None and box.getparent().tag not in ("body", "html"):
        box = box.getparent()
    if box is None:
        return None
    for element in box.iter(_BYLINE_TAGS):
        if not _marks_byline(element):
            continue
        text = _fold(element.text_content())
        if text and len(text) <= 120:
            name = parse_byline(text, bare=True)
            if name:
                return name
    return None


def _json_ld_authors(scripts: list[str]) -> str | None:
    """Person authors of the page's JSON-LD article (the texts of its ld+json scripts), joined by ", "."""
    import json

    for script in scripts:
        if '"author"' not in script:
            continue
        try:
            data = json.loads(script)
        except ValueError:
            continue
        stack, names = [data], []
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                authors = item.get("author")
                for author in authors if isinstance(authors, list) else [authors]:
                    if isinstance(author, dict) and author.get("@type", "Person") == "Person" and \
                            isinstance(author.get("name"), str):
                        names.append(_fold(author["name"]))
                    elif isinstance(author, str):
                        names.append(_fold(author))
                if names:
                    return ", ".join(dict.fromkeys(n for n in names if n)) or None
                stack.extend(value for value in item.values() if isinstance(value, (list, dict)))
    return None


def _meta_author(author: str | None) -> str | None:
    """<meta name="author">, when it names people rather than the site."""
    text = _fold(author or "")
    return parse_byline(text, bare=True) if text else None


_JSON_HEADLINE = re.compile(r'"headline"\s*:\s*"((?:[^"\\]|\\.){1,400})"')


def _json_ld_headlines(scripts: list[str]) -> list[str]:
    import json

    out = []
    for script in scripts:
        if '"headline"' in script:
            for raw in _JSON_HEADLINE.findall(script):
                try:
                    text = _fold(json.loads(f'"{raw}"'))
                except ValueError:
                    continue
                if text and text not in out:
                    out.append(text)
    return out[:2]


_SEGMENT_SEPARATORS = re.compile(r"\s+(?:[|\-–—:·/»«]|::|--)\s+|\s*[|_]\s*|(?<=\w)- (?=\w)|\s+\((?=[^()]*\)\s*$)|\)\s*$")


def _title_segments(title: str, site: str) -> list[str]:
    """<title> as its parts: "Section - Headline | Site" -> the whole (site stripped), then each part."""
    if not title:
        return []
    whole = _strip_site_name(title, site)
    parts = [part.strip() for part in _SEGMENT_SEPARATORS.split(whole)]
    parts = [part for part in parts if part and part != whole and part != site]
    return [whole] + parts


# -- the headline: the candidate the story itself bears out -------------------------------------

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _tokens(text: str) -> list[str]:
    """Words, lower-cased and cut to five letters (a family: 'stories'/'story' -> 'stori'/'story' do
    not meet, 'rescue'/'rescuers' do); in scripts written without spaces each character is one."""
    words = _LETTERS.findall(text.lower())
    if not _CJK.search(text):
        return [word[:5] for word in words]
    out: list[str] = []
    for word in words:
        out.extend(word if _CJK.search(word) else [word[:5]])
    return out


_LETTERS = re.compile(r"[^\W_]+")


_OWNER_NOISE = re.compile(r"copyright|©|\(c\)|all rights reserved|\b(?:19|20)\d\d\b|\b(?:inc|ltd|llc|plc|corp|co|gmbh)\b",
                          re.I)


def _site_tokens(meta: PageMeta, lines: list[str]) -> set[str]:
    """Words of the site's own name: og:site_name and the owner its copyright line names."""
    names = [meta.site or ""] + [line for line in lines if ("©" in line or "opyright" in line) and _words(line) <= 15]
    return {t for name in names for t in _tokens(_OWNER_NOISE.sub(" ", name))}


def choose_title(meta: PageMeta, pick: "Pick", lines: list[str] = ()) -> str | None:
    """The headline is the candidate (meta tags, JSON-LD, <h1>, <title> parts, a heading over the
    story) whose words the story bears out, that other sources agree on, and that a reader sees.
    A site or section name ("Sports", "Winnipeg Free Press") is short, foreign to the story or the
    name in the copyright line; a byline or a tag list is never a headline. No candidate the story
    bears out: the metadata's own headline, if it reads like one."""
    # The story's first few thousand characters bear its headline out: the lead says what it says.
    body = set(_tokens("\n".join(text for kind, text in pick.blocks if kind != "heading")[:BODY_CHARS]))
    site = _site_tokens(meta, lines)
    candidates = list(dict.fromkeys(list(meta.candidates) + [("heading", text) for text in pick.leading_headings]))
    fallback = meta.title if meta.title and _words(meta.title) <= 40 else None
    if fallback and sum(t in site for t in _tokens(fallback)) * 2 >= len(_tokens(fallback)):
        fallback = None  # the site's name is no headline
    if not body or not candidates:
        return fallback
    best, best_score = None, 0.0
    sets = [(source, _WORD.findall(text.lower())) for source, text in candidates]
    for (source, text), (_, words) in zip(candidates, sets):
        tokens = _tokens(text)
        if not tokens or len(tokens) > 60 or _is_byline_or_tags(text):
            continue
        if sum(t in site for t in tokens) * 2 >= len(tokens):
            continue  # the site's name, perhaps with a word of section ("Winnipeg Free Press Live")
        support = sum(t in body and t not in site for t in tokens) / len(tokens)
        score = support * min(1.0, len(tokens) / HEADLINE_TOKENS)
        if any(other != source and _similar_words(words, other_words) for other, other_words in sets):
            score += AGREEMENT_BONUS
        if source in ("h1", "heading"):
            score += VISIBLE_BONUS
        score -= len(tokens) / 1000  # of two the story bears out alike, the one without extra words
        if score > best_score:
            best, best_score = text, score
    if best is None or best_score < MIN_TITLE_SCORE:
        return fallback
    return best


HEADLINE_TOKENS = 4  # fewer words than this and a candidate reads like a section or site name
BODY_CHARS = 6000  # how much of the story is read for the words of its headline
AGREEMENT_BONUS = 0.2  # another source (meta, JSON-LD, <h1>, <title>) says the same
VISIBLE_BONUS = 0.1  # the reader sees it on the page (<h1>, a heading over the story)
MIN_TITLE_SCORE = 0.5  # below this the story does not bear the candidate out


def _is_byline_or_tags(text: str) -> bool:
    return bool(_BYLINE.match(text)) or boilerplate_reason(text) in ("tag list", "byline", "post metadata",
                                                                     "time stamp", "call to action")


_STAMP_MARK = re.compile(r"date|time|publish|posted|дата|время", re.I)


def _stamp_date(tree: HtmlElement) -> str | None:
    """A written date in the page's own stamp (<time>, or a short element whose class, id or
    itemprop says date/time): htmldate knows no Russian months («3 октября 2023, 14:05»)."""
    for element in tree.iter("time", "span", "div", "p", "small", "li"):
        if element.tag != "time" and not any(value and _STAMP_MARK.search(value) for value in (
                element.get("class"), element.get("id"), element.get("itemprop"))):
            continue
        text = element.text_content()
        if len(text) <= 80:
            date = written_date(text)
            if date:
                return date
    return None


_TITLE_SEPARATORS = (" | ", " - ", " — ", " – ", " :: ", " · ", " / ")


def _strip_site_name(title: str, site: str) -> str:
    """"Headline | Site" -> "Headline" when the page names its site (og:site_name)."""
    if site and title != site:
        for sep in _TITLE_SEPARATORS:
            if title.endswith(sep + site):
                return title[: -len(sep + site)].strip()
            if title.startswith(site + sep):
                return title[len(site + sep):].strip()
    return title


_CODE_TAGS = ("script", "style", "svg", "template", "link", "input", "iframe", "canvas", "audio", "video", "object",
              "embed", "source", "track", "param", "noscript", "nav", "footer", "aside", "button", "select",
              "option", "optgroup", "datalist", "textarea", "label", "fieldset", "legend", "output", "progress",
              "map", "area", "frame", "frameset", "applet", "marquee", "blink", "noindex", "menu", "menuitem",
              "dialog", "time", "img", "picture")


# Of those, what htmldate removes before its date search (its CLEANING_LIST): gone before metadata too.
_UNDATED_TAGS = ("svg", "iframe", "canvas", "audio", "video", "object", "embed", "track", "label", "map", "frame",
                 "frameset", "applet", "datalist")


def _drop_code(tree: HtmlElement, tags: tuple[str, ...]) -> None:
    """Scripts, styles and vector drawings hold no article text and every extractor drops them;
    gone before extraction, they cost no copy and no pruning pass (JSON-LD stays for trafilatura)."""
    for element in list(tree.iter(tags)):
        if element.tag == "script" and element.get("type") == "application/ld+json":
            continue
        if element.getparent() is not None:
            element.drop_tree()  # its tail (the text after it) stays


# -- live blogs ---------------------------------------------------------------------------------

def _is_post(element: HtmlElement) -> bool:
    """Prose of its own: a paragraph's worth of words in <p>, little of the text in links."""
    prose = sum(_words(p.text_content()) for p in element.iter("p"))
    linked = sum(_words(a.text_content()) for a in element.iter("a"))
    return prose >= 15 and linked * 4 < _words(element.text_content())


def _merge_post_feed(tree: HtmlElement) -> None:
    """A live blog is a feed of sibling <article> posts. trafilatura takes the first <article>
    as the whole content, which keeps one post of many; as <div>s they read as one story, in the
    page's order. Teaser cards are siblings too, but a linked headline and a line each: only a
    feed whose posts each carry prose of their own is merged."""
    for parent in {post.getparent() for post in tree.iter("article")}:
        if parent is None:
            continue
        posts = [child for child in parent if child.tag == "article"]
        if len(posts) >= 3 and all(map(_is_post, posts)):
            for post in posts:
                post.tag = "div"


# -- block choice: the fast pick, and readability where it is unsure ----------------------------

@dataclass
class Pick:
    """One extractor's main content, through the post-filter."""
    extractor: str  # "trafilatura" | "readability"
    blocks: list[tuple[str, str]]
    credits: list[Credit]
    removed: list[str]
    raw: list[tuple[str, str]]  # its blocks before the post-filter, the last resort of a page
    leading_headings: list[str] = field(default_factory=list)  # headings over its first paragraph

    @cached_property
    def words(self) -> Counter:
        return Counter(_WORD.findall("\n".join(text for _, text in self.blocks).lower()))

    @cached_property
    def word_count(self) -> int:
        return sum(_words(text) for _, text in self.blocks)


def _filtered_pick(extractor: str, body: etree._Element | None, tree: HtmlElement | None, title: str | None,
                   url: str | None, scan: PageScan, language: str | None, headlines: tuple[str, ...] = ()) -> Pick:
    """An extractor's body -> blocks without credits, chrome, or headings that head nothing.
    With the page's tree, section headings the extractor dropped are put back."""
    raw = body_blocks(body)
    blocks: list[tuple[str, str]] = []
    credits: list[Credit] = []
    for kind, text in raw:
        credit = parse_credit(text, language)
        if credit:
            credits.append(credit)
        else:
            blocks.append((kind, text))
    leading = []
    for kind, text in blocks:
        if kind != "heading":
            break
        if _words(text) <= 30:
            leading.append(text)
    blocks, removed = filter_boilerplate(blocks, title, url, scan.anchors, headlines)
    if tree is not None:
        blocks = restore_headings(blocks, tree, title)
    # A heading with nothing under it ("Key events" over a dropped link list) heads no section.
    empty = {i for i, (kind, _) in enumerate(blocks)
             if kind == "heading" and (i + 1 == len(blocks) or blocks[i + 1][0] == "heading")}
    removed += [text for i, (_, text) in enumerate(blocks) if i in empty]
    blocks = [block for i, block in enumerate(blocks) if i not in empty]
    return Pick(extractor, blocks, credits, removed, raw, leading)


def _readability_body(page: HtmlElement) -> etree._Element | None:
    """trafilatura's own fallback (its readability-lxml port, then its clean-up into the same XML as
    its main extractor), on the page without what a reader cannot see. It takes the tree apart."""
    from trafilatura.external import sanitize_tree, try_readability
    from trafilatura.settings import Extractor

    for element in _hidden_elements(page):
        if element.getparent() is not None and element.tag not in ("html", "body"):
            element.drop_tree()
    summary = try_readability(page)
    if summary is None or not len(summary):
        return None
    try:
        body, _ = sanitize_tree(summary, Extractor(comments=False))
    except Exception:  # a second opinion that breaks on odd markup is no opinion, not a failed page
        return None
    return body


def _coverage(a: Counter, b: Counter) -> float:
    """Share of a's words that b has too (as many times)."""
    total = sum(a.values())
    return sum((a & b).values()) / total if total else 0.0


@dataclass
class Choice:
    pick: Pick
    confidence: float  # 0..1: how far the extractors agree on the article's text
    reason: str


def choose_pick(fast: Pick, other: Pick, trust_fast: bool = False) -> Choice:
    """The fast pick unless readability's pick says it took the wrong block.

    Agreement is the share of each pick's words the other has. Where both hold most of each other's
    words they chose the same block and the fast pick (richer structure) stays. Where readability's
    pick is a good part of the fast one, the rest of the fast pick is the chrome around the story;
    where it is only a sliver, readability took one box of a story spread over several. Where
    readability holds the fast pick and much more, the fast pick missed paragraphs. Two picks with
    little in common: the fast one, unless it is a scrap beside readability's story. With
    trust_fast (a long pick from a marked article body, here only because it read like a menu), only
    a scrap gives way.
    """
    fw, ow = fast.words, other.words
    nf, no = sum(fw.values()), sum(ow.values())
    if not no:
        return Choice(fast, 0.5 if nf else 0.0, "readability found nothing")
    if not nf:
        return Choice(other, 0.5, "the fast pick kept nothing")
    f_in_o, o_in_f = _coverage(fw, ow), _coverage(ow, fw)
    agreement = 2 * sum((fw & ow).values()) / (nf + no)
    if f_in_o >= AGREE and o_in_f >= AGREE:
        return Choice(fast, agreement, "agree")
    if not (f_in_o >= AGREE or o_in_f >= AGREE) and no >= SCRAP_RATIO * nf:
        return Choice(other, agreement, "fast pick is a scrap beside the story")
    if trust_fast:
        return Choice(fast, agreement, "fast pick from the marked body")
    if o_in_f >= AGREE:
        if no >= SHARE_OF_FAST * nf:
            return Choice(other, agreement, "fast pick padded with chrome")
        return Choice(fast, agreement, "readability took a fragment")
    if f_in_o >= AGREE:
        if no >= MORE_THAN_FAST * nf:
            return Choice(other, agreement, "fast pick missed paragraphs")
        return Choice(fast, agreement, "readability adds little")
    return Choice(fast, agreement, "picks apart")


AGREE = 0.8  # share of a pick's words the other holds for the two to count as the same block
SHARE_OF_FAST = 0.35  # readability's pick inside the fast one, at least this share of it: the rest is chrome
MORE_THAN_FAST = 1.5  # readability holds the fast pick and this many times its words: paragraphs missed
SCRAP_RATIO = 20  # picks apart and readability's this many times longer: the fast one is a scrap
SURE_WORDS = 100  # a fast pick this long from a marked article body needs no second opinion
LONG_WORDS = 800  # a fast pick this long is a story even without a marked body: no second opinion
MENU_CONFIDENCE = 0.3  # the fast pick read like a menu: readability's pick is the best guess, no more


def _looks_like_menu(text: str) -> bool:
    """Little text, or many words on very short lines with almost no sentence ends: menu items,
    not an article (tables and link lists have several words a line)."""
    words = _words(text)
    if words < 30:
        return True
    if words <= 100:
        return False
    ends = len(re.findall(r"[.!?。！？](?:\s|$)", text))
    lines = sum(1 for line in text.splitlines() if line.strip())
    return ends * 100 < words * 2 and words < 3 * lines


def pick_blocks(tree: HtmlElement, scan: PageScan, meta: PageMeta, url: str | None,
                language: str | None) -> Choice:
    """The cascade: trafilatura's fast pick, and readability's only where the fast one is unsure
    (a short pick, one under LONG_WORDS without a marked article body, or one that reads like a menu)."""
    title, headlines = meta.title, tuple(text for _, text in meta.candidates)
    document = trafilatura.bare_extraction(tree, url=url, fast=True, include_comments=False)
    fast = _filtered_pick("trafilatura", document.body if document is not None else None, tree, title, url, scan,
                          language, headlines)
    menu = document is None or _looks_like_menu(document.text or "")
    words = fast.word_count
    if not menu and (words >= LONG_WORDS or scan.marked_body and words >= SURE_WORDS):
        return Choice(fast, 1.0, "fast pick from the marked body" if scan.marked_body else "a long fast pick")
    # The tree is not read after this: readability takes it apart (it drops nodes as it scores), and
    # it keeps the headings it finds, so none are put back.
    other = _filtered_pick("readability", _readability_body(tree), None, title, url, scan, language,
                           headlines)
    if menu and other.blocks and not _looks_like_menu("\n".join(text for _, text in other.blocks)):
        return Choice(other, MENU_CONFIDENCE, "fast pick reads like a menu")
    # A marked body whose pick is short may be a teaser of the story: readability has its full say.
    return choose_pick(fast, other, scan.marked_body and words >= SURE_WORDS)


# -- the public entry --------------------------------------------------------------------------

def clean_html(html: str | bytes, url: str | None = None, language: str | None = None) -> HtmlResult:
    """Main content and metadata of an HTML page as Article blocks (title separate, first paragraph lead)."""
    tree = parse_html(html)
    if tree is None:
        return HtmlResult(None, None, [])
    scan = scan_page(tree)
    _drop_code(tree, _UNDATED_TAGS)  # htmldate drops these itself before it looks for dates
    meta = page_metadata(tree, url, scan.h1s)
    _drop_code(tree, _CODE_TAGS)
    _merge_post_feed(tree)
    choice = pick_blocks(tree, scan, meta, url, language)
    pick = choice.pick
    title = choose_title(meta, pick, scan.lines)
    blocks, credits, removed = list(pick.blocks), list(pick.credits), list(pick.removed)
    if title and title != meta.title:
        # The story's own headline, chosen after the pick: it is the title, not a heading of the body.
        removed += [text for kind, text in blocks if kind == "heading" and _similar(text, title)]
        blocks = [(kind, text) for kind, text in blocks if not (kind == "heading" and _similar(text, title))]
    if not _has_words(blocks, MIN_WORDS) and not any(_SENTENCE_END.search(t) for _, t in blocks):
        # A few words and not one sentence: a menu or a link list, not an article.
        removed += [text for _, text in blocks]
        blocks = []
    if not blocks:
        # The post-filter took everything: what the extractor kept is all the page has to offer.
        raw = pick.raw
        if _has_words(raw, MIN_WORDS):
            blocks, removed = list(raw), []
            choice = Choice(pick, 0.0, "only chrome-like lines")
    # A translation credit is often set apart from the story (a note box, the page foot), where
    # trafilatura drops it with the chrome: look for it among the page's own lines too.
    found = {c.text for c in credits}
    for line in scan.lines:
        if line not in found and (credit := parse_credit(line, language)):
            credits.append(credit)
            found.add(credit.text)
    # What trafilatura left out never reached us as blocks: recover it from the page for `removed`.
    kept = [text for _, text in blocks] + [c.text for c in credits] + [title or ""]
    kept_text, seen = "\n".join(kept), set(removed) | set(kept)
    kept_words = set(_WORD.findall(kept_text))
    # A line can stand inside the kept text only if each of its words does: the cheap test first.
    removed += [line for line in scan.lines if line not in seen and not (
        kept_words.issuperset(_WORD.findall(line)) and line in kept_text)]
    for i, (kind, text) in enumerate(blocks):
        if kind == "paragraph":
            blocks[i] = ("lead", text)
            break
    # No byline element or JSON-LD author: a byline line the post-filter took out of the story.
    author = meta.author or next((name for line in pick.removed if (name := parse_byline(line))), None)
    return HtmlResult(title, meta.published, blocks, credits, removed, round(choice.confidence, 3), pick.extractor,
                      author)


MIN_WORDS = 15  # fewer words than this and not one sentence: a menu, not an article


def _has_words(blocks: list[tuple[str, str]], least: int) -> bool:
    """At least `least` words in the blocks, counted only as far as needed."""
    total = 0
    for _, text in blocks:
        total += _words(text) if len(text) < 20 * least else least
        if total >= least:
            return True
    return False
