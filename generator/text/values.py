"""Read quantities as written in news text ("an hour and a half", "at least $2 million") as intervals."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from .tokens import caseless

UNITS = {"zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
         "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
         "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
          "k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12}
# Plural round numbers used alone are vague: "thousands of soldiers" is at least two thousand.
VAGUE = {"dozens": (24.0, 144.0), "scores": (40.0, 200.0), "hundreds": (200.0, 1e3),
         "thousands": (2e3, 1e4), "tens of thousands": (2e4, 1e5), "hundreds of thousands": (2e5, 1e6),
         "millions": (2e6, 1e7), "billions": (2e9, 1e10)}
UNIT_MINUTES = {"second": 1 / 60, "sec": 1 / 60, "minute": 1, "min": 1, "hour": 60, "hr": 60, "day": 1440,
                "week": 10080, "fortnight": 20160, "month": 43830, "year": 525960, "decade": 5259600}
MONTHS = {m: i + 1 for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july",
                                          "august", "september", "october", "november", "december"])}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())} | {"sept": 9})
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                        "sunday"])}
CURRENCIES = {"$": "$", "us$": "USD", "c$": "CAD", "ca$": "CAD", "a$": "AUD", "€": "EUR", "£": "GBP",
              "¥": "JPY", "dollars": "$", "dollar": "$", "euros": "EUR", "euro": "EUR", "pounds": "GBP",
              "usd": "USD", "cad": "CAD", "eur": "EUR", "gbp": "GBP", "yuan": "CNY", "rubles": "RUB",
              "roubles": "RUB", "hryvnias": "UAH", "yen": "JPY", "pesos": "MXN", "rupees": "INR"}

LOWER = (r"at\s+least|more\s+than|over|upwards\s+of|no\s+fewer\s+than|no\s+less\s+than|in\s+excess\s+of|"
         r"above|exceeding")
UPPER = r"at\s+most|less\s+than|fewer\s+than|under|up\s+to|no\s+more\s+than|below|as\s+many\s+as|as\s+much\s+as"
NEAR_BELOW = r"nearly|almost|close\s+to|just\s+under|just\s+shy\s+of"
ABOUT = r"about|around|roughly|approximately|some|an\s+estimated|estimated|approx\.?|circa|~"
BOUND = rf"(?P<bound>{LOWER}|{UPPER}|{NEAR_BELOW}|{ABOUT})\s+"
WORD_NUM = (r"(?:(?:" + "|".join(TENS) + r")(?:[\s-](?:" + "|".join(k for k in UNITS if len(k) > 2) + r"))?|"
            + "|".join(sorted(UNITS, key=len, reverse=True)) + r")")
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
SCALE = r"(?:\s*-?\s*(?:hundred|thousand|million|billion|trillion)|(?:k|m|mn|bn|b|tn)\b)"
NUM = rf"(?:(?:{DIGITS})|{WORD_NUM})(?:\s+and\s+a\s+half)?(?:{SCALE})?"
RANGE = rf"(?P<num>{NUM})(?:\s*(?:-|–|to|and)\s*(?:US\$|C\$|\$|€|£)?(?P<num2>{NUM}))?"
DURATION_UNIT = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|fortnights?|months?|years?|decades?)"

CURRENCY_WORDS = r"dollars|dollar|euros?|pounds|usd|cad|eur|gbp|yuan|rubles|roubles|hryvnias|yen|pesos|rupees"

DURATION = caseless(
    rf"(?:{BOUND})?(?:between\s+)?{RANGE}(?:\s+and\s+a\s+half|(?P<half>\s*-?\s*and-a-half))?[\s-]+"
    rf"(?P<unit>{DURATION_UNIT})\b(?P<half2>\s+and\s+a\s+half)?")
HALF_UNIT = caseless(rf"(?:{BOUND})?(?<!\band\s)\b(?:half\s+an?|a\s+half)[\s-]+(?P<unit>{DURATION_UNIT})\b",
                     ("half",))
PERCENT = caseless(
    rf"(?:{BOUND})?(?:between\s+)?{RANGE}\s*(?P<unit>%|per\s*cent\b|percent\b|percentage\s+points?\b)")
MONEY = (
    caseless(rf"(?:{BOUND})?(?P<cur>US\$|C\$|CA\$|A\$|\$|€|£|¥)\s?{RANGE}(?:[\s-]+dollars?)?"),
    caseless(rf"(?:{BOUND})?{RANGE}\s+(?P<cur>{CURRENCY_WORDS})\b"))
# What every match of a pattern must contain: a text without it is skipped unscanned (a pure speed-up,
# since trying the patterns above at every position of every sentence dominated the time of a build).
HAS_DURATION_UNIT = caseless(rf"[\s-]{DURATION_UNIT}\b")
HAS_PERCENT = caseless(r"%|per\s*cent")
HAS_CURRENCY = caseless(rf"[$€£¥]|\s(?:{CURRENCY_WORDS})\b")
# A count needs a figure other than a bare "a" or "an" (read as one, which is never kept): digits, a number word
# that starts a word, a scale or a vague plural.
HAS_FIGURE = caseless(
    r"\d|half|hundred|thousand|million|billion|trillion|dozens|scores|(?<![^\W_])(?:"
    + "|".join([k for k in UNITS if len(k) > 2] + list(TENS)) + r"|an?(?:k|m|mn|bn|b|tn)\b)")
HAS_CLOCK = caseless(r"\d|noon|midday|midnight")
HAS_DATE = re.compile(r"\d|day")  # every weekday name ends in "day"
# Words between a number and its noun are adjectives ("212 injured workers"), never these.
NOT_MODIFIER = (r"(?:the|a|an|of|and|or|to|in|on|at|for|by|from|with|per|than|as|is|are|was|were|" +
                "|".join(list(UNITS) + list(TENS) + list(SCALES)) + ")")
COUNT = caseless(
    rf"(?:{BOUND})?(?:between\s+)?(?:(?P<vague>tens\s+of\s+thousands|hundreds\s+of\s+thousands|dozens|scores|"
    rf"hundreds|thousands|millions|billions)\s+of|{RANGE})"
    rf"(?P<mods>(?:[\s-]+(?!{NOT_MODIFIER}\b)(?:[a-z]+(?:-[a-z]+)?)){{0,2}}?)\s+(?P<noun>[a-z]{{3,}}s|people|children|men|women|"
    rf"police|personnel|staff|cattle)\b")
DATE = re.compile(
    r"\b(?:(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?(?:"
    r"(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>January|February|March|April|May|June|July|August|"
    r"September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?(?:,?\s+(?P<y1>\d{4}))?"
    r"|(?P<m2>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|"
    r"Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y2>\d{4}))?"
    r"|(?P<n1>\d{1,2})/(?P<n2>\d{1,2})/(?P<y3>\d{2}(?:\d{2})?)"
    r"|(?P<y4>\d{4})-(?P<m4>\d{2})-(?P<d4>\d{2}))\b"
    r"|\b(?P<wd2>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
TIME = caseless(
    r"\b(?:(?P<bound>at\s+about|about|around|roughly|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
    r"(?:(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ap>a\.?\s?m\.?|p\.?\s?m\.?)(?=\W|$)|(?P<h24>[01]?\d|2[0-3]):(?P<m24>\d{2})\b"
    r"|(?P<word>noon|midday|midnight))(?:\s+(?P<tz>[A-Z]{2,4})\b)?")
AND_A_HALF = re.compile(r"\s+and\s+a\s+half$")
SCALE_WORD = re.compile(r"\s*-?\s*(hundred|thousand|million|billion|trillion|k|m|mn|bn|b|tn)$")
NUMBER_WORD_SEP = re.compile(r"[\s-]+")
SCALED = re.compile(rf"{SCALE}$", re.IGNORECASE)
LOWER_BOUND = re.compile(LOWER)
UPPER_BOUND = re.compile(UPPER)
JUST_BELOW = re.compile(NEAR_BELOW)
STARTS_JUST_BELOW = re.compile(NEAR_BELOW, re.IGNORECASE)
LETTER = re.compile(r"[a-z]")
YEAR = re.compile(r"(?:1[89]|20)\d\d")
PLURAL_S = re.compile(r"s$")
TAKES_ES = re.compile(r"(?:s|sh|ch|x)$")
TAKES_IES = re.compile(r"[^aeiou]y$")
ES_PLURAL = re.compile(r"(?:ss|sh|ch|x)es$")


@dataclass(frozen=True)
class Value:
    """A quantity as an interval [low, high] in a base unit, with where it was written."""

    kind: str  # duration (minutes), count, money, percent, date (day ordinal), time (minutes after midnight)
    low: float
    high: float
    bound: str  # "exact", "min", "max", "about" or "range"
    start: int
    end: int
    text: str
    unit: str = ""  # the counted noun, the currency, "points" or the time zone
    weekday: int | None = None  # a date known only by its weekday, or the weekday a date is said to fall on
    partial: tuple[int | None, int | None, int | None] | None = None  # (year, month, day) when a date lacks parts

    def compatible(self, other: Value) -> bool:
        """Whether two readings of the same detail can both be true (their intervals overlap)."""
        if self.kind != other.kind or self.unit != other.unit:
            return True
        if self.kind == "date" and (self.partial or other.partial):
            return _dates_agree(self, other)
        return self.low <= other.high + 1e-9 and other.low <= self.high + 1e-9

    @property
    def exact(self) -> bool:
        """Whether the value is stated as one precise figure."""
        return self.bound == "exact"


def parse_number(text: str) -> float | None:
    """A number written in digits, words or both ("1.5 million", "twenty-five", "3,000")."""
    text = text.lower().strip()
    half = 0.5 if AND_A_HALF.search(text) else 0.0
    text = AND_A_HALF.sub("", text)
    scale = 1.0
    scaled = SCALE_WORD.search(text)
    if scaled and scaled.start() > 0:
        scale = SCALES[scaled.group(1)]
        text = text[:scaled.start()]
    text = text.replace(",", "")
    try:
        base = float(text)
    except ValueError:
        parts = NUMBER_WORD_SEP.split(text)
        if not parts or any(p not in UNITS and p not in TENS for p in parts):
            return None
        base = float(sum(UNITS.get(p, TENS.get(p, 0)) for p in parts))
    return (base + half) * scale


def _interval(value: float, value2: float | None, bound_word: str) -> tuple[float, float, str]:
    """The interval a figure with its qualifier stands for."""
    word = " ".join(bound_word.lower().split())
    if value2 is not None:
        return min(value, value2), max(value, value2), "range"
    if not word:
        return value, value, "exact"
    if LOWER_BOUND.fullmatch(word):
        return value, math.inf, "min"
    if UPPER_BOUND.fullmatch(word):
        return 0.0, value, "max"
    if JUST_BELOW.fullmatch(word):
        return value * 0.85, value, "about"
    return value * 0.85, value * 1.15, "about"


def _numbers(match: re.Match[str]) -> tuple[float, float | None] | None:
    first = parse_number(match.group("num"))
    second = parse_number(match.group("num2")) if match.group("num2") else None
    if first is None:
        return None
    scale = SCALED.search(match.group("num2") or "")
    if second is not None and scale and not SCALED.search(match.group("num")):
        # "$20 to $30 million" and "3-4 billion": the scale written last covers both figures.
        first *= SCALES[scale.group(0).strip(" -").lower()]
    if second is not None and second < first and match.group("num2") and not LETTER.search(match.group("num2")):
        # "80-90 minutes" is a range; "10-2" is not a quantity worth reading.
        return None
    return first, second


def find_durations(text: str) -> list[Value]:
    """Every duration in a text, in minutes."""
    found: list[Value] = []
    if not HAS_DURATION_UNIT.search(text):
        return found
    for match in HALF_UNIT.finditer(text):
        per = UNIT_MINUTES[PLURAL_S.sub("", match.group("unit").lower())]
        low, high, bound = _interval(per / 2, None, match.group("bound") or "")
        found.append(Value("duration", low, high, bound, match.start(), match.end(), match.group(0)))
    for match in DURATION.finditer(text):
        numbers = _numbers(match)
        if numbers is None or not _starts_word(text, match.start()) or any(
                v.start <= match.start() < v.end or match.start() <= v.start < match.end() for v in found):
            continue
        first, second = numbers
        if match.group("half") or match.group("half2"):
            first += 0.5
        per = UNIT_MINUTES[PLURAL_S.sub("", match.group("unit").lower())]
        low, high, bound = _interval(first * per, second * per if second is not None else None,
                                     match.group("bound") or "")
        found.append(Value("duration", low, high, bound, match.start(), match.end(), match.group(0)))
    return sorted(found, key=lambda v: v.start)


def find_percentages(text: str) -> list[Value]:
    """Every percentage ("10 per cent", "ten percent", "3.5%"); percentage points are their own unit."""
    found: list[Value] = []
    if not HAS_PERCENT.search(text):
        return found
    for match in PERCENT.finditer(text):
        numbers = _numbers(match)
        if numbers is None or not _starts_word(text, match.start()):
            continue
        low, high, bound = _interval(numbers[0], numbers[1], match.group("bound") or "")
        unit = "points" if match.group("unit").lower().startswith("percentage") else ""
        found.append(Value("percent", low, high, bound, match.start(), match.end(), match.group(0), unit))
    return found


def find_money(text: str) -> list[Value]:
    """Every sum of money, with its currency ("$1.2-billion", "5 million euros", "US$200")."""
    found: list[Value] = []
    if not HAS_CURRENCY.search(text):
        return found
    for match in (m for pattern in MONEY for m in pattern.finditer(text)):
        numbers = _numbers(match)
        if numbers is None or any(v.start <= match.start() < v.end for v in found):
            continue
        symbol = match.group("cur").lower()
        currency = CURRENCIES.get(symbol, CURRENCIES.get(symbol.rstrip("s"), symbol))
        low, high, bound = _interval(numbers[0], numbers[1], match.group("bound") or "")
        found.append(Value("money", low, high, bound, match.start(), match.end(), match.group(0), currency))
    return found


def find_counts(text: str, measures: list[Value] | None = None) -> list[Value]:
    """Every count of things ("212 injured workers", "thousands of workers"), keyed by the noun counted.

    `measures` are the text's durations, percentages and money when the caller has already found them.
    """
    if not HAS_FIGURE.search(text):
        return []
    if measures is None:
        measures = find_durations(text) + find_percentages(text) + find_money(text)
    taken = [(v.start, v.end) for v in measures]
    found: list[Value] = []
    for match in COUNT.finditer(text):
        if any(s <= match.start() < e or match.start() <= s < match.end() for s, e in taken):
            continue
        if not _starts_word(text, match.start()) or _is_year_or_date(text, match):
            continue
        noun = _singular(match.group("noun").lower())
        if match.group("vague"):
            low, high, bound = VAGUE[" ".join(match.group("vague").lower().split())][0], math.inf, "min"
        else:
            numbers = _numbers(match)
            if numbers is None or (numbers[0] == 1 and match.group("num").lower() in ("a", "an")):
                continue
            low, high, bound = _interval(numbers[0], numbers[1], match.group("bound") or "")
        found.append(Value("count", low, high, bound, match.start(), match.end(), match.group(0), noun))
    return found


def find_dates(text: str, published: str | None = None) -> list[Value]:
    """Every calendar date or weekday; a weekday is placed in the week up to the article's date when known."""
    found: list[Value] = []
    if not HAS_DATE.search(text):
        return found
    pub = _parse_iso(published)
    for match in DATE.finditer(text):
        g = match.groupdict()
        weekday_word = g["wd"] or g["wd2"]
        weekday = WEEKDAYS[weekday_word.lower()] if weekday_word else None
        year: int | None
        if g["wd2"]:
            if pub is None:
                found.append(Value("date", 0, 0, "exact", match.start(), match.end(), match.group(0),
                                   weekday=weekday, partial=(None, None, None)))
                continue
            day = pub - dt.timedelta(days=(pub.weekday() - (weekday or 0)) % 7)
            year, month, dom = day.year, day.month, day.day
        elif g["n1"]:
            month, dom, year = int(g["n1"]), int(g["n2"]), int(g["y3"])
            year += 2000 if year < 100 else 0
        elif g["y4"]:
            year, month, dom = int(g["y4"]), int(g["m4"]), int(g["d4"])
        else:
            month = MONTHS[(g["m1"] or g["m2"]).lower().rstrip(".")]
            dom = int(g["d1"] or g["d2"])
            stated = g["y1"] or g["y2"]
            year = int(stated) if stated else (pub.year if pub else None)
        value = _date_value(year, month, dom, weekday, match)
        if value is not None:
            found.append(value)
    return found


def find_times(text: str) -> list[Value]:
    """Every clock time, in minutes after midnight, with its time zone when written."""
    found: list[Value] = []
    if not HAS_CLOCK.search(text):
        return found
    for match in TIME.finditer(text):
        g = match.groupdict()
        if g["word"]:
            minutes = 0 if g["word"].lower() == "midnight" else 720
        elif g["ap"]:
            hour = int(g["h"]) % 12 + (12 if g["ap"].lower().startswith("p") else 0)
            if int(g["h"]) > 12:
                continue
            minutes = hour * 60 + int(g["m"] or 0)
        else:
            minutes = int(g["h24"]) * 60 + int(g["m24"])
        bound = g["bound"] or ""
        if bound:
            low, high = minutes - 15, minutes + 15
        else:
            low = high = minutes
        found.append(Value("time", low, high, "about" if bound else "exact", match.start(), match.end(),
                           match.group(0), (g["tz"] or "").upper()))
    return found


def find_values(text: str, published: str | None = None) -> list[Value]:
    """Every quantity a sentence states, of every kind, in text order."""
    measures = find_durations(text) + find_percentages(text) + find_money(text)
    values = (measures + find_counts(text, measures)
              + find_dates(text, published) + find_times(text))
    return sorted(values, key=lambda v: (v.start, v.kind))


def describe(value: Value) -> str:
    """A reader's label for a normalised value ("≥ 1.5 h", "$2M–$3M", "2025-03-18")."""
    if value.kind == "date":
        return _describe_date(value)
    show = {"duration": _describe_minutes, "time": _describe_clock}.get(value.kind, _describe_amount)
    if value.bound == "min":
        return "≥ " + show(value.low, value)
    if value.bound == "max":
        return "≤ " + show(value.high, value)
    if value.bound == "about":
        middle = value.high if value.text and STARTS_JUST_BELOW.match(value.text) else (
            (value.low + value.high) / 2)
        return "≈ " + show(middle, value)
    if value.low == value.high:
        return show(value.low, value)
    low, high = show(value.low, value), show(value.high, value)
    shared = low.split()[-1] if low.split()[-1] == high.split()[-1] and value.kind != "money" else ""
    return f"{low.removesuffix(' ' + shared)} – {high}" if shared else f"{low} – {high}"


def _describe_minutes(minutes: float, value: Value) -> str:
    for unit in ("year", "month", "week"):
        per = UNIT_MINUTES[unit]
        if minutes >= per and round(minutes / per, 1) == round(minutes / per):
            return f"{round(minutes / per)} {unit}s" if minutes > per else f"1 {unit}"
    if minutes >= 1440 and minutes % 1440 == 0:
        return f"{minutes / 1440:g} days"
    if minutes >= 60 and minutes % 30 == 0:
        return f"{minutes / 60:g} h"
    return f"{minutes:g} min"


def _describe_clock(minutes: float, value: Value) -> str:
    zone = f" {value.unit}" if value.unit else ""
    return f"{int(minutes) // 60:02d}:{int(minutes) % 60:02d}{zone}"


def _describe_amount(amount: float, value: Value) -> str:
    for scale, word in ((1e9, " billion"), (1e6, " million")):
        if amount >= scale:
            figure = f"{amount / scale:g}{word}"
            break
    else:
        figure = f"{amount:g}"
    if value.kind == "percent":
        return figure + (" percentage points" if value.unit else " %")
    if value.kind == "money":
        return f"{value.unit} {figure}"
    return f"{figure} {_plural(value.unit) if amount != 1 else value.unit}"


def _describe_date(value: Value) -> str:
    if value.partial is None:
        return dt.date.fromordinal(int(value.low)).isoformat()
    year, month, day = value.partial
    if month is None:
        return list(WEEKDAYS)[value.weekday or 0].capitalize()
    return f"{day} {list(MONTHS)[month - 1].capitalize()}" + (f" {year}" if year else "")


def _date_value(year: int | None, month: int, day: int, weekday: int | None, match: re.Match[str]) -> Value | None:
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    if year is None:
        return Value("date", 0, 0, "exact", match.start(), match.end(), match.group(0), weekday=weekday,
                     partial=(None, month, day))
    try:
        ordinal = dt.date(year, month, day).toordinal()
    except ValueError:
        return None
    return Value("date", ordinal, ordinal, "exact", match.start(), match.end(), match.group(0), weekday=weekday)


def _dates_agree(a: Value, b: Value) -> bool:
    """Dates with missing parts agree when every part both of them state is the same."""
    def parts(v: Value) -> tuple[int | None, int | None, int | None, int | None]:
        if v.partial is not None:
            return (*v.partial, v.weekday)
        day = dt.date.fromordinal(int(v.low))
        return day.year, day.month, day.day, day.weekday()
    return all(x is None or y is None or x == y for x, y in zip(parts(a), parts(b), strict=True))


def _parse_iso(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _starts_word(text: str, start: int) -> bool:
    """A match must not begin inside a word or a longer figure ("B12", "1,5")."""
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] in ",./:-")


def _is_year_or_date(text: str, match: re.Match[str]) -> bool:
    number = match.group("num") or ""
    return bool(YEAR.fullmatch(number)) and not match.group("num2")


def _plural(noun: str) -> str:
    irregular = {"person": "people", "child": "children", "man": "men", "woman": "women"}
    if noun in irregular:
        return irregular[noun]
    if TAKES_ES.search(noun):
        return noun + "es"
    return noun[:-1] + "ies" if TAKES_IES.search(noun) else noun + "s"


def _singular(noun: str) -> str:
    irregular = {"people": "person", "children": "child", "men": "man", "women": "woman"}
    if noun in irregular:
        return irregular[noun]
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if ES_PLURAL.search(noun):
        return noun[:-2]
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun

