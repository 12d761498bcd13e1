"""Quality floors, measured by the shared scorers; raise a floor when the generator gets better."""

from __future__ import annotations

from pathlib import Path

from conftest import figures, run_scorer, shared_path

SEEDS_FLOORS = {
    "kp_recall": 0.666, "core_recall": 1.0, "quote_recall": 0.9, "quote_precision": 0.9,
    "speaker_acc": 0.8, "res_recall": 0.55, "conflict_recall": 0.5, "meta_acc": 1.0,
}
SEEDS_CEILINGS = {"false_conflicts": 0}


def test_seeds_meet_floors(seeds_docs: Path) -> None:
    args = [f"--min={k}={v}" for k, v in SEEDS_FLOORS.items()] + [f"--max={k}={v}" for k, v in SEEDS_CEILINGS.items()]
    result = run_scorer("score_seeds.py", str(seeds_docs / "digest.json"), *args)
    assert result.returncode == 0, result.stdout + result.stderr
    got = figures(result.stdout)
    for name, floor in SEEDS_FLOORS.items():
        assert got[name] >= floor, (name, got[name])


def test_seeds_are_faithful(seeds_docs: Path) -> None:
    result = run_scorer("check_faithful.py", str(seeds_docs / "digest.json"))
    assert result.returncode == 0, result.stdout
    assert figures(result.stdout)["violations"] == 0


def test_ggt_is_faithful(ggt_docs: Path) -> None:
    result = run_scorer("check_faithful.py", str(ggt_docs / "digest.json"))
    assert result.returncode == 0, result.stdout
    assert figures(result.stdout)["checked"] > 1000


def test_ggt_quote_floors(ggt_docs: Path) -> None:
    gold = shared_path("corpora", "ggt-dev", "gold.jsonl")
    result = run_scorer("score_quotes.py", str(ggt_docs / "digest.json"), "--gold", str(gold), "--min", "f30=0.85")
    assert result.returncode == 0, result.stdout + result.stderr
