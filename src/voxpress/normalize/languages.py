"""Passes for articles not in English: plain whole numbers in the article's language, German
ordinal dates, Polish dates in the genitive. No English rule is ever applied to them."""

from __future__ import annotations

import re

from num2words import num2words

from .words import num

_GERMAN_MONTHS = (
    "Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
)


def _german_dates(text: str) -> str:
    """'am 3. Oktober' -> 'am dritten Oktober', 'der 3. Oktober' -> 'der dritte Oktober': the
    ordinal of a date, declined after the prepositions that take the dative."""

    def day(m: re.Match[str]) -> str:
        before, number, month = m.group(1) or "", int(m.group(2)), m.group(3)
        if not 1 <= number <= 31:
            return m.group(0)
        word = num2words(number, lang="de", to="ordinal")
        ending = ""
        if re.search(r"\b(am|vom|zum|im|beim|dem|den|bis)\s+$", before, re.IGNORECASE):
            ending = "n"  # am dritten Oktober
        elif re.search(r"\b(seit|ab)\s+$", before, re.IGNORECASE):
            ending = "m"  # seit drittem Oktober
        return f"{before}{word}{ending} {month}"

    return re.sub(rf"(\b\w+\s+)?\b(\d{{1,2}})\.\s+({_GERMAN_MONTHS})\b", day, text)


_POLISH_MONTHS = (
    "stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|"
    "października|listopada|grudnia"
)


def _polish_genitive(number: int) -> str:
    """'dwudziesty pierwszy' -> 'dwudziestego pierwszego': an ordinal in the genitive, as Polish
    dates are read ('tysiąc' and 'dwa tysiące' stay as they are)."""
    words = num2words(number, lang="pl", to="ordinal").split()
    return " ".join(
        w[:-1] + "ego" if w.endswith("y") else w + "ego" if w.endswith("i") else w for w in words
    )


def _polish_dates(text: str) -> str:
    """'20 października 2020 r.' -> 'dwudziestego października dwa tysiące dwudziestego roku'."""

    def date(m: re.Match[str]) -> str:
        day, month, yr, suffix = int(m.group(1)), m.group(2), m.group(3), m.group(4)
        if not 1 <= day <= 31:
            return m.group(0)
        spoken = f"{_polish_genitive(day)} {month}"
        if yr:
            spoken += f" {_polish_genitive(int(yr))}" + (" roku" if suffix else "")
        return spoken

    return re.sub(
        rf"(?<![\d.,])(\d{{1,2}})\s+({_POLISH_MONTHS})\b(?:\s+(\d{{4}})(\s*(?:r\.|roku\b))?)?",
        date,
        text,
    )


def foreign_numbers(text: str, language: str) -> str:
    """Plain whole numbers in ``language`` (a primary subtag), and its dates where a pass reads
    them; everything else with digits is left to espeak-ng, which reads it in the voice's
    language."""

    def spell(m: re.Match[str]) -> str:
        try:
            n = num(m.group(0).replace(",", ""))
            if language == "de" and isinstance(n, int) and 1100 <= n <= 1999:
                return num2words(n, lang="de", to="year")  # 'neunzehnhundertneunundneunzig'
            return num2words(n, lang=language)
        except (NotImplementedError, OverflowError, ValueError):
            return m.group(0)

    if language == "de":
        text = _german_dates(text)
    elif language == "pl":
        text = _polish_dates(text)
    # Only a plain whole number: a date (19.10.2019), a time (15:30), a decimal (12,5), a
    # grouped number (1.200, 1 200), an ordinal ('3. Oktober') or an amount ($300) is left to
    # espeak-ng, which reads those in the voice's language.
    return re.sub(r"(?<![\w.,:/$€£¥₽₴])(?<!\d\s)\d+(?![\w]|[.,:/]\d|\.\s|\s\d{3}\b)", spell, text)
