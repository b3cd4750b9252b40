"""Page furniture: the elements a listener must never hear, found by what they are (tags,
roles, hidden, class and id labels) and removed before the blocks are read."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from bs4 import BeautifulSoup, Comment, Tag

from ..metadata import clean_space
from .dom import HEADINGS, attr_text

if TYPE_CHECKING:
    from .locate import Evidence


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


def strip_unread(el: Any) -> Any:
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
    attrs = attr_text(tag)
    if not attrs.strip():
        return False
    if name in HEADINGS and not _teaser_label(attrs):
        return False  # 'h3#nav_nur_die_folie': an anchor for the table of contents, not navigation
    if _junk_label(attrs):
        # A labelled link or span inside a sentence is a word of it ('<a class="popup">'),
        # unless it is text meant for no one's ears (screen-reader or print-only copies).
        return not (name in INLINE_TAGS and not UNSEEN.search(attrs) and _in_sentence(tag))
    return False


@lru_cache(maxsize=4096)
def _junk_label(attrs: str) -> bool:
    """Whether class and id labels say chrome (cached: a page repeats its labels, and the long
    alternation is most of :func:`is_chrome`'s time)."""
    return bool(JUNK.search(attrs)) and not KEEP.search(attrs)


@lru_cache(maxsize=4096)
def _teaser_label(attrs: str) -> bool:
    return bool(TEASER_HEADING.search(attrs))


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
    section = len(text) >= SECTION_CHARS and not STRONG_JUNK.search(attr_text(tag))
    if len(text) < need and not section:
        return False
    covered = evidence.covered_chars(text)
    return (len(text) >= need and covered >= need) or (
        section and covered >= 0.8 * len(clean_space(text))
    )
