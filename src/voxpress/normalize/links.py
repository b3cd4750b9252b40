"""Links and numbers to dial: URLs and e-mail addresses as domains, handles, hashtags, phone
numbers and ID-like digit strings read digit by digit."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .words import digits

_URL = re.compile(
    r"\b(?:https?://|www\.)[^\s<>\"')\]]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|gov|edu|ua|uk|io|co|eu|de|fr|info|news)(?:/[^\s<>\"')\]]*)?(?=[\s,;:!?)\"']|\.?$|\.\s)",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"\b([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)\b")
_HANDLE = re.compile(r"(?<![\w@])@([A-Za-z_][A-Za-z0-9_]{1,30})\b")
_HASHTAG = re.compile(r"(?<![\w&])#([A-Za-z][A-Za-z0-9_]*)")
_GATE_LINK = re.compile(
    r"[@#]|://|\bwww\.|\w\.(?:com|org|net|gov|edu|ua|uk|io|co|eu|de|fr|info|news)\b", re.IGNORECASE
)
_HAS_NUMBER = re.compile(r"[\d½⅓⅔¼¾⅕⅛]")


def speak_domain(url: str) -> str:
    """'https://www.example.co.uk/a/b?c' -> 'example dot co dot uk' (a domain, never a path)."""
    host = urlsplit(url if "://" in url else f"http://{url}").hostname or url
    host = re.sub(r"^www\.", "", host)
    host = re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", " ", host)  # 'aice2022' -> 'aice 2022'
    return " dot ".join(host.split("."))


def links(text: str) -> str:
    if not _GATE_LINK.search(text):
        return text
    text = _EMAIL.sub(
        lambda m: f"{m.group(1).replace('.', ' dot ')} at {speak_domain(m.group(2))}", text
    )
    text = _URL.sub(lambda m: speak_domain(m.group(0).rstrip(".,;:")), text)
    text = _HANDLE.sub(lambda m: f"at {m.group(1).replace('_', ' ')}", text)
    text = _HASHTAG.sub(lambda m: f"hashtag {m.group(1)}", text)
    return text


def phones(text: str) -> str:
    """Phone numbers and ID-like digit strings, digit by digit."""
    if not _HAS_NUMBER.search(text):
        return text
    text = re.sub(r"(?<![\w])\+\d[\d\s()-]{6,}\d", lambda m: "plus " + digits(m.group(0)), text)
    text = re.sub(r"\b\d{3}[-.\s]\d{3}[-.\s]\d{4}\b", lambda m: digits(m.group(0)), text)
    text = re.sub(
        r"(?<![\w.,])0\d{2,4}(?:[-\s]\d{3,4}){2}\b",  # 020 7946 0958
        lambda m: digits(m.group(0)),
        text,
    )
    return re.sub(
        r"(?<![\w.,:/-])0\d+\b(?![:./]\d)|(?<![\w.,-])\d{5,}(?![\d,.]\d|[A-Za-z])",
        lambda m: digits(m.group(0)),
        text,
    )
