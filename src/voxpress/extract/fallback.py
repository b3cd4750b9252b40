"""The article's container without a location: Readability-style paragraph scoring."""

from __future__ import annotations

from typing import cast

from bs4 import BeautifulSoup, Tag

from ..metadata import clean_space
from .chrome import KEEP
from .dom import attr_text, link_density


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
        if KEEP.search(attr_text(node)) or node.name in ("article", "main"):
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
