"""Titles and abbreviations: 'Dr.', 'Lt. Gen.', 'St.' (Saint or Street), 'Inc.', 'e.g.'."""

from __future__ import annotations

import re

TITLES = {
    "Dr": "Doctor",
    "Gen": "General",
    "Sen": "Senator",
    "Rep": "Representative",
    "Gov": "Governor",
    "Prof": "Professor",
    "Pres": "President",
    "Mt": "Mount",
    "Mr": "Mister",
    "Mrs": "Missus",
    "Ms": "Miz",
    "Lt": "Lieutenant",
    "Col": "Colonel",
    "Sgt": "Sergeant",
    "Capt": "Captain",
    "Cmdr": "Commander",
    "Adm": "Admiral",
    "Maj": "Major",
    "Rev": "Reverend",
    "Fr": "Father",
    "Supt": "Superintendent",
    "Atty": "Attorney",
    "Amb": "Ambassador",
    "Hon": "Honorable",
    "Cpl": "Corporal",
    "Pvt": "Private",
    "Brig": "Brigadier",
    "Ft": "Fort",
}
AFTER_NAME = {
    "Jr": "Junior",
    "Sr": "Senior",
    "Inc": "Inc",
    "Corp": "Corporation",
    "Ltd": "Limited",
    "Co": "Company",
    "Bros": "Brothers",
}
ABBREVIATIONS = {
    "vs.": "versus",
    "vs": "versus",
    "v.": "versus",
    "e.g.": "for example",
    "i.e.": "that is",
    "approx.": "approximately",
    "etc.": "et cetera",
    "est.": "estimated",
    "incl.": "including",
    "dept.": "department",
    "govt.": "government",
    "int'l": "international",
    "nat'l": "national",
    "aka": "also known as",
    "a.k.a.": "also known as",
}
_GATE_ABBR = re.compile(r"\b[A-Z][a-z]{0,4}\.")
_ABBREVIATION_RE = re.compile(
    r"(?<![\w.])("
    + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True))
    + r")(?=[\s,;:)]|$)"
)


def abbreviations(text: str) -> str:
    text = _ABBREVIATION_RE.sub(lambda m: ABBREVIATIONS[m.group(1)], text)
    if not _GATE_ABBR.search(text):
        return text
    titles = "|".join(TITLES)
    text = re.sub(
        r"\b(Lt|Maj|Brig)\.?\s+Gen\.(?=\s+[A-Z])",
        lambda m: f"{TITLES[m.group(1)]} General",
        text,
    )
    text = re.sub(r"\bAtty\.\s+Gen\.", "Attorney General", text)
    # St. before a name is Saint; after a name (or a number) it is Street
    text = re.sub(
        r"(?<=[A-Z][a-z]{2} )St\.(?=\s+[a-z]|[,;]|$)|(?<=[A-Z][a-z]{3} )St\.(?=\s+[a-z]|[,;]|$)",
        "Street",
        text,
    )
    text = re.sub(r"(?<=\w )St\.(?=\s+[a-z]|[,;]|$)", "Street", text)
    text = re.sub(r"\bSt\.\s?(?=[A-Z])", "Saint ", text)
    text = re.sub(rf"\b({titles})\.(?=\s+[A-Z])", lambda m: TITLES[m.group(1)], text)
    text = re.sub(r"\b(Jr|Sr|Inc|Corp|Ltd|Co|Bros)\.", lambda m: AFTER_NAME[m.group(1)], text)
    text = re.sub(r"\bAve\.", "Avenue", text)
    return re.sub(r"\bMt\.\s?", "Mount ", text)
