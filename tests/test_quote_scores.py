"""Quote and speaker floors from the shared scorers (issue #3); raise a floor when the extractor improves."""

from __future__ import annotations

from pathlib import Path

from conftest import figures, run_scorer, shared_path

GGT_FLOORS = {"f30": 0.95, "spk30": 0.95}
SEEDS_FLOORS = {"quote_recall": 1.0, "quote_precision": 1.0, "merged": 1.0, "speaker_acc": 0.95}


def test_ggt_quotes_and_speakers_meet_floors(ggt_docs: Path) -> None:
    gold = shared_path("corpora", "ggt-dev", "gold.jsonl")
    floors = [f"--min={k}={v}" for k, v in GGT_FLOORS.items()]
    result = run_scorer("score_quotes.py", str(ggt_docs / "digest.json"), "--gold", str(gold), *floors)
    assert result.returncode == 0, result.stdout + result.stderr
    got = figures(result.stdout)
    for name, floor in GGT_FLOORS.items():
        assert got[name] >= floor, (name, got[name])


def test_seeds_quotes_are_complete_precise_and_merged(seeds_docs: Path) -> None:
    floors = [f"--min={k}={v}" for k, v in SEEDS_FLOORS.items()]
    result = run_scorer("score_seeds.py", str(seeds_docs / "digest.json"), *floors)
    assert result.returncode == 0, result.stdout + result.stderr
    got = figures(result.stdout)
    for name, floor in SEEDS_FLOORS.items():
        assert got[name] >= floor, (name, got[name])
