"""Dates, times of day and years: 'Oct. 23' -> 'October twenty-third', '10:15 p.m.',
'the 1990s', '2022-24'."""

from __future__ import annotations

import re

from .units import COUNTED_NOUN
from .words import cardinal, decade, ordinal, year

MONTHS = {
    "jan": "January",
    "feb": "February",
    "mar": "March",
    "apr": "April",
    "may": "May",
    "jun": "June",
    "jul": "July",
    "aug": "August",
    "sep": "September",
    "sept": "September",
    "oct": "October",
    "nov": "November",
    "dec": "December",
}
MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH_RE = "|".join(MONTH_NAMES)
_MONTH_ABBR_RE = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
_QUANTITY_CUE = re.compile(
    r"\b(about|some|around|nearly|almost|over|than|up to|at least|roughly|approximately|only|just|"
    r"another|additional|extra|estimated|total of|number of)\s+$",
    re.IGNORECASE,
)
_YEAR_CUE = re.compile(
    r"\b(in|since|by|from|until|till|of|during|before|after|early|late|mid|year|summer|spring|"
    r"autumn|fall|winter|January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s+$",
    re.IGNORECASE,
)


def dates(text: str) -> str:
    """Dates with a month's name ('Oct. 23', '23 October 2024', 'June 12-15') and in figures
    ('13/07/2020', '19.10.2019', '2024-10-23'), and version numbers ('4.2.1')."""
    if _NAMED.search(text):
        text = _named_dates(text)
    if "/" in text or "." in text or "-" in text:
        text = _numeric_dates(text)
    return text


_NAMED = re.compile(
    rf"\b(?:{_MONTH_RE}|{_MONTH_ABBR_RE})\.?\s*\d|\d(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH_RE}|{_MONTH_ABBR_RE})"
)


def _month_day(month: str, day: str, yr: str | None) -> str:
    spoken = f"{month} {ordinal(int(day))}"
    return f"{spoken}, {year(int(yr))}" if yr else spoken


def _named_dates(text: str) -> str:
    month_day = _month_day
    # a range of days: 'June 12-15', 'Oct. 3–5'
    text = re.sub(
        rf"\b({_MONTH_RE}|{_MONTH_ABBR_RE})\.?\s+(\d{{1,2}})\s?[-–]\s?(\d{{1,2}})\b(?!:|\.\d)",
        lambda m: (
            f"{MONTHS[m.group(1)[:3].lower()] if len(m.group(1)) <= 4 else m.group(1)} "
            f"{ordinal(int(m.group(2)))} to {ordinal(int(m.group(3)))}"
        ),
        text,
    )
    # Oct. 23 / Oct.24 / Sept. 1, 2023 / October 23, 2024
    text = re.sub(
        rf"\b({_MONTH_ABBR_RE})\.?\s*(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?",
        lambda m: month_day(MONTHS[m.group(1).lower()], m.group(2), m.group(3)),
        text,
    )
    text = re.sub(
        rf"\b({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?",
        lambda m: month_day(m.group(1), m.group(2), m.group(3)),
        text,
    )
    # 23 October 2024 / 1st of May (day-month order, non-US sites)
    text = re.sub(
        rf"(?<!\bthe )(?<!\bThe )\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE}|{_MONTH_ABBR_RE}\.?)(?:,?\s+(\d{{4}})\b)?",
        lambda m: (
            f"the {ordinal(int(m.group(1)))} of {MONTHS[m.group(2)[:3].lower()] if len(m.group(2).rstrip('.')) <= 4 else m.group(2)}"
            + (f", {year(int(m.group(3)))}" if m.group(3) else "")
        ),
        text,
    )
    # Month-abbreviation alone before a year: 'Sept. 2023'
    text = re.sub(
        rf"\b({_MONTH_ABBR_RE})\.\s+(?=\d{{4}}\b)",
        lambda m: MONTHS[m.group(1).lower()] + " ",
        text,
    )

    return text


def _numeric_dates(text: str) -> str:
    # 13/07/2020 and 7/13/2020: the order is clear when one number is over 12; when both
    # could be the month (04/07/2020), the numbers are read as written, not guessed.
    def numeric(m: re.Match[str], day_first: bool = False) -> str:
        a, b, y = int(m.group(1)), int(m.group(2)), m.group(3)
        short = "oh " + cardinal(int(y)) if int(y) < 10 else cardinal(int(y))
        yr = year(int(y)) if len(y) == 4 else short
        if (12 < a <= 31 or day_first) and 1 <= b <= 12:
            return f"the {ordinal(a)} of {MONTH_NAMES[b - 1]}, {yr}"
        if 12 < b <= 31 and 1 <= a <= 12:
            return f"{MONTH_NAMES[a - 1]} {ordinal(b)}, {yr}"
        return f"{cardinal(a)} slash {cardinal(b)} slash {yr}"

    text = re.sub(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])", numeric, text)
    # 19.10.2019: written with dots, the day comes first
    text = re.sub(
        r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d|\.\d)", lambda m: numeric(m, True), text
    )
    # a version or section number: 1.2.3
    text = re.sub(
        r"(?<![\d.])\d+(?:\.\d+){2,}(?!\d|\.\d)",
        lambda m: " point ".join(cardinal(int(p)) for p in m.group(0).split(".")),
        text,
    )
    # ISO 8601 dates
    text = re.sub(
        r"\b(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b",
        lambda m: (
            f"{MONTH_NAMES[int(m.group(2)) - 1]} {ordinal(int(m.group(3)))}, {year(int(m.group(1)))}"
        ),
        text,
    )
    return text


def times(text: str) -> str:
    def clock(h: int, m: int, suffix: str | None) -> str:
        if suffix:
            hour = cardinal(h)
            minutes = "" if m == 0 else (f" oh {cardinal(m)}" if m < 10 else f" {cardinal(m)}")
            return f"{hour}{minutes} {'a.m.' if suffix.lower().startswith('a') else 'p.m.'}"
        if m == 0:
            return f"{cardinal(h)} hundred" if h >= 13 or h == 0 else f"{cardinal(h)} o'clock"
        lead = f"oh {cardinal(h)}" if h < 10 and h > 0 else ("zero" if h == 0 else cardinal(h))
        return f"{lead} {'oh ' + cardinal(m) if m < 10 else cardinal(m)}"

    text = re.sub(
        r"\b(\d{1,2}):(\d{2})\s*([ap])\.?\s?m\b\.?",
        lambda m: clock(int(m.group(1)), int(m.group(2)), m.group(3)),
        text,
        flags=re.IGNORECASE,
    )
    text = re.sub(
        r"\b(\d{1,2})\s*([ap])\.?m\.?(?=[\s,;!?)–-]|$)",
        lambda m: f"{cardinal(m.group(1))} {'a.m.' if m.group(2).lower() == 'a' else 'p.m.'}",
        text,
        flags=re.IGNORECASE,
    )
    text = re.sub(
        r"\b([01]?\d|2[0-3]):([0-5]\d):([0-5]\d)\b",
        lambda m: (
            f"{clock(int(m.group(1)), int(m.group(2)), None)} and "
            f"{cardinal(m.group(3))} {'second' if m.group(3) == '01' else 'seconds'}"
        ),
        text,
    )
    text = re.sub(
        r"\b([01]?\d|2[0-3]):([0-5]\d)\b(?!:\d)",
        lambda m: clock(int(m.group(1)), int(m.group(2)), None),
        text,
    )
    return re.sub(r"([ap]\.m\.)\s?[-–]\s?(?=\w)", r"\1 to ", text)  # '11am-4pm'


def years(text: str) -> str:
    # decades: 1990s, the '90s
    text = re.sub(
        r"\b(1[0-9]|20)(\d)0s\b", lambda m: decade(int(m.group(1) + m.group(2) + "0")), text
    )
    text = re.sub(
        r"(?<![\w.,])'?([1-9])0s\b",
        lambda m: decade(1900 + int(m.group(1)) * 10).split(" ", 1)[1],
        text,
    )
    # year ranges: 2022–2024, 2022-24, the 2020/21 season
    text = re.sub(
        r"\b(1[5-9]\d\d|20\d\d)\s?[-–/]\s?(1[5-9]\d\d|20\d\d|\d\d)\b",
        lambda m: (
            f"{year(int(m.group(1)))} to {year(int(m.group(2)) if len(m.group(2)) == 4 else int(m.group(1)[:2] + m.group(2)))}"
        ),
        text,
    )

    # a plain four-digit year, unless it counts something ('about 2000 troops'): a count has a
    # word of quantity before it or a noun that is counted after it; 'the 2024 elections' is a year
    def plain(m: re.Match[str]) -> str:
        before = text[max(0, m.start() - 24) : m.start()]
        noun = re.match(r"\s+([a-z]+s)\b", text[m.end() :])
        if _QUANTITY_CUE.search(before) or (
            noun and COUNTED_NOUN.match(noun.group(1)) and not _YEAR_CUE.search(before)
        ):
            return m.group(0)
        return year(int(m.group(1)))

    return re.sub(r"(?<![\w.,$€£#-])(1[1-9]\d\d|20\d\d)(?![\w%°]|[.,]\d|\s?[-–]\s?\d)", plain, text)
