"""Numbers that are not dates, money, measures or names: ranges and scores, ordinals, fractions,
percentages, number signs and the plain cardinals left."""

from __future__ import annotations

import re

from .money import SCALES
from .words import NUM, cardinal, ordinal, plural_number


def ranges(text: str) -> str:
    def score(m: re.Match[str]) -> str:
        return f"{m.group(1)}{cardinal(m.group(2))}-{cardinal(m.group(3))}"

    # '6-4, 6-3' (sets), 'a 3-2 win', 'a 2-1 lead'
    text = re.sub(
        r"(?<![\w.-])\d{1,2}-\d{1,2}(?:,\s\d{1,2}-\d{1,2})+(?![\w-])",
        lambda m: re.sub(
            r"(\d+)-(\d+)", lambda k: f"{cardinal(k.group(1))}-{cardinal(k.group(2))}", m.group(0)
        ),
        text,
    )
    text = re.sub(
        r"(?<![\w.-])(\d{1,2})-(\d{1,2})(?=\s+(?:home\s+|away\s+)?"
        r"(?:win|victory|loss|defeat|lead|draw|triumph|thrashing|scoreline|advantage|deficit|"
        r"series\s+lead|on\s+aggregate|aggregate|after\s+extra\s+time|on\s+penalties)\b)",
        lambda m: f"{cardinal(m.group(1))}-{cardinal(m.group(2))}",
        text,
    )
    text = re.sub(
        r"\b((?:won|lost|beat|beating|drew|draw|defeated|def\.|victory|defeat|win|loss|score[ds]?|"
        r"led|leads?|trail(?:ed|s)?|went|goes|finished|ended|ends|tied)\s+(?:\w+\s+)?)"
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
        lambda m: (
            f"{cardinal(m.group(1))}-{cardinal(m.group(2))}"  # '50-50', '2-2': not a range
            if m.group(1) == m.group(2)
            else f"{m.group(1)} to {m.group(2)}"
        ),
        text,
    )


def ordinals(text: str) -> str:
    return re.sub(
        r"\b(\d+)(st|nd|rd|th)\b", lambda m: ordinal(int(m.group(1))), text, flags=re.IGNORECASE
    )


def fractions(text: str) -> str:
    # a rating: '9.5/10', '4.5/5'
    text = re.sub(
        r"(?<![\w./])(\d+(?:\.\d+)?)\s?/\s?(10|5|100)\b(?![./]\d)",
        lambda m: (
            f"{cardinal(m.group(1))} out of {cardinal(m.group(2))}"
            if "." in m.group(1)
            or re.search(r"(?i)\b(?:rat\w*|scor\w*|out of|stars?)\W*$", m.string[: m.start()])
            else m.group(0)
        ),
        text,
    )
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
    text = re.sub(  # '3 1/2 hours' 'three and a half hours'
        r"(?<![\w/.])(\d+)\s([1-9])/([2-9]|1[0-2])(?![\w/])",
        lambda m: (
            f"{cardinal(m.group(1))} and "
            + (
                "a half"
                if (m.group(2), m.group(3)) == ("1", "2")
                else "a quarter"
                if (m.group(2), m.group(3)) == ("1", "4")
                else frac(int(m.group(2)), int(m.group(3)))
            )
        ),
        text,
    )
    return re.sub(
        r"(?<![\w/.])([1-9])/([2-9]|1[0-2])(?![\w/])",
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
    text = re.sub(r"(?<![&])#(\d+)", lambda m: f" number {cardinal(m.group(1))}", text)
    text = re.sub(r"(?<![\w+])\+(?=\d)", "plus ", text)  # '+50 points'
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
    # '50k followers' (but a '5k run' is a distance)
    text = re.sub(
        rf"(?<![\w.])({NUM})k\b(?!\s+(?:run|race|runs|races|walk)\b)",
        lambda m: f"{cardinal(m.group(1))} thousand",
        text,
    )
    text = re.sub(rf"(?<![\w.])({NUM})k\b", lambda m: f"{cardinal(m.group(1))} K", text)
    # '1.5bn people', '2tn yen': the scale without a currency sign
    text = re.sub(
        rf"(?<![\w.])({NUM})\s?(bn|tn)\b",
        lambda m: f"{cardinal(m.group(1))} {SCALES[m.group(2)]}",
        text,
    )
    # negatives
    text = re.sub(rf"(?<![\w.])-({NUM})\b", lambda m: f"minus {cardinal(m.group(1))}", text)
    # decimals and grouped numbers
    text = re.sub(rf"(?<![\w.]){NUM}(?![\w]|\.\d)", lambda m: cardinal(m.group(0)), text)
    return text
