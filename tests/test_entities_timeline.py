"""Entities (who and where, with their mentions) and the timeline (what happened when, in order)."""

from __future__ import annotations

from datetime import date

from test_keypoints import article

from generator.extract.entities import extract_entities
from generator.extract.timeline import build_timeline, when

REPORT = article("one", (
    "Prime Minister Jane Holloway met union leaders in Ardenford on Tuesday.\n\n"
    "Holloway said the talks at the Ministry of Labour would resume at 9 a.m. on Wednesday.\n\n"
    "The Ardenford Transport Union said its members would strike from March 3 unless pay rose.\n\n"
    "Earlier, at 7:30 p.m. on Monday, the union had rejected the first offer."), published="2024-02-28")


def test_entities_join_short_names_to_full_ones_and_tell_kinds() -> None:
    entities = {e.name: e for e in extract_entities([REPORT])}
    assert "Jane Holloway" in entities and "Holloway" not in entities
    assert entities["Jane Holloway"].kind == "person"
    assert len(entities["Jane Holloway"].mentions) == 2
    assert entities["Ministry of Labour"].kind == "organisation"
    assert entities["Ardenford"].kind == "place"
    for entity in entities.values():
        for span in entity.mentions:
            assert REPORT.text[span.start:span.end] == span.text


def test_sentence_openers_and_nationalities_are_not_entities() -> None:
    names = {e.name for e in extract_entities([REPORT])}
    assert not names & {"Earlier", "The", "Tuesday", "Monday", "Prime Minister"}


def test_when_reads_clock_times_dates_and_weekdays() -> None:
    anchor = date(2024, 2, 28)  # a Wednesday
    assert when("The vote began at 10 a.m. ET on the floor.", anchor) == ("10 a.m. ET", "2024-02-28 0601")
    assert when("It ended at 12:52 p.m.", anchor) == ("12:52 p.m.", "2024-02-28 0773")
    assert when("They met on Monday.", anchor) == ("Monday", "2024-02-26 0000")
    assert when("Strikes start March 3.", anchor) == ("March 3", "2024-03-03 0000")
    assert when("Nothing dated here, only 2,000 people.", anchor) is None


def test_timeline_is_in_the_order_things_happened() -> None:
    events = build_timeline([REPORT])
    assert [e.when for e in events] == ["Monday, 7:30 p.m.", "Tuesday", "Wednesday, 9 a.m.", "March 3"]
    assert [e.sort_key for e in events] == sorted(e.sort_key for e in events)
    for event in events:
        assert event.evidence[0].text == event.text


def test_one_event_told_by_two_outlets_is_one_timeline_entry() -> None:
    other = article("two", "Jane Holloway met union leaders in Ardenford on Tuesday afternoon.", published="2024-02-28")
    events = build_timeline([REPORT, other])
    tuesday = [e for e in events if e.when == "Tuesday"]
    assert len(tuesday) == 1 and set(tuesday[0].sources) == {"one", "two"}
