"""The dateline opening a wire story ('WASHINGTON (AP) —', 'LOS ANGELES, Nov 20 (Reuters) -'):
the agency and the date are not read (a listener heard 'A.P.' as the story's first word); the
city is kept, as a sentence of its own, which a reader on air would say."""

from __future__ import annotations

import re

from ..models import Block

_CAPS_CITY = r"[A-ZÀ-Ý][A-ZÀ-Ý.'’-]+(?:\s+[A-ZÀ-Ý][A-ZÀ-Ý.'’-]+){0,3}"
_TITLE_CITY = r"[A-ZÀ-Ý][\w.'’-]+(?:\s+[A-ZÀ-Ý][\w.'’-]+){0,2}"
_REGION = r"(?:,\s*[A-ZÀ-Ý][\w.'’-]*(?:\s+[A-ZÀ-Ý][\w.'’-]*){0,2})?"
_DATE = r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
_AGENCY = r"\(\s*[A-Za-z][\w .&/-]{0,24}?\s*\)"
_DASH = r"\s*(?:--|[-—–])\s*"
DATELINE = re.compile(
    rf"^(?P<city>{_CAPS_CITY}{_REGION}){_DATE}\s*(?:{_AGENCY})?{_DASH}(?=[\"“‘'(]?[A-ZÀ-Ý0-9])"
    rf"|^(?P<tcity>{_TITLE_CITY}{_REGION}){_DATE}\s*{_AGENCY}{_DASH}(?=[\"“‘'(]?[A-ZÀ-Ý0-9])"
)
"""A place in capitals (with a region, a date and an agency, or none) or in title case with
an agency, then a dash, before the story's first word."""
REACH = 3
"""The dateline stands in the first paragraph, among the first blocks."""


def without_dateline(blocks: list[Block]) -> list[Block]:
    """The blocks with the first paragraph's dateline reduced to its place."""
    for i, block in enumerate(blocks[:REACH]):
        if block.kind != "paragraph":
            continue
        m = DATELINE.match(block.text)
        if not m:
            return blocks
        city = (m.group("city") or m.group("tcity")).strip(" ,")
        city = " ".join(w.title() if w.isupper() and len(w) > 1 else w for w in city.split())
        rest = block.text[m.end() :]
        text = f"{city.rstrip('.')}. {rest}"
        return [*blocks[:i], Block(block.kind, text, block.level), *blocks[i + 1 :]]
    return blocks
