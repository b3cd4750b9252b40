"""A segment the engine cannot say is replaced, so one odd sentence never fails a whole render.

The engine has already retried (:func:`voxpress.engines.base.speak_with_retry`). Then the
sentence is tried again with only its plain words (letters, digits and ordinary punctuation;
symbols and letters of other scripts dropped), and at worst :data:`STAND_IN` is said in its
place. Either way a warning is logged and the segment's ``replaced`` field, which the manifest
records, says why.
"""

from __future__ import annotations

import dataclasses
import logging
import re

from .audio import trim
from .engines import Engine
from .errors import EngineError
from .models import Clip, Segment

log = logging.getLogger(__name__)

STAND_IN = "A passage is left out here."
"""Said in place of a sentence the engine cannot say in any form."""

_PLAIN_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f'’-]+[.,;:!?]?")


def plain(text: str) -> str:
    """``text`` with only words in Latin letters and digits, and the punctuation after them."""
    return " ".join(_PLAIN_WORD.findall(text))


def speak(engine: Engine, seg: Segment, label: str) -> tuple[Segment, Clip]:
    """``seg`` and its trimmed clip; or, if the engine fails on it, a stand-in and its clip.

    Raises :class:`EngineError` (naming ``label``) only if even :data:`STAND_IN` cannot be said.
    """
    try:
        return seg, trim(engine.synthesize(seg.text))
    except EngineError as exc:
        reason = str(exc)
    for text in dict.fromkeys((plain(seg.text), STAND_IN)):
        if not text or text == seg.text or not re.search(r"\w", text):
            continue
        try:
            clip = trim(engine.synthesize(text))
        except EngineError:
            continue
        log.warning("%s (%r): %s; said %r instead", label, seg.text[:50], reason, text[:50])
        return dataclasses.replace(seg, text=text, replaced=reason), clip
    raise EngineError(f"{label} ({seg.text[:50]!r}): {reason}")
