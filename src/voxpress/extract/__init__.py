"""The cleaner: a :class:`Document` in, an :class:`Article` (metadata plus body blocks) out.

HTML goes through these steps, in order, one module each:

1. :mod:`.parse`: decoding and one lxml parse; metadata from JSON-LD, OpenGraph, meta tags and
   bylines in the markup (:mod:`voxpress.metadata`); the user's site rules
   (:mod:`voxpress.siterules`);
2. :mod:`.locate`: trafilatura's reading of the page says which text is the article, and the
   smallest element holding it is taken;
3. :mod:`.chrome`: that element is cleaned in beautifulsoup4: everything a listener must never
   hear is removed (scripts, navigation, forms, share bars, captions, players, comments,
   newsletter boxes);
4. :mod:`.blocks` (and :mod:`.tables`): blocks are read in order (headings, paragraphs, list
   items, quotes, tables as notes) and kept when the located text covers them;
5. speech filters on the blocks (:mod:`voxpress.clean`): "Read also:" lines, appeals,
   "2 min read", the byline repeated;
6. :mod:`.language`: the declared language checked against the text.

Without a location (trafilatura finds nothing), the container is found by Readability-style
paragraph scoring (:mod:`.fallback`). Plain text and Markdown are parsed directly into blocks
(:mod:`.plain`).
"""

from __future__ import annotations

import logging
import re
from typing import Any, cast

from bs4 import BeautifulSoup, Tag

from .. import siterules
from ..clean import dedupe, filter_blocks, word_count
from ..errors import ExtractionError
from ..metadata import Metadata, clean_space, element_labels, read_metadata
from ..models import Article, Block, Document
from ..sanitize import cap_text, sanitized
from .blocks import read_blocks
from .chrome import remove_chrome, strip_unread
from .dateline import without_dateline
from .dom import HEADINGS
from .fallback import find_container
from .language import check_language
from .locate import (
    MIN_COVERAGE,
    MIN_FALLBACK_WORDS,
    WORD,
    Evidence,
    article_scope,
    locate_article,
    prose_words,
    trafilatura_evidence,
    within,
)
from .parse import MAX_TEXT_CHARS, decode_html, decode_text, label_for, parse_html, to_soup
from .plain import extract_markdown, extract_text
from .repeats import drop_repeats

__all__ = [
    "MAX_TEXT_CHARS",
    "decode_html",
    "extract",
    "extract_html",
    "extract_markdown",
    "extract_text",
    "parse_html",
]

log = logging.getLogger(__name__)


@sanitized
def extract(doc: Document) -> Article:
    """Extract the article from a document of any supported kind (text from the page cleaned
    once here, at the edge: see :mod:`voxpress.sanitize`)."""
    if doc.kind == "html":
        return extract_html(doc.content, url=doc.url, encoding=doc.encoding, source=doc.source)
    label = label_for(doc.source, "the text")
    text = cap_text(decode_text(doc.content, doc.encoding), MAX_TEXT_CHARS, label)
    if doc.kind == "markdown":
        return extract_markdown(text, source=doc.source)
    return extract_text(text, source=doc.source)


def extract_html(
    html: bytes | str, *, url: str | None = None, encoding: str | None = None, source: str = ""
) -> Article:
    """Extract metadata and body blocks from an HTML page."""
    try:
        return _extract_html(html, url=url, encoding=encoding, source=source)
    except RecursionError as exc:
        raise ExtractionError(
            f"{label_for(source, url or 'the page')} is nested too deeply to read"
        ) from exc


def _extract_html(
    html: bytes | str, *, url: str | None, encoding: str | None, source: str
) -> Article:
    label = label_for(source, url or "the page")
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
    prose = prose_words(tree)
    evidence = locate_article(tree, url, prose)
    strip_unread(tree)  # after the locator, which reads the page as it is
    blocks = []
    if evidence:
        blocks, complete = _read_located(tree, evidence, md, label)
        if not complete and evidence.fast:
            # Ask again with trafilatura's fallbacks, on the page as it was.
            evidence = (
                trafilatura_evidence(parse_html(html, encoding, label), url, fast=False) or evidence
            )
            blocks, complete = _read_located(tree, evidence, md, label)
        if not complete:
            # Our DOM reading lost much of what the locator found (odd markup): take its reading.
            blocks = list(dedupe(filter_blocks(evidence.blocks, md)))
    if not any(b.kind != "heading" for b in blocks):
        blocks = _read_unlocated(tree, md, label, scored=True)
    elif _words(blocks) < SCANT_SHARE * prose:
        # The locator kept a fraction of the page's prose: ask paragraph scoring too, and take
        # its reading when it holds much more.
        scored = _read_unlocated(tree, md, label, scored=True)
        if _words(scored) >= SCORED_GAIN * _words(blocks):
            blocks = scored
    declared = _declared_body(md, blocks)
    if declared:
        blocks = declared
    elif blocks:
        blocks = _standfirst(tree, md, blocks) + blocks
    if not any(b.kind != "heading" for b in blocks):
        raise ExtractionError(f"no article text found in {label}")
    return _article(md, without_dateline(drop_repeats(blocks)), source)


SCANT_SHARE = 0.3
"""A located reading holding less than this share of the page's prose is checked against
paragraph scoring."""
SCORED_GAIN = 2.0
"""Paragraph scoring's reading replaces the located one when it holds this many times its words."""


def _words(blocks: list[Block]) -> int:
    return sum(word_count(b.text) for b in blocks if b.kind != "table")


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
        untitled=not md.title,
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
    soup = to_soup(strip_unread(el), label)
    remove_chrome(soup)
    root = find_container(soup) if scored else cast(Tag, soup.body or soup)
    return list(dedupe(filter_blocks(read_blocks(root), md)))


def _read_located(
    tree: Any, evidence: Evidence, md: Metadata, label: str
) -> tuple[list[Block], bool]:
    """The blocks of the located article, read from the DOM, and whether they hold most of the
    text the locator found."""
    soup = to_soup(article_scope(tree, evidence, md.title), label)
    remove_chrome(soup, evidence)
    candidates = read_blocks(cast(Tag, soup.body or soup))
    blocks = list(dedupe(filter_blocks(within(candidates, evidence), md)))
    ours = sum(len(WORD.findall(b.text)) for b in blocks)
    return blocks, ours >= MIN_COVERAGE * evidence.words or evidence.words < MIN_FALLBACK_WORDS


def _plain(block: Block) -> Block:
    return Block(block.kind, block.text, block.level) if type(block) is not Block else block
