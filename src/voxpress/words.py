"""Word timings for the text the reader sees: the engine's spoken-word times moved onto the
written words.

The engine times the words it *said* (``Segment.text``, after normalization); the page shows the
words as *written* (``Segment.written``): "$1.5bn" is written once and said "one point five
billion dollars". The two token lists are aligned monotonically (longest common runs first,
:class:`difflib.SequenceMatcher`), comparing tokens case-folded and without punctuation:

- a written word identical to a spoken word takes that word's time (an anchor);
- the written words between two anchors share the time the spoken words between the same anchors
  took, from the first one's start to the last one's end, in proportion to their length;
- written words with no spoken counterpart at all share the silence between their anchors;
  spoken words with no written counterpart ("dollars") lengthen nobody: their time is left out.

Tokens are runs of non-space characters holding at least one letter or digit, so a word keeps its
punctuation ("reports," is one word) and a dash alone is no word. Every time is in samples.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from .models import TimedSegment, WordTime

__all__ = ["WrittenWord", "key", "tokens", "written_words"]

_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True)
class WrittenWord:
    """One word as written in the article, with the time it is heard."""

    text: str
    """The word as written, with its punctuation."""
    offset: int
    """Character offset of the word in ``Segment.written``."""
    start: int
    """First sample, counted as the timings it came from are (clip or programme)."""
    end: int
    """One past the last sample."""


def key(token: str) -> str:
    """What two tokens must share to be the same word: letters and digits, case-folded."""
    return "".join(ch for ch in token.casefold() if ch.isalnum())


def tokens(text: str) -> list[tuple[int, str]]:
    """(offset, token) for every word of ``text``: non-space runs with a letter or a digit."""
    return [(m.start(), m.group()) for m in _TOKEN.finditer(text) if key(m.group())]


def _share(words: Sequence[tuple[int, str]], start: int, end: int) -> list[WrittenWord]:
    """``words`` laid end to end over [start, end), each in proportion to its length."""
    weights = [len(key(text)) for _, text in words]
    total = sum(weights)
    out, done = [], 0
    for (offset, text), weight in zip(words, weights):
        a = start + (end - start) * done // total
        done += weight
        out.append(WrittenWord(text, offset, a, start + (end - start) * done // total))
    return out


def align(written: str, spoken: str, times: Sequence[WordTime]) -> tuple[WrittenWord, ...]:
    """Times for the words of ``written``, from ``times`` (words of ``spoken``, in order)."""
    said = [(spoken[w.offset : w.offset + w.length], w) for w in times]
    said = [(text, w) for text, w in said if key(text)]
    shown = tokens(written)
    if not said or not shown:
        return ()
    matcher = SequenceMatcher(
        None, [key(t) for _, t in shown], [key(t) for t, _ in said], autojunk=False
    )
    out: list[WrittenWord] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "insert":
            continue
        if op == "equal":
            for (offset, text), (_, w) in zip(shown[i1:i2], said[j1:j2]):
                out.append(WrittenWord(text, offset, w.start, w.end))
        elif op == "replace":
            out += _share(shown[i1:i2], said[j1][1].start, said[j2 - 1][1].end)
        else:  # delete: written, never said; the gap between the neighbours
            before = said[j1 - 1][1].end if j1 > 0 else said[0][1].start
            after = said[j1][1].start if j1 < len(said) else said[-1][1].end
            out += _share(shown[i1:i2], before, max(before, after))
    return tuple(out)


def written_words(ts: TimedSegment) -> tuple[WrittenWord, ...] | None:
    """The written words of a timed segment on the programme; None when its words were not
    timed (the engine or voice cannot tell, or a music segment)."""
    if ts.words is None or not ts.segment.written.strip():
        return None
    return align(ts.segment.written, ts.segment.text, ts.words) or None
