"""Numbers that are names, not quantities: aircraft, chips and phones ('A321neo', '787-9',
'i9-12900K', 'RTX 3080', 'Galaxy S24'), formulas ('CO2', 'PM2.5'), routes ('I-405'), emergency
numbers ('call 999'), retirement plans ('401(k)') and indexes ('FTSE 250').

A model number is read the way people say it: in pairs ('seven eighty-seven', 'thirty eighty',
'twelve nine hundred'), not as a quantity ('seven hundred eighty-seven'), and a hyphen inside a
name is not a range ('787-9' is 'seven eighty-seven nine').
"""

from __future__ import annotations

import re

from .acronyms import KNOWN
from .units import ATTACHED, UNITS
from .words import cardinal, digits, plural_number

_VOWEL = re.compile(r"[AEIOUY]")
_PART = re.compile(r"[A-Za-z]+|\d+(?:\.\d+)?")
_TOKEN = re.compile(
    r"(?<![\w.,/@#$€£¥₹-])(?=[\w.-]*\d)(?=[\w.-]*[A-Za-z])"
    r"[A-Za-z\d]+(?:\.\d+)?(?:-[A-Za-z\d]+(?:\.\d+)?)*(?![\w@/]|[.,]\d|-\d)"
)
# A number with what other passes read: '21st', '1990s', '3pm', '15bn', '10k', '3x', '1080p',
# '5km', '100m'.
_SUFFIXED = re.compile(
    r"^\d+(?:\.\d+)?((?i:st|nd|rd|th|am|pm)|s|bn|tn|mn|k|m|b|x|p)$|^(480|720|1080|1440|2160)p$"
)
_COUNT_WORD = re.compile(r"^\d+(?:\.\d+)?$")
BRANDS = (
    "Boeing|Airbus|Embraer|Bombardier|Cessna|Lockheed|Tupolev|Ilyushin|Antonov|Sukhoi|Comac|ATR|"
    "Xbox|PlayStation|Nintendo|Porsche|Peugeot|Ferrari|Lamborghini|Saab|Volvo|Ryzen|Core|Radeon|"
    "GeForce|Snapdragon|Exynos|Dimensity|Helio|FTSE|DAX|CAC|IBEX|Nikkei|Russell|Stoxx|ASX|Sensex|"
    "Nifty|KOSPI|Section|Article|Resolution|Form|Room|Flight|Highway|Route|Interstate|Office|"
    "Microsoft|Model|Series|Windows|Terminal"
)
"""Words after which a number of three or four digits is a name ('Boeing 737', 'Section 230')."""
_AFTER_NAME = re.compile(
    rf"(?<![\w.-])((?:{BRANDS})(?:'s)?|[B-DF-HJ-NP-TV-Z]{{2,4}})\s(\d{{3,4}})(?:-(\d{{1,3}}))?"
    r"(?![\w,]|\.\d|[-–]\d|\s?(?:%|percent|per cent))"
)
_EMERGENCY = "911|999|112|111|101|000|988"
_CALL_BEFORE = re.compile(
    rf"\b((?:call|dial|ring|phone|text|contact)(?:s|ed|led|ing|ling)?\s+(?:the\s+)?|\brang\s+|"
    r"\b(?:on|to)\s+(?=(?:911|999|112)\b))"
    rf"({_EMERGENCY})\b(?![.,]\d)",
    re.IGNORECASE,
)
_CALL_AFTER = re.compile(
    rf"(?<![\w.,$€£])({_EMERGENCY})(?=\s+(?:call|calls|caller|callers|dispatcher|dispatchers|"
    r"operator|operators|service|services|emergency|line|hotline|number|centre|center|system)\b)",
    re.IGNORECASE,
)
_PLAN = re.compile(r"\b(\d{3})\(([a-z])\)(?:\((\d{1,2})\))?")
_CODEC = re.compile(r"\b([A-Z])\.(\d{3})\b")


def model_number(number: str) -> str:
    """'787' -> 'seven eighty-seven', '3080' -> 'thirty eighty', '405' -> 'four oh five',
    '12900' -> 'twelve nine hundred', '500' -> 'five hundred', '35' -> 'thirty-five'."""
    if "." in number:
        return cardinal(number)
    if len(number) > 1 and number.startswith("0") or len(number) > 5:
        return digits(number)
    if len(number) <= 2 or number.endswith("00") and len(number) == 3:
        return cardinal(number)
    if len(number) == 3:
        head, tail = number[0], number[1:]
        rest = f"oh {cardinal(tail[1])}" if tail[0] == "0" else cardinal(tail)
        return f"{cardinal(head)} {rest}"
    if len(number) == 5:
        return f"{cardinal(number[:2])} {model_number(number[2:])}"
    head, tail = number[:2], number[2:]
    if tail == "00":
        return cardinal(number) if head.endswith("0") else f"{cardinal(head)} hundred"
    if tail.startswith("0"):
        return f"{cardinal(head)} oh {cardinal(tail[1])}"
    return f"{cardinal(head)} {cardinal(tail)}"


def _letters(part: str) -> str:
    """Two capitals with a vowel are spelled ('CO2', 'MI6', 'NO2'); a lone 'A' is the letter, not
    the article; other letters are left to espeak-ng ('neo', 'RTX' spelled by itself)."""
    if part == "A":
        return "A-"
    if len(part) == 2 and part.isupper() and _VOWEL.search(part) and part not in KNOWN:
        return ".".join(part) + ".-"
    return part


def _name(token: str) -> str:
    parts = token.split("-")
    if all(_SUFFIXED.match(p) or _COUNT_WORD.match(p) or p.isalpha() for p in parts) and not any(
        p.isalpha() and (p.isupper() or len(p) == 1) for p in parts
    ):
        return token  # '10-year-old', '9am-5pm', '5km': numbers with words, read elsewhere
    if len(parts) == 1 and (_SUFFIXED.match(token) or _unit(token)):
        return token
    spoken = []
    for part in parts:
        if _SUFFIXED.match(part) and len(parts) > 1 and part[-1:] in "sm":
            spoken.append(part)
            continue
        pieces = _PART.findall(part)
        words = [model_number(p) if p[0].isdigit() else _letters(p) for p in pieces]
        if len(pieces) > 1 and pieces[-1] == "s" and pieces[-2][0].isdigit():
            words[-2:] = [plural_number(words[-2])]  # 'A220s' 'A-two twenties'
        spoken.append(" ".join(words).replace("- ", "-"))
    return " ".join(spoken).rstrip("-")


def _unit(token: str) -> bool:
    m = re.match(r"\d+(?:\.\d+)?", token)
    return m is not None and (token[m.end() :] in UNITS or token[m.end() :] in ATTACHED)


def signs(text: str) -> str:
    """What stands before or between numbers and says how to read them: '~5' 'about five',
    '≥18', '§ 230' 'Section', 'FY2025' 'fiscal year', 'p. 12' 'page', '10 x 8' 'ten by eight'."""
    # approximations and bounds: '~5', '≥18', '<2%'
    text = re.sub(r"~\s?(?=[\d$€£])", "about ", text)
    text = re.sub(r"(?<!\w)≥\s?(?=[\d$€£])", "at least ", text)
    text = re.sub(r"(?<!\w)≤\s?(?=[\d$€£])", "at most ", text)
    text = re.sub(r"(?<![\w>])>\s?(?=[\d$€£])", "more than ", text)
    text = re.sub(r"(?<![\w<])<\s?(?=[\d$€£])", "less than ", text)
    text = re.sub(r"\bFY\s?(?=\d)", "fiscal year ", text)  # 'FY2025', 'FY 2024/25'
    text = re.sub(r"(?<![\w.])pp\.\s?(?=\d)", "pages ", text)  # 'pp. 40-45'
    text = re.sub(r"(?<![\w.])p\.\s?(?=\d)", "page ", text)
    text = re.sub(r"§§\s?", "Sections ", text)
    text = re.sub(r"§\s?", "Section ", text)
    text = re.sub(r"(?<![\w.])(\d+(?:\.\d+)?)\s?[x×]\s?(?=\d)", r"\1 by ", text)  # 122x65x41mm
    text = re.sub(r"(?<![\w.])(\d+(?:\.\d+)?)\s?[x×]\s?(?=\d)", r"\1 by ", text)
    return text


def models(text: str) -> str:
    """Every name with a number in it, read as a name."""
    text = _PLAN.sub(
        lambda m: (
            f"{model_number(m.group(1))} {m.group(2)}"
            + (f" {cardinal(m.group(3))}" if m.group(3) else "")
        ),
        text,
    )
    text = _CODEC.sub(lambda m: f"{m.group(1)} {model_number(m.group(2))}", text)
    text = _CALL_BEFORE.sub(lambda m: m.group(1) + digits(m.group(2)), text)
    text = _CALL_AFTER.sub(lambda m: digits(m.group(1)), text)
    text = re.sub(  # 'call 112 or 911'
        r"\b((?:one one two|nine one one|nine nine nine) or )(911|999|112)\b",
        lambda m: m.group(1) + digits(m.group(2)),
        text,
    )
    text = _AFTER_NAME.sub(
        lambda m: (
            f"{m.group(1)} {model_number(m.group(2))}"
            + (f" {model_number(m.group(3))}" if m.group(3) else "")
        ),
        text,
    )
    # two names with a slash between: '4K/8K', '5G/6G', '4K/HDR'
    text = re.sub(r"(?<=\d[A-Z])/(?=\d*[A-Z])|(?<=[A-Z])/(?=\d+[A-Z]\b)", " or ", text)
    return _TOKEN.sub(lambda m: _name(m.group(0)), text)
