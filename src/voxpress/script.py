"""The script: an :class:`Article` in, the exact list of :class:`Segment` to be spoken out.

Title, then byline, then every block split into sentences; over-long sentences split again at
clause boundaries. Each sentence is passed through the normalizer (text as a newsreader says it).
Pauses come from the voice profile. ``voxpress script`` prints exactly this list.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator

from .models import Article, Block, Segment, primary_language
from .voices import VoiceProfile

Normalize = Callable[[str], str]
log = logging.getLogger(__name__)

MAX_TOKEN = 64
"""Characters in the longest run of letters that is still a word. The longest words in the
1,033-page development corpus have under 30 letters (hyphenated chains 58); German dictionary
compounds reach 63 ('Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz'). A longer
run is not a word (a hash, a key, a pasted blob): espeak-ng spells it for minutes, and at some
20,000 characters it crashes (exit 139). Such a run is dropped, and the log says so."""
_LONG_RUN = re.compile(
    r"[^\s\-/\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]"
    rf"{{{MAX_TOKEN + 1},}}"
)
"""A run with no space or hyphen in it, in a script that writes spaces (Chinese, Japanese, Thai,
Khmer… write whole sentences without one)."""
_CJK_STOP = re.compile(r"(?<=[。！？])(?![」』”’）)\]。！？!?])")

# Abbreviations after which a full stop does not end a sentence (lower case, no dot).
TITLES = {
    "mr",
    "mrs",
    "ms",
    "mx",
    "dr",
    "prof",
    "gen",
    "sen",
    "rep",
    "gov",
    "lt",
    "col",
    "sgt",
    "capt",
    "cmdr",
    "adm",
    "maj",
    "pres",
    "rev",
    "fr",
    "hon",
    "amb",
    "atty",
    "supt",
    "insp",
    "cpl",
    "pvt",
    "brig",
    "st",
    "mt",
    "ft",
    "messrs",
    "mme",
    "mlle",
    "sr",
    "jr",
    "spc",
    "pfc",
    "msgr",
    "det",
    "const",
    "sens",
    "reps",
    "govs",
    "drs",
    "rt",
    "sec",
}
BEFORE_NUMBER = {
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "no",
    "nos",
    "vol",
    "p",
    "pp",
    "art",
    "sec",
    "ch",
    "fig",
    "op",
    "ca",
    "approx",
    "est",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
}
ALWAYS = {
    "vs",
    "etc_",
    "e.g",
    "i.e",
    "cf",
    "approx",
    "incl",
    "dept",
    "univ",
    "assn",
    "bros",
    "inc_",
    "corp_",
    "ltd_",
    "co_",
    "al",
}
STARTERS = {
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "but",
    "and",
    "in",
    "on",
    "this",
    "that",
    "these",
    "those",
    "there",
    "his",
    "her",
    "its",
    "their",
    "our",
    "as",
    "at",
    "after",
    "before",
    "when",
    "while",
    "if",
    "so",
    "yet",
    "for",
    "officials",
    "according",
    "meanwhile",
    "however",
    "still",
    "some",
    "many",
    "most",
    "one",
    "two",
    "three",
    "last",
}

ORDINAL_DOT_LANGUAGES = {
    "de",
    "cs",
    "sk",
    "da",
    "no",
    "nb",
    "nn",
    "fi",
    "hu",
    "hr",
    "sl",
    "sr",
    "bs",
    "is",
    "et",
    "lv",
    "tr",
}
"""Languages that write ordinals with a full stop ('am 3. Oktober', '2. Bundesliga')."""

SPOKEN_LINES = {  # language -> (byline template, table note), for an article not in the voice's language
    "de": ("Von {byline}.", "Hier ist eine Tabelle ausgelassen."),
    "es": ("Por {byline}.", "Aquí se omite una tabla."),
    "fr": ("Par {byline}.", "Un tableau est omis ici."),
    "it": ("Di {byline}.", "Qui è omessa una tabella."),
    "pl": ("Autor: {byline}.", "Tutaj pominięto tabelę."),
    "pt": ("Por {byline}.", "Aqui foi omitida uma tabela."),
}
"""The profile's 'By …' and table note are in its own language; a German article, read by the
German voice, says 'Von …' instead of an English 'By …' in a German accent."""

_CANDIDATE = re.compile(
    r"([.!?…]+[\"'”’)\]]*)(\s+)(?=[\"'“‘(\[]?[A-Z0-9À-ÖØ-ÞΑ-ΩА-Я\u0590-\u06ff\u0900-\u0e7f"
    r"\u3040-\u9fff\uac00-\ud7af])"
)
"""A full stop, then space, then a capital, a digit, or a letter of a script without capitals."""
_CLAUSE_STRONG = re.compile(r"(?<=[;:])\s+|\s+[—–]\s+|(?<=\w)—(?=\w)")
_CLAUSE_COMMA = re.compile(
    r",\s+(?=(and|but|while|which|who|whom|though|although|because|"
    r"whereas|so|yet|or|as|after|before|when|where|including)\b)"
)
_ANY_COMMA = re.compile(r",\s+")


def split_sentences(
    text: str, abbreviations: frozenset[str] = frozenset(), language: str = "en"
) -> list[str]:
    """Split a paragraph into sentences, not at 'U.S.', 'Oct. 23', 'Dr.', 'J.K.' and the like,
    nor after the ``abbreviations`` (lower case, without the last dot) of the article's language
    ('3,5 Mio. Euro', 'MM. Dupont'), nor, in a language that writes ordinals so, after a number
    ('am 3. Oktober')."""
    ordinals = primary_language(language) in ORDINAL_DOT_LANGUAGES
    text = text.strip()
    if not text:
        return []
    if "。" in text or "！" in text or "？" in text:  # Chinese, Japanese: no space after a stop
        return [
            s
            for part in _CJK_STOP.split(text)
            for s in _split(part.strip(), abbreviations, ordinals)
            if part.strip()
        ]
    return _split(text, abbreviations, ordinals)


def _split(text: str, abbreviations: frozenset[str], ordinals: bool) -> list[str]:
    out: list[str] = []
    start = 0
    for m in _CANDIDATE.finditer(text):
        end = m.end(1)
        if not _is_boundary(text, m.start(1), m.end(2), abbreviations):
            continue
        if ordinals and m.group(1) == "." and re.search(r"(?<![\d.,])\d{1,3}$", text[: m.start(1)]):
            continue
        piece = text[start:end].strip()
        if piece:
            out.append(piece)
        start = m.end(2)
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return out


def _is_boundary(
    text: str, punct_at: int, next_at: int, abbreviations: frozenset[str] = frozenset()
) -> bool:
    if text[punct_at] != ".":
        return True
    before = text[:punct_at]
    m = re.search(r"([^\W\d_][\w.]*|[A-Za-z.]+)$", before)
    word = m.group(1) if m else ""
    low = word.lower().lstrip(".")
    nxt = re.match(r"[\"'“‘(\[]?(\w+)", text[next_at:])
    next_word = nxt.group(1) if nxt else ""
    if not word:
        return True  # digits or other: '… in 2022. The'
    if low in TITLES or low in abbreviations:
        return False
    if low in ALWAYS:
        return False
    if low in BEFORE_NUMBER:
        return not next_word[:1].isdigit()
    if re.fullmatch(r"[A-Za-z]", word):  # a single initial: 'John F. Kennedy'
        return False
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word):  # 'U.S', 'J.K', 'e.g'
        return next_word.lower() in STARTERS
    return True


def split_clauses(sentence: str, max_words: int) -> list[str]:
    """Split a sentence of more than ``max_words`` words at clause boundaries, recursively."""
    if len(sentence.split()) <= max_words:
        return [sentence]
    for pattern in (_CLAUSE_STRONG, _CLAUSE_COMMA, _ANY_COMMA):
        cuts = [m for m in pattern.finditer(sentence)]
        if not cuts:
            continue
        mid = len(sentence) / 2
        best = min(cuts, key=lambda m: abs(m.start() - mid))
        left = sentence[: best.start()].rstrip(" ,")
        right = sentence[best.end() :].lstrip()
        if len(left.split()) < 4 or len(right.split()) < 4:
            continue
        return split_clauses(left, max_words) + split_clauses(right, max_words)
    words = sentence.split()
    if len(words) > 3 * max_words:  # no clause to cut at: cut between words, in even pieces
        n = -(-len(words) // max_words)
        size = -(-len(words) // n)
        return [" ".join(words[i : i + size]) for i in range(0, len(words), size)]
    return [sentence]


def build_script(
    article: Article, profile: VoiceProfile, normalize: Normalize | None = None
) -> list[Segment]:
    """Every segment to be spoken, in order, with the pause after each."""
    norm = normalize or (lambda s: s)
    abbreviations: frozenset[str] = getattr(normalize, "abbreviations", frozenset())
    language: str = getattr(normalize, "language", None) or article.language or "en"
    p = profile.pauses
    segs: list[Segment] = []

    def add(written: str, kind: str, pause: int, block: int | None) -> None:
        spoken = bound(norm(bound(written))).strip()
        if spoken and re.search(r"\w", spoken):
            segs.append(Segment(spoken, kind, pause, block, written))  # type: ignore[arg-type]

    byline_template, table_note = profile.byline_template, profile.table_note
    if not profile.speaks(language) and primary_language(language) in SPOKEN_LINES:
        byline_template, note = SPOKEN_LINES[primary_language(language)]
        table_note = note if table_note and table_note == VoiceProfile.table_note else table_note
    if profile.read_title and article.title and not article.untitled:
        add(article.title, "title", p.title_ms, None)
    if profile.read_byline and article.byline:
        add(byline_template.format(byline=article.byline), "byline", p.title_ms, None)
    for index, block in enumerate(article.blocks):
        if block.kind == "heading":
            add(block.text, "heading", p.heading_ms, index)
            continue
        if block.kind == "table":
            if table_note:
                add(
                    table_note.replace("{caption}", block.text).strip(),
                    "sentence",
                    p.paragraph_ms,
                    index,
                )
            continue
        pieces = list(
            _pieces(
                block.text,
                profile.max_sentence_words,
                p.sentence_ms,
                p.clause_ms,
                abbreviations,
                language,
            )
        )
        end = p.clause_ms if _continues(block.text, article.blocks, index) else p.paragraph_ms
        for n, (text, pause) in enumerate(pieces):
            add(text, "sentence", end if n == len(pieces) - 1 else pause, index)
    if segs:
        last = segs[-1]
        segs[-1] = Segment(last.text, last.kind, 0, last.block, last.written)
    return segs


def _pieces(
    text: str,
    max_words: int,
    sentence_ms: int,
    clause_ms: int,
    abbreviations: frozenset[str],
    language: str,
) -> Iterator[tuple[str, int]]:
    for sentence in split_sentences(text, abbreviations, language):
        clauses = split_clauses(sentence, max_words)
        for n, clause in enumerate(clauses):
            yield clause, (sentence_ms if n == len(clauses) - 1 else clause_ms)


def _continues(text: str, blocks: tuple[Block, ...], index: int) -> bool:
    """A paragraph that stops mid-sentence ('… said the Ministry of') and the next one that goes
    on in lower case ('defence …'): one sentence the page broke in two, so no paragraph pause."""
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return (
        blocks[index].kind == "paragraph"
        and following is not None
        and following.kind == "paragraph"
        and following.text[:1].islower()
        and re.search(r"[.!?:;。！？\"'”’)\]]\s*$", text) is None
    )


def bound(text: str) -> str:
    """Drop every run of more than :data:`MAX_TOKEN` characters that is not a word, and log it."""
    if len(text) <= MAX_TOKEN or not _LONG_RUN.search(text):
        return text

    def drop(m: re.Match[str]) -> str:
        log.warning(
            "dropped a %d-character run that is not a word: %r…", len(m.group(0)), m.group(0)[:24]
        )
        return ""

    return re.sub(r"\s{2,}", " ", _LONG_RUN.sub(drop, text))
