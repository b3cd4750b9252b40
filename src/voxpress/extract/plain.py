"""Plain text and Markdown, parsed directly into blocks."""

from __future__ import annotations

import re

from ..errors import ExtractionError
from ..metadata import clean_space
from ..models import Article, Block
from .parse import label_for


def extract_text(text: str, *, source: str = "") -> Article:
    """Plain text: blank-line-separated paragraphs; a short first line is the title."""
    paras = [clean_space(p) for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))]
    paras = [p for p in paras if p]
    if not paras:
        raise ExtractionError(f"no article text found in {label_for(source, 'the text')}")
    if len(paras) > 1 and headline_like(paras[0]):
        title, paras = paras[0], paras[1:]
        return Article(title, tuple(Block("paragraph", p) for p in paras), source=source)
    blocks = tuple(Block("paragraph", p) for p in paras)
    return Article(title_from_source(source), blocks, source=source, untitled=True)


def headline_like(line: str) -> bool:
    """A first line that reads as a headline: short, one sentence, no closing punctuation."""
    return len(line) <= 150 and len(line.split()) <= 20 and not line.endswith(tuple(".,;:!?…"))


def extract_markdown(text: str, *, source: str = "") -> Article:
    """Markdown: the first level-1 heading is the title; code blocks and tables are skipped."""
    from markdown_it import MarkdownIt

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
        raise ExtractionError(f"no article text found in {label_for(source, 'the text')}")
    if title is None:
        first = blocks[0]
        rest = any(b.kind != "heading" for b in blocks[1:])
        headline = first.kind == "paragraph" and rest and headline_like(first.text)
        if first.kind != "heading" and not headline:
            return Article(title_from_source(source), tuple(blocks), source=source, untitled=True)
        title, blocks = first.text, blocks[1:]
    return Article(title=title, blocks=tuple(blocks), source=source)


def title_from_source(source: str) -> str:
    from pathlib import Path

    if not source or source == "-":
        return "Untitled"
    stem = Path(source).stem.replace("_", " ").replace("-", " ").strip()
    return stem[:1].upper() + stem[1:] if stem else "Untitled"
