"""Decoding and parsing: page bytes to one lxml tree (and a beautifulsoup4 tree of a part)."""

from __future__ import annotations

import codecs
import logging
import re
from typing import Any

from bs4 import BeautifulSoup

from ..errors import ExtractionError

log = logging.getLogger(__name__)


def decode_text(data: bytes, encoding: str | None = None) -> str:
    """Decode text bytes by BOM, declared charset or detection."""
    from bs4 import UnicodeDammit

    dammit = UnicodeDammit(data, [encoding] if encoding else [])
    return dammit.unicode_markup or data.decode("utf-8", "replace")


# --------------------------------------------------------------------------- HTML


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SELF_CLOSED_SCRIPT = re.compile(
    r"<(script|style)\b([^<>]*?)\s*/>(?=(?:(?!<\1\b).){0,50000}?</\1\s*>)",
    re.IGNORECASE | re.DOTALL,
)
"""'<script type="text/javascript"/>' followed by code and a '</script>' (before any other
script opens): browsers ignore the slash and read the code as script; lxml closes the element
and would hand the code over as text. A self-closed script with no closing tag after it (XHTML)
is left alone."""


_DOCUMENT_END = re.compile(r"</(body|html)\s*>", re.IGNORECASE)
"""Closing body and html tags: browsers ignore them and read on (per the HTML standard, what
follows goes into the body); libxml2 stops there, and pages that close the document before
their article (13 of the 1,033 corpus pages, up to 2,300 words after '</html>') lost it."""


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
    text = _DOCUMENT_END.sub("", text)
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


def to_soup(el: Any, label: str) -> BeautifulSoup:
    """A beautifulsoup4 tree of one lxml element (the article's scope, or the whole page)."""
    import lxml.html

    try:
        return BeautifulSoup(lxml.html.tostring(el, encoding="unicode"), "lxml")
    except Exception as exc:  # lxml raises assorted errors on pathological input
        raise ExtractionError(f"cannot parse {label} as HTML: {exc}") from exc


def label_for(source: str, unnamed: str) -> str:
    """How a source is named in messages (``unnamed`` when there is no source)."""
    if not source:
        return unnamed
    return "standard input" if source == "-" else source
