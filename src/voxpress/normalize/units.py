"""Measures after a number: '5 km', '77°F', '-10°C', '155mm shells', '3m people'."""

from __future__ import annotations

import re

from .words import NUM, cardinal, plural

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
    "PB": ("petabyte", "petabytes"),
    "KB": ("kilobyte", "kilobytes"),
    "kB": ("kilobyte", "kilobytes"),
    "bps": ("bit per second", "bits per second"),
    "Mbps": ("megabit per second", "megabits per second"),
    "Gbps": ("gigabit per second", "gigabits per second"),
    "kbps": ("kilobit per second", "kilobits per second"),
    "Kbps": ("kilobit per second", "kilobits per second"),
    "Tbps": ("terabit per second", "terabits per second"),
    "MB/s": ("megabyte per second", "megabytes per second"),
    "GB/s": ("gigabyte per second", "gigabytes per second"),
    "Hz": ("hertz", "hertz"),
    "kHz": ("kilohertz", "kilohertz"),
    "KHz": ("kilohertz", "kilohertz"),
    "khz": ("kilohertz", "kilohertz"),
    "MHz": ("megahertz", "megahertz"),
    "Mhz": ("megahertz", "megahertz"),
    "mhz": ("megahertz", "megahertz"),
    "GHz": ("gigahertz", "gigahertz"),
    "Ghz": ("gigahertz", "gigahertz"),
    "ghz": ("gigahertz", "gigahertz"),
    "THz": ("terahertz", "terahertz"),
    "mAh": ("milliamp hour", "milliamp hours"),
    "Wh": ("watt hour", "watt hours"),
    "MWh": ("megawatt hour", "megawatt hours"),
    "GWh": ("gigawatt hour", "gigawatt hours"),
    "TWh": ("terawatt hour", "terawatt hours"),
    "TW": ("terawatt", "terawatts"),
    "hp": ("horsepower", "horsepower"),
    "bhp": ("brake horsepower", "brake horsepower"),
    "dB": ("decibel", "decibels"),
    "dBA": ("decibel", "decibels"),
    "fps": ("frame per second", "frames per second"),
    "rpm": ("revolution per minute", "revolutions per minute"),
    "RPM": ("revolution per minute", "revolutions per minute"),
    "psi": ("pound per square inch", "pounds per square inch"),
    "kPa": ("kilopascal", "kilopascals"),
    "hPa": ("hectopascal", "hectopascals"),
    "m/s": ("meter per second", "meters per second"),
    "nm": ("nanometer", "nanometers"),
    "µm": ("micrometer", "micrometers"),
    "μm": ("micrometer", "micrometers"),
    "yd": ("yard", "yards"),
    "yds": ("yard", "yards"),
    "sq ft": ("square foot", "square feet"),
    "sq. ft.": ("square foot", "square feet"),
    "sq. ft": ("square foot", "square feet"),
    "sqft": ("square foot", "square feet"),
    "ft²": ("square foot", "square feet"),
    "sq m": ("square meter", "square meters"),
    "sq. m": ("square meter", "square meters"),
    "m²": ("square meter", "square meters"),
    "m³": ("cubic meter", "cubic meters"),
    "sq mi": ("square mile", "square miles"),
    "sq. mi.": ("square mile", "square miles"),
    "mL": ("milliliter", "milliliters"),
    "L": ("liter", "liters"),
    "cc": ("cc", "cc"),
    "gal": ("gallon", "gallons"),
    "fl oz": ("fluid ounce", "fluid ounces"),
    "µg": ("microgram", "micrograms"),
    "mcg": ("microgram", "micrograms"),
    "tsp": ("teaspoon", "teaspoons"),
    "tbsp": ("tablespoon", "tablespoons"),
    "Tbsp": ("tablespoon", "tablespoons"),
    "kcal": ("kilocalorie", "kilocalories"),
    "ms": ("millisecond", "milliseconds"),
    "ns": ("nanosecond", "nanoseconds"),
    "sec": ("second", "seconds"),
    "secs": ("second", "seconds"),
    "min": ("minute", "minutes"),
    "mins": ("minute", "minutes"),
    "hr": ("hour", "hours"),
    "hrs": ("hour", "hours"),
    "ppm": ("part per million", "parts per million"),
    "ppb": ("part per billion", "parts per billion"),
    "mpg": ("mile per gallon", "miles per gallon"),
    "MPG": ("mile per gallon", "miles per gallon"),
    "Nm": ("newton meter", "newton meters"),
    "kN": ("kilonewton", "kilonewtons"),
    "mg/dL": ("milligram per deciliter", "milligrams per deciliter"),
    "kg/m²": ("kilogram per square meter", "kilograms per square meter"),
    "µg/m³": ("microgram per cubic meter", "micrograms per cubic meter"),
    "μg/m³": ("microgram per cubic meter", "micrograms per cubic meter"),
}
PER = {  # '$9.99/mo': what follows the slash -> how it is said
    "mo": "a month",
    "month": "a month",
    "yr": "a year",
    "year": "a year",
    "hr": "an hour",
    "hour": "an hour",
    "h": "an hour",
    "day": "a day",
    "night": "a night",
    "wk": "a week",
    "week": "a week",
    "person": "per person",
    "pp": "per person",
    "share": "a share",
    "user": "per user",
    "seat": "per seat",
    "unit": "per unit",
    "kg": "a kilogram",
    "lb": "a pound",
    "gal": "a gallon",
    "gallon": "a gallon",
    "l": "a liter",
    "litre": "a liter",
    "liter": "a liter",
    "barrel": "a barrel",
    "bbl": "a barrel",
    "ton": "a ton",
    "tonne": "a tonne",
    "t": "a tonne",
    "MWh": "per megawatt hour",
    "kWh": "per kilowatt hour",
    "sq ft": "per square foot",
    "sqft": "per square foot",
    "m²": "per square meter",
    "oz": "an ounce",
}
_PER_RE = "|".join(re.escape(p) for p in sorted(PER, key=len, reverse=True))
ALONE = (
    "km",
    "kg",
    "mg",
    "lb",
    "lbs",
    "oz",
    "ft",
    "mph",
    "kph",
    "km/h",
    "kWh",
    "MWh",
    "GWh",
    "TWh",
    "kW",
    "mAh",
    "Wh",
    "Hz",
    "kHz",
    "KHz",
    "MHz",
    "GHz",
    "dB",
    "Mbps",
    "Gbps",
    "kbps",
    "fps",
    "rpm",
    "psi",
    "mpg",
    "sq ft",
    "m²",
    "km²",
    "µg",
    "mcg",
    "tsp",
    "tbsp",
    "kcal",
    "mm",
    "cm",
    "ml",
    "mL",
)
"""Units said as words even without a number before them ('per kWh', 'in dB')."""
_ALONE_GATE = re.compile(r"[kKMG]Hz|[kMGT]Wh|dB|mph|km|kg|Mbps|Gbps|mAh|psi|mpg|tsp|tbsp|kcal|fps")
_ALONE = re.compile(
    r"(?<![\w/.])(?:(per|a|an|each|every|one)\s|(?<=\w)/)?("
    + "|".join(re.escape(u) for u in sorted(ALONE, key=len, reverse=True))
    + r")(?![\w/²]|\.\w)"
)
_WEATHER = re.compile(
    r"(?i)temperat|heat|hot\b|cold|warm|cool|freez|degree|weather|forecast|\bhighs?\b|\blows?\b"
)
ATTACHED = {  # written against the number only: '12V', '60W', '48MP', '24h'
    "V": ("volt", "volts"),
    "W": ("watt", "watts"),
    "MP": ("megapixel", "megapixels"),
    "h": ("hour", "hours"),
    "mo": ("month", "months"),
    "yr": ("year", "years"),
    "yrs": ("year", "years"),
    "x": ("times", "times"),
}
_UNITS_RE = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
GATE = re.compile(
    rf"°|\d[CF]\b|\d['\"]|\b(?:{'|'.join(re.escape(u) for u in ALONE)})\b|\d\s?(?:{_UNITS_RE})(?![\w²³])|\d(?:{'|'.join(ATTACHED)})\b"
)
"""A number with a unit after it: what lets the pass skip a sentence without one."""
COUNTED = (
    r"people|users|viewers|listeners|readers|customers|subscribers|followers|visitors|passengers|"
    r"residents|households|homes|jobs|votes|voters|children|adults|patients|cases|doses|deaths|"
    r"workers|members|students|tourists|refugees|migrants|copies|downloads|shares|barrels|tonnes|"
    r"tons|acres|hectares|years|pounds|dollars|euros|views|accounts|devices|units|vehicles|cars"
)
"""Nouns counted in millions after 'm' ('3m people'); otherwise 'm' after a number is meters."""
COUNTED_NOUN = re.compile(
    rf"(?:{COUNTED}|troops|soldiers|civilians|drones|missiles|rockets|shells|prisoners|hostages|"
    r"employees|staff|officers|police|fans|spectators|seats|beds|rooms|flights|tickets|items|"
    r"signatures|pages|words|miles|kilometers|kilometres|meters|metres|feet|calories|points|"
    r"hours|minutes|seconds|days|weeks|months|companies|firms|schools|buildings|houses|"
    r"animals|trees|samples|participants|respondents|applications|claims|complaints|arrests|"
    r"incidents|attacks|strikes|protesters|demonstrators|delegates|athletes|players|games|"
    r"tons|gallons|liters|litres|bottles|boxes|bags|pieces|sites|locations|stores|shops|"
    r"branches|villages|towns|cities|laws|rules|records|files|emails|messages|posts|calls)$"
)
"""Plural nouns that a four-digit number before them counts ('2000 troops', not a year)."""


def measures(text: str) -> str:
    def temp(m: re.Match[str]) -> str:
        sign, amount, scale = m.group(1), m.group(2), m.group(3).upper()
        words = cardinal(amount)
        if sign:
            words = f"minus {words}"
        unit = "degree" if amount == "1" else "degrees"
        return f"{words} {unit} {'Celsius' if scale == 'C' else 'Fahrenheit'}"

    text = re.sub(r"(?<![\w-])([-−]?)(\d+(?:\.\d+)?)\s?°\s?([CF])\b", temp, text)
    if _WEATHER.search(text):  # '40C in Madrid': a temperature without its degree sign
        text = re.sub(r"(?<![\w.-])(-?)(\d{1,3}(?:\.\d)?)([CF])\b", temp, text)
    text = re.sub(
        r"(\d+(?:\.\d+)?)\s?°(?![CF])",
        lambda m: (
            f"{cardinal(m.group(1))} {plural(('degree', 'degrees'), m.group(1), m.string[m.end() :], m.string[: m.start()])}"
        ),
        text,
    )
    # '3m people' counts millions; '100m sprint' is meters
    text = re.sub(
        rf"(?<![\w.])({NUM})m(?=\s+(?:{COUNTED})\b)",
        lambda m: f"{cardinal(m.group(1))} million",
        text,
    )
    if "'" in text or '"' in text:
        text = _feet_and_inches(text)
    text = re.sub(
        rf"(?<![\w.])({NUM})({'|'.join(u for u in ATTACHED if u != 'x')})\b(?!['’]\w)",
        lambda m: (
            f"{cardinal(m.group(1))} "
            f"{plural(ATTACHED[m.group(2)], m.group(1), m.string[m.end() :], m.string[: m.start()])}"
        ),
        text,
    )
    text = re.sub(  # '130-mph winds', 'a 5-km run': a modifier, in the singular
        rf"(?<![\w.])({NUM})-({_UNITS_RE})(?=[\s,.;:)]|$)",
        lambda m: f"{cardinal(m.group(1))} {UNITS[m.group(2)][0]}",
        text,
    )
    text = re.sub(
        rf"(?<![\w.])({NUM})\s?({_UNITS_RE})(?:/({_PER_RE})\b)?(?![\w/²³]|\.\w)",
        lambda m: (
            f"{cardinal(m.group(1))} "
            f"{plural(UNITS[m.group(2)], m.group(1), m.string[m.end() :], m.string[: m.start()])}"
            + (f" {PER[m.group(3)]}" if m.group(3) else "")
        ),
        text,
    )
    return alone(text)


def alone(text: str) -> str:
    """Units with no number before them: 'per kWh' 'per kilowatt hour', '(kWh)', 'in dB'."""
    return _ALONE.sub(_alone, text) if _ALONE_GATE.search(text) else text


def _alone(m: re.Match[str]) -> str:
    one, many = UNITS[m.group(2)]
    if m.group(1):
        return f"{m.group(1)} {one}"
    if m.string[m.start() - 1 : m.start()] == "/":
        return f"per {one}"
    return many


def _feet_and_inches(text: str) -> str:
    """6'2" -> 'six foot two', a 65" TV -> 'a sixty-five inch TV' (a closing quote after a number
    is told from an inch mark by counting the quotes before it)."""
    text = re.sub(
        r"(?<![\w.'])(\d)'\s?(\d{1,2})(?:\"|'')?(?![\d\w])",
        lambda m: f"{cardinal(m.group(1))} foot {cardinal(m.group(2))}",
        text,
    )
    text = re.sub(
        r"(?<![\w.'])(\d{1,2})'(?=\s+(?:tall|high|long|wide|deep)\b)",
        lambda m: f"{cardinal(m.group(1))} {'foot' if m.group(1) == '1' else 'feet'}",
        text,
    )

    def inches(m: re.Match[str]) -> str:
        if m.string[: m.start()].count('"') % 2:
            return m.group(0)  # the closing quote of a quotation ending in a number
        unit = plural(("inch", "inches"), m.group(1), m.string[m.end() :], m.string[: m.start()])
        return f"{cardinal(m.group(1))} {unit}"

    return re.sub(r"(?<![\w.])(\d+(?:\.\d+)?)\"(?=[\s,.;:)-]|$)", inches, text)
