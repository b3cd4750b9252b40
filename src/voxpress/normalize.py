"""Normalization: text as written -> text as a newsreader says it.

A :class:`Normalizer` is configured once (language, lexicons) and called per sentence.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"')\]]+", re.I)
_EMAIL = re.compile(r"\b([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)\b")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "\u00a0": " "})


def speak_domain(url: str) -> str:
    """'https://www.example.co.uk/a/b?c' -> 'example dot co dot uk'."""
    host = urlsplit(url if "://" in url else f"http://{url}").hostname or url
    host = re.sub(r"^www\.", "", host)
    return " dot ".join(host.split("."))


class Normalizer:
    """Turns one sentence as written into the words to be spoken."""

    def __init__(self, language: str = "en") -> None:
        self.language = language

    def __call__(self, text: str) -> str:
        text = text.translate(_QUOTES)
        text = _URL.sub(lambda m: speak_domain(m.group(0).rstrip(".,;:")), text)
        text = _EMAIL.sub(lambda m: f"{m.group(1)} at {speak_domain(m.group(2))}", text)
        text = re.sub(r"\s+", " ", text)
        return text.strip()
