"""figures evaluate: our scorer, checked on a small gold set and against the shared reference scorer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from figures.cli import cli
from figures.evaluate import score
from figures.rules import default_rules

SHARED = Path(__file__).parent.parent.parent / "shared"

GOLD = [
    {"doc_id": "d1", "category": "killed", "value": 44, "low": 44, "high": None, "qualifier": "at_least",
     "group": "civilians", "location": "Idlib", "date_start": None, "date_end": "2024-12-02", "source": "OCHA",
     "quote": "at least 44 civilians", "parent": None},
    {"doc_id": "d1", "category": "killed", "value": 12, "low": 12, "high": 12, "qualifier": "exact",
     "group": "children", "location": "Idlib", "date_start": None, "date_end": "2024-12-02", "source": "OCHA",
     "quote": "including 12 children", "parent": 44},
    {"doc_id": "d1", "category": "displaced", "value": 900, "low": 900, "high": 900, "qualifier": "exact",
     "group": "people", "location": "", "date_start": None, "date_end": None, "source": None,
     "quote": "900 people fled", "parent": None},
]


def _pred(fid, category, value, qualifier, group, source, kind, parent="", quote="") -> dict:
    return {"figure_id": fid, "doc_id": "d1", "category": category, "value": value, "low": value,
            "high": value if qualifier == "exact" else None, "qualifier": qualifier, "group": group,
            "location": "Idlib", "date_start": None, "date_end": "2024-12-02", "source": source,
            "source_kind": kind, "parent_id": parent, "quote": quote}


def test_scores_matches_misses_spurious_and_wrong_fields() -> None:
    preds = [
        _pred("F1", "killed", "44", "at_least", "civilians",
              "United Nations Office for the Coordination of Humanitarian Affairs", "attributed",
              quote="At least 44 civilians were killed"),
        _pred("F2", "killed", "12", "exact", "children", "OCHA", "attributed", parent="F1"),
        _pred("F3", "injured", "5", "exact", "people", "Outlet", "outlet"),
    ]
    result = score(GOLD, preds, default_rules())
    assert (result.matched, len(result.missed), len(result.spurious)) == (2, 1, 1)
    assert result.as_dict()["precision"] == round(2 / 3, 3) and result.as_dict()["recall"] == round(2 / 3, 3)
    assert result.fields["source"] == 2 and result.fields["parent"] == 2 and result.complete == 2


def test_a_wrong_source_and_group_are_reported() -> None:
    preds = [_pred("F1", "killed", "44", "at_least", "people", "Some Outlet", "outlet")]
    result = score(GOLD[:1], preds, default_rules())
    assert result.wrong[0]["wrong"] == ["group", "source"]


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").is_file(), reason="the shared scorer sits beside the repo")
def test_agrees_with_the_shared_scorer_on_the_seeds(tmp_path: Path) -> None:
    seeds = SHARED / "seeds"
    out = tmp_path / "out"
    build = CliRunner().invoke(cli, ["build", str(seeds / "articles"), "--manifest", str(seeds / "manifest.csv"),
                                     "--out", str(out)])
    assert build.exit_code == 0, build.output
    ours = json.loads(CliRunner().invoke(cli, ["evaluate", str(seeds / "gold.jsonl"), str(out), "--json"]).output)
    theirs = json.loads(subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), str(out / "figures.csv"), str(seeds / "gold.jsonl"),
         "--articles", str(seeds / "articles"), "--json"], capture_output=True, text=True, check=True).stdout)
    for key in ("precision", "recall", "f1", "complete_record_recall", "field_accuracy"):
        assert ours[key] == theirs[key], key
    assert ours["f1"] >= 0.97 and ours["complete_record_recall"] >= 0.85
