"""Reading a cleaned element into blocks, in document order: headings, paragraphs, list items,
quotes, and tables (as a note, or row by row when they hold prose)."""

from __future__ import annotations

from collections.abc import Iterator

from bs4 import NavigableString, Tag

from ..metadata import clean_space
from ..models import Block, BlockKind
from .dom import BLOCK_TAGS, HEADINGS, inline_text
from .tables import is_layout_table, is_prose_table, prose_rows


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
            inline.append(inline_text(child) if holds & _BREAK else child.get_text())
            continue
        yield from flush()
        if name in HEADINGS:
            text = inline_text(child)
            if text:
                yield Block("heading", text, int(name[1]))
        elif name == "p":
            if holds & (_STRUCTURE | _QUOTE):
                yield from _walk(child, in_quote, depth, held)
            else:
                text = inline_text(child)
                if text:
                    yield item(para, text)
        elif name == "li":
            if holds & _STRUCTURE:
                yield from _walk(child, in_quote, depth + 1, held)
            else:
                text = inline_text(child)
                if text:
                    yield (SubItem if depth else Block)("quote" if in_quote else "list_item", text)
        elif name == "blockquote":
            yield from _walk(child, True, depth, held)
        elif name == "table":
            if is_prose_table(child):
                yield from prose_rows(child, in_quote)
            elif is_layout_table(child):
                yield from _walk(child, in_quote, depth, held)
            elif child.find("td") is not None:
                caption = child.find("caption")
                yield Block("table", inline_text(caption) if caption is not None else "")
        elif name in ("hr", "pre", "figure"):
            continue
        else:
            yield from _walk(child, in_quote, depth, held)
    yield from flush()
