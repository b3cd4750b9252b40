"""Small helpers over beautifulsoup4 elements shared by the reading steps."""

from __future__ import annotations

import re

from bs4 import NavigableString, Tag

from ..metadata import clean_space

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


def inline_text(tag: Tag | NavigableString) -> str:
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


TAXONOMY = re.compile(
    r"^(tag|tags|category|categories|topic|section|format|type|status|postid)-", re.IGNORECASE
)


def attr_text(tag: Tag) -> str:
    classes: str | list[str] = tag.get("class") or []  # type: ignore[assignment]
    if isinstance(classes, str):
        classes = classes.split()
    classes = [c for c in classes if not TAXONOMY.match(c)]  # CMS labels ('tag-nato'), not roles
    ident = tag.get("id") or ""
    extra = tag.get("data-component") or tag.get("data-testid") or ""
    return " ".join([*classes, str(ident), str(extra)])


def link_density(tag: Tag) -> float:
    """Share of an element's text that sits inside links."""
    text = len(tag.get_text(" ", strip=True))
    if not text:
        return 1.0
    links = sum(len(a.get_text(" ", strip=True)) for a in tag.find_all("a"))
    return links / text
