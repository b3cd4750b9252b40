"""Amounts of money: '$1.5 billion', '£4.20', '€2.5bn', '100 UAH', '$12–16k'."""

from __future__ import annotations

import re

from .units import PER
from .words import NUM, attributive, cardinal

CURRENCIES = {  # symbol or code -> (singular, plural, cent singular, cent plural)
    "$": ("dollar", "dollars", "cent", "cents"),
    "US$": ("dollar", "dollars", "cent", "cents"),
    "NZ$": ("New Zealand dollar", "New Zealand dollars", "cent", "cents"),
    "A$": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "C$": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "HK$": ("Hong Kong dollar", "Hong Kong dollars", "cent", "cents"),
    "S$": ("Singapore dollar", "Singapore dollars", "cent", "cents"),
    "R$": ("real", "reais", "centavo", "centavos"),
    "€": ("euro", "euros", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "₴": ("hryvnia", "hryvnias", "kopiyka", "kopiykas"),
    "¥": ("yen", "yen", "sen", "sen"),
    "₽": ("ruble", "rubles", "kopek", "kopeks"),
    "₹": ("rupee", "rupees", "paisa", "paise"),
    "Rs": ("rupee", "rupees", "paisa", "paise"),
    "Rs.": ("rupee", "rupees", "paisa", "paise"),
    "₩": ("won", "won", "jeon", "jeon"),
    "₺": ("lira", "lira", "kurus", "kurus"),
    "₦": ("naira", "naira", "kobo", "kobo"),
    "₱": ("peso", "pesos", "centavo", "centavos"),
    "₪": ("shekel", "shekels", "agora", "agorot"),
    "USD": ("dollar", "dollars", "cent", "cents"),
    "EUR": ("euro", "euros", "cent", "cents"),
    "GBP": ("pound", "pounds", "penny", "pence"),
    "UAH": ("hryvnia", "hryvnias", "kopiyka", "kopiykas"),
    "CHF": ("Swiss franc", "Swiss francs", "centime", "centimes"),
    "JPY": ("yen", "yen", "sen", "sen"),
    "CNY": ("yuan", "yuan", "fen", "fen"),
    "RMB": ("yuan", "yuan", "fen", "fen"),
    "INR": ("rupee", "rupees", "paisa", "paise"),
    "PKR": ("Pakistani rupee", "Pakistani rupees", "paisa", "paise"),
    "AUD": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "CAD": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "NZD": ("New Zealand dollar", "New Zealand dollars", "cent", "cents"),
    "HKD": ("Hong Kong dollar", "Hong Kong dollars", "cent", "cents"),
    "SGD": ("Singapore dollar", "Singapore dollars", "cent", "cents"),
    "SEK": ("Swedish krona", "Swedish kronor", "öre", "öre"),
    "NOK": ("Norwegian krone", "Norwegian kroner", "øre", "øre"),
    "DKK": ("Danish krone", "Danish kroner", "øre", "øre"),
    "PLN": ("zloty", "zlotys", "grosz", "groszy"),
    "CZK": ("koruna", "korunas", "haler", "halers"),
    "HUF": ("forint", "forints", "filler", "fillers"),
    "RUB": ("ruble", "rubles", "kopek", "kopeks"),
    "ZAR": ("rand", "rand", "cent", "cents"),
    "BRL": ("real", "reais", "centavo", "centavos"),
    "MXN": ("Mexican peso", "Mexican pesos", "centavo", "centavos"),
    "KRW": ("won", "won", "jeon", "jeon"),
    "NGN": ("naira", "naira", "kobo", "kobo"),
    "KES": ("Kenyan shilling", "Kenyan shillings", "cent", "cents"),
    "AED": ("dirham", "dirhams", "fils", "fils"),
    "SAR": ("riyal", "riyals", "halala", "halalas"),
    "ILS": ("shekel", "shekels", "agora", "agorot"),
    "TRY": ("lira", "lira", "kurus", "kurus"),
}
CODES = "|".join(c for c in CURRENCIES if c.isalpha() and c.isupper())
SCALES = {
    "k": "thousand",
    "m": "million",
    "mn": "million",
    "bn": "billion",
    "b": "billion",
    "tn": "trillion",
    "trn": "trillion",
    "t": "trillion",
    "bln": "billion",
    "mln": "million",
    "thousand": "thousand",
    "million": "million",
    "billion": "billion",
    "trillion": "trillion",
    "lakh": "lakh",
    "lakhs": "lakh",
    "crore": "crore",
    "crores": "crore",
    "lakh crore": "lakh crore",
}
_PER_RE = "|".join(re.escape(p) for p in sorted(PER, key=len, reverse=True))
_SCALE_RE = r"(?:\s*(bn|bln|mn|mln|trn|tn|k|m|b|t|K|M|B|T|Bn|BN|Mn|MN|Tn)\b|\s+(thousand|million|billion|trillion|lakh crore|lakhs?|crores?)\b)?"


def _say(cur: str, amount: str, scale_word: str | None, after: str = "", before: str = "") -> str:
    one, many, cent, cents = CURRENCIES[cur]
    if attributive(after, before):
        many = one
    scale = SCALES.get((scale_word or "").lower())
    if scale_word in ("M", "B", "K", "T") and not re.match(r"\s", after):  # '$124.3B', not 'A'
        scale = SCALES[scale_word.lower()]
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


def _per(m: re.Match[str]) -> str:
    return f" {PER[m.group(1)]}"


def money(text: str) -> str:
    """Amounts with a currency sign or code before or after them, ranges of amounts, and what
    they are per ('$9.99/mo' 'nine dollars and ninety-nine cents a month')."""
    symbols = "|".join(re.escape(s) for s in sorted(CURRENCIES, key=len, reverse=True))

    # a range: '$12–16k', '£5-10 million'
    def span(m: re.Match[str]) -> str:
        scale = SCALES.get((m.group(4) or m.group(5) or "").lower())
        many = CURRENCIES[m.group(1)][1]
        return (
            f"{cardinal(m.group(2))} to {cardinal(m.group(3))}{' ' + scale if scale else ''} {many}"
        )

    text = re.sub(
        rf"(?<![\w$])({symbols})\s?({NUM})\s?[-–]\s?(?:{symbols})?({NUM}){_SCALE_RE}", span, text
    )
    text = re.sub(
        rf"(?<![\w$])({symbols})\s?({NUM}){_SCALE_RE}(?:\s?/\s?({_PER_RE})\b)?",
        lambda m: (
            _say(
                m.group(1),
                m.group(2),
                m.group(3) or m.group(4),
                "" if m.group(5) else m.string[m.end() :],
                m.string[: m.start()],
            )
            + (f" {PER[m.group(5)]}" if m.group(5) else "")
        ),
        text,
    )
    # amounts written after: '100 UAH', '500 CHF', '70 000 €'
    text = re.sub(
        rf"(?<![\w.,])({NUM}|\d{{1,3}}(?:[ .]\d{{3}})+){_SCALE_RE}\s?({CODES}|[€£₴₽₹₩₺₦₱₪])(?!\w)",
        lambda m: _say(
            m.group(4),
            re.sub(r"(?<=\d)[ .](?=\d{3})", "", m.group(1)),
            m.group(2) or m.group(3),
            m.string[m.end() :],
            m.string[: m.start()],
        ),
        text,
    )
    # the code after an amount already said: '$300 USD', '€5 (EUR)'
    text = re.sub(
        r"\b(dollars?|euros?|pounds?|pence|cents?)\s+\(?(?:USD|EUR|GBP)\)?(?!\w)", r"\1", text
    )
    return re.sub(r"(?<![\w.])USD\b", "U.S. dollars", text)
