"""Piper's phoneme words matched to the words of the text, when they do not pair one to one.

espeak-ng, Piper's phonemizer, runs short function words into their neighbour ("of the" is one
phoneme word, ʌvðə; "in the", "for a", "that the" too) and can read a token as several words
("1999"). Counting each token's phoneme words alone then disagrees with the sentence, and every
word of it would lose its time. Instead, each token's phonemes (said alone) are aligned with the
sentence's phoneme words by dynamic programming over edit distance: a token takes one or more
phoneme words, or two or three tokens share one, whose samples are then divided at the phoneme
where the first token's sounds end. Tokens the alignment cannot place are left untimed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

STRESS = frozenset("ˈˌ")
VOWELS = frozenset("aeiouyæɑɒɐəɛɜɪʊʌɔøœɚɝɵɘɤɯʉɨᵻʏɞ")
MARKS = frozenset("ːˑʲʰʷ̩̯̃")
"""Length and secondary marks, left out of the comparison."""
BAND = 5
"""How far (in phoneme words) the alignment may stray from where the counts place a token."""
SKIP = 1.0
"""Cost of a token or a phoneme word left unmatched; a pairing costs its normalized distance."""
SHARED = 0.05
"""Extra cost of tokens sharing a phoneme word, so that one to one wins a tie."""
ACCEPT = 0.5
"""Highest cost a token may be placed at; above it, the token is left untimed."""


@dataclass(frozen=True)
class PhonemeWord:
    """One word of Piper's phoneme stream: its phonemes (stress marks left out) and the sample at
    which each of its phonemes (stress marks included) starts, then where the last one ends."""

    phonemes: str
    bounds: tuple[int, ...]

    @property
    def start(self) -> int:
        return self.bounds[0]

    @property
    def end(self) -> int:
        return self.bounds[-1]


def phoneme_word_runs(chunks: Sequence[Any], breaks: frozenset[str]) -> list[PhonemeWord] | None:
    """The phoneme words of Piper's audio chunks (one per sentence), in order, with their
    samples; ``breaks`` are the phonemes that end a word. None when the model gave no
    alignments."""
    out: list[PhonemeWord] = []
    base = 0
    for chunk in chunks:
        if chunk.phoneme_alignments is None:
            return None
        pos = base
        phones: list[str] = []
        bounds: list[int] = []  # every phoneme's start, stress marks' too
        for a in chunk.phoneme_alignments:
            ph = a.phoneme
            if ph in breaks:
                if bounds:
                    out.append(PhonemeWord("".join(phones), (*bounds, pos)))
                    phones, bounds = [], []
            else:
                if ph not in STRESS:
                    phones.append(ph)
                bounds.append(pos)
            pos += int(a.num_samples)
        if bounds:
            out.append(PhonemeWord("".join(phones), (*bounds, pos)))
        base += len(chunk.audio_float_array)
    return out


def skeleton(phonemes: str) -> str:
    """``phonemes`` as compared: marks left out, each run of vowels one "V" (a function word
    said alone has its strong vowel, in a sentence its weak one: "for a" is fɔːɹ eɪ alone,
    fɚɹə in a sentence; both are fVɹV)."""
    out: list[str] = []
    for ph in phonemes:
        if ph in MARKS or ph in STRESS or ph == " ":
            continue
        ph = "V" if ph in VOWELS else ph
        if not (ph == "V" and out and out[-1] == "V"):
            out.append(ph)
    return "".join(out)


def distance(a: str, b: str) -> float:
    """Levenshtein distance of ``a`` and ``b`` over the longer one's length (0 same, 1 unlike)."""
    if a == b:
        return 0.0
    if not a or not b:
        return 1.0
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1] / max(len(a), len(b))


def align(
    tokens: Sequence[tuple[str, int]], words: Sequence[PhonemeWord]
) -> list[tuple[int, int] | None]:
    """(start, end) samples of each token, or None where it has no place.

    ``tokens`` are each token's phonemes said alone (stress marks left out, its phoneme words
    separated by spaces) and how many phoneme words that is (0 for punctuation)."""
    n, m = len(tokens), len(words)
    total = sum(k for _, k in tokens) or 1
    expected, seen = [], 0
    for _, k in tokens:
        expected.append(seen * m // total)
        seen += k
    expected.append(m)
    glued = [skeleton(p) for p, _ in tokens]
    heard = [skeleton(w.phonemes) for w in words]
    inf = float("inf")
    cost: dict[tuple[int, int], float] = {(0, 0): 0.0}
    # the cell each cell was best reached from, and the distance of the tokens and phoneme
    # words paired by that step (None when the step left a token or a phoneme word unmatched)
    back: dict[tuple[int, int], tuple[int, int, float | None]] = {}

    def relax(i: int, j: int, ni: int, nj: int, c: float, paired: float | None = None) -> None:
        if ni > n or nj > m or abs(nj - expected[ni]) > BAND:
            return
        c += cost[(i, j)] + (paired or 0.0)
        if c < cost.get((ni, nj), inf):
            cost[(ni, nj)] = c
            back[(ni, nj)] = (i, j, paired)

    for i in range(n + 1):
        for j in range(max(0, expected[i] - BAND), min(m, expected[i] + BAND) + 1):
            if (i, j) not in cost:
                continue
            if i < n and tokens[i][1] == 0:
                relax(i, j, i + 1, j, 0.0)
                continue
            if i < n:
                relax(i, j, i + 1, j, SKIP)
            if j < m:
                relax(i, j, i, j + 1, SKIP)
            if i < n and j < m:
                for k in sorted({1, 2, tokens[i][1]}):
                    if 0 < k and j + k <= m:
                        said = "".join(heard[j : j + k])
                        relax(i, j, i + 1, j + k, 0.0, distance(glued[i], said))
                for r in (2, 3):
                    if i + r <= n and all(tokens[t][1] == 1 for t in range(i, i + r)):
                        alone = "".join(glued[i : i + r])
                        relax(i, j, i + r, j + 1, SHARED, distance(alone, heard[j]))
    if (n, m) not in cost:
        return [None] * n
    out: list[tuple[int, int] | None] = [None] * n
    i, j = n, m
    while (i, j) != (0, 0):
        pi, pj, paired = back[(i, j)]
        if paired is not None and paired <= ACCEPT:
            if i - pi == 1:  # one token, one or more phoneme words
                out[pi] = (words[pj].start, words[j - 1].end)
            else:  # several tokens, one phoneme word
                _share(out, glued, pi, i, words[pj])
        i, j = pi, pj
    return out


def _share(
    out: list[tuple[int, int] | None],
    glued: Sequence[str],
    first: int,
    end: int,
    word: PhonemeWord,
) -> None:
    """Divide ``word``'s samples among tokens ``first``..``end``-1 by their phonemes' share."""
    alone = "".join(glued[first:end])
    phones = len(word.bounds) - 1
    done = 0
    start = word.start
    for t in range(first, end):
        done += len(glued[t])
        cut = word.end if t == end - 1 else word.bounds[round(done * phones / len(alone))]
        if cut > start:
            out[t] = (start, cut)
        start = cut
