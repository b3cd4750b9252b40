"""Punctuation and symbols: quotes and dashes, parentheses and footnote markers, '&', '/', '+',
'=', and the last tidy-up of spaces and stray commas."""

from __future__ import annotations

import re

_PUNCT = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u200b": "",
        "\u00ad": "",
        "′": "'",
        "″": '"',
        "−": "-",
        "‐": "-",
        "‑": "-",
    }
)
_IPA = re.compile(
    r"(\s?\b(pronounced|Aussprache|prononcé|pronunciado)\s*:?)?"
    r"\s?[/\[][^/\[\]\s]*[ˈˌəɛɪʊʃʒθðŋɑɔæʌːɐɒɜɚ][^/\[\]]{0,40}[/\]](\s*;)?"
)
_GATE_SYMBOL = re.compile(r"[&/+=%]|\.\.\.")


def punctuation(text: str) -> str:
    text = text.translate(_PUNCT)
    if "/" in text or "[" in text:  # '(pronounced /ˌaʊtɛəˈroʊ.ə/)': a transcription is for the eye
        text = re.sub(r"\s*\(\s*\)", "", _IPA.sub("", text))
    text = text.replace("…", "...")
    text = re.sub(r"\s*(?:—|–|--)\s*(?=\D|$)", ", ", text)  # dashes as pauses (ranges kept)
    text = re.sub(r"(?<=\D)\s+–\s+", ", ", text)
    text = re.sub(r"\s*\(([^()]*)\)", r", \1,", text)  # parentheses as pauses
    text = re.sub(r"\[\d+\]|\[citation needed\]", "", text)  # footnote markers
    return text


def symbols(text: str) -> str:
    if not _GATE_SYMBOL.search(text):
        return text
    text = re.sub(r"\s&\s|&", " and ", text)
    text = re.sub(r"\band/or\b", "and or", text)
    text = re.sub(r"\beither/or\b", "either-or", text)
    text = re.sub(
        r"(?<=[A-Za-z][a-z])/(?=[a-z]{2})", " or ", text
    )  # 'friends/acquaintances/strangers'
    text = re.sub(r"(?<=[a-z])\s/\s(?=[a-z])", " or ", text)  # 'wheelchairs / mobility scooters'
    text = re.sub(r"(?<=\w)\s/\s(?=[A-Z])", ", ", text)  # 'Facebook / Instagram'

    text = re.sub(r"\b([A-Z][\w.]*)/([A-Z]\w*)\b", r"\1, \2", text)
    text = re.sub(r"\s\+\s", " plus ", text)
    text = re.sub(r"\s=\s", " equals ", text)
    text = text.replace("%", " percent")
    text = re.sub(r"\.{3,}", "...", text)
    return text


def tidy(text: str) -> str:
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r",\s*,+", ",", text)
    text = re.sub(r"^[,\s]+", "", text)
    text = re.sub(r",(\s*[.!?])", r"\1", text)
    text = re.sub(r"(?<!\.)\.\.(?!\.)", ".", text)
    return re.sub(r"\s+", " ", text).strip()


# ---------------------------------------------------------------- English passes
