"""The command line's exit statuses and messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main


def test_missing_sources_folder_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--sources", str(tmp_path / "nope"), "--docs", str(tmp_path / "d")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_unknown_command_exits_2() -> None:
    with pytest.raises(SystemExit) as raised:
        main(["frobnicate"])
    assert raised.value.code == 2


def test_strict_fails_on_rejected_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sources = tmp_path / "in"
    sources.mkdir()
    (sources / "ok.txt").write_text("The river flooded the town on Sunday, officials said.\n", encoding="utf-8")
    (sources / "notes.docx").write_bytes(b"PK\x03\x04")
    docs = tmp_path / "docs"
    assert main(["build", "--sources", str(sources), "--docs", str(docs)]) == 0
    assert "notes.docx" in capsys.readouterr().err
    assert main(["build", "--sources", str(sources), "--docs", str(docs), "--strict"]) == 1
    assert (docs / "digest.json").is_file()


def test_docs_inside_sources_is_refused(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    assert main(["build", "--sources", str(tmp_path / "in"), "--docs", str(tmp_path / "in" / "docs")]) == 2
