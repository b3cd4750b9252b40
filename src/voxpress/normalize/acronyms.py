"""Acronyms and Roman numerals: 'WHO' spelled 'W.H.O.', 'HIMARS' said as a word, 'the FBI's'
with its s, 'AT&T' as letters, 'Henry VIII' 'Henry the eighth', 'World War II' 'World War two'.

How each acronym is said is in ``acronyms.txt`` beside this module.
"""

from __future__ import annotations

import re
from pathlib import Path

from .words import cardinal, ordinal

TABLE = Path(__file__).with_name("acronyms.txt")


def _load() -> tuple[frozenset[str], frozenset[str], frozenset[str], dict[str, str]]:
    dotted, known, said, respelled = set(), set(), set(), {}
    for raw in TABLE.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        written, _, spoken = (part.strip() for part in line.partition("="))
        known.add(written)
        if spoken == "letters":
            dotted.add(written)
        elif spoken:
            said.add(written)
            if spoken != "word":
                respelled[written] = spoken
    return frozenset(dotted), frozenset(known), frozenset(said), respelled


LETTERS, KNOWN, SAID_AS_WORDS, WORDS = _load()
"""Written with full stops ('W.H.O.'); every acronym listed; said as words ('NATO'); respelled
('HIMARS': 'high-mars')."""
_VOWEL = re.compile(r"[AEIOUY]")
_TOKEN = re.compile(r"(?<![\w.&'-])([A-Z][a-z]?[A-Z][A-Za-z]{0,6})('s|’s)?(?![\w&]|\.\w)")
"""A word with two capitals among its first three letters ('WHO', 'UAVs', 'PhD', 'MoD')."""
_AMPERSAND = re.compile(r"(?<![\w&])([A-Z]{1,3})\s?&\s?([A-Z]{1,3})(?![\w&])")


def _dotted(letters: str) -> str:
    return ".".join(letters) + "."


_SHORT_WORDS = frozenset(
    ("OK", "AM", "AN", "AS", "AT", "BE", "BY", "DO", "GO", "HE", "IF", "IN", "IS", "ME", "MY")
    + ("NO", "OF", "ON", "OR", "SO", "TO", "UP", "WE", "OH", "HI", "OW", "YA")
)
"""Two capitals that are also English words ('IN', 'OR'): not taken for initialisms."""


def _initialism(word: str) -> bool:
    """Read letter by letter: listed so, or two to five capitals without a vowel ('VPN')."""
    if word in SAID_AS_WORDS:
        return False
    if word in KNOWN:
        return True
    return word.isupper() and 2 <= len(word) <= 5 and not _VOWEL.search(word)


def shouting(text: str) -> bool:
    """A sentence in capitals ('BREAKING NEWS: IT IS OVER'): its words are words, not acronyms."""
    words = re.findall(r"[A-Za-z]{2,}", text)
    return len(words) >= 4 and sum(w.isupper() for w in words) >= 0.7 * len(words)


REGNAL_BEFORE = re.compile(
    r"\b(King|Queen|Pope|Emperor|Empress|Tsar|Czar|Prince|Princess|Duke|Sultan|Shah|Pharaoh|"
    r"Charles|Elizabeth|Henry|Edward|George|William|Louis|Leo|John|Paul|Benedict|Pius|Gregory|"
    r"Richard|James|Victoria|Philip|Frederick|Peter|Nicholas|Alexander|Ivan|Catherine|Mary|Anne|"
    r"Felipe|Juan|Carlos|Willem|Harald|Gustaf|Rama|Mohammed|Abdullah|Hussein|Innocent|Clement|Urban|"
    r"Boniface|Francis|Constantine|Ludwig|Otto|Wilhelm|Napoleon|Ramesses|Ptolemy|Alfonso|Ferdinand|"
    r"Manuel|Sebastian|Christian|Frederik|Olav|Haakon|Carl|Albert|Baudouin|Leopold|Rainier)$"
)


def acronyms(text: str) -> str:
    """Initialisms espeak-ng would say as words are written with full stops, as are the plural
    and the possessive of any initialism; acronyms said as words get their respelling."""
    if shouting(text):
        return text
    text = _AMPERSAND.sub(lambda m: f"{_dotted(m.group(1))}-and-{_dotted(m.group(2))}", text)

    def replace(m: re.Match[str]) -> str:
        word, possessive = m.group(1), m.group(2) or ""
        if word in WORDS:
            spoken = WORDS[word]
            return spoken[:1].upper() + spoken[1:] + possessive
        if word in LETTERS or (
            len(word) == 2
            and word.isupper()
            and _VOWEL.search(word)
            and word not in KNOWN
            and word not in _SHORT_WORDS
            and not re.fullmatch(r"[IVXLCDM]+", word)
        ):
            return _dotted(word) + ("'s" if possessive else "")
        plural = word.endswith("s") and word[:-1].isupper() and len(word) > 2
        core = word[:-1] if plural else word
        if (plural or possessive) and _initialism(core):
            return _dotted(core) + "'s"
        if plural and core in LETTERS:
            return _dotted(core) + "'s"
        return m.group(0)

    return _TOKEN.sub(replace, text)


_ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(numeral: str) -> int | None:
    """'LVIII' -> 58, 'XIV' -> 14; None for what is not a well-formed numeral ('IIII', 'VX')."""
    total = 0
    for i, ch in enumerate(numeral):
        value = _ROMAN_DIGITS.get(ch)
        if value is None:
            return None
        following = _ROMAN_DIGITS.get(numeral[i + 1], 0) if i + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total if total > 0 and _to_roman(total) == numeral else None


def _to_roman(n: int) -> str:
    out = ""
    for value, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX")):
        while n >= value:
            out += letters
            n -= value
    for value, letters in ((5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += letters
            n -= value
    return out


_NUMBERED = re.compile(
    r"\b(War|Vatican|Act|Phase|Part|Chapter|Volume|Book|Article|Title|Type|Class|Stage|Level|"
    r"Mark|Apollo|Bowl|Round|WrestleMania|Olympiad|Rocky|Episode|Section|Amendment|Schedule)$"
)


def roman(text: str) -> str:
    def regnal(m: re.Match[str]) -> str:
        before, numeral = m.group(1), m.group(2)
        n = roman_value(numeral)
        if n is None:
            return m.group(0)
        if REGNAL_BEFORE.search(before) and n <= 40:
            return f"{before} the {ordinal(n)}"
        if _NUMBERED.search(before):
            return f"{before} {cardinal(n)}"
        return m.group(0)

    return re.sub(r"\b([A-Z][A-Za-z]+)\s+([IVXLC]{1,8})(?![\w'])", regnal, text)
