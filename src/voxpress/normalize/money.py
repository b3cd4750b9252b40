"""Amounts of money: '$1.5 billion', '£4.20', '€2.5bn', '100 UAH', '$12–16k'."""

from __future__ import annotations

import re

from .words import NUM, attributive, cardinal

CURRENCIES = {  # symbol or code -> (singular, plural, cent singular, cent plural)
    "$": ("dollar", "dollars", "cent", "cents"),
    "US$": ("dollar", "dollars", "cent", "cents"),
    "NZ$": ("New Zealand dollar", "New Zealand dollars", "cent", "cents"),
    "A$": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "C$": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "HK$": ("Hong Kong dollar", "Hong Kong dollars", "cent", "cents"),
    "€": ("euro", "euros", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "₴": ("hryvnia", "hryvnias", "kopiyka", "kopiykas"),
    "¥": ("yen", "yen", "sen", "sen"),
    "₽": ("ruble", "rubles", "kopek", "kopeks"),
    "₹": ("rupee", "rupees", "paisa", "paise"),
    "USD": ("dollar", "dollars", "cent", "cents"),
    "EUR": ("euro", "euros", "cent", "cents"),
    "GBP": ("pound", "pounds", "penny", "pence"),
    "UAH": ("hryvnia", "hryvnias", "kopiyka", "kopiykas"),
}
SCALES = {
    "k": "thousand",
    "m": "million",
    "mn": "million",
    "bn": "billion",
    "b": "billion",
    "tn": "trillion",
    "t": "trillion",
    "thousand": "thousand",
    "million": "million",
    "billion": "billion",
    "trillion": "trillion",
}


def money(text: str) -> str:
    symbols = "|".join(re.escape(s) for s in sorted(CURRENCIES, key=len, reverse=True))
    scale_re = r"(?:\s*(bn|mn|tn|k|m|b|t)\b|\s+(thousand|million|billion|trillion)\b)?"

    def say(cur: str, amount: str, short: str | None, long: str | None, after: str = "") -> str:
        one, many, cent, cents = CURRENCIES[cur]
        if attributive(after):
            many = one
        scale = SCALES.get((short or long or "").lower())
        if scale:
            return f"{cardinal(amount)} {scale} {many}"
        whole, _, frac = amount.replace(",", "").partition(".")
        w = int(whole or 0)
        unit = one if w == 1 else many
        if frac and int(frac[:2].ljust(2, "0")):
            c = int(frac[:2].ljust(2, "0"))
            cent_word = cent if c == 1 else cents
            if w == 0:
                return f"{cardinal(c)} {cent_word}"
            return f"{cardinal(w)} {unit} and {cardinal(c)} {cent_word}"
        return f"{cardinal(w)} {unit}"

    # a range: '$12–16k', '£5-10 million'
    def span(m: re.Match[str]) -> str:
        scale = SCALES.get((m.group(4) or m.group(5) or "").lower())
        many = CURRENCIES[m.group(1)][1]
        return (
            f"{cardinal(m.group(2))} to {cardinal(m.group(3))}{' ' + scale if scale else ''} {many}"
        )

    text = re.sub(
        rf"(?<![\w$])({symbols})\s?({NUM})\s?[-–]\s?(?:{symbols})?({NUM}){scale_re}", span, text
    )
    text = re.sub(
        rf"(?<![\w$])({symbols})\s?({NUM}){scale_re}",
        lambda m: say(m.group(1), m.group(2), m.group(3), m.group(4), m.string[m.end() :]),
        text,
    )
    # amounts written after: '100 UAH', '5 EUR'
    text = re.sub(
        rf"\b({NUM}){scale_re}\s+(USD|EUR|GBP|UAH)\b",
        lambda m: say(m.group(4), m.group(1), m.group(2), m.group(3)),
        text,
    )
    return text
