"""Shared fixtures: the shared corpora and scorers, and digests built once per session."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from generator.models import Article
from generator.pipeline import build
from generator.text.segment import segment_text

# In CI the property tests replay the same examples every run, so a red build is reproducible; locally
# they explore new examples each time.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite the golden pages from this build")


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with a clear message when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared corpora and scorers live beside the project in ../shared")
    return path


def run_scorer(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run one of the shared scorers and return its result (the summary line is the last line)."""
    script = shared_path("eval", name)
    return subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, check=False)


def figures(output: str) -> dict[str, float]:
    """The name=value figures of a scorer's last line."""
    last = output.strip().splitlines()[-1]
    return {k: float(v) for k, v in (pair.split("=", 1) for pair in last.split())}


@pytest.fixture(scope="session")
def seeds_docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The docs folder built from the project's seeds."""
    docs = tmp_path_factory.mktemp("seeds") / "docs"
    build(SEEDS, docs, label="seeds")
    return docs


@pytest.fixture(scope="session")
def seeds_digest(seeds_docs: Path) -> dict[str, Any]:
    """The seeds' digest.json, parsed."""
    return json.loads((seeds_docs / "digest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def ggt_docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The docs folder built from the quote-annotated ggt-dev corpus."""
    sources = shared_path("corpora", "ggt-dev", "input")
    docs = tmp_path_factory.mktemp("ggt") / "docs"
    build(sources, docs, label="ggt-dev")
    return docs


def make_article(article_id: str, text: str, outlet: str | None = None,
                 published: str | None = "2024-05-07") -> Article:
    """An article made from plain text, segmented as the pipeline does, for the stage unit tests."""
    return Article(article_id, f"{article_id}.txt", None, outlet, published, None, None, text,
                   segment_text(article_id, text))
