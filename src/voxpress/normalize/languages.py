"""Passes for articles not in English: plain whole numbers in the article's language (Brazilian
Portuguese on Brazilian pages: 'dezenove', not Portugal's 'dezanove'), German dates and ordinals
('am 19.10.2019', 'der 3. Platz', '20:13 Uhr'), French and Portuguese times ('20h13'), Polish dates
in the genitive. No English rule is ever applied to them."""

from __future__ import annotations

import re

from num2words import num2words

from .words import num

_GERMAN_MONTHS = (
    "Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
)


_GERMAN_MONTH_NAMES = _GERMAN_MONTHS.replace("Jänner|", "").split("|")
_DATIVE = re.compile(
    r"\b(am|vom|zum|zur|im|beim|dem|den|des|bis|seit dem|ab dem|ihrem|seinem|einem)\s+$",
    re.IGNORECASE,
)


def _german_ordinal(number: int, before: str) -> str:
    """The ordinal, declined for the word before it: 'am dritten', 'der dritte', 'seit drittem'."""
    word = num2words(number, lang="de", to="ordinal")
    if _DATIVE.search(before):
        return word + "n"  # am dritten Oktober, im zwanzigsten Jahrhundert
    if re.search(r"\b(seit|ab)\s+$", before, re.IGNORECASE):
        return word + "m"  # seit drittem Oktober
    return word


def _german_dates(text: str) -> str:
    """'am 3. Oktober' -> 'am dritten Oktober', 'am 19.10.2019' -> 'am neunzehnten Oktober
    zweitausendneunzehn', 'der 3. Platz' -> 'der dritte Platz', 'um 20:13 Uhr' -> 'um zwanzig Uhr
    dreizehn' (espeak-ng said 'drei Platz', 'neunzehn Punkt zehn Punkt …', 'zwanzig Uhr dreizehn
    Uhr')."""

    def day(m: re.Match[str]) -> str:
        before, number, month = m.group(1) or "", int(m.group(2)), m.group(3)
        if not 1 <= number <= 31:
            return m.group(0)
        return f"{before}{_german_ordinal(number, before)} {month}"

    def numeric(m: re.Match[str]) -> str:
        before, d, mo, y = m.group(1) or "", int(m.group(2)), int(m.group(3)), m.group(4)
        if not (1 <= d <= 31 and 1 <= mo <= 12):
            return m.group(0)
        spoken = f"{before}{_german_ordinal(d, before)} {_GERMAN_MONTH_NAMES[mo - 1]}"
        if y:
            full = int(y) if len(y) == 4 else 2000 + int(y)
            spoken += " " + num2words(full, lang="de", to="year")
        return spoken

    def clock(m: re.Match[str]) -> str:
        h, mi = int(m.group(1)), int(m.group(2))
        if h > 24 or mi > 59:
            return m.group(0)
        minutes = "" if mi == 0 else " " + num2words(mi, lang="de")
        return f"{num2words(h, lang='de')} Uhr{minutes}"

    text = re.sub(rf"(\b\w+\s+)?\b(\d{{1,2}})\.\s+({_GERMAN_MONTHS})\b", day, text)
    text = re.sub(
        r"(\b\w+(?: dem)?\s+)?(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})?(?![\d.]|,\d)",
        numeric,
        text,
    )
    text = re.sub(r"\b([01]?\d|2[0-4])[:.]([0-5]\d)\s?Uhr\b", clock, text)
    # an ordinal before a noun: 'der 3. Platz', 'im 20. Jahrhundert', 'die 2. Bundesliga'
    return re.sub(
        r"(\b\w+\s+)?(?<![\d.,])(\d{1,3})\.\s+(?=[A-ZÄÖÜ][a-zäöüß])",
        lambda m: f"{m.group(1) or ''}{_german_ordinal(int(m.group(2)), m.group(1) or '')} ",
        text,
    )


def _clock_times(text: str, language: str) -> str:
    """'20h13' (French, Portuguese) -> 'vingt heures treize', 'vinte horas e treze minutos';
    espeak-ng read the h as a letter."""
    lang = "pt_BR" if language == "pt-BR" else language

    def say(m: re.Match[str]) -> str:
        h, mi = int(m.group(1)), int(m.group(2) or 0)
        if h > 24 or mi > 59:
            return m.group(0)
        if language.startswith("fr"):
            hours = "une heure" if h == 1 else f"{num2words(h, lang='fr')} heures"
            return hours + (f" {num2words(mi, lang='fr')}" if mi else "")
        hours = "uma hora" if h == 1 else f"{num2words(h, lang=lang)} horas"
        if not mi:
            return hours
        minutes = "um minuto" if mi == 1 else f"{num2words(mi, lang=lang)} minutos"
        return f"{hours} e {minutes}"

    pattern = r"(?<![\w:])([01]?\d|2[0-4])h([0-5]\d)?\b"
    if language.startswith("pt"):
        pattern += r"|(?<![\w:.])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])"
        return re.sub(
            pattern,
            lambda m: say(m) if m.group(1) else say(re.match(r"(\d+):(\d+)", m.group(0))),  # type: ignore[arg-type]
            text,
        )
    return re.sub(pattern, say, text)


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
    """Plain whole numbers in ``language`` (a primary subtag, or 'pt-BR'), and its dates and times
    where a pass reads them; everything else with digits is left to espeak-ng, which reads it in
    the voice's language."""
    primary = language.split("-")[0]
    lang = "pt_BR" if language == "pt-BR" else primary

    def spell(m: re.Match[str]) -> str:
        try:
            n = num(m.group(0).replace(",", ""))
            if primary == "de" and isinstance(n, int) and 1100 <= n <= 1999:
                return num2words(n, lang="de", to="year")  # 'neunzehnhundertneunundneunzig'
            return num2words(n, lang=lang)
        except (NotImplementedError, OverflowError, ValueError):
            return m.group(0)

    if primary == "de":
        text = _german_dates(text)
    elif primary == "pl":
        text = _polish_dates(text)
    elif primary in ("fr", "pt") and re.search(r"\dh|\d:\d", text):
        text = _clock_times(text, language)
    # Only a plain whole number: a date (19.10.2019), a time (15:30), a decimal (12,5), a
    # grouped number (1.200, 1 200), an ordinal ('3. Oktober') or an amount ($300) is left to
    # espeak-ng, which reads those in the voice's language.
    return re.sub(r"(?<![\w.,:/$€£¥₽₴])(?<!\d\s)\d+(?![\w]|[.,:/]\d|\.\s|\s\d{3}\b)", spell, text)
