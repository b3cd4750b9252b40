"""Titles and abbreviations: 'Dr.', 'Lt. Gen.', 'St.' (Saint or Street), 'Inc.', 'e.g.', US states
in AP style ('Springfield, Ill.'), party tags ('D-N.Y.' 'Democrat of New York'), time zones after
a time ('9 a.m. PT' 'nine a.m. Pacific Time'), fiscal years ('FY2025'), 'def.' in results."""

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
    "Spc": "Specialist",
    "Pfc": "Private First Class",
    "Msgr": "Monsignor",
    "Sec": "Secretary",
    "Insp": "Inspector",
    "Det": "Detective",
    "Const": "Constable",
    "Comm": "Commissioner",
    "Ald": "Alderman",
    "Sens": "Senators",
    "Reps": "Representatives",
    "Govs": "Governors",
    "Drs": "Doctors",
    "Br": "Brother",
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
    "et al.": "and others",
    "et al": "and others",
    "viz.": "namely",
    "cf.": "compare",
    "ca.": "circa",
}
STATES = {  # AP-style abbreviations and postal codes
    "Ala.": "Alabama",
    "Ariz.": "Arizona",
    "Ark.": "Arkansas",
    "Calif.": "California",
    "Cal.": "California",
    "Colo.": "Colorado",
    "Conn.": "Connecticut",
    "Del.": "Delaware",
    "Fla.": "Florida",
    "Ga.": "Georgia",
    "Ill.": "Illinois",
    "Ind.": "Indiana",
    "Kan.": "Kansas",
    "Kans.": "Kansas",
    "Ky.": "Kentucky",
    "La.": "Louisiana",
    "Md.": "Maryland",
    "Mass.": "Massachusetts",
    "Mich.": "Michigan",
    "Minn.": "Minnesota",
    "Miss.": "Mississippi",
    "Mo.": "Missouri",
    "Mont.": "Montana",
    "Neb.": "Nebraska",
    "Nebr.": "Nebraska",
    "Nev.": "Nevada",
    "N.H.": "New Hampshire",
    "N.J.": "New Jersey",
    "N.M.": "New Mexico",
    "N.Y.": "New York",
    "N.C.": "North Carolina",
    "N.D.": "North Dakota",
    "Okla.": "Oklahoma",
    "Ore.": "Oregon",
    "Pa.": "Pennsylvania",
    "Penn.": "Pennsylvania",
    "R.I.": "Rhode Island",
    "S.C.": "South Carolina",
    "S.D.": "South Dakota",
    "Tenn.": "Tennessee",
    "Tex.": "Texas",
    "Vt.": "Vermont",
    "Va.": "Virginia",
    "Wash.": "Washington",
    "W.Va.": "West Virginia",
    "W. Va.": "West Virginia",
    "Wis.": "Wisconsin",
    "Wisc.": "Wisconsin",
    "Wyo.": "Wyoming",
}
POSTAL = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
}
STATE_NAMES = frozenset(STATES.values()) | frozenset(POSTAL.values())
PARTIES = {"D": "Democrat", "R": "Republican", "I": "independent"}
TIME_ZONES = {
    "ET": "Eastern Time",
    "PT": "Pacific Time",
    "CT": "Central Time",
    "MT": "Mountain Time",
    "EST": "Eastern Standard Time",
    "EDT": "Eastern Daylight Time",
    "PST": "Pacific Standard Time",
    "PDT": "Pacific Daylight Time",
    "CST": "Central Standard Time",
    "CDT": "Central Daylight Time",
    "MST": "Mountain Standard Time",
    "MDT": "Mountain Daylight Time",
    "AKST": "Alaska Standard Time",
    "HST": "Hawaii Standard Time",
    "GMT": "Greenwich Mean Time",
    "BST": "British Summer Time",
    "WET": "Western European Time",
    "CET": "Central European Time",
    "CEST": "Central European Summer Time",
    "EET": "Eastern European Time",
    "EEST": "Eastern European Summer Time",
    "MSK": "Moscow Time",
    "IST": "India Standard Time",
    "JST": "Japan Standard Time",
    "KST": "Korea Standard Time",
    "HKT": "Hong Kong Time",
    "SGT": "Singapore Time",
    "AEST": "Australian Eastern Standard Time",
    "AEDT": "Australian Eastern Daylight Time",
    "NZST": "New Zealand Standard Time",
    "NZDT": "New Zealand Daylight Time",
    "UTC": "U.T.C.",
}
_ZONE = "|".join(sorted(TIME_ZONES, key=len, reverse=True))
_TIME_ZONE = re.compile(
    r"(?:(?<=a\.m\. )|(?<=p\.m\. )|(?<=o'clock )|(?<=hundred )|(?<=\d )|(?<=noon )|(?<=night ))"
    rf"\(?({_ZONE})(?:/({_ZONE}))?\)?(?![\w/])"
)
_STATE = re.compile(
    r"(?<=[a-z], )("
    + "|".join(re.escape(a) for a in sorted(STATES, key=len, reverse=True))
    + r")(?=[\s,;:)]|$)"
)
_PARTY = re.compile(
    r"(?<![\w-])([DRI])-("
    + "|".join(re.escape(a) for a in sorted(STATES, key=len, reverse=True))
    + r"|[A-Z]{2}(?![\w.])|[A-Z][a-z]+(?: [A-Z][a-z]+)?)"
)
_GATE_ABBR = re.compile(
    r"\b[A-Z][a-z]{0,4}\.|\b[DRI]-[A-Z]|\bdef\b|(?:[ap]\.m\.|o'clock|hundred|noon|night|\d) [A-Z]{2}"
)
_ABBREVIATION_RE = re.compile(
    r"(?<![\w.])("
    + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True))
    + r")(?=[\s,;:)]|$)"
)


WEEKDAYS = {
    "Mon": "Monday",
    "Tue": "Tuesday",
    "Tues": "Tuesday",
    "Wed": "Wednesday",
    "Thu": "Thursday",
    "Thur": "Thursday",
    "Thurs": "Thursday",
    "Fri": "Friday",
    "Sat": "Saturday",
    "Sun": "Sunday",
}
_DAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_WEEKDAY_GATE = re.compile(rf"\b(?:{_DAY})\b")
_WEEKDAYS = re.compile(
    rf"\b({_DAY})\.?\s?[-–]\s?({_DAY})\b\.?"  # 'Mon–Fri'
    rf"|\b({_DAY})\.(?=,?\s(?:[A-Z][a-z]+|[a-z]+(?:-[a-z]+)?)\b)"  # 'Sat. ten to four'
    rf"|(?<!The )\b({_DAY})(?=,\s(?:the\s|January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\b)"  # 'Fri, 1 Feb 2002' (after the dates pass)
)


def _weekdays(m: re.Match[str]) -> str:
    if m.group(3) or m.group(4):
        return WEEKDAYS[m.group(3) or m.group(4)]
    return f"{WEEKDAYS[m.group(1)]} to {WEEKDAYS[m.group(2)]}"


def _party(m: re.Match[str]) -> str:
    state = m.group(2)
    name = STATES.get(state) or POSTAL.get(state) or (state if state in STATE_NAMES else None)
    return f"{PARTIES[m.group(1)]} of {name}" if name else m.group(0)


def _zone(m: re.Match[str]) -> str:
    first, second = TIME_ZONES[m.group(1)], m.group(2) and TIME_ZONES[m.group(2)]
    if second and first.endswith(" Time") and second.endswith(" Time"):
        return f"{first.removesuffix(' Time')} and {second}"
    return f"{first} and {second}" if second else first


_TITLE = re.compile(rf"\b({'|'.join(TITLES)})\.(?=\s+[A-Z])")
_GENERAL = re.compile(r"\b(Lt|Maj|Brig)\.?\s+Gen\.(?=\s+[A-Z])")
_STREET_AFTER = re.compile(
    r"(?<=[A-Z][a-z]{2} )St\.(?=\s+[a-z]|[,;]|$)|(?<=[A-Z][a-z]{3} )St\.(?=\s+[a-z]|[,;]|$)"
    r"|(?<=\w )St\.(?=\s+[a-z]|[,;]|$)"
)
_AFTER_NAME = re.compile(r"\b(Jr|Sr|Inc|Corp|Ltd|Co|Bros)\.")
_ZONE_GATE = re.compile(r"(?:[ap]\.m\.|o'clock|hundred|noon|night|\d) [A-Z]{2}")


def abbreviations(text: str) -> str:
    text = _ABBREVIATION_RE.sub(lambda m: ABBREVIATIONS[m.group(1)], text)
    if _WEEKDAY_GATE.search(text):
        text = _WEEKDAYS.sub(_weekdays, text)
    if not _GATE_ABBR.search(text):
        return text
    if "-" in text:
        text = _PARTY.sub(_party, text)
    if ", " in text:
        text = _STATE.sub(lambda m: STATES[m.group(1)], text)
    if _ZONE_GATE.search(text):
        text = _TIME_ZONE.sub(_zone, text)
    if "def." in text:
        text = re.sub(r"(?<=[A-Za-z] )def\.(?= [A-Z])", "defeated", text)  # 'Nadal def. Federer'
    if "." not in text:
        return text
    if "Rt." in text:
        text = re.sub(r"\bRt\.?\s+Hon\.", "Right Honorable", text)
    if "Gen." in text:
        text = _GENERAL.sub(lambda m: f"{TITLES[m.group(1)]} General", text)
        text = text.replace("Atty. Gen.", "Attorney General")
    if "St." in text:  # St. before a name is Saint; after a name (or a number) it is Street
        text = _STREET_AFTER.sub("Street", text)
        text = re.sub(r"\bSt\.\s?(?=[A-Z])", "Saint ", text)
    text = _TITLE.sub(lambda m: TITLES[m.group(1)], text)
    text = _AFTER_NAME.sub(lambda m: AFTER_NAME[m.group(1)], text)
    if "Ave." in text:
        text = re.sub(r"\bAve\.", "Avenue", text)
    if "Mt." in text:
        text = re.sub(r"\bMt\.\s?", "Mount ", text)
    return text
