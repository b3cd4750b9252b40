"""The article's language: the page's declaration, checked against its text."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from ..models import Block

log = logging.getLogger(__name__)

_IDENTIFIER: Any = None


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
    detected, prob = detect_language(sample)
    if declared is None:
        return detected if prob >= 0.8 else None
    if detected != declared and prob >= 0.95:
        log.info("page declares language %s but reads as %s (p=%.2f)", declared, detected, prob)
        return detected
    return declared
