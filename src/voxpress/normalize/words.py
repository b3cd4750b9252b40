"""Numbers as words: cardinals, ordinals, years and digit strings, spelled by num2words; and
whether a measure is used as a modifier ('a $15 minimum wage', one dollar, not dollars)."""

from __future__ import annotations

import re

from num2words import num2words

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"

MAX_SPELLED_DIGITS = 15
"""Longer runs of digits are identifiers, read digit by digit (and int() refuses 4,300 digits)."""


def num(value: str) -> float | int:
    value = value.replace(",", "")
    return float(value) if "." in value else int(value)


def cardinal(value: str | float, lang: str = "en") -> str:
    """Spell a number, US style ('one thousand two hundred thirty-four', no 'and', no commas).
    Past the trillions (an ID, a run of digits) it is read digit by digit."""
    if isinstance(value, str) and len(value.replace(",", "").split(".")[0]) > MAX_SPELLED_DIGITS:
        return digits(value.replace(",", ""))
    n = num(value) if isinstance(value, str) else value
    words = num2words(n, lang=lang)
    if lang == "en":
        words = words.replace(",", "").replace(" and ", " ")
    return words


def ordinal(n: int, lang: str = "en") -> str:
    """'twenty-third'."""
    words = num2words(n, lang=lang, to="ordinal")
    return words.replace(",", "").replace(" and ", " ") if lang == "en" else words


def year(n: int) -> str:
    """'twenty twenty-four', 'nineteen ninety-nine', 'two thousand five', 'nineteen oh-five'."""
    if 2000 <= n <= 2009:
        return "two thousand" if n == 2000 else f"two thousand {cardinal(n - 2000)}"
    return num2words(n, to="year").replace(" and ", " ")


def digits(s: str) -> str:
    """Digit by digit: '0800' -> 'zero eight zero zero'."""
    return " ".join(cardinal(d) for d in s if d.isdigit())


FUNCTION_WORDS = {
    "of",
    "in",
    "on",
    "at",
    "to",
    "from",
    "and",
    "or",
    "per",
    "a",
    "an",
    "the",
    "each",
    "away",
    "long",
    "wide",
    "high",
    "deep",
    "tall",
    "worth",
    "more",
    "less",
    "over",
    "under",
    "for",
    "by",
    "with",
    "was",
    "were",
    "is",
    "are",
    "has",
    "have",
    "had",
    "will",
    "would",
    "into",
    "than",
    "as",
    "apiece",
    "overnight",
    "daily",
    "annually",
    "last",
    "this",
    "that",
    "ago",
    "later",
    "earlier",
    "off",
    "up",
    "down",
    "too",
    "below",
    "above",
    "across",
    "behind",
    "beyond",
    "north",
    "south",
    "east",
    "west",
    "inside",
    "outside",
    "left",
    "remaining",
    "total",
    "altogether",
    "so",
    "but",
}


DETERMINERS = frozenset(
    ("a", "an", "the", "this", "that", "these", "those", "its", "his", "her", "their", "our")
    + ("my", "your", "each", "every", "another", "any", "no", "whose")
)


def attributive(after: str, before: str = "") -> bool:
    """True when a measure is used as a modifier, as in 'a $15 minimum wage', 'the 155mm shells',
    'an estimated $5 billion loss': a determiner before it (a word or two back, past adjectives)
    and a word after it that is not a function word. '… saved $250,000 after …' is plural."""
    m = re.match(r"[\s-]+([A-Za-z][a-z-]*)", after)
    if m is None or m.group(1).lower() in FUNCTION_WORDS:
        return False
    words = re.findall(r"[A-Za-z'-]+|[^\sA-Za-z'-]+", before[-60:])[-3:]
    for word in reversed(words):
        if word.lower() in DETERMINERS:
            return True
        if not word.islower() or word in FUNCTION_WORDS:
            return False
    return False


def plural(unit: tuple[str, str], amount: str, after: str = "", before: str = "") -> str:
    return unit[0] if amount in ("1", "one") or attributive(after, before) else unit[1]


def plural_number(words: str) -> str:
    """'sixty-five' -> 'sixty-fives', 'six' -> 'sixes', 'twenty' -> 'twenties'."""
    if words.endswith("y"):
        return words[:-1] + "ies"
    return words + ("es" if words.endswith(("x", "s")) else "s")


def decade(start: int) -> str:
    """1990 -> 'nineteen nineties', 2000 -> 'two thousands', 1900 -> 'nineteen hundreds'."""
    if start % 100 == 0:
        return f"{cardinal(start // 100)} hundreds" if start != 2000 else "two thousands"
    tens = {
        10: "tens",
        20: "twenties",
        30: "thirties",
        40: "forties",
        50: "fifties",
        60: "sixties",
        70: "seventies",
        80: "eighties",
        90: "nineties",
    }[start % 100]
    return f"{cardinal(start // 100)} {tens}"
