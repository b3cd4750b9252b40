"""Punctuation and symbols: quotes and dashes, parentheses and footnote markers, marks that are
for the eye only (trademarks, emoji, bullets, asterisks), '&', '/', '+', '=', '→', '§', and the
last tidy-up of spaces and stray commas."""

from __future__ import annotations

import html
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
_GATE_SYMBOL = re.compile(r"[&/+=%~×<>_|^\\#]|\.\.\.")
_SILENT = re.compile(
    "[™®℠\u200d\ufe0f\u20e3\U0001f000-\U0001faff\u2600-\u26ff\u2700-\u27bf\u2b00-\u2bff"
    "\u2300-\u23ff\u25a0-\u25ff\u2190-\u21ff\u2022\u2023\u2043\u2219\u00b7]"
)
"""Marks for the eye: trademarks, emoji and pictographs, arrows, geometric shapes and bullets."""
_ARROWS = re.compile(r"\s*[→⇒➡⟶]\s*")
_BULLET = re.compile(r"^\s*[•●■▪◦‣►▶▸◆◇○□★☆✦✱✓✔✅☑➤➢\-*]+\s+|\s+[•●■▪◦‣►▶▸◆◇○□✦➤➢]\s+")
_AGENCY = re.compile(
    r"\s*\((?:AP|AFP|Reuters|UPI|dpa|DPA|Bloomberg|CNN|ANI|PTI|IANS|Xinhua|TASS|EFE|ANSA|"
    r"Yonhap|Kyodo|RNS|CNS|AAP|BNS|PAP|CTK|ČTK|APA|KNA|Belga|ANP|Lusa)\)"
)
"""A news agency's credit in parentheses ('WASHINGTON (AP) —'): credits are not read."""
_FOR_THE_EYE = re.compile(
    r"\s*\((?:sic|pictured|pictured (?:left|right|above|below|centre|center)|left|right|above|"
    r"below|centre|center|top|bottom|inset|file photo|file|photo|video|watch|listen|opens in a new "
    r"(?:tab|window)|external link|link)\)",
    re.IGNORECASE,
)
_MOJIBAKE = re.compile(r"[ÂÃâ][\u0080-\u00bf\u0152-\u02dc\u2013-\u2122]{1,2}")


def _repair(m: re.Match[str]) -> str:
    """'itâ€™s' -> 'it's': UTF-8 read as Windows-1252, undone where it is that."""
    try:
        return m.group(0).encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return m.group(0)


def _parenthesis(m: re.Match[str]) -> str:
    """One or two words in lower case inside a phrase are read inline ('the (interim) rules', 'he
    said (in Spanish) that'); any other aside between two pauses ('the alliance (NATO) met')."""
    inner = m.group(1).strip()
    word = r"[^\W\d_A-Z][^\W\d_]*(?:[-'][^\W\d_]+)*"
    if re.fullmatch(rf"{word}(?: {word})?", inner) and m.group(2):
        return f" {inner} "
    return f", {inner},{m.group(2) or ''}"


_DASH = re.compile(
    r"(?<!\d)\s*(?:—|–|--)\s*(?=\D|$)(?![$€£¥₹]\d)|(?<=\d)\s*(?:—|--)\s*(?=\D|$)(?![$€£¥₹]\d)"
    r"|(?<=\D)\s+–\s+(?![$€£¥₹]\d)|(?<=\w)\s+-\s+(?=[^\W\d])"
)
"""Dashes as pauses, but not in a range of numbers or amounts ('$150–$1,700', '9–5')."""
_DAY_RANGE = re.compile(
    r"\b(Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(\.?)\s?[–—]\s?"
    r"(?=(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun))"
)
"""'Mon–Fri': a range of days, kept for the English pass (not two words with a pause between)."""
_ASIDE = re.compile(r"(?<![\w(])\s*\(([^()]*)\)(\s+(?=\w))?")
_RUN_ON = re.compile(r"(?<=[^\W\d_][a-z])\.(?=[A-Z][a-z]+\b(?!\.\w))")
_RARE = re.compile(r"[^\x00-\x7f\u00a0-\u00ff\u0100-\u024f\u2010-\u2021\u2024-\u2027\u0400-\u04ff]")
"""Anything outside Latin, Cyrillic and common punctuation: where emoji and symbols hide."""


def punctuation(text: str) -> str:
    if "â" in text or "Ã" in text or "Â" in text:
        text = _MOJIBAKE.sub(_repair, text)
    text = text.translate(_PUNCT)
    if "&" in text and ";" in text:
        text = html.unescape(text)  # 'SQL &#x26; AI'
    if "<" in text:
        text = re.sub(r"</?[a-zA-Z][^<>]{0,80}>", " ", text)  # a stray tag: 'wreck</font> in'
    if "/" in text or "[" in text:  # '(pronounced /ˌaʊtɛəˈroʊ.ə/)': a transcription is for the eye
        text = re.sub(r"\s*\(\s*\)", "", _IPA.sub("", text))
    if "©" in text:  # 'Copyright © 2024': espeak-ng says the sign 'copyright' too
        text = re.sub(r"(?i)(copyright)\s*©|©\s*(copyright)", r"\1\2", text)
    if "…" in text:
        text = text.replace("…", "...")
    if _RARE.search(text) or "*" in text or "®" in text or "-" in text[:3]:
        text = _BULLET.sub(" ", text)
        text = _ARROWS.sub(" → ", text)
        text = _SILENT.sub(lambda m: ", " if m.group(0) == "→" else "", text)
    if "(" in text:
        text = _AGENCY.sub("", text)
        text = _FOR_THE_EYE.sub("", text)
    if "-" in text or "—" in text or "–" in text:
        text = _DASH.sub(", ", _DAY_RANGE.sub(r"\1\2-", text))  # dashes as pauses (ranges kept)
    if "(" in text:
        text = re.sub(r"(?<=[^\W\d_])\(s\)", "s", text)  # 'item(s)'
        text = _ASIDE.sub(_parenthesis, text)
    if "*" in text:
        text = re.sub(r"(?<=\d)\s?\*\s?(?=\d)", " times ", text)
        text = re.sub(r"\*+", "", text)  # footnote markers and emphasis: 'apply*', '*plonk*'
    if "[" in text:
        text = re.sub(r"\[\d+\]|\[citation needed\]", "", text)  # footnote markers
    if "/" in text:  # '咖啡飲料/賣店': a slash between Chinese or Japanese words is a list
        text = re.sub(r"(?<=[\u3040-\u9fff])\s?/\s?(?=[\u3040-\u9fff])", "、", text)
    # a sentence run into the next: 'said.The minister' (not 'Node.js', 'U.S.', 'example.com')
    return _RUN_ON.sub(". ", text)


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
    text = re.sub(r"(?<=\w)\s/\s(?=\w)", " or ", text)  # 'CPU / memory'
    text = re.sub(r"\b[Nn]/[Aa]\b", "not applicable", text)
    text = re.sub(r"(?<=[A-Z])/(?=(?:one|two|three|four|five|six|seven|eight|nine)\b)", " ", text)
    text = re.sub(r"(?<=[^\W\d_]{2}|'s)/\s?(?=[^\W\d_]{2})", " or ", text)  # 'TV/movie', 'his/ her'
    text = re.sub(r"(?:(?<=\s)|^)\+(?:\s*\+)+(?=\s|$)", ", ", text)  # '+ + + Deals +++'
    text = re.sub(r"(?<=[A-Za-z])\+\+", " plus plus", text)  # 'C++'
    text = re.sub(r"\b([CF])#(?!\w)", r"\1 sharp", text)  # 'C#'
    text = re.sub(r"\s\+\s|(?<=\w)\+(?=\w)", " plus ", text)
    text = re.sub(r"(?<=\w)\+(?=[\s.,;:!?)]|$)|(?<![\w+])\+(?=\w)", lambda m: " plus ", text)
    text = re.sub(r"\s=\s|(?<=\w)=(?=\w)", " equals ", text)
    text = text.replace("%", " percent")
    text = re.sub(r"(?<=\w)_+(?=\w)|\\", " ", text)  # 'model_3d_link', 'C:\\Users'
    text = re.sub(r"\s?\|\s?", ", ", text)  # 'Python, SQL | AI'
    text = re.sub(r"\s?(?:>>|<<|[<>^~])\s?", " ", text)
    text = text.replace("×", " times ")
    text = re.sub(r"\.{3,}", "...", text)
    return text


_SPACE_BEFORE = re.compile(r"\s+([,.;:!?])")


def tidy(text: str) -> str:
    if ".," in text:  # 'information.,' (not 'U.S.,')
        text = re.sub(r"(?<=[a-z]{3})\.,\s*$", ".", text)
        text = re.sub(r"(?<=[a-z]{3})\.,(?=\s)", ",", text)
    text = _SPACE_BEFORE.sub(r"\1", text)
    if ",," in text or ", ," in text:
        text = re.sub(r",\s*,+", ",", text)
    if text[:1] in ", ":
        text = text.lstrip(", ")
    if "," in text:
        text = re.sub(r",(\s*[.!?])", r"\1", text)
    if ".." in text:
        text = re.sub(r"(?<!\.)\.\.(?!\.)", ".", text)
    return " ".join(text.split())


# ---------------------------------------------------------------- English passes
