"""Text read twice: an article never says the same twelve words twice unless it quotes itself.

Pages hold their story in several places (the body, a teaser copy, key points repeated as the
lead, a pull quote, a standfirst that is also the first paragraph), and a reading that takes two
of them speaks a paragraph, or the whole article, twice. Two passes over the blocks, by their
runs of :data:`RUN` words:

1. a block whose runs nearly all stand in one longer block (or in an identical earlier one) is
   a copy of it and goes, wherever it stands (the teaser above the story, the pull quote inside
   it); a short block (fewer words than a run) goes when its words stand in a longer block or
   repeat an earlier one;
2. reading on in order, a block whose runs were nearly all heard already goes (a second copy
   of the story whose headings ran into its paragraphs);
3. so does a stretch of consecutive blocks every word of which was heard before in the same
   order (a list of short lines read twice), and a heading said twice or read first as the
   line of a table of contents.

Sentences are not cut out of a kept block: on the corpus it cost more of the true text (pages
that say a sentence twice on purpose, in parallel sections) than it saved.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict

from ..models import Block

log = logging.getLogger(__name__)

RUN = 12
"""Words in a run: a repeat this long is no coincidence of phrasing."""
COPY_SHARE = 0.8
"""A block with at least this share of its runs in another block, or heard before, is a copy."""
SHORT_WORDS = 6
"""A block shorter than a run but at least this long is a copy when it stands in a longer block
or repeats an earlier one; shorter lines ('Pros', 'Step 1') repeat by design."""
GLUE_WORDS = 3
"""Of two copies within this many words of each other (one with a short heading glued on), the
first is read; otherwise the longer."""
HEADING_WORDS = 4
"""A heading this long said twice is a copy; 'Pros', 'Cons', 'Step 1' repeat by design."""
_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


Runs = dict[tuple[str, ...], tuple[int, int]]
"""Each run of a text, with where its first copy starts in its block and that block's length."""


def _runs(words: list[str]) -> Runs:
    runs: Runs = {}
    for i in range(len(words) - RUN + 1):
        runs.setdefault(tuple(words[i : i + RUN]), (i, len(words)))
    return runs


def drop_repeats(blocks: list[Block]) -> list[Block]:
    """The blocks with copies of other blocks, and stretches heard before, left out."""
    words = [_words(b.text) if b.kind != "table" else [] for b in blocks]
    if not _anything_repeated(blocks, words):
        return blocks  # the common case, told by one pass over the text
    runs = [_runs(w) for w in words]
    copies = _copies(blocks, words, runs)
    kept: list[Block] = []
    heard: Runs = {}
    for i, block in enumerate(blocks):
        if i in copies:
            continue
        if runs[i]:
            if _is_copy(words[i], heard):
                log.debug("dropped a block heard before: %.60s", block.text)
                continue
            for run, where in runs[i].items():
                heard.setdefault(run, where)
        kept.append(block)
    kept = _without_heard_passages(_without_heard_stretches(kept))
    return kept if any(b.kind != "heading" for b in kept) else blocks


PASSAGE = 40
"""A run this long heard before is a passage read twice, even inside one block (a page whose
text holds its own copy) or across a few: it is cut wherever it stands."""
_TOKEN = re.compile(r"\w+")
_CLOSING = set('.,;:!?…"”’)»')


def _without_heard_passages(blocks: list[Block]) -> list[Block]:
    """Pass 4: the words of every run of :data:`PASSAGE` words heard before, cut out."""
    tokens: list[tuple[int, int, int]] = []  # (block, start, end) of each word
    stream: list[str] = []
    for i, block in enumerate(blocks):
        if block.kind == "table":
            continue
        for m in _TOKEN.finditer(block.text):
            tokens.append((i, m.start(), m.end()))
            stream.append(m.group().lower())
    first: dict[tuple[str, ...], int] = {}
    heard = [False] * len(stream)
    for p in range(len(stream) - PASSAGE + 1):
        run = tuple(stream[p : p + PASSAGE])
        if first.setdefault(run, p) + PASSAGE <= p:
            heard[p : p + PASSAGE] = [True] * PASSAGE
    if not any(heard):
        return blocks
    cuts: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for p, (i, start, end) in enumerate(tokens):
        if heard[p]:
            spans = cuts[i]
            if spans and p > 0 and heard[p - 1] and tokens[p - 1][0] == i:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
    out = []
    for i, block in enumerate(blocks):
        text = block.text
        for start, end in reversed(cuts.get(i, [])):
            while end < len(text) and text[end] in _CLOSING:
                end += 1  # the passage's last stop and quote go with it
            text = text[:start] + text[end:]
        text = re.sub(r"\s+", " ", text).strip(" ,;")
        if i in cuts:
            log.debug("cut a passage heard before from: %.60s", block.text)
        if re.search(r"\w", text):
            out.append(block if text == block.text else Block(block.kind, text, block.level))
    return out


def _anything_repeated(blocks: list[Block], words: list[list[str]]) -> bool:
    """Whether any run of words, heading or short line stands twice in the blocks."""
    stream = [w for ws in words for w in ws]
    seen: set[tuple[str, ...]] = set()
    for p in range(len(stream) - RUN + 1):
        run = tuple(stream[p : p + RUN])
        if run in seen:
            return True
        seen.add(run)
    lines = [" ".join(w) for w in words]
    everything = f" {'  '.join(lines)} "
    headings: set[str] = set()
    for block, line, ws in zip(blocks, lines, words):
        if block.kind == "heading" and len(ws) >= HEADING_WORDS:
            if line in headings:
                return True
            headings.add(line)
        elif SHORT_WORDS <= len(ws) < RUN and everything.count(f" {line} ") >= 2:
            return True
    return any(
        b.kind in ("paragraph", "list_item") and line in headings for b, line in zip(blocks, lines)
    )


def _copies(blocks: list[Block], words: list[list[str]], runs: list[Runs]) -> set[int]:
    """Indexes of the blocks that are copies of another (pass 1)."""
    where: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, mine in enumerate(runs):
        for run in mine:
            where[run].append(i)
    copies: set[int] = set()
    for i, mine in enumerate(runs):
        if not mine:
            continue
        shared: dict[int, int] = defaultdict(int)
        for run in mine:
            for j in where[run]:
                if j != i:
                    shared[j] += 1
        for j, n in shared.items():
            if j in copies or n < COPY_SHARE * len(mine) or not _is_copy(words[i], runs[j]):
                continue
            longer = len(words[j]) - len(words[i])
            if longer > GLUE_WORDS or (longer >= -GLUE_WORDS and j < i):
                log.debug("dropped a copy of block %d: %.60s", j, blocks[i].text)
                copies.add(i)
                break
    headings: dict[str, int] = {}
    for i, block in enumerate(blocks):
        if block.kind == "heading" and len(words[i]) >= HEADING_WORDS:
            key = " ".join(words[i])
            if key in headings:
                log.debug("dropped a heading repeated: %.60s", block.text)
                copies.add(i)  # the same heading again (a second copy of the page's outline)
            headings.setdefault(key, i)
    for i, block in enumerate(blocks):
        if block.kind in ("paragraph", "list_item") and " ".join(words[i]) in headings:
            log.debug("dropped a line repeating a heading: %.60s", block.text)
            copies.add(i)  # a table of contents: its lines are the headings
    joined = [f" {' '.join(w)} " for w in words]
    everything = "\n".join(joined)
    for i, block in enumerate(blocks):
        n = len(words[i])
        if i in copies or block.kind in ("heading", "table") or not SHORT_WORDS <= n < RUN:
            continue
        key = joined[i]
        if everything.count(key) < 2:
            continue  # nowhere else: the common case, found without a walk over every block
        for j, other in enumerate(joined):
            if j == i or j in copies or key not in other:
                continue
            if len(words[j]) > n or j < i:
                log.debug("dropped a short copy of block %d: %.60s", j, block.text)
                copies.add(i)
                break
    return copies


def _is_copy(words: list[str], runs: Runs) -> bool:
    """Whether the words are a copy of text with these runs: one stretch of them, at least
    :data:`COPY_SHARE` of the words, stands there, and what does not is glued on (a heading run
    into the paragraph: the stretch starts its block there) or cut off (a teaser's '…'); not
    words changed (a template filled in twice, 'Join us in Seattle…', 'Join us in Denver…',
    which the page means to say: the stretch starts inside the other block)."""
    covered = [False] * len(words)
    first = last = None
    for i in range(len(words) - RUN + 1):
        hit = runs.get(tuple(words[i : i + RUN]))
        if hit is not None:
            covered[i : i + RUN] = [True] * RUN
            first = (i, hit) if first is None else first
            last = (i, hit)
    if first is None or last is None or sum(covered) < COPY_SHARE * len(words):
        return False
    start, (offset, _) = first
    end, (end_offset, length) = last
    if not all(covered[start : end + RUN]):
        return False
    # A glued heading eats the paragraph's first word ('hoursThe'), a cut teaser its last.
    glued_on = start == 0 or offset <= 1
    cut_off = len(words) - (end + RUN) <= 1 or end_offset + RUN >= length - 1
    return glued_on and cut_off


def _without_heard_stretches(blocks: list[Block]) -> list[Block]:
    """Pass 3: stretches of consecutive blocks whose every word was heard before in the same
    order (a table of contents repeating the headings, a list of short lines read twice): the
    runs that show it cross the blocks, each too short to be caught alone."""
    stream: list[str] = []
    owner: list[int] = []
    for i, block in enumerate(blocks):
        if block.kind == "table":
            continue
        mine = _words(block.text)
        stream += mine
        owner += [i] * len(mine)
    first: dict[tuple[str, ...], int] = {}
    heard = [False] * len(stream)
    for p in range(len(stream) - RUN + 1):
        run = tuple(stream[p : p + RUN])
        q = first.setdefault(run, p)
        if q + RUN <= p:
            heard[p : p + RUN] = [True] * RUN
    whole: set[int] = set()
    for i in set(owner):
        whole.add(i)
    for p, i in enumerate(owner):
        if not heard[p]:
            whole.discard(i)
    if not whole:
        return blocks
    doomed: set[int] = set()
    stretch: list[int] = []
    for i in range(len(blocks) + 1):
        if i < len(blocks) and (i in whole or blocks[i].kind == "table" and stretch):
            stretch.append(i)
            continue
        if sum(len(_words(blocks[j].text)) for j in stretch) >= RUN:
            log.debug(
                "dropped %d blocks heard before: %.60s", len(stretch), blocks[stretch[0]].text
            )
            doomed.update(stretch)
        stretch = []
    return [b for i, b in enumerate(blocks) if i not in doomed]
