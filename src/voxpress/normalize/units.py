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
}
COUNTED = (
    r"people|users|viewers|listeners|readers|customers|subscribers|followers|visitors|passengers|"
    r"residents|households|homes|jobs|votes|voters|children|adults|patients|cases|doses|deaths|"
    r"workers|members|students|tourists|refugees|migrants|copies|downloads|shares|barrels|tonnes|"
    r"tons|acres|hectares|years|pounds|dollars|euros|views|accounts|devices|units|vehicles|cars"
)
"""Nouns counted in millions after 'm' ('3m people'); otherwise 'm' after a number is meters."""


def measures(text: str) -> str:
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
            f"{cardinal(m.group(1))} {plural(('degree', 'degrees'), m.group(1), m.string[m.end() :])}"
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
            f"{cardinal(m.group(1))} {plural(UNITS[m.group(2)], m.group(1), m.string[m.end() :])}"
        ),
        text,
    )
    return text
