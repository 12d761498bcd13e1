"""The generated pages build into a site with MkDocs (strict) and with Zensical."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def site_project(tmp_path: Path, docs: Path) -> Path:
    """A copy of the project's mkdocs.yml beside a copy of some generated docs."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(docs, project / "docs")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    return project


def test_mkdocs_strict_build(tmp_path: Path, seeds_docs: Path) -> None:
    project = site_project(tmp_path, seeds_docs)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                            capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    story_pages = list((site / "stories").glob("*.html"))
    assert len(story_pages) == 1
    html = story_pages[0].read_text(encoding="utf-8")
    assert 'class="footnote"' in html and "admonition" in html
    source_pages = list((site / "sources").glob("*.html"))
    assert len(source_pages) == 3
    assert 'id="s1"' in source_pages[0].read_text(encoding="utf-8")


def test_zensical_build(tmp_path: Path, seeds_docs: Path) -> None:
    zensical = shutil.which("zensical") or str(Path(sys.executable).parent / "zensical")
    if not Path(zensical).exists():
        pytest.skip("zensical is not installed: `pip install -e '.[dev]'` installs it")
    project = site_project(tmp_path, seeds_docs)
    result = subprocess.run([zensical, "build"], cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert list((project / "site" / "stories").glob("*.html")), result.stdout


def test_zensical_reads_titles_beyond_the_basic_plane(tmp_path: Path) -> None:
    # JSON writes an emoji as two \u surrogate escapes, which Zensical's YAML reader rejects.
    zensical = shutil.which("zensical") or str(Path(sys.executable).parent / "zensical")
    if not Path(zensical).exists():
        pytest.skip("zensical is not installed: `pip install -e '.[dev]'` installs it")
    from generator.pipeline import build
    sources, docs = tmp_path / "sources", tmp_path / "docs"
    sources.mkdir()
    (sources / "party.txt").write_text(
        "Plans for the weekend \U0001F609 and \u2603\n\nThe city council said on Friday that the summer "
        "festival will open on the river bank with music, food stalls and a parade of boats.\n",
        encoding="utf-8")
    build(sources, docs)
    front = next((docs / "stories").glob("*.md")).read_text(encoding="utf-8").splitlines()[1]
    assert "\\U0001f609" in front and "\\ud83d" not in front
    project = site_project(tmp_path, docs)
    result = subprocess.run([zensical, "build"], cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    page = next((project / "site" / "stories").glob("*.html")).read_text(encoding="utf-8")
    assert "\U0001F609" in page
