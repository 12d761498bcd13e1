"""Article text and metadata from real web pages, measured by the shared extraction scorer."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import figures, run_scorer, shared_path

from generator.pipeline import build

# The figures reached; raise a floor when extraction gets better.
ZYTE_FLOORS = {"f1": 0.95, "precision": 0.94, "recall": 0.96}
META_FLOORS = {"snip_f1": 0.96, "title_acc": 0.89, "author_acc": 0.75, "date_acc": 0.94}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The zyte-dev and trafilatura-en-news pages, each built into its own docs folder."""
    result = {}
    for corpus in ("zyte-dev", "trafilatura-en-news"):
        docs = tmp_path_factory.mktemp(corpus) / "docs"
        build(shared_path("corpora", corpus, "input"), docs, label=corpus)
        result[corpus] = docs / "digest.json"
    return result


def check(result: subprocess.CompletedProcess[str], floors: dict[str, float]) -> None:
    assert result.returncode == 0, result.stdout + result.stderr
    got = figures(result.stdout)
    for name, floor in floors.items():
        assert got[name] >= floor, (name, got[name])


def test_zyte_body_text_floors(built: dict[str, Path]) -> None:
    gold = shared_path("corpora", "zyte-dev", "ground-truth.json")
    args = [f"--min={k}={v}" for k, v in ZYTE_FLOORS.items()]
    result = run_scorer("score_extract.py", str(built["zyte-dev"]), "--gold", str(gold), *args)
    check(result, ZYTE_FLOORS)
    assert figures(result.stdout)["missing"] == 0


def test_trafilatura_snippet_and_metadata_floors(built: dict[str, Path]) -> None:
    gold = shared_path("corpora", "trafilatura-en-news", "evaldata_en_news.json")
    args = [f"--min={k}={v}" for k, v in META_FLOORS.items()]
    result = run_scorer("score_extract.py", str(built["trafilatura-en-news"]), "--meta", str(gold), *args)
    check(result, META_FLOORS)
