"""Runs of a writing system the voice's language cannot read, replaced by a short stand-in.

espeak-ng's English voice spells a Japanese or Thai word character by character ("Chinese
letter, Chinese letter…"): a 9-word sentence with a line of Japanese became 17 s of noise. A
listener gains nothing from that, nor from the same line read by a second voice they did not ask
for (espeak-ng's Japanese voice reads kana only, and its Chinese voice would read Japanese kanji
as Mandarin). So a run of letters in a script the voice's language is not written in becomes
"(Japanese text)": the listener hears that something was there, in a few syllables, and the
sentence around it stays whole.
"""

from __future__ import annotations

import re

_SCRIPTS: tuple[tuple[str, str], ...] = (
    ("\u0370-\u03ff\u1f00-\u1fff", "Greek"),
    ("\u0400-\u052f\u2de0-\u2dff\ua640-\ua69f", "Cyrillic"),
    ("\u0530-\u058f", "Armenian"),
    ("\u0590-\u05ff", "Hebrew"),
    ("\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff", "Arabic"),
    ("\u0900-\u097f", "Devanagari"),
    ("\u0980-\u09ff", "Bengali"),
    ("\u0a00-\u0dff", "Indic"),
    ("\u0e00-\u0e7f", "Thai"),
    ("\u0e80-\u0eff", "Lao"),
    ("\u0f00-\u0fff", "Tibetan"),
    ("\u1000-\u109f", "Burmese"),
    ("\u10a0-\u10ff", "Georgian"),
    ("\u1200-\u139f", "Ethiopic"),
    ("\u1780-\u17ff", "Khmer"),
    ("\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f", "Japanese"),
    ("\u1100-\u11ff\u3130-\u318f\uac00-\ud7af", "Korean"),
    ("\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f", "Chinese"),
)
"""Letter ranges and the name said for them. Kanji alone reads as Chinese; with kana, Japanese."""

NATIVE: dict[str, frozenset[str]] = {
    "uk": frozenset({"Cyrillic"}),
    "ru": frozenset({"Cyrillic"}),
    "bg": frozenset({"Cyrillic"}),
    "sr": frozenset({"Cyrillic"}),
    "mk": frozenset({"Cyrillic"}),
    "be": frozenset({"Cyrillic"}),
    "el": frozenset({"Greek"}),
    "he": frozenset({"Hebrew"}),
    "ar": frozenset({"Arabic"}),
    "fa": frozenset({"Arabic"}),
    "ur": frozenset({"Arabic"}),
    "hi": frozenset({"Devanagari"}),
    "th": frozenset({"Thai"}),
    "ja": frozenset({"Japanese", "Chinese"}),
    "zh": frozenset({"Chinese"}),
    "ko": frozenset({"Korean", "Chinese"}),
}
"""Scripts a language other than the Latin-written ones is read in."""

_LETTER = "".join(ranges for ranges, _ in _SCRIPTS)
_INNER = rf"{_LETTER}\u3000-\u303f\uff01-\uff65\u00b7\u30fb\s\d（）()「」『』、。・ー-"
# a run: letters of these scripts, with the spaces, digits and CJK punctuation between them; the
# brackets around it and the full-width full stop, question or exclamation mark after it
_RUN = re.compile(
    rf"(?P<open>[(（「『]\s*)?[{_LETTER}](?:[{_INNER}]*[{_LETTER}])?"
    rf"(?P<close>\s*[)）」』])?(?P<end>[。．！？]*)"
)
_END = str.maketrans("。．！？", "..!?")
_GATE = re.compile(rf"[{_LETTER}]")
_CLASSES = tuple((re.compile(f"[{ranges}]"), name) for ranges, name in _SCRIPTS)


def script_of(run: str) -> str:
    """The name said for ``run``: the script most of its letters are in (kana makes it Japanese)."""
    counts = {name: len(pattern.findall(run)) for pattern, name in _CLASSES}
    if counts["Japanese"]:
        return "Japanese"
    return max(counts, key=lambda name: counts[name])


class ForeignScripts:
    """Replaces runs of scripts ``language`` is not written in by '(Japanese text)'."""

    def __init__(self, language: str) -> None:
        self.native = NATIVE.get(language, frozenset())

    def __call__(self, text: str) -> str:
        if not _GATE.search(text):
            return text
        return _RUN.sub(self._stand_in, text)

    def _stand_in(self, match: re.Match[str]) -> str:
        name = script_of(match.group())
        if name in self.native:
            return match.group()
        end = match.group("end").translate(_END)[:1]
        if match.group("open") and match.group("close"):
            return f"({name} text){end}"
        return f"{match.group('open') or ''}{name} text{match.group('close') or ''}{end}"
