"""Acronyms and Roman numerals: 'WHO' spelled 'W.H.O.', 'HIMARS' said as a word, 'Henry VIII'
'Henry the eighth', 'World War II' 'World War two'."""

from __future__ import annotations

import re

from .words import cardinal, ordinal

# Spoken as letters although espeak-ng would say them as a word (or wrongly).
LETTERS = {
    "OSCE",
    "IMF",
    "ISW",
    "IAEA",
    "UNHCR",
    "ICC",
    "ICJ",
    "WHO",
    "SBU",
    "GUR",
    "HUR",
    "ZSU",
    "AFU",
    "DPR",
    "LPR",
    "PACE",
    "UAV",
    "UAVs",
    "SMS",
    "OHCHR",
    "IDP",
    "IDPs",
    "NGO",
    "NGOs",
    "EPA",
    "FDA",
    "NSA",
    "NSC",
    "DOJ",
    "DHS",
    "ICE",
    "SEC",
    "FEC",
    "GOP",
    "PM",
    "MP",
    "MPs",
    "AP",
    "AFP",
    "CNN",
    "NBC",
    "ABC",
    "CBS",
    "NPR",
    "PBS",
    "WSJ",
    "NYT",
    "IOC",
    "CAS",
    "IT",
    "AI",
    "EV",
    "EVs",
    "UFC",
    "NFL",
    "NBA",
    "MLB",
    "NHL",
    "UEFA",
}
# Spoken as words; espeak-ng handles most by itself, these it would spell or misread.
WORDS = {"HIMARS": "high-mars", "ATACMS": "attack-ems"}
ROMAN = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
    "XI": 11,
    "XII": 12,
    "XIII": 13,
    "XIV": 14,
    "XV": 15,
    "XVI": 16,
    "XVII": 17,
    "XVIII": 18,
    "XIX": 19,
    "XX": 20,
    "XXI": 21,
    "XXII": 22,
    "XXIII": 23,
}
REGNAL_BEFORE = re.compile(
    r"\b(King|Queen|Pope|Emperor|Empress|Tsar|Czar|Prince|Princess|Duke|Sultan|Shah|Pharaoh|"
    r"Charles|Elizabeth|Henry|Edward|George|William|Louis|Leo|John|Paul|Benedict|Pius|Gregory|"
    r"Richard|James|Victoria|Philip|Frederick|Peter|Nicholas|Alexander|Ivan|Catherine|Mary|Anne|"
    r"Felipe|Juan|Carlos|Willem|Harald|Gustaf|Rama|Mohammed|Abdullah|Hussein|Innocent|Clement|Urban|"
    r"Boniface|Francis|Constantine|Ludwig|Otto|Wilhelm|Napoleon|Ramesses|Ptolemy|Alfonso|Ferdinand|"
    r"Manuel|Sebastian|Christian|Frederik|Olav|Haakon|Carl|Albert|Baudouin|Leopold|Rainier)$"
)


def acronyms(text: str) -> str:
    def letters(word: str) -> str:
        plural = word.endswith("s") and word[:-1].isupper()
        core = word[:-1] if plural else word
        return ".".join(core) + "." + ("'s" if plural else "")

    text = re.sub(
        r"\b[A-Z][A-Za-z]{1,6}s?\b",
        lambda m: letters(m.group(0)) if m.group(0) in LETTERS else m.group(0),
        text,
    )

    def word(m: re.Match[str]) -> str:
        spoken = WORDS.get(m.group(0))
        return spoken[:1].upper() + spoken[1:] if spoken else m.group(0)

    return re.sub(r"\b[A-Z]{3,}\b", word, text)


def roman(text: str) -> str:
    def regnal(m: re.Match[str]) -> str:
        before, numeral = m.group(1), m.group(2)
        n = ROMAN[numeral]
        if REGNAL_BEFORE.search(before):
            return f"{before} the {ordinal(n)}"
        if re.search(
            r"\b(War|Vatican|Act|Phase|Part|Chapter|Volume|Book|Article|Title|Type|Class|Stage|Level|Mark|Apollo|Bowl|Round)$",
            before,
        ):
            return f"{before} {cardinal(n)}"
        return m.group(0)

    return re.sub(r"\b([A-Z][a-z]+)\s+(X{0,2}(?:IX|IV|V?I{1,3}|V|X)|XX|X)(?![\w'])", regnal, text)
