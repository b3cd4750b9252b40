"""The cleaner: a :class:`Document` in, an :class:`Article` (metadata plus body blocks) out.

HTML goes through these steps, in order:

1. decoding and one lxml parse; metadata from JSON-LD, OpenGraph, meta tags and bylines in the
   markup (:mod:`voxpress.metadata`); the user's site rules (:mod:`voxpress.siterules`);
2. location of the article: trafilatura's reading of the page says which text is the article;
3. the smallest element holding that text is cleaned in beautifulsoup4: everything a listener
   must never hear is removed (scripts, navigation, forms, share bars, captions, players,
   comments, newsletter boxes), then blocks are read in order (headings, paragraphs, list items,
   quotes, tables as notes) and kept when the located text covers them;
4. speech filters on the blocks (:mod:`voxpress.clean`): "Read also:" lines, appeals,
   "2 min read", the byline repeated.

Without a location (trafilatura finds nothing), the container is found by Readability-style
paragraph scoring. Plain text and Markdown are parsed directly into blocks.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Iterable, Iterator
from typing import Any, cast

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from markdown_it import MarkdownIt

from . import siterules
from .clean import SENTENCE_ENDS, dedupe, filter_blocks, word_count
from .errors import ExtractionError
from .metadata import Metadata, clean_space, element_labels, read_metadata
from .models import Article, Block, BlockKind, Document
from .sanitize import cap_text, sanitized

log = logging.getLogger(__name__)

DROP_TAGS = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "canvas",
    "iframe",
    "object",
    "embed",
    "video",
    "audio",
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "label",
    "nav",
    "footer",
    "aside",
    "figure",
    "figcaption",
    "picture",
    "img",
    "dialog",
    "menu",
    "link",
    "meta",
    "map",
    "math",
    "source",
    "track",
    "head",
    "pre",
    "code",
    "sup",
}
DROP_ROLES = {
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
    "toolbar",
    "tablist",
    "note",
}
JUNK = re.compile(
    r"newsletter|subscri|signup|sign-up|share|sharing|social|related|recommend|promo|advert|"
    r"(^|[-_ ])ads?([-_ ]|$)|(^|[-_ ])ad[-_]|sponsor|cookie|consent|gdpr|comment|disqus|"
    r"membership|donat|paywall|caption|credit|read-?time|reading-?time|audio|player|popup|modal|"
    r"teaser|more-stories|outbrain|taboola|newsfeed|news-feed|sidebar|widget|breadcrumb|"
    r"skip-link|skip-to|toolbar|tweet|instagram|embed|byline|author|dateline|timestamp|"
    r"(^|[-_ ])tags?([-_ ]|$)|(^|[-_ ])meta([-_ ]|$)|post-meta|entry-meta|article-meta|"
    r"(^|[-_ ])nav|menu|masthead|site-header|site-footer|footer|banner|pagination|pager|"
    r"editors?-picks|most-popular|trending|hidden|visually-hidden|sr-only|screen-reader|print-only|"
    r"gallery|slideshow|carousel|lightbox",
    re.IGNORECASE,
)
KEEP = re.compile(
    r"(^|[-_ ])(article|story|entry|post)[-_]?(body|content|text)|^content$|^main$", re.IGNORECASE
)

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCK_TAGS = HEADINGS | {
    "p",
    "div",
    "section",
    "article",
    "main",
    "ul",
    "ol",
    "li",
    "blockquote",
    "header",
    "table",
    "tbody",
    "thead",
    "tr",
    "td",
    "th",
    "pre",
    "figure",
    "hr",
    "dl",
    "dt",
    "dd",
    "address",
    "details",
    "center",
    "body",
    "form",
    "font",
}


@sanitized
def extract(doc: Document) -> Article:
    """Extract the article from a document of any supported kind."""
    if doc.kind == "html":
        return extract_html(doc.content, url=doc.url, encoding=doc.encoding, source=doc.source)
    text = cap_text(
        decode_text(doc.content, doc.encoding), MAX_TEXT_CHARS, _label(doc.source, "the text")
    )
    if doc.kind == "markdown":
        return extract_markdown(text, source=doc.source)
    return extract_text(text, source=doc.source)


def decode_text(data: bytes, encoding: str | None = None) -> str:
    """Decode text bytes by BOM, declared charset or detection."""
    from bs4 import UnicodeDammit

    dammit = UnicodeDammit(data, [encoding] if encoding else [])
    return dammit.unicode_markup or data.decode("utf-8", "replace")


# --------------------------------------------------------------------------- HTML


def extract_html(
    html: bytes | str, *, url: str | None = None, encoding: str | None = None, source: str = ""
) -> Article:
    """Extract metadata and body blocks from an HTML page."""
    try:
        return _extract_html(html, url=url, encoding=encoding, source=source)
    except RecursionError as exc:
        raise ExtractionError(
            f"{_label(source, url or 'the page')} is nested too deeply to read"
        ) from exc


def _extract_html(
    html: bytes | str, *, url: str | None, encoding: str | None, source: str
) -> Article:
    label = _label(source, url or "the page")
    tree = parse_html(html, encoding, label)
    md = read_metadata(tree, url)
    rule = siterules.rule_for(url or md.url)
    if rule:
        siterules.apply_drops(tree, rule)
        chosen = siterules.article_element(tree, rule)
        if chosen is not None:
            blocks = _read_unlocated(chosen, md, label, scored=False)
            if any(b.kind != "heading" for b in blocks):
                return _article(md, blocks, source)
    evidence = locate(tree, url)
    _strip_tags(tree)  # after the locator, which reads the page as it is
    blocks = []
    if evidence:
        blocks, complete = _read_located(tree, evidence, md, label)
        if not complete and evidence.fast:
            # Ask again with trafilatura's fallbacks, on the page as it was.
            evidence = _trafilatura(parse_html(html, encoding, label), url, fast=False) or evidence
            blocks, complete = _read_located(tree, evidence, md, label)
        if not complete:
            # Our DOM reading lost much of what the locator found (odd markup): take its reading.
            blocks = list(dedupe(filter_blocks(evidence.blocks, md)))
    if not any(b.kind != "heading" for b in blocks):
        blocks = _read_unlocated(tree, md, label, scored=True)
    declared = _declared_body(md, blocks)
    if declared:
        blocks = declared
    elif blocks:
        blocks = _standfirst(tree, md, blocks) + blocks
    if not any(b.kind != "heading" for b in blocks):
        raise ExtractionError(f"no article text found in {label}")
    return _article(md, blocks, source)


STANDFIRST = re.compile(
    r"(^|[-_ ])(lead|lede|standfirst|deck|dek|intro|subtitle|sub-?head(line)?|teaser|sapo|chapo|chapeau|"
    r"entradilla|bajada|summary|abstract)([-_ ]|$)",
    re.IGNORECASE,
)
STANDFIRST_REACH = 40
"""How many elements after the headline may hold the standfirst."""


def _standfirst(tree: Any, md: Metadata, blocks: list[Block]) -> list[Block]:
    """The standfirst (the deck under the headline: 'Damit Mitarbeiter gesund bleiben, …') as a
    first paragraph, when the page labels it so and the reading does not have it already;
    the locator reads the story's body and often leaves it out."""
    h1 = next(iter(tree.iter("h1")), None)
    if h1 is None:
        return []
    for el in h1.xpath(f"following::*[position() <= {STANDFIRST_REACH}]"):
        if (
            not isinstance(el.tag, str)
            or el.tag in ("a", "span", "li")
            or not STANDFIRST.search(element_labels(el))
        ):
            continue
        if any(
            STANDFIRST.search(element_labels(d)) or d.tag in HEADINGS
            for d in el.iterdescendants()
            if isinstance(d.tag, str)
        ):
            continue  # a card holding the headline and the deck: the deck itself comes next
        text = clean_space(el.text_content())
        words = word_count(text)
        if words < 8 or words > 80 or not re.search(r"[.!?][\"”»)]?$", text):
            continue
        known = " ".join(b.text for b in blocks[:5])
        if text[:60] in known or (md.title and text.startswith(md.title)):
            return []
        return [Block("paragraph", text)]
    return []


DECLARED_BODY_WORDS = 150
"""A JSON-LD articleBody at least this long, and over twice what the page shows, is the text."""


def _declared_body(md: Metadata, blocks: list[Block]) -> list[Block] | None:
    """The page's JSON-LD ``articleBody`` as blocks, when the visible page holds much less of it
    (a script-rendered body, a teaser with the full text in the metadata); else None."""
    body = md.body or ""
    if "<" in body and ">" in body:  # some publishers put HTML there
        soup = BeautifulSoup(body, "lxml")
        body = "\n".join(b.text for b in read_blocks(cast(Tag, soup.body or soup)))
    declared = word_count(body)
    if declared < DECLARED_BODY_WORDS:
        return None
    paras = [
        Block("paragraph", clean_space(line)) for line in re.split(r"\n+", body) if line.strip()
    ]
    shown = [b for b in blocks if b.kind != "table"]
    shown_words = sum(word_count(b.text) for b in shown)
    # Much more text than the page shows, or the same text that arrived as one run-on block
    # (trafilatura reads articleBody itself, joining its paragraphs).
    same_text = " ".join(b.text for b in shown).split() == body.split()
    if declared < 2 * shown_words and not (same_text and len(paras) > len(shown)):
        return None
    return list(dedupe(filter_blocks(paras, md)))


def _article(md: Metadata, blocks: list[Block], source: str) -> Article:
    if not md.title:
        heading = next((b for b in blocks if b.kind == "heading"), None)
        md.title = heading.text if heading else None
    return Article(
        title=md.title or "Untitled",
        blocks=tuple(_plain(b) for b in blocks),
        byline=md.byline,
        published=md.published,
        site_name=md.site_name,
        language=check_language(md.language, blocks),
        url=md.url,
        source=source,
    )


def _read_unlocated(el: Any, md: Metadata, label: str, scored: bool) -> list[Block]:
    """Blocks read from ``el`` without the locator: all of it (a site rule's article), or the
    container that paragraph scoring picks (when the locator found nothing)."""
    soup = _soup(_strip_tags(el), label)
    remove_chrome(soup)
    root = find_container(soup) if scored else cast(Tag, soup.body or soup)
    return list(dedupe(filter_blocks(read_blocks(root), md)))


def _read_located(
    tree: Any, evidence: Evidence, md: Metadata, label: str
) -> tuple[list[Block], bool]:
    """The blocks of the located article, read from the DOM, and whether they hold most of the
    text the locator found."""
    soup = _soup(article_scope(tree, evidence, md.title), label)
    remove_chrome(soup, evidence)
    candidates = read_blocks(cast(Tag, soup.body or soup))
    blocks = list(dedupe(filter_blocks(_within(candidates, evidence), md)))
    ours = sum(len(_WORD.findall(b.text)) for b in blocks)
    return blocks, ours >= MIN_COVERAGE * evidence.words or evidence.words < MIN_FALLBACK_WORDS


def _within(candidates: Iterable[Block], evidence: Evidence) -> list[Block]:
    """The blocks the located text covers, and the tables between them (the locator leaves
    tables out; the reading marks where they were)."""
    blocks = list(candidates)
    covered = [i for i, b in enumerate(blocks) if not _from_table(b) and evidence.covers(b.text)]
    if not covered:
        return []
    first, last = covered[0], covered[-1]
    while last + 1 < len(blocks) and isinstance(blocks[last + 1], TableRow):
        last += 1  # a prose table closing the article
    keep = set(covered)
    keep |= {i for i in range(max(0, first - 1), last) if _prose(blocks[i])}
    # A section heading the locator dropped (a linked one) that opens located text.
    keep |= {i for i in range(first + 1, last) if blocks[i].kind == "heading" and i + 1 in keep}
    # The sub-list of a kept list item.
    parent = -1
    for i, block in enumerate(blocks):
        if not isinstance(block, SubItem):
            parent = i
        elif parent in keep:
            keep.add(i)
    return [b for i, b in enumerate(blocks) if i in keep or (_from_table(b) and first < i <= last)]


PROSE_WORDS = 15


def _prose(block: Block) -> bool:
    """A paragraph that reads as the story's (long, ending a sentence), kept among located
    text even when the locator left it out."""
    ends_sentence = block.text.rstrip().endswith(SENTENCE_ENDS)
    long_enough = word_count(block.text) >= PROSE_WORDS
    return block.kind in ("paragraph", "list_item") and long_enough and ends_sentence


def _from_table(block: Block) -> bool:
    return block.kind == "table" or isinstance(block, TableRow)


def _plain(block: Block) -> Block:
    return Block(block.kind, block.text, block.level) if type(block) is not Block else block


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SELF_CLOSED_SCRIPT = re.compile(
    r"<(script|style)\b([^<>]*?)\s*/>(?=(?:(?!<\1\b).){0,50000}?</\1\s*>)",
    re.IGNORECASE | re.DOTALL,
)
"""'<script type="text/javascript"/>' followed by code and a '</script>' (before any other
script opens): browsers ignore the slash and read the code as script; lxml closes the element
and would hand the code over as text. A self-closed script with no closing tag after it (XHTML)
is left alone."""


_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_html(data: bytes, encoding: str | None = None) -> str:
    """Decode page bytes: a byte-order mark; UTF-8 when the bytes are valid UTF-8 (saved and
    re-served pages often keep a stale declaration, and other encodings are almost never valid
    UTF-8 by accident); the transport's charset; the page's own declaration (stray bad bytes
    replaced, as browsers do); detection."""
    from bs4 import UnicodeDammit
    from bs4.dammit import EncodingDetector

    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared: tuple[str | None, ...] = (
        encoding,
        EncodingDetector.find_declared_encoding(data[:4096], is_html=True),
    )
    for name in filter(None, declared):
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            continue
        if codec.startswith(("utf-16", "utf-32")):
            continue  # a declaration in ASCII bytes cannot be true of UTF-16 bytes
        if codec in ("latin-1", "iso8859-1", "ascii"):
            codec = "cp1252"  # what browsers read these labels as
        return data.decode(codec, "replace")
    dammit = UnicodeDammit(data, [], is_html=True)
    return dammit.unicode_markup or data.decode("utf-8", "replace")


def parse_html(html: bytes | str, encoding: str | None = None, label: str = "the page") -> Any:
    """The page as an lxml tree (the fast whole-page layer the locator and metadata read)."""
    import lxml.html
    from lxml import etree

    text = decode_html(html, encoding) if isinstance(html, bytes) else html
    text = _SELF_CLOSED_SCRIPT.sub(r"<\1\2>", _CONTROL.sub("", text))
    if text.lstrip().startswith("<?xml"):
        text = text[text.find("?>") + 2 :]  # lxml refuses an encoding declaration in a str
    try:
        parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False)
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractionError(f"cannot parse {label} as HTML: {exc}") from exc
    if root is None:
        raise ExtractionError(f"no article text found in {label}")
    if len(text) > MAX_TEXT_CHARS:
        _truncate(root, MAX_TEXT_CHARS, label)
    return root


MAX_TEXT_CHARS = 250_000
"""Page text read at most (about 40,000 words, four and a half hours of speech): beyond it a page is a book
or a data dump, and reading all of it would take minutes; the rest is cut with a warning."""
_UNREAD = {"script", "style", "noscript", "template", "svg"}


def _truncate(root: Any, limit: int, label: str) -> None:
    """Cut the page, in place, after its first ``limit`` characters of readable text."""
    seen = 0
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in _UNREAD:
            continue
        seen += len(el.text or "") + len(el.tail or "")
        if seen > limit:
            break
    else:
        return
    log.warning(
        "%s has more than %d characters of text; reading only the first %d", label, limit, limit
    )
    el.tail = None
    node = el
    while node is not None:
        for sibling in list(node.itersiblings()):
            node.getparent().remove(sibling)
        node = node.getparent()


def _strip_tags(el: Any) -> Any:
    """Remove, in place, the elements never read aloud (scripts, styles, media, forms...) below
    ``el``, so that beautifulsoup4 does not build them only for :func:`remove_chrome` to drop."""
    from lxml import etree

    etree.strip_elements(el, *(DROP_TAGS - {"head", "form", "code"}), with_tail=False)
    for code in list(el.iter("code")):
        if is_code_block(code.text_content()):
            code.drop_tree()  # keeps the text after it
    return el


INLINE_CODE_CHARS = 60
"""Longer than this, a single-line ``<code>`` is a code block, not a word in a sentence."""


def is_code_block(text: str) -> bool:
    """Code set apart from the prose (several lines, or long): skipped. A short inline
    ``<code>`` in a sentence ('call <code>fetch()</code> first') is read as a word."""
    text = text.strip()
    return "\n" in text or len(text) > INLINE_CODE_CHARS


def _soup(el: Any, label: str) -> BeautifulSoup:
    """A beautifulsoup4 tree of one lxml element (the article's scope, or the whole page)."""
    import lxml.html

    try:
        return BeautifulSoup(lxml.html.tostring(el, encoding="unicode"), "lxml")
    except Exception as exc:  # lxml raises assorted errors on pathological input
        raise ExtractionError(f"cannot parse {label} as HTML: {exc}") from exc


_TABLE_PARTS = {"td", "th", "tr", "tbody", "thead", "tfoot", "caption", "colgroup", "col"}
STRAY_CHARS = 40
"""Located text outside the scope that is shorter than this may be left out (a byline, a date)."""


def article_scope(tree: Any, evidence: Evidence, title: str | None = None) -> Any:
    """The deepest element of the page that holds all of the located article's text.

    Only this element is handed to beautifulsoup4 (building its tree is the slow part of reading
    a page). Located text outside it may only be a repeat of text inside it, the title, or a
    short line: a teaser repeating the lead, the headline above the story, a credit.
    """
    pieces: list[tuple[tuple[Any, ...], str, int]] = []
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        for piece, owner in ((el.text, el), (el.tail, el.getparent())):
            if owner is None or not piece or len(piece) < 12:
                continue
            hit = evidence.covered_chars(piece)
            if hit:
                pieces.append(
                    ((owner, *owner.iterancestors()), " ".join(_WORD.findall(piece.lower())), hit)
                )
    body = tree.find("body")
    scope = body if body is not None else tree
    title_key = " ".join(_WORD.findall((title or "").lower()))
    while pieces:
        weight: dict[Any, int] = {}
        for chain, _, hit in pieces:
            for node in chain:
                if node is scope:
                    break
                weight[node] = weight.get(node, 0) + hit
        child = max(scope, key=lambda c: weight.get(c, 0), default=None)
        if child is None or not weight.get(child):
            break
        inside = [p for p in pieces if child in p[0]]
        keys = {key for _, key, _ in inside}
        if any(
            hit >= STRAY_CHARS and key not in keys and key != title_key
            for chain, key, hit in pieces
            if child not in chain
        ):
            break
        scope, pieces = child, inside
    while scope.tag in _TABLE_PARTS and scope.getparent() is not None:
        scope = scope.getparent()
    return scope


TAXONOMY = re.compile(
    r"^(tag|tags|category|categories|topic|section|format|type|status|postid)-", re.IGNORECASE
)


_WORD = re.compile(r"\w+")
MIN_COVERAGE = 0.7
"""Below this share of the locator's words, the DOM reading is replaced by the locator's."""
MIN_FALLBACK_WORDS = 30
"""The locator's reading replaces ours only when it has at least this much text (not a menu)."""


class Evidence:
    """The article text an external locator found, to test our own blocks against."""

    def __init__(self, text: str, blocks: tuple[Block, ...] = (), fast: bool = False) -> None:
        self.blocks = blocks
        """The locator's own structured reading of the article, the fallback."""
        self.fast = fast
        """Whether the locator ran without its fallback extractors."""
        words = _WORD.findall(text.lower())
        self.words = len(words)
        self.shingles = {tuple(words[i : i + 3]) for i in range(len(words) - 2)}
        self.lines = {" ".join(_WORD.findall(line.lower())) for line in text.splitlines()}
        self.joined = " ".join(words)

    def covered_chars(self, text: str) -> int:
        """Roughly how many characters of ``text`` belong to the located article."""
        words = _WORD.findall(text.lower())
        hits = 0
        for i in range(len(words) - 2):
            if (words[i], words[i + 1], words[i + 2]) in self.shingles:
                hits += len(words[i]) + 1
        return hits

    def covers(self, text: str) -> bool:
        """True when most of ``text`` is part of the located article."""
        words = _WORD.findall(text.lower())
        if not words:
            return False
        if len(words) < 6:
            return " ".join(words) in self.lines or (
                len(words) >= 3 and f" {' '.join(words)} " in f" {self.joined} "
            )
        grams = [tuple(words[i : i + 3]) for i in range(len(words) - 2)]
        return sum(g in self.shingles for g in grams) >= 0.5 * len(grams)


FAST_ENOUGH_WORDS = 150
"""trafilatura runs first without its fallback extractors (a third of its time); a reading
shorter than this is taken again with them (it missed the body: 42 words instead of 546)."""


def locate(tree: Any, url: str | None) -> Evidence | None:
    """Ask trafilatura where the article is; None when it finds nothing or fails."""
    evidence = _trafilatura(tree, url, fast=True)
    if evidence is None or evidence.words < FAST_ENOUGH_WORDS:
        evidence = _trafilatura(tree, url, fast=False) or evidence
    return evidence


def _trafilatura(tree: Any, url: str | None, fast: bool) -> Evidence | None:
    try:
        import trafilatura

        # bare_extraction: its XML tree as built, without extract()'s serializing, re-parsing
        # and content fingerprint (a tenth of the locator's time).
        doc = trafilatura.bare_extraction(
            tree,
            url=url,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            include_formatting=False,
            deduplicate=False,
            with_metadata=False,
            fast=fast,
        )
        body = getattr(doc, "body", None)
        if body is None:
            return None
        blocks = list(_xml_blocks(body, in_quote=False))
    except Exception as exc:  # noqa: BLE001 - trafilatura is a locator only: any failure falls back to scoring
        log.debug("trafilatura failed: %s", exc)
        return None
    text = "\n".join(b.text for b in blocks)
    return Evidence(text, tuple(blocks), fast) if text.strip() else None


_XML_LEAVES = {"p": "paragraph", "head": "heading", "item": "list_item"}


def _xml_blocks(el: Any, in_quote: bool) -> Iterator[Block]:
    """Blocks from trafilatura's XML: p, head, item and quote elements, and loose text between
    them (text in cells, tails after elements) as paragraphs, split at <lb/>."""
    loose: list[str] = []

    def flush() -> Iterator[Block]:
        text = clean_space(" ".join(loose))
        loose.clear()
        if text:
            yield Block("quote" if in_quote else "paragraph", text)

    if el.text:
        loose.append(el.text)
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "lb":
            yield from flush()
        elif tag in _XML_LEAVES and not any(
            c.tag in _XML_LEAVES or c.tag in ("list", "quote") for c in child
        ):
            yield from flush()
            text = clean_space("".join(child.itertext()))
            if text:
                kind: BlockKind = "quote" if in_quote and tag == "p" else _XML_LEAVES[tag]  # type: ignore[assignment]
                rend = re.fullmatch(r"h([1-6])", child.get("rend") or "")
                level = (int(rend.group(1)) if rend else 2) if kind == "heading" else None
                yield Block(kind, text, level)
        elif tag in ("hi", "ref", "del"):
            loose.append("".join(child.itertext()))
        elif tag in ("graphic", "code", "table", "fw", "note"):
            pass
        else:
            yield from flush()
            yield from _xml_blocks(child, in_quote or tag == "quote")
        if child.tail:
            loose.append(child.tail)
    yield from flush()


_IDENTIFIER: Any = None


def detect_language(text: str) -> tuple[str, float]:
    """The language of ``text`` (ISO 639-1) and its probability, by py3langid's bundled model."""
    global _IDENTIFIER
    if _IDENTIFIER is None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        _IDENTIFIER = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    lang, prob = _IDENTIFIER.classify(text)
    return str(lang), float(prob)


def check_language(declared: str | None, blocks: Iterable[Block]) -> str | None:
    """The article's language: the page's declaration, checked against the text itself.

    Pages often declare their template's language ('en' on a German story). With at least 30
    words of text, a confident detection (p >= 0.95) overrules a declaration it contradicts,
    and fills in a missing one (p >= 0.8).
    """
    sample = " ".join(b.text for b in blocks if b.kind != "heading")[:3000]
    if len(sample.split()) < 30:
        return declared
    detected, prob = detect_language(sample)
    if declared is None:
        return detected if prob >= 0.8 else None
    if detected != declared and prob >= 0.95:
        log.info("page declares language %s but reads as %s (p=%.2f)", declared, detected, prob)
        return detected
    return declared


def _attr_text(tag: Tag) -> str:
    classes: str | list[str] = tag.get("class") or []  # type: ignore[assignment]
    if isinstance(classes, str):
        classes = classes.split()
    classes = [c for c in classes if not TAXONOMY.match(c)]  # CMS labels ('tag-nato'), not roles
    ident = tag.get("id") or ""
    extra = tag.get("data-component") or tag.get("data-testid") or ""
    return " ".join([*classes, str(ident), str(extra)])


def is_chrome(tag: Tag) -> bool:
    """True for an element that is page furniture rather than article text."""
    name = tag.name
    if name == "code":
        return is_code_block(tag.get_text())
    if name in DROP_TAGS:
        return True
    role = str(tag.get("role") or "").lower()
    if role in DROP_ROLES:
        return True
    if tag.get("hidden") is not None or str(tag.get("aria-hidden")).lower() == "true":
        return True
    style = str(tag.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    if name in ("html", "body", "main", "article"):
        return False
    attrs = _attr_text(tag)
    if not attrs.strip():
        return False
    if name in HEADINGS and not TEASER_HEADING.search(attrs):
        return False  # 'h3#nav_nur_die_folie': an anchor for the table of contents, not navigation
    if JUNK.search(attrs) and not KEEP.search(attrs):
        # A labelled link or span inside a sentence is a word of it ('<a class="popup">'),
        # unless it is text meant for no one's ears (screen-reader or print-only copies).
        return not (name in INLINE_TAGS and not UNSEEN.search(attrs) and _in_sentence(tag))
    return False


INLINE_TAGS = {
    "a",
    "span",
    "em",
    "i",
    "b",
    "strong",
    "abbr",
    "cite",
    "q",
    "small",
    "mark",
    "u",
    "s",
    "font",
    "time",
    "sub",
    "dfn",
    "var",
    "kbd",
    "samp",
    "bdi",
    "bdo",
    "data",
    "tt",
}
UNSEEN = re.compile(r"hidden|sr-only|screen-reader|print-only|offscreen", re.IGNORECASE)
TEXT_BLOCKS = HEADINGS | {"p", "li", "blockquote", "dd", "dt", "td", "th"}
SENTENCE_CHARS = 20
"""Text beside an inline element, in its block, that makes it part of a sentence."""


def _in_sentence(tag: Tag) -> bool:
    block = tag.parent
    while isinstance(block, Tag) and block.name in INLINE_TAGS:
        block = block.parent
    if not isinstance(block, Tag) or block.name not in TEXT_BLOCKS:
        return False  # a labelled span in a <div> is more often furniture (a reading time)
    beside = len(block.get_text(strip=True)) - len(tag.get_text(strip=True))
    return beside >= SENTENCE_CHARS


def remove_chrome(soup: BeautifulSoup, evidence: Evidence | None = None) -> None:
    """Delete chrome elements and comments from the tree, in place.

    An element only labelled as chrome by its class or id is kept when it holds most of the
    article (the located text, or else most of the page's paragraph text): such labels
    ('widget Blog1', 'hidden-print', 'commented') are then misleading, not chrome.
    """
    for c in soup.find_all(string=lambda s: isinstance(s, Comment)):
        c.extract()
    if evidence is not None:
        need = len(evidence.joined) * 0.5
    else:
        need = sum(len(p.get_text(" ", strip=True)) for p in soup.find_all("p")) * 0.5
    doomed: list[Tag] = []
    for tag in soup.find_all(True):
        if not is_chrome(tag):
            continue
        if tag.name not in DROP_TAGS and need > 250 and _holds(tag, evidence, need):
            continue
        doomed.append(tag)
    for tag in doomed:
        if tag.parent is not None:  # not already gone with an ancestor
            tag.decompose()


TEASER_HEADING = re.compile(
    r"comment|newsletter|subscri|related|recommend|promo|more-stories|popular|"
    r"trending|sidebar|footer|widget|teaser",
    re.IGNORECASE,
)
"""A heading labelled so heads a box of other stories; other labels on headings are anchors."""

SECTION_CHARS = 600
"""A labelled-as-chrome element this long whose text the locator found is kept."""
STRONG_JUNK = re.compile(
    r"comment|disqus|newsletter|subscri|related|recommend|promo|outbrain|taboola|"
    r"more-stories|most-popular|trending|cookie|consent|sidebar|footer|nav",
    re.IGNORECASE,
)


def _holds(tag: Tag, evidence: Evidence | None, need: float) -> bool:
    """Whether ``tag`` holds at least ``need`` characters of the article."""
    if evidence is None:
        return sum(len(p.get_text(" ", strip=True)) for p in tag.find_all("p")) >= need
    text = tag.get_text(" ")
    # Most of the article, or a section of it under a misleading label ('audio' settings in a
    # game guide): long, and nearly all of it located article text.
    section = len(text) >= SECTION_CHARS and not STRONG_JUNK.search(_attr_text(tag))
    if len(text) < need and not section:
        return False
    covered = evidence.covered_chars(text)
    return (len(text) >= need and covered >= need) or (
        section and covered >= 0.8 * len(clean_space(text))
    )


def link_density(tag: Tag) -> float:
    """Share of an element's text that sits inside links."""
    text = len(tag.get_text(" ", strip=True))
    if not text:
        return 1.0
    links = sum(len(a.get_text(" ", strip=True)) for a in tag.find_all("a"))
    return links / text


def find_container(soup: BeautifulSoup) -> Tag:
    """The element holding the article body, by Readability-style paragraph scoring."""
    scores: dict[int, float] = {}
    nodes: dict[int, Tag] = {}
    for p in soup.find_all(["p", "pre", "td", "blockquote", "li"]):
        text = clean_space(p.get_text(" "))
        if len(text) < 25:
            continue
        if p.name == "li" and len(text) < 80:
            continue
        score = 1 + text.count(",") + text.count("，") + min(len(text) / 100, 3)
        parent = p.parent
        for depth in range(3):
            if not isinstance(parent, Tag) or parent.name in ("html", "[document]"):
                break
            key = id(parent)
            nodes[key] = parent
            scores[key] = scores.get(key, 0.0) + score / (1, 2, 3)[depth]
            parent = parent.parent
    body = soup.body or soup
    if not scores:
        return cast(Tag, body)
    for key, node in nodes.items():
        scores[key] *= 1 - link_density(node)
        if KEEP.search(_attr_text(node)) or node.name in ("article", "main"):
            scores[key] *= 1.25
    best_key = max(scores, key=lambda k: scores[k])
    best = nodes[best_key]
    # Climb while a parent holds substantially more scored text (bodies split over siblings).
    threshold = max(10.0, scores[best_key] * 0.2)
    parent = best.parent
    while isinstance(parent, Tag) and parent.name not in ("html", "[document]", "body"):
        siblings = [
            c
            for c in parent.find_all(recursive=False)
            if c is not best and scores.get(id(c), 0.0) >= threshold
        ]
        if not siblings:
            break
        best = parent
        parent = best.parent
    return best


def _text(tag: Tag | NavigableString) -> str:
    """Text of an inline run: no space invented between inline elements, <br> as a space."""
    if not isinstance(tag, Tag):
        return clean_space(str(tag))
    return clean_space(
        "".join(
            " " if isinstance(s, Tag) else str(s)
            for s in tag.descendants
            if isinstance(s, NavigableString) or (isinstance(s, Tag) and s.name == "br")
        )
    )


def read_blocks(container: Tag) -> Iterator[Block]:
    """Blocks in document order from a cleaned container."""
    yield from _walk(container, in_quote=False, depth=0, held=_holdings(container))


_ANY_BLOCK, _STRUCTURE, _QUOTE, _BREAK = 1, 2, 4, 8
"""What an element holds, as bits: any block tag; a p, div or list; a blockquote; a <br>."""


def _holdings(container: Tag) -> dict[int, int]:
    """The bits of what each element under ``container`` holds, keyed by id(), found in one
    pass (asking bs4's find() of every element on the way down costs a walk of each subtree)."""
    held: dict[int, int] = {}
    for el in container.descendants:
        if not isinstance(el, Tag):
            continue
        name = el.name
        bits = (
            (_ANY_BLOCK if name in BLOCK_TAGS else 0)
            | (_STRUCTURE if name in ("p", "div", "ul", "ol") else 0)
            | (_QUOTE if name == "blockquote" else 0)
            | (_BREAK if name == "br" else 0)
        )
        parent = el.parent
        while bits and parent is not None:
            have = held.get(id(parent), 0)
            if have & bits == bits:
                break  # its ancestors hold these already
            held[id(parent)] = have | bits
            if parent is container:
                break
            parent = parent.parent
    return held


class SubItem(Block):
    """An item of a list nested in another list's item. The locator often drops sub-lists of
    links ('Bug 1677080 – Fullscreen PiP window…'); they are kept with the item they belong to."""


def _walk(node: Tag, in_quote: bool, depth: int, held: dict[int, int]) -> Iterator[Block]:
    """Blocks under ``node``; ``depth`` counts the list items it stands in, ``held`` says what
    each element holds (:func:`_holdings`)."""
    inline: list[str] = []
    para: BlockKind = "quote" if in_quote else "list_item" if depth else "paragraph"
    item = SubItem if depth > 1 else Block  # text of a nested item, before its own sub-list

    def flush() -> Iterator[Block]:
        text = clean_space("".join(inline))
        inline.clear()
        if text:
            yield item(para, text)

    for child in list(node.children):
        if isinstance(child, NavigableString):
            inline.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name == "br":
            if inline and inline[-1] == "\n":
                yield from flush()
            else:
                inline.append("\n")
            continue
        holds = held.get(id(child), 0)
        if name not in BLOCK_TAGS and not holds & _ANY_BLOCK:
            inline.append(_text(child) if holds & _BREAK else child.get_text())
            continue
        yield from flush()
        if name in HEADINGS:
            text = _text(child)
            if text:
                yield Block("heading", text, int(name[1]))
        elif name == "p":
            if holds & (_STRUCTURE | _QUOTE):
                yield from _walk(child, in_quote, depth, held)
            else:
                text = _text(child)
                if text:
                    yield item(para, text)
        elif name == "li":
            if holds & _STRUCTURE:
                yield from _walk(child, in_quote, depth + 1, held)
            else:
                text = _text(child)
                if text:
                    yield (SubItem if depth else Block)("quote" if in_quote else "list_item", text)
        elif name == "blockquote":
            yield from _walk(child, True, depth, held)
        elif name == "table":
            if is_prose_table(child):
                yield from _prose_rows(child, in_quote)
            elif is_layout_table(child):
                yield from _walk(child, in_quote, depth, held)
            elif child.find("td") is not None:
                caption = child.find("caption")
                yield Block("table", _text(caption) if caption is not None else "")
        elif name in ("hr", "pre", "figure"):
            continue
        else:
            yield from _walk(child, in_quote, depth, held)
    yield from flush()


def is_layout_table(table: Tag) -> bool:
    """A table used for page layout (cells holding paragraphs, or at most two cells of words),
    not for data."""
    if table.find(["p", "div", "h2", "h3", "blockquote", "ul"]):
        return True
    cells = [c.get_text(" ", strip=True) for c in table.find_all(["td", "th"])]
    if any(len(text) > 200 for text in cells):
        return True
    # A box drawn with a table: a quote beside a decorative mark, a lone line of text.
    return sum(bool(re.search(r"[^\W\d_]{2}", text)) for text in cells) <= 2


PROSE_CELL_WORDS = 8
PROSE_ROWS = 3


class TableRow(Block):
    """A row of a prose table, read as a list item. The locator leaves tables out, so such
    rows are kept by where they stand (among the located blocks), not by its text."""


def _prose_cell(cell: Tag) -> bool:
    text = cell.get_text(" ", strip=True)
    return len(text.split()) >= PROSE_CELL_WORDS and bool(re.search(r"[.!?。]\W*$|[.!?] ", text))


def is_prose_table(table: Tag) -> bool:
    """A list set out as a table: most rows hold a sentence or more in some cell (a film and
    its plot), read row by row, unlike a data table of names and figures."""
    if table.find(["table", *HEADINGS]) is not None:
        return False  # a page laid out in a table
    rows = [tr for tr in table.find_all("tr") if tr.find("td") is not None]
    if len(rows) < PROSE_ROWS:
        return False
    prose = sum(any(_prose_cell(td) for td in tr.find_all("td")) for tr in rows)
    return prose >= 0.5 * len(rows)


def _prose_rows(table: Tag, in_quote: bool) -> Iterator[Block]:
    """Each row of a prose table as one item, its cells as short sentences; header rows
    (all <th>) are not read."""
    for tr in table.find_all("tr"):
        if tr.find("td") is None:
            continue
        cells = [_text(c) for c in tr.find_all(["td", "th"])]
        parts = [c if re.search(r"[.!?:;。]$", c) else c + "." for c in cells if c]
        if parts:
            yield TableRow("quote" if in_quote else "list_item", " ".join(parts))


# --------------------------------------------------------------------------- text, Markdown


def extract_text(text: str, *, source: str = "") -> Article:
    """Plain text: blank-line-separated paragraphs; a short first line is the title."""
    paras = [clean_space(p) for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))]
    paras = [p for p in paras if p]
    if not paras:
        raise ExtractionError(f"no article text found in {_label(source, 'the text')}")
    title = _title_from_source(source)
    first = paras[0]
    if len(paras) > 1 and len(first) <= 150 and "\n" not in first and not first.endswith("."):
        title, paras = first, paras[1:]
    return Article(title=title, blocks=tuple(Block("paragraph", p) for p in paras), source=source)


def extract_markdown(text: str, *, source: str = "") -> Article:
    """Markdown: the first level-1 heading is the title; code blocks and tables are skipped."""
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    blocks: list[Block] = []
    title: str | None = None
    stack: list[str] = []
    heading_level: int | None = None
    for tok in tokens:
        if tok.type.endswith("_open"):
            stack.append(tok.type[:-5])
            if tok.type == "heading_open":
                heading_level = int(tok.tag[1])
        elif tok.type.endswith("_close"):
            if stack:
                stack.pop()
        elif tok.type == "inline":
            if "table" in stack:
                if not blocks or blocks[-1].kind != "table":
                    blocks.append(Block("table", ""))
                continue
            content = clean_space(
                "".join(
                    c.content for c in (tok.children or []) if c.type in ("text", "code_inline")
                )
                or tok.content
            )
            if not content:
                continue
            if stack and stack[-1] == "heading":
                level = heading_level or 2
                if level == 1 and title is None and not blocks:
                    title = content
                else:
                    blocks.append(Block("heading", content, level))
            elif "blockquote" in stack:
                blocks.append(Block("quote", content))
            elif "list_item" in stack:
                blocks.append(Block("list_item", content))
            else:
                blocks.append(Block("paragraph", content))
    if not any(b.kind != "heading" for b in blocks):
        raise ExtractionError(f"no article text found in {_label(source, 'the text')}")
    if title is None:
        first = blocks[0]
        if first.kind == "heading":
            title, blocks = first.text, blocks[1:]
        else:
            title = _title_from_source(source)
    return Article(title=title, blocks=tuple(blocks), source=source)


def _label(source: str, unnamed: str) -> str:
    """How a source is named in messages (``unnamed`` when there is no source)."""
    if not source:
        return unnamed
    return "standard input" if source == "-" else source


def _title_from_source(source: str) -> str:
    from pathlib import Path

    if not source or source == "-":
        return "Untitled"
    stem = Path(source).stem.replace("_", " ").replace("-", " ").strip()
    return stem[:1].upper() + stem[1:] if stem else "Untitled"
