"""The digest.json contract: schema, provenance rules, ids, and determinism."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.pipeline import build
from generator.text.tokens import word_count

SCHEMA = json.loads((resources.files("generator.publish") / "digest.schema.json").read_text(encoding="utf-8"))


def check_contract(digest: dict[str, Any]) -> None:
    """Every rule of CONTRACT.md that can be checked on a digest alone."""
    jsonschema.validate(digest, SCHEMA)
    texts = {a["id"]: a["text"] for a in digest["articles"]}
    assert len(texts) == len(digest["articles"]), "article ids must be unique"
    for story in digest["stories"]:
        assert set(story["articles"]) <= set(texts)
        for kind in ("key_points", "quotes", "reservations"):
            for item in story[kind]:
                arts = [e["article"] for e in item["evidence"]]
                assert sorted(item["sources"]) == sorted(set(arts)), (kind, item["text"])
                for ev in item["evidence"]:
                    assert texts[ev["article"]][ev["start"]:ev["end"]] == ev["text"]
                    assert word_count(ev["text"]) <= 150
                if kind == "quotes":
                    assert any(" ".join(item["text"].split()) in " ".join(e["text"].split())
                               for e in item["evidence"])
                if kind == "key_points":
                    check_details(item)
        for conflict in story["conflicts"]:
            for value in conflict["values"]:
                assert value["text"] in texts[value["article"]]


def check_details(point: dict[str, Any]) -> None:
    """A key point's details: verbatim sentences of its own evidence, none cited twice, never its wording."""
    told = [(e["article"], e["start"]) for detail in point["details"] for e in detail["evidence"]]
    assert len(told) == len(set(told))
    assert set(told) <= {(e["article"], e["start"]) for e in point["evidence"]}
    for detail in point["details"]:
        assert sorted(detail["sources"]) == sorted({e["article"] for e in detail["evidence"]})
        assert any(detail["text"] == e["text"] for e in detail["evidence"])
    assert any(point["text"] == e["text"] for e in point["evidence"]
               if (e["article"], e["start"]) not in set(told)), "the wording is the point's own sentence"


def test_seeds_digest_follows_contract(seeds_digest: dict[str, Any]) -> None:
    check_contract(seeds_digest)
    assert any(point["details"] for story in seeds_digest["stories"] for point in story["key_points"])
    assert [a["id"] for a in seeds_digest["articles"]] == [
        p.stem for p in sorted(Path(__file__).parent.parent.joinpath("seeds").iterdir())]
    assert len(seeds_digest["stories"]) == 1
    assert seeds_digest["rejected"] == []


def test_ggt_digest_follows_contract(ggt_docs: Path) -> None:
    check_contract(json.loads((ggt_docs / "digest.json").read_text(encoding="utf-8")))


def test_same_input_gives_identical_output(tmp_path: Path, seeds_docs: Path) -> None:
    again = tmp_path / "docs"
    build(Path(__file__).parent.parent / "seeds", again, label="seeds")
    first = {p.relative_to(seeds_docs): p.read_bytes() for p in seeds_docs.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first == second


def test_unreadable_and_unknown_files_are_rejected_not_fatal(tmp_path: Path) -> None:
    sources = tmp_path / "in"
    sources.mkdir()
    (sources / "good.txt").write_text("Officials said the bridge would reopen on Monday after repairs.\n",
                                      encoding="utf-8")
    (sources / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (sources / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    digest = build(sources, tmp_path / "docs")
    assert [a.id for a in digest.articles] == ["good"]
    reasons = {Path(r.source_path).name: r.reason for r in digest.rejected}
    assert set(reasons) == {"picture.png", "binary.txt"}
    assert "unsupported file type" in reasons["picture.png"]
    assert "binary" in reasons["binary.txt"]


@pytest.mark.parametrize("names,expected", [
    (["a/x.txt", "b/x.txt"], ["x", "x-2"]),
    (["a/x.txt", "b/x.md", "c/x.txt"], ["x", "x-2", "x-3"]),
])
def test_clashing_ids_get_suffixes(tmp_path: Path, names: list[str], expected: list[str]) -> None:
    sources = tmp_path / "in"
    for name in names:
        path = sources / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"The council of {path.parent.name} voted on Tuesday to approve the new budget.\n",
                        encoding="utf-8")
    digest = build(sources, tmp_path / "docs")
    assert [a.id for a in digest.articles] == expected
