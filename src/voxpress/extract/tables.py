"""Tables: layout tables read through, data tables announced, prose tables read row by row."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import Tag

from ..models import Block
from .dom import HEADINGS, inline_text


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


def prose_rows(table: Tag, in_quote: bool) -> Iterator[Block]:
    """Each row of a prose table as one item, its cells as short sentences; header rows
    (all <th>) are not read."""
    for tr in table.find_all("tr"):
        if tr.find("td") is None:
            continue
        cells = [inline_text(c) for c in tr.find_all(["td", "th"])]
        parts = [c if re.search(r"[.!?:;。]$", c) else c + "." for c in cells if c]
        if parts:
            yield TableRow("quote" if in_quote else "list_item", " ".join(parts))


# --------------------------------------------------------------------------- text, Markdown
