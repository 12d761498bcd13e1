"""The value normaliser over real news phrasings: what each reads as, and which readings can both be true."""

from __future__ import annotations

import math
import re

import pytest

from generator.text.tokens import caseless
from generator.text.values import Value, describe, find_values, parse_number

INF = math.inf
PUBLISHED = "2025-03-18"  # a Tuesday

# phrase, kind, low, high, bound, unit (durations in minutes, dates as ISO text, times in minutes after midnight)
READINGS: list[tuple[str, str, float | str, float | str, str, str]] = [
    # durations
    ("the leaders spoke for an hour and a half", "duration", 90, 90, "exact", ""),
    ("for at least 90 minutes", "duration", 90, INF, "min", ""),
    ("following a two-hour phone discussion", "duration", 120, 120, "exact", ""),
    ("a 90-minute call", "duration", 90, 90, "exact", ""),
    ("half an hour", "duration", 30, 30, "exact", ""),
    ("two and a half hours", "duration", 150, 150, "exact", ""),
    ("a one-and-a-half hour meeting", "duration", 90, 90, "exact", ""),
    ("about 45 minutes", "duration", 45 * 0.85, 45 * 1.15, "about", ""),
    ("nearly three hours", "duration", 180 * 0.85, 180, "about", ""),
    ("between 80 and 90 minutes", "duration", 80, 90, "range", ""),
    ("up to 10 years in prison", "duration", 0, 10 * 525960, "max", ""),
    ("an immediate 30-day ceasefire", "duration", 30 * 1440, 30 * 1440, "exact", ""),
    ("for 30 days", "duration", 30 * 1440, 30 * 1440, "exact", ""),
    ("more than two weeks", "duration", 2 * 10080, INF, "min", ""),
    # counts
    ("each side releasing 175 captured soldiers", "count", 175, 175, "exact", "soldier"),
    ("more than 1,200 people", "count", 1200, INF, "min", "person"),
    ("twenty-five people", "count", 25, 25, "exact", "person"),
    ("about 3,000 troops", "count", 3000 * 0.85, 3000 * 1.15, "about", "troop"),
    ("thousands of soldiers", "count", 2000, INF, "min", "soldier"),
    ("dozens of protesters", "count", 24, INF, "min", "protester"),
    ("between 40 and 50 homes", "count", 40, 50, "range", "home"),
    ("1.5 million residents", "count", 1.5e6, 1.5e6, "exact", "resident"),
    ("no fewer than 12 children", "count", 12, INF, "min", "child"),
    # money
    ("a $1.2-billion deal", "money", 1.2e9, 1.2e9, "exact", "$"),
    ("$1.2 billion", "money", 1.2e9, 1.2e9, "exact", "$"),
    ("US$200 million", "money", 2e8, 2e8, "exact", "USD"),
    ("5 million euros", "money", 5e6, 5e6, "exact", "EUR"),
    ("£30,000", "money", 30000, 30000, "exact", "GBP"),
    ("C$4.5 billion", "money", 4.5e9, 4.5e9, "exact", "CAD"),
    ("about $50 million", "money", 50e6 * 0.85, 50e6 * 1.15, "about", "$"),
    ("$20 to $30 million", "money", 20e6, 30e6, "range", "$"),
    # percentages
    ("10 per cent", "percent", 10, 10, "exact", ""),
    ("ten percent", "percent", 10, 10, "exact", ""),
    ("3.5%", "percent", 3.5, 3.5, "exact", ""),
    ("nearly 40 per cent", "percent", 34, 40, "about", ""),
    ("two percentage points", "percent", 2, 2, "exact", "points"),
    ("between 5 and 7 per cent", "percent", 5, 7, "range", ""),
    # dates
    ("on 18 March, the leaders spoke", "date", "2025-03-18", "2025-03-18", "exact", ""),
    ("March 18", "date", "2025-03-18", "2025-03-18", "exact", ""),
    ("Posted on 03/18/25", "date", "2025-03-18", "2025-03-18", "exact", ""),
    ("Tuesday, March 18, 2025", "date", "2025-03-18", "2025-03-18", "exact", ""),
    ("agreed Tuesday to pursue steps", "date", "2025-03-18", "2025-03-18", "exact", ""),
    ("2025-03-18", "date", "2025-03-18", "2025-03-18", "exact", ""),
    ("on Sunday", "date", "2025-03-16", "2025-03-16", "exact", ""),
    # times
    ("The call began at 10 a.m. ET", "time", 600, 600, "exact", "ET"),
    ("at 12:52 p.m.", "time", 772, 772, "exact", ""),
    ("around 12:52 p.m.", "time", 757, 787, "about", ""),
    ("at noon", "time", 720, 720, "exact", ""),
    ("at 14:30", "time", 870, 870, "exact", ""),
    ("shortly after midnight", "time", -15, 15, "about", ""),
]


def _iso(value: float | str) -> float | str:
    if isinstance(value, str):
        from datetime import date
        return float(date.fromisoformat(value).toordinal())
    return value


@pytest.mark.parametrize(("phrase", "kind", "low", "high", "bound", "unit"), READINGS)
def test_reads_phrasing(phrase: str, kind: str, low: float | str, high: float | str, bound: str, unit: str) -> None:
    values = [v for v in find_values(phrase, PUBLISHED) if v.kind == kind]
    assert len(values) == 1, (phrase, values)
    value = values[0]
    assert value.low == pytest.approx(_iso(low)) and value.high == pytest.approx(_iso(high)), value
    assert (value.bound, value.unit) == (bound, unit)
    assert phrase[value.start:value.end] == value.text  # the words it was read from, verbatim


def test_table_is_large_enough() -> None:
    assert len(READINGS) >= 40
    assert {row[1] for row in READINGS} == {"duration", "count", "money", "percent", "date", "time"}


def _one(phrase: str, kind: str, published: str | None = PUBLISHED) -> Value:
    return next(v for v in find_values(phrase, published) if v.kind == kind)


@pytest.mark.parametrize(("a", "b", "kind"), [
    ("an hour and a half", "90 minutes", "duration"),
    ("at least 90 minutes", "two-hour", "duration"),
    ("about two hours", "115 minutes", "duration"),
    ("on 18 March", "Tuesday", "date"),
    ("03/18/25", "March 18", "date"),
    ("175 captured soldiers", "175 soldiers", "count"),
    ("thousands of soldiers", "5,000 soldiers", "count"),
    ("$1.2-billion", "1.2 billion dollars", "money"),
    ("ten per cent", "10%", "percent"),
    ("up to 10 years", "seven years", "duration"),
])
def test_same_value_in_other_words_is_compatible(a: str, b: str, kind: str) -> None:
    assert _one(a, kind).compatible(_one(b, kind))


@pytest.mark.parametrize(("a", "b", "kind"), [
    ("an hour and a half", "two-hour", "duration"),
    ("at least 90 minutes", "an hour", "duration"),
    ("175 soldiers", "150 soldiers", "count"),
    ("$1.2 billion", "$2 billion", "money"),
    ("10 per cent", "12 per cent", "percent"),
    ("March 17", "March 18", "date"),
    ("at 10 a.m.", "at 11 a.m.", "time"),
])
def test_different_values_are_incompatible(a: str, b: str, kind: str) -> None:
    assert not _one(a, kind).compatible(_one(b, kind))


def test_different_units_are_not_compared() -> None:
    assert _one("$5 million", "money").compatible(_one("5 million euros", "money"))
    assert _one("40 soldiers", "count").compatible(_one("12 civilians", "count"))


def test_weekday_without_a_date_only_checks_what_it_states() -> None:
    tuesday = _one("on Tuesday", "date", published=None)
    assert tuesday.compatible(_one("March 18, 2025", "date"))
    assert not tuesday.compatible(_one("March 19, 2025", "date"))


def test_years_and_lowercase_words_are_not_read_as_values() -> None:
    assert not [v for v in find_values("In 2019 officials may 3D-print parts", None) if v.kind in ("count", "date")]


@pytest.mark.parametrize(("text", "number"), [
    ("twenty-five", 25), ("1,200", 1200), ("1.5 million", 1.5e6), ("two and a half", 2.5), ("3bn", 3e9),
])
def test_parse_number(text: str, number: float) -> None:
    assert parse_number(text) == number


@pytest.mark.parametrize(("phrase", "kind", "label"), [
    ("at least 90 minutes", "duration", "≥ 1.5 h"),
    ("for 30 days", "duration", "30 days"),
    ("175 captured soldiers", "count", "175 soldiers"),
    ("$20 to $30 million", "money", "$ 20 million – $ 30 million"),
    ("on 18 March", "date", "2025-03-18"),
    ("10 a.m. ET", "time", "10:00 ET"),
])
def test_describe(phrase: str, kind: str, label: str) -> None:
    assert describe(_one(phrase, kind)) == label


@pytest.mark.parametrize("text", [
    "At Least 20 WORKERS left; (?P<x>) US$5 at 10 P.M. EST",
    "İstanbul: about ıtwenty ſoldiers and 3 DAYS",  # letters that lowercase differently from re.IGNORECASE
    "The KELVIN sign \u212a and Σίσυφος ΣΑΣ",
])
def test_caseless_matches_as_ignorecase(text: str) -> None:
    pattern = r"(?P<word>[A-Z]+)\W+(?P<Num>\d+)|\bsoldiers|(?P<tz>[A-Z]{2,4})\b|ıtwenty|\bk\b"
    fast = caseless(pattern)
    slow = re.compile(pattern, re.IGNORECASE)
    assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] == [
        (m.span(), m.groupdict()) for m in slow.finditer(text)]
    assert fast.search(text) == bool(slow.search(text))


def test_caseless_skips_texts_without_the_fragments_it_needs() -> None:
    pattern = caseless(r"\bnot\s+(?:agree|accept)", ("not",), ("agree", "accept"))
    assert [m.group(0) for m in pattern.finditer("They do NOT Agree.")] == ["NOT Agree"]
    assert not pattern.search("They do not object.")
