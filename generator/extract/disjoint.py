"""Disjoint sets (union-find): the groups that pairwise links make, whatever order the links come in."""

from __future__ import annotations


class DisjointSets:
    """Items 0 … n-1 in groups; joining two items joins their groups, each named by its smallest item."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        """The smallest item of i's group."""
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]  # halve the path: later finds are shorter
            i = parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        """Put i's and j's groups together."""
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)

    def groups(self) -> list[list[int]]:
        """Every group's items in order, the groups in the order of their smallest items."""
        found: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            found.setdefault(self.find(i), []).append(i)
        return list(found.values())
