"""Disjoint sets: the groups pairwise links make, named and ordered by their smallest items."""

from __future__ import annotations

from generator.extract.disjoint import DisjointSets


def test_links_in_any_order_make_the_same_groups() -> None:
    links = [(4, 2), (0, 5), (2, 6), (5, 3)]
    for order in (links, links[::-1]):
        sets = DisjointSets(7)
        for i, j in order:
            sets.join(i, j)
        assert sets.groups() == [[0, 3, 5], [1], [2, 4, 6]]
        assert sets.find(6) == 2 and sets.find(1) == 1


def test_joining_within_a_group_changes_nothing() -> None:
    sets = DisjointSets(3)
    sets.join(0, 1)
    sets.join(1, 0)
    assert sets.groups() == [[0, 1], [2]]
