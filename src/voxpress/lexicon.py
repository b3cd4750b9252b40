"""Pronunciation lexicons: plain-text files mapping a word or phrase to how it is to be said.

Format (one entry a line, ``#`` starts a comment)::

    Kyiv = keev [[kˈiːv]]
    Zaporizhzhia = zapo-reezh-zhya
    air raid = air-raid

The spoken side is a respelling, optionally followed by IPA phonemes in ``[[ ]]`` (espeak-ng's
phoneme set, as Piper uses). Engines that take phonemes (Piper) get the phonemes; espeak-ng
through pyttsx3 cannot, and gets the respelling. A key with any capital letter matches that exact case (``US`` is not ``us``); an all-lower-case
key matches any case. Keys match whole words only: ``Kyiv`` matches in "Kyiv's" but not in
"Kyivstar". Longer keys win over shorter ones. See ``voices/lexicons/README.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .errors import ProfileError
from .models import primary_language
from .voices import search_path


@dataclass(frozen=True)
class Lexicon:
    """A compiled set of pronunciation entries."""

    name: str
    """File stem or label."""
    entries: tuple[tuple[str, str], ...]
    """(written, spoken) pairs in file order; spoken may end in ``[[phonemes]]``."""
    phonemes: bool = False
    """Replace with the ``[[phonemes]]`` where an entry has them (for engines that read them)."""
    _exact: dict[str, str] = field(init=False, repr=False, compare=False)
    _folded: dict[str, str] = field(init=False, repr=False, compare=False)
    _pattern: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        pairs = [(k, _choose(v, self.phonemes)) for k, v in self.entries]
        exact = {k: v for k, v in pairs if k != k.lower()}
        folded = {k.lower(): v for k, v in pairs if k == k.lower()}
        object.__setattr__(self, "_exact", exact)
        object.__setattr__(self, "_folded", folded)
        keys = sorted({k for k, _ in self.entries}, key=len, reverse=True)
        if keys:
            alternation = "|".join(
                re.escape(k) if k != k.lower() else f"(?i:{re.escape(k)})" for k in keys
            )
            pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-]|'[a-rt-z])")
        else:
            pattern = None
        object.__setattr__(self, "_pattern", pattern)

    def apply(self, text: str) -> str:
        """Replace every entry found in ``text``."""
        pattern = self._pattern
        if pattern is None:
            return text
        exact: dict[str, str] = self._exact
        folded: dict[str, str] = self._folded

        def replace(m: re.Match[str]) -> str:
            found = m.group(0)
            spoken = exact.get(found) or folded.get(found.lower(), found)
            if found[:1].isupper() and spoken[:1].islower() and not spoken.startswith("[["):
                spoken = spoken[:1].upper() + spoken[1:]
            return spoken

        return pattern.sub(replace, text)


_PHONEMES = re.compile(r"^(.*?)\s*(\[\[[^\]]+\]\])$")


def split_entry(value: str) -> tuple[str, str | None]:
    """'keev [[kˈiːv]]' -> ('keev', '[[kˈiːv]]'); a value of phonemes only has respelling ''."""
    m = _PHONEMES.match(value)
    return (m.group(1).strip(), m.group(2)) if m else (value, None)


def _choose(value: str, phonemes: bool) -> str:
    respelling, ipa = split_entry(value)
    if phonemes and ipa:
        return ipa
    return respelling


def parse(text: str, name: str = "lexicon", phonemes: bool = False) -> Lexicon:
    """Parse lexicon text; a malformed line is an error naming its line number."""
    entries: list[tuple[str, str]] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        key, sep, value = line.partition("=")
        key, value = " ".join(key.split()), " ".join(value.split())
        if not sep or not key or not value or not split_entry(value)[0]:
            raise ProfileError(
                f"lexicon {name}, line {number}: expected 'written = spoken', got {raw.strip()!r}"
            )
        entries.append((key, value))
    return Lexicon(name, tuple(entries), phonemes)


def load_lexicon(name: str, phonemes: bool = False) -> Lexicon:
    """Load a lexicon by path or by name from ``voices/lexicons/``."""
    path = Path(name)
    if not (path.suffix == ".txt" and path.is_file()):
        found = next(
            (
                d / "lexicons" / f"{name}.txt"
                for d in search_path()
                if (d / "lexicons" / f"{name}.txt").is_file()
            ),
            None,
        )
        if found is None:
            raise ProfileError(f"unknown pronunciation lexicon '{name}'")
        path = found
    try:
        return parse(path.read_text(encoding="utf-8"), path.stem, phonemes)
    except OSError as exc:
        raise ProfileError(f"cannot read lexicon {path}: {exc}") from exc


def language_lexicon(language: str | None, phonemes: bool = False) -> Lexicon | None:
    """The abbreviations of an article's language (``voices/lexicons/languages/<lang>.txt``:
    'z.B.', 'EE.UU.', 'M.'), which espeak-ng would spell out; None for a language without one."""
    lang = primary_language(language)
    if not lang.isalpha():
        return None
    for d in search_path():
        candidate = d / "lexicons" / "languages" / f"{lang}.txt"
        if candidate.is_file():
            return parse(candidate.read_text(encoding="utf-8"), f"languages/{lang}", phonemes)
    return None


def site_lexicon(url: str | None, phonemes: bool = False) -> Lexicon | None:
    """The lexicon for an article's site (``voices/lexicons/sites/<domain>.txt``), if any."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    if not host:
        return None
    for d in search_path():
        candidate = d / "lexicons" / "sites" / f"{host}.txt"
        if candidate.is_file():
            return parse(candidate.read_text(encoding="utf-8"), host, phonemes)
    return None
