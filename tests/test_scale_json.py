"""digest.json is written one entry at a time, and must read exactly as json.dumps would write it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import shared_path

from generator.publish.serialize import indented

CASES: list[dict[str, Any]] = [
    {},
    {"schema": "news-digest/1", "articles": [], "stories": [], "rejected": []},
    {"a": [{"text": "“Quoted,” she said — line\nbreak\ttab", "n": 1, "x": None, "f": 0.5, "ok": True}],
     "b": {"nested": [[], {}, [1, [2, {"c": "é"}]]]}, "c": "plain", "d": [1, "two", None], "e": {}},
    {"stories": [{"key_points": [{"evidence": [{"start": 0, "end": 5, "text": "a\\b \"c\""}]}]}] * 3},
    # what json.dumps writes its own way: keys that are not strings, floats, huge and boolean numbers
    {"odd": [{1: 2, False: 3, None: [True], 2.5: [float("inf"), -0.0, 1e300]}, 10**40, [[[]], {"": {}}]]},
]


@pytest.mark.parametrize("whole", CASES)
def test_same_text_as_json_dumps(whole: dict[str, Any]) -> None:
    assert indented(whole, "\n") == json.dumps(whole, ensure_ascii=False, indent=1)


def test_same_text_for_a_real_digest(ggt_docs: Path) -> None:
    shared_path("corpora", "ggt-dev", "input")
    text = (ggt_docs / "digest.json").read_text(encoding="utf-8")
    whole = json.loads(text)
    assert whole["stories"]
    assert text == json.dumps(whole, ensure_ascii=False, indent=1) + "\n"
    assert indented(whole, "\n") + "\n" == text


@pytest.mark.parametrize("empty", [False, True])
def test_streamed_pieces_are_the_whole_document(empty: bool) -> None:
    from generator.models import Article, Digest, Rejected
    from generator.publish.serialize import digest_json_pieces, digest_to_dict

    articles = () if empty else (Article("a1", "a1.txt", "T “x”", None, None, None, None, "Line\nbreak é"),)
    rejected = () if empty else (Rejected("b.txt", "empty"),)
    digest = Digest(articles, (), rejected)
    pieces = list(digest_json_pieces(digest))
    assert "".join(pieces) == json.dumps(digest_to_dict(digest), ensure_ascii=False, indent=1) + "\n"
    assert len(pieces) > 3  # written entry by entry, never joined whole
