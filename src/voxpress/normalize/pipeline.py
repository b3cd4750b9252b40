"""The :class:`Normalizer`: the passes of this package, in order, behind cheap gates."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ..lexicon import Lexicon
from ..models import primary_language
from . import abbreviations, acronyms, dates, links, models, money, numbers, punctuation, units
from .languages import foreign_numbers
from .scripts import ForeignScripts

Rule = Callable[[str], str]

_HAS_NUMBER = re.compile(r"[\d½⅓⅔¼¾⅕⅛]")
# Cheap tests that let a pass skip a sentence it cannot change.
_GATE_DATE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|\d{4}-\d\d-\d\d|\d[/.]\d+[/.]\d"
)
_GATE_MODEL = re.compile(r"[A-Za-z]-?\d|\d[A-Za-z]|\d{3}")
_GATE_TIME = re.compile(r"\d:\d|\d\s?[ap]\.?\s?m\b", re.IGNORECASE)
_GATE_MONEY = re.compile(rf"[$€£₴¥₽₹₩₺₦₱₪]|\b(?:{money.CODES}|Rs)\b")
_GATE_MEASURE = units.GATE
_GATE_YEAR = re.compile(r"\d{4}|\d0s\b")
_GATE_RANGE = re.compile(r"\d\s?[-–:]\s?\d")
_GATE_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)\b", re.IGNORECASE)
_GATE_FRACTION = re.compile(r"\d/\d|[½⅓⅔¼¾⅕⅛]")
_GATE_PERCENT = re.compile(r"%|\bper\s?cent\b")
_GATE_SIGN = re.compile(r"[~≥≤<>§]|\bFY|\bpp?\.\s?\d|\d\s?[x×]\s?\d")
_NUMERIC: tuple[tuple[re.Pattern[str] | None, Rule], ...] = (
    (_GATE_SIGN, models.signs),
    (_GATE_DATE, dates.dates),
    (_GATE_TIME, dates.times),
    (_GATE_MONEY, money.money),
    (_GATE_MEASURE, units.measures),
    (_GATE_MODEL, models.models),
    (_GATE_YEAR, dates.years),
    (_GATE_RANGE, numbers.ranges),
    (_GATE_ORDINAL, numbers.ordinals),
    (_GATE_FRACTION, numbers.fractions),
    (_GATE_PERCENT, numbers.percent),
    (None, numbers.numbers),
)


def numeric(text: str) -> str:
    """Every pass that reads digits; skipped for the many sentences that have none."""
    if not _HAS_NUMBER.search(text):
        return text
    for gate, rule in _NUMERIC:
        if gate is None or gate.search(text):
            text = rule(text)
    return text


class Normalizer:
    """Turns one sentence as written into the words to be spoken."""

    def __init__(self, language: str = "en", lexicons: Iterable[Lexicon] = ()) -> None:
        self.language = primary_language(language) or "en"
        self.region = _region(language)
        """'pt-BR' for a Brazilian page (numbers differ: 'dezenove'), else the primary subtag."""
        self.lexicons = list(lexicons)
        self.abbreviations = frozenset(
            word[:-1].lower()
            for lex in self.lexicons
            for key, _ in lex.entries
            for word in key.split()
            if word.endswith(".") and len(word) > 1
        )
        """Words the lexicons expand that end in a full stop ('Mio', 'z.B'): not sentence ends."""
        self.rules: list[Rule] = [
            ForeignScripts(self.language),
            punctuation.punctuation,
            links.links,
        ]
        if self.language == "en":
            self.rules.append(links.phones)
        self.rules.extend(lex.apply for lex in self.lexicons)
        if self.language == "en":
            self.rules += [
                numeric,
                units.alone,
                abbreviations.abbreviations,
                acronyms.acronyms,
                acronyms.roman,
                punctuation.symbols,
            ]
        else:
            self.rules.append(self._foreign_numbers)
        self.rules.append(punctuation.tidy)

    def __call__(self, text: str) -> str:
        original = text.strip()
        for rule in self.rules:
            text = rule(text)
        if text and (original[:1].isdigit() or original[:1].isupper()) and text[:1].islower():
            text = text[:1].upper() + text[1:]
        if original.endswith((".", "!", "?")) and text and text[-1] not in ".!?\"'":
            text += "."
        return text

    def _foreign_numbers(self, text: str) -> str:
        return foreign_numbers(text, self.region)


def _region(language: str) -> str:
    """'pt-br', 'pt_BR' -> 'pt-BR'; any other tag -> its primary subtag."""
    parts = re.split(r"[-_]", language or "")
    primary = parts[0].lower() or "en"
    if primary == "pt" and len(parts) > 1 and parts[1].upper() == "BR":
        return "pt-BR"
    return primary
