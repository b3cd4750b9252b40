"""Location of the article: trafilatura's reading of the page says which text is the story;
:class:`Evidence` tests our own blocks against it, and :func:`article_scope` finds the smallest
element holding it."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..clean import SENTENCE_ENDS, word_count
from ..metadata import clean_space
from ..models import Block, BlockKind
from .blocks import SubItem
from .tables import TableRow

log = logging.getLogger(__name__)


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
                    ((owner, *owner.iterancestors()), " ".join(WORD.findall(piece.lower())), hit)
                )
    body = tree.find("body")
    scope = body if body is not None else tree
    title_key = " ".join(WORD.findall((title or "").lower()))
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


WORD = re.compile(r"\w+")
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
        words = WORD.findall(text.lower())
        self.words = len(words)
        self.shingles = {tuple(words[i : i + 3]) for i in range(len(words) - 2)}
        self.lines = {" ".join(WORD.findall(line.lower())) for line in text.splitlines()}
        self.joined = " ".join(words)
        self._padded = f" {self.joined} "

    def covered_chars(self, text: str) -> int:
        """Roughly how many characters of ``text`` belong to the located article."""
        words = WORD.findall(text.lower())
        hits = 0
        for i in range(len(words) - 2):
            if (words[i], words[i + 1], words[i + 2]) in self.shingles:
                hits += len(words[i]) + 1
        return hits

    def covers(self, text: str) -> bool:
        """True when most of ``text`` is part of the located article."""
        words = WORD.findall(text.lower())
        if not words:
            return False
        if len(words) < 6:
            return " ".join(words) in self.lines or (
                len(words) >= 3 and f" {' '.join(words)} " in self._padded
            )
        grams = [tuple(words[i : i + 3]) for i in range(len(words) - 2)]
        return sum(g in self.shingles for g in grams) >= 0.5 * len(grams)


FAST_ENOUGH_WORDS = 150
"""trafilatura runs first without its fallback extractors (a third of its time); a reading
shorter than this is taken again with them (it missed the body: 42 words instead of 546)."""
FAST_ENOUGH_SHARE = 0.5
"""Nor may the fast reading hold less than this share of the page's prose (:func:`prose_words`):
on the 791 wcxb pages, 35 fast readings kept a fifth of a long guide where the fallbacks found
all of it (recall 0.889 fast, 0.920 always with the fallbacks); asking again below half the
page's prose catches 33 of them, reruns 8% of the pages, and reaches 0.921."""
PROSE_CHARS = 40
"""A run of text at least this long, outside links, counts as the page's prose."""
_NOT_PROSE = {"script", "style", "noscript", "template", "a", "option", "textarea"}


def prose_words(tree: Any) -> int:
    """Words in the page's runs of text of some length outside links (menus and link lists
    are short runs or links), wherever they stand (in paragraphs, list items or bare divs)."""
    body = tree.find("body")
    total = 0
    for el in (body if body is not None else tree).iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag not in _NOT_PROSE:
            text = el.text
            if text and len(text) >= PROSE_CHARS and not text.isspace():
                total += len(text.split())
        tail = el.tail
        if tail and len(tail) >= PROSE_CHARS and not tail.isspace():
            parent = el.getparent()
            if parent is not None and parent.tag not in _NOT_PROSE:
                total += len(tail.split())
    return total


def locate_article(tree: Any, url: str | None, prose: int) -> Evidence | None:
    """Ask trafilatura where the article is; None when it finds nothing or fails. ``prose``
    is the page's :func:`prose_words`."""
    evidence = trafilatura_evidence(tree, url, fast=True)
    if (
        evidence is None
        or evidence.words < FAST_ENOUGH_WORDS
        or evidence.words < FAST_ENOUGH_SHARE * prose
    ):
        evidence = trafilatura_evidence(tree, url, fast=False) or evidence
    return evidence


def trafilatura_evidence(tree: Any, url: str | None, fast: bool) -> Evidence | None:
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


def within(candidates: Iterable[Block], evidence: Evidence) -> list[Block]:
    """The blocks the located text covers, and the tables between them (the locator leaves
    tables out; the reading marks where they were)."""
    blocks = list(candidates)
    covered = [i for i, b in enumerate(blocks) if not from_table(b) and evidence.covers(b.text)]
    if not covered:
        return []
    first, last = covered[0], covered[-1]
    while last + 1 < len(blocks) and isinstance(blocks[last + 1], TableRow):
        last += 1  # a prose table closing the article
    keep = set(covered)
    keep |= {i for i in range(max(0, first - 1), last) if is_prose(blocks[i])}
    # A section heading the locator dropped (a linked one) that opens located text.
    keep |= {i for i in range(first + 1, last) if blocks[i].kind == "heading" and i + 1 in keep}
    # The sub-list of a kept list item.
    parent = -1
    for i, block in enumerate(blocks):
        if not isinstance(block, SubItem):
            parent = i
        elif parent in keep:
            keep.add(i)
    return [b for i, b in enumerate(blocks) if i in keep or (from_table(b) and first < i <= last)]


PROSE_WORDS = 15


def is_prose(block: Block) -> bool:
    """A paragraph that reads as the story's (long, ending a sentence), kept among located
    text even when the locator left it out."""
    ends_sentence = block.text.rstrip().endswith(SENTENCE_ENDS)
    long_enough = word_count(block.text) >= PROSE_WORDS
    return block.kind in ("paragraph", "list_item") and long_enough and ends_sentence


def from_table(block: Block) -> bool:
    return block.kind == "table" or isinstance(block, TableRow)
