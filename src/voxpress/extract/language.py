"""The article's language: the page's declaration, checked against its text."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any

from ..models import Block

log = logging.getLogger(__name__)

_IDENTIFIER: Any = None
"""py3langid's model, loaded once per process (0.7 s), and only when a page needs it."""

FUNCTION_WORDS = {
    "en": "the and of to is that with for was are this it have from by",
    "de": "der die und das ist nicht mit sich auf ein eine dem den zu von",
    "fr": "le la les et des est une dans que pour pas du sur qui au",
    "es": "el la los las que y del en por con una para es se lo",
    "pt": "o os as que e do da em não um uma para com dos é",
    "it": "il di che e la per una non sono della del gli con è si",
    "pl": "i w na się z nie do że to jest o jak po dla od",
    "nl": "de het een en van is dat niet op te met voor zijn er ook",
}
"""The commonest words of the languages voxpress speaks most: a text whose declared language's
words clearly outnumber every other's is in that language, without asking the model."""
_FUNCTION_SETS = {lang: set(words.split()) for lang, words in FUNCTION_WORDS.items()}
CLEAR_SHARE = 0.15
"""At least this share of the text's words must be the declared language's function words."""
_TOKEN = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> tuple[str, float]:
    """The language of ``text`` (ISO 639-1) and its probability, by py3langid's bundled model."""
    global _IDENTIFIER
    if _IDENTIFIER is None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        _IDENTIFIER = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    lang, prob = _IDENTIFIER.classify(text)
    return str(lang), float(prob)


def check_language(declared: str | None, blocks: Iterable[Block]) -> str | None:
    """The article's language: the page's declaration, checked against the text itself.

    Pages often declare their template's language ('en' on a German story). With at least 30
    words of text, a confident detection (p >= 0.95) overrules a declaration it contradicts,
    and fills in a missing one (p >= 0.8).
    """
    sample = " ".join(b.text for b in blocks if b.kind != "heading")[:3000]
    if len(sample.split()) < 30:
        return declared
    if declared is not None and _plainly_in(declared, sample):
        return declared
    detected, prob = detect_language(sample)
    if declared is None:
        return detected if prob >= 0.8 else None
    if detected != declared and prob >= 0.95:
        log.info("page declares language %s but reads as %s (p=%.2f)", declared, detected, prob)
        return detected
    return declared


def _plainly_in(declared: str, text: str) -> bool:
    """Whether the text's function words say it is in the declared language, and clearly no
    other (twice the share of any other language's)."""
    mine = _FUNCTION_SETS.get(declared)
    if mine is None:
        return False
    words = _TOKEN.findall(text.lower())
    if not words:
        return False
    share = {lang: sum(w in fw for w in words) / len(words) for lang, fw in _FUNCTION_SETS.items()}
    rival = max(v for lang, v in share.items() if lang != declared)
    return share[declared] >= CLEAR_SHARE and share[declared] >= 2 * rival
