"""Normalization: a sentence as written -> the words a newsreader says.

A :class:`Normalizer` is configured once (language, lexicons) and then called per sentence. English
passes run in a fixed order, each a small module of regex rules: ``punctuation`` (quotes, dashes,
parentheses), ``links`` (URLs, handles, phone numbers), the pronunciation lexicons, then the
passes that read digits (``numbers`` for model names, ``dates`` for dates and times, ``money``,
``units``, ``dates`` again for years, ``numbers`` for ranges, ordinals, fractions, percentages and
plain numbers), ``abbreviations`` and titles, ``acronyms`` and Roman numerals, and symbols. Numbers
are spelled by num2words (``words``). Other languages get only the language-neutral passes and
numbers in their own language (``languages``); no English rule is ever applied to them.
"""

from __future__ import annotations

from .pipeline import Normalizer
from .words import cardinal, digits, ordinal, year

__all__ = ["Normalizer", "cardinal", "digits", "ordinal", "year"]
