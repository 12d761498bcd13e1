"""Read quantities as written in news text ("an hour and a half", "at least 90 minutes") as numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "dozen": 12, "half": 0.5,
}
UNIT_MINUTES = {"second": 1 / 60, "minute": 1, "hour": 60, "day": 1440, "week": 10080, "month": 43200,
                "year": 525600}
LOWER = r"(?:at least|more than|over|upwards of|no fewer than|no less than)"
UPPER = r"(?:at most|less than|under|up to|no more than|nearly|almost)"
ABOUT = r"(?:about|around|roughly|approximately|some|nearly|almost)"
NUM = r"(?:\d+(?:[.,]\d+)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
UNIT = r"(?:second|minute|hour|day|week|month|year)s?"
DURATION = re.compile(
    rf"\b(?P<bound>{LOWER}|{UPPER}|{ABOUT})?\s*(?P<num>{NUM})(?P<and_half>\s+and\s+a\s+half)?"
    rf"(?:[\s-]+(?P<unit>{UNIT}))(?P<half2>\s+and\s+a\s+half)?\b",
    re.IGNORECASE)


@dataclass(frozen=True)
class Value:
    """A normalised quantity: kind, amount in a base unit, and whether it is a bound or approximate."""

    kind: str
    amount: float
    bound: str  # "exact", "min", "max" or "about"
    start: int
    end: int
    text: str

    def compatible(self, other: Value) -> bool:
        """Whether two readings can both be true (equal, or one a bound the other satisfies)."""
        if self.kind != other.kind:
            return True
        a, b = self, other
        if a.amount == b.amount:
            return True
        for x, y in ((a, b), (b, a)):
            if x.bound == "min" and y.amount >= x.amount and y.bound in ("exact", "min", "about"):
                return True
            if x.bound == "max" and y.amount <= x.amount and y.bound in ("exact", "max", "about"):
                return True
        if "about" in (a.bound, b.bound):
            return abs(a.amount - b.amount) <= 0.1 * max(a.amount, b.amount)
        return False


def parse_number(word: str) -> float | None:
    """A number written in digits or as an English word."""
    word = word.lower().replace(",", "")
    if word in NUMBER_WORDS:
        return float(NUMBER_WORDS[word])
    try:
        return float(word)
    except ValueError:
        return None


def find_durations(text: str) -> list[Value]:
    """Every duration in a text, in minutes."""
    found = []
    for match in DURATION.finditer(text):
        number = parse_number(match.group("num"))
        if number is None:
            continue
        if match.group("and_half") or match.group("half2"):
            number += 0.5
        unit = match.group("unit").lower().rstrip("s")
        bound_word = (match.group("bound") or "").lower()
        bound = ("min" if re.fullmatch(LOWER, bound_word) else "max" if re.fullmatch(UPPER, bound_word)
                 else "about" if bound_word else "exact")
        found.append(Value("duration", number * UNIT_MINUTES[unit], bound, match.start(), match.end(),
                           match.group(0).strip()))
    return found


def describe(value: Value) -> str:
    """A reader's label for a normalised value ("≥ 90 min")."""
    amount = value.amount
    label = f"{amount / 60:g} h" if amount >= 60 and amount % 30 == 0 and amount < 1440 else (
        f"{amount / 1440:g} days" if amount >= 1440 else f"{amount:g} min")
    return {"min": "≥ ", "max": "≤ ", "about": "≈ "}.get(value.bound, "") + label
