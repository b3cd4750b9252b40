"""Normalization: a sentence as written -> the words a newsreader says.

A :class:`Normalizer` is configured once (language, lexicons) and then called per sentence. English
rules run in a fixed order, each a small regex pass: quotes and dashes, URLs and handles, the
pronunciation lexicon, dates, times, money, units and temperatures, years and ranges, ordinals,
fractions, numbers, abbreviations and titles, acronyms, Roman numerals, symbols. Numbers are spelled
by num2words. Other languages get only the language-neutral passes and num2words numbers in their
own language where num2words has it; no English rule is ever applied to them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from num2words import num2words

from .lexicon import Lexicon
from .models import primary_language

Rule = Callable[[str], str]

MONTHS = {
    "jan": "January",
    "feb": "February",
    "mar": "March",
    "apr": "April",
    "may": "May",
    "jun": "June",
    "jul": "July",
    "aug": "August",
    "sep": "September",
    "sept": "September",
    "oct": "October",
    "nov": "November",
    "dec": "December",
}
MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH_RE = "|".join(MONTH_NAMES)
_MONTH_ABBR_RE = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"

CURRENCIES = {  # symbol or code -> (singular, plural, cent singular, cent plural)
    "$": ("dollar", "dollars", "cent", "cents"),
    "US$": ("dollar", "dollars", "cent", "cents"),
    "NZ$": ("New Zealand dollar", "New Zealand dollars", "cent", "cents"),
    "A$": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "C$": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "HK$": ("Hong Kong dollar", "Hong Kong dollars", "cent", "cents"),
    "€": ("euro", "euros", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "₴": ("hryvnia", "hryvnias", "kopiyka", "kopiykas"),
    "¥": ("yen", "yen", "sen", "sen"),
    "₽": ("ruble", "rubles", "kopek", "kopeks"),
    "₹": ("rupee", "rupees", "paisa", "paise"),
    "USD": ("dollar", "dollars", "cent", "cents"),
    "EUR": ("euro", "euros", "cent", "cents"),
    "GBP": ("pound", "pounds", "penny", "pence"),
    "UAH": ("hryvnia", "hryvnias", "kopiyka", "kopiykas"),
}
SCALES = {
    "k": "thousand",
    "m": "million",
    "mn": "million",
    "bn": "billion",
    "b": "billion",
    "tn": "trillion",
    "t": "trillion",
    "thousand": "thousand",
    "million": "million",
    "billion": "billion",
    "trillion": "trillion",
}

UNITS = {  # unit -> (singular, plural)
    "km": ("kilometer", "kilometers"),
    "m": ("meter", "meters"),
    "cm": ("centimeter", "centimeters"),
    "mm": ("millimeter", "millimeters"),
    "mi": ("mile", "miles"),
    "ft": ("foot", "feet"),
    "kg": ("kilogram", "kilograms"),
    "g": ("gram", "grams"),
    "mg": ("milligram", "milligrams"),
    "lb": ("pound", "pounds"),
    "lbs": ("pound", "pounds"),
    "oz": ("ounce", "ounces"),
    "mph": ("mile per hour", "miles per hour"),
    "km/h": ("kilometer per hour", "kilometers per hour"),
    "kph": ("kilometer per hour", "kilometers per hour"),
    "l": ("liter", "liters"),
    "ml": ("milliliter", "milliliters"),
    "ha": ("hectare", "hectares"),
    "sq km": ("square kilometer", "square kilometers"),
    "km²": ("square kilometer", "square kilometers"),
    "MW": ("megawatt", "megawatts"),
    "GW": ("gigawatt", "gigawatts"),
    "kW": ("kilowatt", "kilowatts"),
    "kWh": ("kilowatt hour", "kilowatt hours"),
    "GB": ("gigabyte", "gigabytes"),
    "MB": ("megabyte", "megabytes"),
    "TB": ("terabyte", "terabytes"),
}

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

_URL = re.compile(
    r"\b(?:https?://|www\.)[^\s<>\"')\]]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|gov|edu|ua|uk|io|co|eu|de|fr|info|news)(?:/[^\s<>\"')\]]*)?(?=[\s,;:!?)\"']|\.?$|\.\s)",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"\b([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)\b")
_HANDLE = re.compile(r"(?<![\w@])@([A-Za-z_][A-Za-z0-9_]{1,30})\b")
_HASHTAG = re.compile(r"(?<![\w&])#([A-Za-z][A-Za-z0-9_]*)")
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
_HAS_NUMBER = re.compile(r"[\d½⅓⅔¼¾⅕⅛]")
# Cheap tests that let a pass skip a sentence it cannot change.
_GATE_DATE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|\d{4}-\d\d-\d\d|\d[/.]\d+[/.]\d"
)
_GATE_MIXED = re.compile(r"[A-Za-z]\d|\d[A-Z]")
_MIXED = re.compile(r"\b(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z\d]+\b")
_NUMBER_SUFFIX = re.compile(r"^\d+((?i:st|nd|rd|th|s|am|pm)|bn|k|m)$")
_GATE_TIME = re.compile(r"\d:\d|\d\s?[ap]\.?\s?m\b", re.IGNORECASE)
_GATE_MONEY = re.compile(r"[$€£₴¥₽₹]|\b(?:USD|EUR|GBP|UAH)\b")
_GATE_MEASURE = re.compile(
    r"°|\d\s?(?:[kcm]?m|mi|ft|k?g|mg|lbs?|oz|mph|kph|km/h|km²|l|ml|ha|sq|MW|GW|kWh?|[GMT]B)(?!\w)"
)
_GATE_YEAR = re.compile(r"\d{4}|\d0s\b")
_GATE_RANGE = re.compile(r"\d\s?[-–:]\s?\d")
_GATE_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)\b", re.IGNORECASE)
_GATE_FRACTION = re.compile(r"\d/\d|[½⅓⅔¼¾⅕⅛]")
_GATE_PERCENT = re.compile(r"%|\bper\s?cent\b")
_GATE_LINK = re.compile(
    r"[@#]|://|\bwww\.|\w\.(?:com|org|net|gov|edu|ua|uk|io|co|eu|de|fr|info|news)\b", re.IGNORECASE
)
_GATE_ABBR = re.compile(r"\b[A-Z][a-z]{0,4}\.")
_GATE_SYMBOL = re.compile(r"[&/+=%]|\.\.\.")
_ABBREVIATION_RE = re.compile(
    r"(?<![\w.])("
    + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True))
    + r")(?=[\s,;:)]|$)"
)
_YEAR_CUE = re.compile(
    r"\b(in|since|by|from|until|till|of|during|before|after|early|late|mid|year|summer|spring|"
    r"autumn|fall|winter|January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s+$",
    re.IGNORECASE,
)
COUNTED = (
    r"people|users|viewers|listeners|readers|customers|subscribers|followers|visitors|passengers|"
    r"residents|households|homes|jobs|votes|voters|children|adults|patients|cases|doses|deaths|"
    r"workers|members|students|tourists|refugees|migrants|copies|downloads|shares|barrels|tonnes|"
    r"tons|acres|hectares|years|pounds|dollars|euros|views|accounts|devices|units|vehicles|cars"
)
"""Nouns counted in millions after 'm' ('3m people'); otherwise 'm' after a number is meters."""
NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


def speak_domain(url: str) -> str:
    """'https://www.example.co.uk/a/b?c' -> 'example dot co dot uk' (a domain, never a path)."""
    host = urlsplit(url if "://" in url else f"http://{url}").hostname or url
    host = re.sub(r"^www\.", "", host)
    host = re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", " ", host)  # 'aice2022' -> 'aice 2022'
    return " dot ".join(host.split("."))


MAX_SPELLED_DIGITS = 15
"""Longer runs of digits are identifiers, read digit by digit (and int() refuses 4,300 digits)."""


def _num(value: str) -> float | int:
    value = value.replace(",", "")
    return float(value) if "." in value else int(value)


def cardinal(value: str | float, lang: str = "en") -> str:
    """Spell a number, US style ('one thousand two hundred thirty-four', no 'and', no commas).
    Past the trillions (an ID, a run of digits) it is read digit by digit."""
    if isinstance(value, str) and len(value.replace(",", "").split(".")[0]) > MAX_SPELLED_DIGITS:
        return digits(value.replace(",", ""))
    n = _num(value) if isinstance(value, str) else value
    words = num2words(n, lang=lang)
    if lang == "en":
        words = words.replace(",", "").replace(" and ", " ")
    return words


def ordinal(n: int, lang: str = "en") -> str:
    """'twenty-third'."""
    words = num2words(n, lang=lang, to="ordinal")
    return words.replace(",", "").replace(" and ", " ") if lang == "en" else words


def year(n: int) -> str:
    """'twenty twenty-four', 'nineteen ninety-nine', 'two thousand five', 'nineteen oh-five'."""
    if 2000 <= n <= 2009:
        return "two thousand" if n == 2000 else f"two thousand {cardinal(n - 2000)}"
    return num2words(n, to="year").replace(" and ", " ")


def digits(s: str) -> str:
    """Digit by digit: '0800' -> 'zero eight zero zero'."""
    return " ".join(cardinal(d) for d in s if d.isdigit())


FUNCTION_WORDS = {
    "of",
    "in",
    "on",
    "at",
    "to",
    "from",
    "and",
    "or",
    "per",
    "a",
    "an",
    "the",
    "each",
    "away",
    "long",
    "wide",
    "high",
    "deep",
    "tall",
    "worth",
    "more",
    "less",
    "over",
    "under",
    "for",
    "by",
    "with",
    "was",
    "were",
    "is",
    "are",
    "has",
    "have",
    "had",
    "will",
    "would",
    "into",
    "than",
    "as",
    "apiece",
    "overnight",
    "daily",
    "annually",
    "last",
    "this",
    "that",
    "ago",
    "later",
    "earlier",
    "off",
    "up",
    "down",
    "too",
    "below",
    "above",
    "across",
    "behind",
    "beyond",
    "north",
    "south",
    "east",
    "west",
    "inside",
    "outside",
    "left",
    "remaining",
    "total",
    "altogether",
    "so",
    "but",
}


def attributive(after: str) -> bool:
    """True when a measure is used as a modifier: '$15 minimum wage', '155mm shells'."""
    m = re.match(r"[\s-]+([a-z][a-z-]*)", after)
    return m is not None and m.group(1) not in FUNCTION_WORDS


def _plural(unit: tuple[str, str], amount: str, after: str = "") -> str:
    return unit[0] if amount in ("1", "one") or attributive(after) else unit[1]


class Normalizer:
    """Turns one sentence as written into the words to be spoken."""

    def __init__(self, language: str = "en", lexicons: Iterable[Lexicon] = ()) -> None:
        self.language = primary_language(language) or "en"
        self.lexicons = list(lexicons)
        self.abbreviations = frozenset(
            word[:-1].lower()
            for lex in self.lexicons
            for key, _ in lex.entries
            for word in key.split()
            if word.endswith(".") and len(word) > 1
        )
        """Words the lexicons expand that end in a full stop ('Mio', 'z.B'): not sentence ends."""
        self.rules: list[Rule] = [self._punctuation, self._links]
        if self.language == "en":
            self.rules.append(self._phones)
        self.rules.extend(lex.apply for lex in self.lexicons)
        if self.language == "en":
            self.rules += [
                self._numeric,
                self._abbreviations,
                self._acronyms,
                self._roman,
                self._symbols,
            ]
        else:
            self.rules += [self._foreign_numbers]
        self.rules.append(self._tidy)

    def __call__(self, text: str) -> str:
        original = text.strip()
        for rule in self.rules:
            text = rule(text)
        if text and original[:1].isdigit():
            text = text[:1].upper() + text[1:]
        if original.endswith((".", "!", "?")) and text and text[-1] not in ".!?\"'":
            text += "."
        return text

    # ---------------------------------------------------------------- language-neutral passes

    @staticmethod
    def _punctuation(text: str) -> str:
        text = text.translate(_PUNCT)
        if (
            "/" in text or "[" in text
        ):  # '(pronounced /ˌaʊtɛəˈroʊ.ə/)': a transcription is for the eye
            text = re.sub(r"\s*\(\s*\)", "", _IPA.sub("", text))
        text = text.replace("…", "...")
        text = re.sub(r"\s*(?:—|–|--)\s*(?=\D|$)", ", ", text)  # dashes as pauses (ranges kept)
        text = re.sub(r"(?<=\D)\s+–\s+", ", ", text)
        text = re.sub(r"\s*\(([^()]*)\)", r", \1,", text)  # parentheses as pauses
        text = re.sub(r"\[\d+\]|\[citation needed\]", "", text)  # footnote markers
        return text

    @staticmethod
    def _links(text: str) -> str:
        if not _GATE_LINK.search(text):
            return text
        text = _EMAIL.sub(
            lambda m: f"{m.group(1).replace('.', ' dot ')} at {speak_domain(m.group(2))}", text
        )
        text = _URL.sub(lambda m: speak_domain(m.group(0).rstrip(".,;:")), text)
        text = _HANDLE.sub(lambda m: f"at {m.group(1).replace('_', ' ')}", text)
        text = _HASHTAG.sub(lambda m: f"hashtag {m.group(1)}", text)
        return text

    def _numeric(self, text: str) -> str:
        """Every pass that reads digits; skipped for the many sentences that have none."""
        if not _HAS_NUMBER.search(text):
            return text
        for gate, rule in (
            (_GATE_MIXED, self._alphanumeric),
            (_GATE_DATE, self._dates),
            (_GATE_TIME, self._times),
            (_GATE_MONEY, self._money),
            (_GATE_MEASURE, self._measures),
            (_GATE_YEAR, self._years),
            (_GATE_RANGE, self._ranges),
            (_GATE_ORDINAL, self._ordinals),
            (_GATE_FRACTION, self._fractions),
            (_GATE_PERCENT, self._percent),
            (None, self._numbers),
        ):
            if gate is None or gate.search(text):
                text = rule(text)
        return text

    @staticmethod
    def _phones(text: str) -> str:
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
            r"(?<![\w.,:/-])0\d+\b(?![:./]\d)|(?<![\w.,])\d{5,}(?![\d,.]\d)",
            lambda m: digits(m.group(0)),
            text,
        )

    def _foreign_numbers(self, text: str) -> str:
        def spell(m: re.Match[str]) -> str:
            try:
                n = _num(m.group(0).replace(",", ""))
                if self.language == "de" and isinstance(n, int) and 1100 <= n <= 1999:
                    return num2words(n, lang="de", to="year")  # 'neunzehnhundertneunundneunzig'
                return num2words(n, lang=self.language)
            except (NotImplementedError, OverflowError, ValueError):
                return m.group(0)

        if self.language == "de":
            text = _german_dates(text)
        elif self.language == "pl":
            text = _polish_dates(text)
        # Only a plain whole number: a date (19.10.2019), a time (15:30), a decimal (12,5), a
        # grouped number (1.200, 1 200), an ordinal ('3. Oktober') or an amount ($300) is left to
        # espeak-ng, which reads those in the voice's language.
        return re.sub(
            r"(?<![\w.,:/$€£¥₽₴])(?<!\d\s)\d+(?![\w]|[.,:/]\d|\.\s|\s\d{3}\b)", spell, text
        )

    @staticmethod
    def _tidy(text: str) -> str:
        text = re.sub(r"\s+([,.;:!?])", r"\1", text)
        text = re.sub(r",\s*,+", ",", text)
        text = re.sub(r"^[,\s]+", "", text)
        text = re.sub(r",(\s*[.!?])", r"\1", text)
        text = re.sub(r"(?<!\.)\.\.(?!\.)", ".", text)
        return re.sub(r"\s+", " ", text).strip()

    # ---------------------------------------------------------------- English passes

    @staticmethod
    def _alphanumeric(text: str) -> str:
        """Letters and digits in one name are read apart: 'G7' -> 'G 7', 'H1N1' -> 'H 1 N 1',
        'PS5', 'M25', '5G'; a number with its unit or suffix ('5km', '3pm', '21st', '1990s')
        is left to the passes that read those."""

        def split(m: re.Match[str]) -> str:
            word = m.group(0)
            lead = re.match(r"\d+", word)
            if lead and (_NUMBER_SUFFIX.match(word) or word[lead.end() :] in UNITS):
                return word
            return re.sub(r"(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])", " ", word)

        return _MIXED.sub(split, text)

    @staticmethod
    def _dates(text: str) -> str:
        def month_day(month: str, day: str, yr: str | None) -> str:
            spoken = f"{month} {ordinal(int(day))}"
            return f"{spoken}, {year(int(yr))}" if yr else spoken

        # Oct. 23 / Oct.24 / Sept. 1, 2023 / October 23, 2024
        text = re.sub(
            rf"\b({_MONTH_ABBR_RE})\.?\s*(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?",
            lambda m: month_day(MONTHS[m.group(1).lower()], m.group(2), m.group(3)),
            text,
        )
        text = re.sub(
            rf"\b({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?",
            lambda m: month_day(m.group(1), m.group(2), m.group(3)),
            text,
        )
        # 23 October 2024 / 1st of May (day-month order, non-US sites)
        text = re.sub(
            rf"(?<!\bthe )(?<!\bThe )\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE}|{_MONTH_ABBR_RE}\.?)(?:,?\s+(\d{{4}})\b)?",
            lambda m: (
                f"the {ordinal(int(m.group(1)))} of {MONTHS[m.group(2)[:3].lower()] if len(m.group(2).rstrip('.')) <= 4 else m.group(2)}"
                + (f", {year(int(m.group(3)))}" if m.group(3) else "")
            ),
            text,
        )
        # Month-abbreviation alone before a year: 'Sept. 2023'
        text = re.sub(
            rf"\b({_MONTH_ABBR_RE})\.\s+(?=\d{{4}}\b)",
            lambda m: MONTHS[m.group(1).lower()] + " ",
            text,
        )

        # 13/07/2020 and 7/13/2020: the order is clear when one number is over 12; when both
        # could be the month (04/07/2020), the numbers are read as written, not guessed.
        def numeric(m: re.Match[str], day_first: bool = False) -> str:
            a, b, y = int(m.group(1)), int(m.group(2)), m.group(3)
            short = "oh " + cardinal(int(y)) if int(y) < 10 else cardinal(int(y))
            yr = year(int(y)) if len(y) == 4 else short
            if (12 < a <= 31 or day_first) and 1 <= b <= 12:
                return f"the {ordinal(a)} of {MONTH_NAMES[b - 1]}, {yr}"
            if 12 < b <= 31 and 1 <= a <= 12:
                return f"{MONTH_NAMES[a - 1]} {ordinal(b)}, {yr}"
            return f"{cardinal(a)} slash {cardinal(b)} slash {yr}"

        text = re.sub(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])", numeric, text)
        # 19.10.2019: written with dots, the day comes first
        text = re.sub(
            r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d|\.\d)", lambda m: numeric(m, True), text
        )
        # a version or section number: 1.2.3
        text = re.sub(
            r"(?<![\d.])\d+(?:\.\d+){2,}(?!\d|\.\d)",
            lambda m: " point ".join(cardinal(int(p)) for p in m.group(0).split(".")),
            text,
        )
        # ISO 8601 dates
        text = re.sub(
            r"\b(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b",
            lambda m: (
                f"{MONTH_NAMES[int(m.group(2)) - 1]} {ordinal(int(m.group(3)))}, {year(int(m.group(1)))}"
            ),
            text,
        )
        return text

    @staticmethod
    def _times(text: str) -> str:
        def clock(h: int, m: int, suffix: str | None) -> str:
            if suffix:
                hour = cardinal(h)
                minutes = "" if m == 0 else (f" oh {cardinal(m)}" if m < 10 else f" {cardinal(m)}")
                return f"{hour}{minutes} {'a.m.' if suffix.lower().startswith('a') else 'p.m.'}"
            if m == 0:
                return f"{cardinal(h)} hundred" if h >= 13 or h == 0 else f"{cardinal(h)} o'clock"
            lead = f"oh {cardinal(h)}" if h < 10 and h > 0 else ("zero" if h == 0 else cardinal(h))
            return f"{lead} {'oh ' + cardinal(m) if m < 10 else cardinal(m)}"

        text = re.sub(
            r"\b(\d{1,2}):(\d{2})\s*([ap])\.?\s?m\b\.?",
            lambda m: clock(int(m.group(1)), int(m.group(2)), m.group(3)),
            text,
            flags=re.IGNORECASE,
        )
        text = re.sub(
            r"\b(\d{1,2})\s*([ap])\.?m\.?(?=[\s,;!?)–-]|$)",
            lambda m: f"{cardinal(m.group(1))} {'a.m.' if m.group(2).lower() == 'a' else 'p.m.'}",
            text,
            flags=re.IGNORECASE,
        )
        text = re.sub(
            r"\b([01]?\d|2[0-3]):([0-5]\d)\b(?!:\d)",
            lambda m: clock(int(m.group(1)), int(m.group(2)), None),
            text,
        )
        return re.sub(r"([ap]\.m\.)\s?[-–]\s?(?=\w)", r"\1 to ", text)  # '11am-4pm'

    @staticmethod
    def _money(text: str) -> str:
        symbols = "|".join(re.escape(s) for s in sorted(CURRENCIES, key=len, reverse=True))
        scale_re = r"(?:\s*(bn|mn|tn|k|m|b|t)\b|\s+(thousand|million|billion|trillion)\b)?"

        def say(cur: str, amount: str, short: str | None, long: str | None, after: str = "") -> str:
            one, many, cent, cents = CURRENCIES[cur]
            if attributive(after):
                many = one
            scale = SCALES.get((short or long or "").lower())
            if scale:
                return f"{cardinal(amount)} {scale} {many}"
            whole, _, frac = amount.replace(",", "").partition(".")
            w = int(whole or 0)
            unit = one if w == 1 else many
            if frac and int(frac[:2].ljust(2, "0")):
                c = int(frac[:2].ljust(2, "0"))
                cent_word = cent if c == 1 else cents
                if w == 0:
                    return f"{cardinal(c)} {cent_word}"
                return f"{cardinal(w)} {unit} and {cardinal(c)} {cent_word}"
            return f"{cardinal(w)} {unit}"

        # a range: '$12–16k', '£5-10 million'
        def span(m: re.Match[str]) -> str:
            scale = SCALES.get((m.group(4) or m.group(5) or "").lower())
            many = CURRENCIES[m.group(1)][1]
            return f"{cardinal(m.group(2))} to {cardinal(m.group(3))}{' ' + scale if scale else ''} {many}"

        text = re.sub(
            rf"(?<![\w$])({symbols})\s?({NUM})\s?[-–]\s?(?:{symbols})?({NUM}){scale_re}", span, text
        )
        text = re.sub(
            rf"(?<![\w$])({symbols})\s?({NUM}){scale_re}",
            lambda m: say(m.group(1), m.group(2), m.group(3), m.group(4), m.string[m.end() :]),
            text,
        )
        # amounts written after: '100 UAH', '5 EUR'
        text = re.sub(
            rf"\b({NUM}){scale_re}\s+(USD|EUR|GBP|UAH)\b",
            lambda m: say(m.group(4), m.group(1), m.group(2), m.group(3)),
            text,
        )
        return text

    @staticmethod
    def _measures(text: str) -> str:
        def temp(m: re.Match[str]) -> str:
            sign, amount, scale = m.group(1), m.group(2), m.group(3).upper()
            words = cardinal(amount)
            if sign:
                words = f"minus {words}"
            unit = "degree" if amount == "1" else "degrees"
            return f"{words} {unit} {'Celsius' if scale == 'C' else 'Fahrenheit'}"

        text = re.sub(r"(?<![\w-])([-−]?)(\d+(?:\.\d+)?)\s?°\s?([CF])\b", temp, text)
        text = re.sub(
            r"(\d+(?:\.\d+)?)\s?°(?![CF])",
            lambda m: (
                f"{cardinal(m.group(1))} {_plural(('degree', 'degrees'), m.group(1), m.string[m.end() :])}"
            ),
            text,
        )
        # '3m people' counts millions; '100m sprint' is meters
        text = re.sub(
            rf"(?<![\w.])({NUM})m(?=\s+(?:{COUNTED})\b)",
            lambda m: f"{cardinal(m.group(1))} million",
            text,
        )
        units = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
        text = re.sub(
            rf"(?<![\w.])({NUM})\s?({units})(?![\w/²])",
            lambda m: (
                f"{cardinal(m.group(1))} {_plural(UNITS[m.group(2)], m.group(1), m.string[m.end() :])}"
            ),
            text,
        )
        return text

    @staticmethod
    def _years(text: str) -> str:
        # decades: 1990s, the '90s
        text = re.sub(
            r"\b(1[0-9]|20)(\d)0s\b", lambda m: _decade(int(m.group(1) + m.group(2) + "0")), text
        )
        text = re.sub(
            r"(?<![\w.,])'?([1-9])0s\b",
            lambda m: _decade(1900 + int(m.group(1)) * 10).split(" ", 1)[1],
            text,
        )
        # year ranges: 2022–2024, 2022-24, the 2020/21 season
        text = re.sub(
            r"\b(1[5-9]\d\d|20\d\d)\s?[-–/]\s?(1[5-9]\d\d|20\d\d|\d\d)\b",
            lambda m: (
                f"{year(int(m.group(1)))} to {year(int(m.group(2)) if len(m.group(2)) == 4 else int(m.group(1)[:2] + m.group(2)))}"
            ),
            text,
        )

        # a plain four-digit year, unless it counts something ('2000 troops')
        def plain(m: re.Match[str]) -> str:
            before = text[max(0, m.start() - 12) : m.start()]
            counted = re.match(r"\s+[a-z]+s\b", text[m.end() :])
            if counted and not _YEAR_CUE.search(before):
                return m.group(0)
            return year(int(m.group(1)))

        return re.sub(
            r"(?<![\w.,$€£#-])(1[1-9]\d\d|20\d\d)(?![\w%°]|[.,]\d|\s?[-–]\s?\d)", plain, text
        )

    @staticmethod
    def _ranges(text: str) -> str:
        def score(m: re.Match[str]) -> str:
            return f"{m.group(1)}{cardinal(m.group(2))}-{cardinal(m.group(3))}"

        text = re.sub(
            r"\b((?:won|lost|beat|beating|drew|draw|defeated|victory|defeat|win|loss|score[ds]?)\s+(?:\w+\s+)?)"
            r"(\d{1,2})-(\d{1,2})\b",
            score,
            text,
            flags=re.IGNORECASE,
        )
        text = re.sub(
            r"\b(\d{1,2}):(\d{1,2})\s+(ratio|majority)",
            lambda m: f"{cardinal(m.group(1))} to {cardinal(m.group(2))} {m.group(3)}",
            text,
        )
        text = re.sub(
            r"(?<![\w.:])(\d{1,2}):(\d{1,2})(?![\d:])",
            lambda m: f"{cardinal(m.group(1))} to {cardinal(m.group(2))}",
            text,
        )
        return re.sub(
            rf"(?<![\w.-])({NUM})\s?[-–]\s?({NUM})(?![\w.]\d)",
            lambda m: f"{m.group(1)} to {m.group(2)}",
            text,
        )

    @staticmethod
    def _ordinals(text: str) -> str:
        return re.sub(
            r"\b(\d+)(st|nd|rd|th)\b", lambda m: ordinal(int(m.group(1))), text, flags=re.IGNORECASE
        )

    @staticmethod
    def _fractions(text: str) -> str:
        vulgar = {
            "½": (1, 2),
            "⅓": (1, 3),
            "⅔": (2, 3),
            "¼": (1, 4),
            "¾": (3, 4),
            "⅕": (1, 5),
            "⅛": (1, 8),
        }

        def frac(num: int, den: int) -> str:
            if den == 2:
                return "one half" if num == 1 else f"{cardinal(num)} halves"
            if den == 4:
                return "one quarter" if num == 1 else f"{cardinal(num)} quarters"
            name = ordinal(den)
            return f"{cardinal(num)} {name}{'' if num == 1 else 's'}"

        text = re.sub(
            r"(\d+)\s?([½⅓⅔¼¾⅕⅛])",
            lambda m: f"{cardinal(m.group(1))} and {frac(*vulgar[m.group(2)])}",
            text,
        )
        text = re.sub(r"[½⅓⅔¼¾⅕⅛]", lambda m: frac(*vulgar[m.group(0)]), text)
        text = re.sub(r"\b24/7\b", "twenty-four seven", text)
        return re.sub(
            r"(?<![\w/])([1-9])/([2-9]|1[0-2])(?![\w/])",
            lambda m: frac(int(m.group(1)), int(m.group(2))),
            text,
        )

    @staticmethod
    def _percent(text: str) -> str:
        text = re.sub(
            rf"({NUM})\s?%\s?(?:to|-|–)\s?({NUM})\s?%",
            lambda m: f"{m.group(1)} to {m.group(2)} percent",
            text,
        )
        text = re.sub(
            rf"({NUM})\s?(?:%|per cent\b|percent\b)", lambda m: f"{m.group(1)} percent", text
        )
        return text

    @staticmethod
    def _numbers(text: str) -> str:
        # number signs: No. 2, #1
        text = re.sub(r"\bNo\.\s?(\d+)", lambda m: f"number {cardinal(m.group(1))}", text)
        text = re.sub(r"\bNos\.\s?(\d+)", lambda m: f"numbers {cardinal(m.group(1))}", text)
        text = re.sub(r"(?<![\w&])#(\d+)", lambda m: f"number {cardinal(m.group(1))}", text)
        text = re.sub(r"(\d)\+(?=\s|$|[,.;])", r"\1 plus", text)
        # '3x the price', '50x the average'
        text = re.sub(rf"(?<![\w.])({NUM})x\b", lambda m: f"{cardinal(m.group(1))} times", text)
        text = re.sub(
            r"\b(480|720|1080|1440|2160)p\b",
            lambda m: (
                {
                    "480": "four eighty",
                    "720": "seven twenty",
                    "1080": "ten eighty",
                    "1440": "fourteen forty",
                    "2160": "twenty-one sixty",
                }[m.group(1)]
                + " p"
            ),
            text,
        )
        # 'HTTP 500s', 'the over 65s'
        text = re.sub(r"(?<![\w.,'])(\d+)s\b", lambda m: _plural_number(cardinal(m.group(1))), text)
        # '1.5bn people', '2tn yen': the scale without a currency sign
        text = re.sub(
            rf"(?<![\w.])({NUM})\s?(bn|tn)\b",
            lambda m: f"{cardinal(m.group(1))} {SCALES[m.group(2)]}",
            text,
        )
        # emergency numbers are dialled digit by digit
        text = re.sub(
            r"\b((?:call|dial|ring)(?:s|ed|ing)?\s+)(911|999|112|000)\b",
            lambda m: m.group(1) + digits(m.group(2)),
            text,
            flags=re.IGNORECASE,
        )
        # negatives
        text = re.sub(rf"(?<![\w.])-({NUM})\b", lambda m: f"minus {cardinal(m.group(1))}", text)
        # decimals and grouped numbers
        text = re.sub(rf"(?<![\w.]){NUM}(?![\w]|\.\d)", lambda m: cardinal(m.group(0)), text)
        return text

    @staticmethod
    def _abbreviations(text: str) -> str:
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

    @staticmethod
    def _acronyms(text: str) -> str:
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

    @staticmethod
    def _roman(text: str) -> str:
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

        return re.sub(
            r"\b([A-Z][a-z]+)\s+(X{0,2}(?:IX|IV|V?I{1,3}|V|X)|XX|X)(?![\w'])", regnal, text
        )

    @staticmethod
    def _symbols(text: str) -> str:
        if not _GATE_SYMBOL.search(text):
            return text
        text = re.sub(r"\s&\s|&", " and ", text)
        text = re.sub(r"\band/or\b", "and or", text)
        text = re.sub(r"\beither/or\b", "either-or", text)
        text = re.sub(
            r"(?<=[A-Za-z][a-z])/(?=[a-z]{2})", " or ", text
        )  # 'friends/acquaintances/strangers'
        text = re.sub(
            r"(?<=[a-z])\s/\s(?=[a-z])", " or ", text
        )  # 'wheelchairs / mobility scooters'
        text = re.sub(r"(?<=\w)\s/\s(?=[A-Z])", ", ", text)  # 'Facebook / Instagram'

        text = re.sub(r"\b([A-Z][\w.]*)/([A-Z]\w*)\b", r"\1, \2", text)
        text = re.sub(r"\s\+\s", " plus ", text)
        text = re.sub(r"\s=\s", " equals ", text)
        text = text.replace("%", " percent")
        text = re.sub(r"\.{3,}", "...", text)
        return text


_GERMAN_MONTHS = (
    "Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
)


def _german_dates(text: str) -> str:
    """'am 3. Oktober' -> 'am dritten Oktober', 'der 3. Oktober' -> 'der dritte Oktober': the
    ordinal of a date, declined after the prepositions that take the dative."""

    def day(m: re.Match[str]) -> str:
        before, number, month = m.group(1) or "", int(m.group(2)), m.group(3)
        if not 1 <= number <= 31:
            return m.group(0)
        word = num2words(number, lang="de", to="ordinal")
        ending = ""
        if re.search(r"\b(am|vom|zum|im|beim|dem|den|bis)\s+$", before, re.IGNORECASE):
            ending = "n"  # am dritten Oktober
        elif re.search(r"\b(seit|ab)\s+$", before, re.IGNORECASE):
            ending = "m"  # seit drittem Oktober
        return f"{before}{word}{ending} {month}"

    return re.sub(rf"(\b\w+\s+)?\b(\d{{1,2}})\.\s+({_GERMAN_MONTHS})\b", day, text)


_POLISH_MONTHS = (
    "stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|"
    "października|listopada|grudnia"
)


def _polish_genitive(number: int) -> str:
    """'dwudziesty pierwszy' -> 'dwudziestego pierwszego': an ordinal in the genitive, as Polish
    dates are read ('tysiąc' and 'dwa tysiące' stay as they are)."""
    words = num2words(number, lang="pl", to="ordinal").split()
    return " ".join(
        w[:-1] + "ego" if w.endswith("y") else w + "ego" if w.endswith("i") else w for w in words
    )


def _polish_dates(text: str) -> str:
    """'20 października 2020 r.' -> 'dwudziestego października dwa tysiące dwudziestego roku'."""

    def date(m: re.Match[str]) -> str:
        day, month, yr, suffix = int(m.group(1)), m.group(2), m.group(3), m.group(4)
        if not 1 <= day <= 31:
            return m.group(0)
        spoken = f"{_polish_genitive(day)} {month}"
        if yr:
            spoken += f" {_polish_genitive(int(yr))}" + (" roku" if suffix else "")
        return spoken

    return re.sub(
        rf"(?<![\d.,])(\d{{1,2}})\s+({_POLISH_MONTHS})\b(?:\s+(\d{{4}})(\s*(?:r\.|roku\b))?)?",
        date,
        text,
    )


def _plural_number(words: str) -> str:
    """'sixty-five' -> 'sixty-fives', 'six' -> 'sixes', 'twenty' -> 'twenties'."""
    if words.endswith("y"):
        return words[:-1] + "ies"
    return words + ("es" if words.endswith(("x", "s")) else "s")


def _decade(start: int) -> str:
    """1990 -> 'nineteen nineties', 2000 -> 'two thousands', 1900 -> 'nineteen hundreds'."""
    if start % 100 == 0:
        return f"{cardinal(start // 100)} hundreds" if start != 2000 else "two thousands"
    tens = {
        10: "tens",
        20: "twenties",
        30: "thirties",
        40: "forties",
        50: "fifties",
        60: "sixties",
        70: "seventies",
        80: "eighties",
        90: "nineties",
    }[start % 100]
    return f"{cardinal(start // 100)} {tens}"
