"""Numbers that are not dates, money or measures: model names with digits ('G7', 'PS5'), ranges
and scores, ordinals, fractions, percentages, number signs and the plain cardinals left."""

from __future__ import annotations

import re

from .money import SCALES
from .units import UNITS
from .words import NUM, cardinal, digits, ordinal, plural_number

_MIXED = re.compile(r"\b(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z\d]+\b")
_NUMBER_SUFFIX = re.compile(r"^\d+((?i:st|nd|rd|th|s|am|pm)|bn|k|m)$")


def alphanumeric(text: str) -> str:
    """Letters and digits in one name are read apart: 'G7' -> 'G 7', 'H1N1' -> 'H 1 N 1',
    'PS5', 'M25', '5G'; a number with its unit or suffix ('5km', '3pm', '21st', '1990s')
    is left to the passes that read those."""

    def split(m: re.Match[str]) -> str:
        word = m.group(0)
        lead = re.match(r"\d+", word)
        if lead and (_NUMBER_SUFFIX.match(word) or word[lead.end() :] in UNITS):
            return word
        return re.sub(r"(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])", " ", word)

    return _MIXED.sub(split, text)


def ranges(text: str) -> str:
    def score(m: re.Match[str]) -> str:
        return f"{m.group(1)}{cardinal(m.group(2))}-{cardinal(m.group(3))}"

    text = re.sub(
        r"\b((?:won|lost|beat|beating|drew|draw|defeated|victory|defeat|win|loss|score[ds]?)\s+(?:\w+\s+)?)"
        r"(\d{1,2})-(\d{1,2})\b",
        score,
        text,
        flags=re.IGNORECASE,
    )
    text = re.sub(
        r"\b(\d{1,2}):(\d{1,2})\s+(ratio|majority)",
        lambda m: f"{cardinal(m.group(1))} to {cardinal(m.group(2))} {m.group(3)}",
        text,
    )
    text = re.sub(
        r"(?<![\w.:])(\d{1,2}):(\d{1,2})(?![\d:])",
        lambda m: f"{cardinal(m.group(1))} to {cardinal(m.group(2))}",
        text,
    )
    return re.sub(
        rf"(?<![\w.-])({NUM})\s?[-–]\s?({NUM})(?![\w.]\d)",
        lambda m: f"{m.group(1)} to {m.group(2)}",
        text,
    )


def ordinals(text: str) -> str:
    return re.sub(
        r"\b(\d+)(st|nd|rd|th)\b", lambda m: ordinal(int(m.group(1))), text, flags=re.IGNORECASE
    )


def fractions(text: str) -> str:
    vulgar = {
        "½": (1, 2),
        "⅓": (1, 3),
        "⅔": (2, 3),
        "¼": (1, 4),
        "¾": (3, 4),
        "⅕": (1, 5),
        "⅛": (1, 8),
    }

    def frac(num: int, den: int) -> str:
        if den == 2:
            return "one half" if num == 1 else f"{cardinal(num)} halves"
        if den == 4:
            return "one quarter" if num == 1 else f"{cardinal(num)} quarters"
        name = ordinal(den)
        return f"{cardinal(num)} {name}{'' if num == 1 else 's'}"

    text = re.sub(
        r"(\d+)\s?([½⅓⅔¼¾⅕⅛])",
        lambda m: f"{cardinal(m.group(1))} and {frac(*vulgar[m.group(2)])}",
        text,
    )
    text = re.sub(r"[½⅓⅔¼¾⅕⅛]", lambda m: frac(*vulgar[m.group(0)]), text)
    text = re.sub(r"\b24/7\b", "twenty-four seven", text)
    return re.sub(
        r"(?<![\w/])([1-9])/([2-9]|1[0-2])(?![\w/])",
        lambda m: frac(int(m.group(1)), int(m.group(2))),
        text,
    )


def percent(text: str) -> str:
    text = re.sub(
        rf"({NUM})\s?%\s?(?:to|-|–)\s?({NUM})\s?%",
        lambda m: f"{m.group(1)} to {m.group(2)} percent",
        text,
    )
    text = re.sub(rf"({NUM})\s?(?:%|per cent\b|percent\b)", lambda m: f"{m.group(1)} percent", text)
    return text


def numbers(text: str) -> str:
    # number signs: No. 2, #1
    text = re.sub(r"\bNo\.\s?(\d+)", lambda m: f"number {cardinal(m.group(1))}", text)
    text = re.sub(r"\bNos\.\s?(\d+)", lambda m: f"numbers {cardinal(m.group(1))}", text)
    text = re.sub(r"(?<![\w&])#(\d+)", lambda m: f"number {cardinal(m.group(1))}", text)
    text = re.sub(r"(\d)\+(?=\s|$|[,.;])", r"\1 plus", text)
    # '3x the price', '50x the average'
    text = re.sub(rf"(?<![\w.])({NUM})x\b", lambda m: f"{cardinal(m.group(1))} times", text)
    text = re.sub(
        r"\b(480|720|1080|1440|2160)p\b",
        lambda m: (
            {
                "480": "four eighty",
                "720": "seven twenty",
                "1080": "ten eighty",
                "1440": "fourteen forty",
                "2160": "twenty-one sixty",
            }[m.group(1)]
            + " p"
        ),
        text,
    )
    # 'HTTP 500s', 'the over 65s'
    text = re.sub(r"(?<![\w.,'])(\d+)s\b", lambda m: plural_number(cardinal(m.group(1))), text)
    # '1.5bn people', '2tn yen': the scale without a currency sign
    text = re.sub(
        rf"(?<![\w.])({NUM})\s?(bn|tn)\b",
        lambda m: f"{cardinal(m.group(1))} {SCALES[m.group(2)]}",
        text,
    )
    # emergency numbers are dialled digit by digit
    text = re.sub(
        r"\b((?:call|dial|ring)(?:s|ed|ing)?\s+)(911|999|112|000)\b",
        lambda m: m.group(1) + digits(m.group(2)),
        text,
        flags=re.IGNORECASE,
    )
    # negatives
    text = re.sub(rf"(?<![\w.])-({NUM})\b", lambda m: f"minus {cardinal(m.group(1))}", text)
    # decimals and grouped numbers
    text = re.sub(rf"(?<![\w.]){NUM}(?![\w]|\.\d)", lambda m: cardinal(m.group(0)), text)
    return text
