"""The command line: build, validate and extract, with their exit codes and messages."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from conftest import build_into
from figures.cli import cli


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory) -> Path:
    return build_into(tmp_path_factory.mktemp("out"))


def test_build_with_no_path_builds_the_bundled_sample(sample_out: Path) -> None:
    figures = pd.read_csv(sample_out / "figures.csv")
    documents = pd.read_csv(sample_out / "documents.csv")
    assert len(documents) >= 8 and len(figures) >= 20
    assert set(figures["category"]) >= {"killed", "injured", "casualties", "missing", "captured",
                                        "displaced", "refugees", "fighters"}
    assert (sample_out / "figures.xlsx").stat().st_size > 0


def test_validate_accepts_a_fresh_build(sample_out: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", str(sample_out)])
    assert result.exit_code == 0, result.output
    assert "valid" in result.output


def test_validate_names_the_row_and_check_of_a_broken_table(sample_out: Path, tmp_path: Path) -> None:
    figures = pd.read_csv(sample_out / "figures.csv", dtype=str, keep_default_na=False)
    figures.loc[2, ["low", "high"]] = ["90", "10"]
    figures.to_csv(tmp_path / "figures.csv", index=False)
    (tmp_path / "documents.csv").write_bytes((sample_out / "documents.csv").read_bytes())
    result = CliRunner().invoke(cli, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert f"figures row 2 (line 4 of figures.csv) ({figures.loc[2, 'figure_id']}): check bounds_ordered failed" in result.output


def test_validate_reports_a_missing_table(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", str(tmp_path)])
    assert result.exit_code == 1 and "figures.csv: missing" in result.output


def test_extract_prints_one_article_as_json(tmp_path: Path) -> None:
    article = tmp_path / "note.txt"
    article.write_text("Shelling killed at least 12 civilians in Idlib on Sunday, the White Helmets said.\n")
    result = CliRunner().invoke(cli, ["extract", str(article), "--published", "2024-12-03", "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["category"], r["value"], r["qualifier"], r["source"], r["date_start"]) for r in rows] == [
        ("killed", 12, "at_least", "White Helmets", "2024-12-01")]


def test_extract_refuses_a_binary_file(tmp_path: Path) -> None:
    blob = tmp_path / "blob.txt"
    blob.write_bytes(b"\x00\x01\x02binary")
    result = CliRunner().invoke(cli, ["extract", str(blob)])
    assert result.exit_code == 1 and "not-text" in result.output


def test_build_reports_a_missing_input_without_stopping(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert "no such file or folder" in result.output


@pytest.mark.parametrize("command", ["build", "validate", "extract", "evaluate"])
def test_every_command_help_ends_with_an_example(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and f"figures {command}" in result.output.split("Example:")[1]


@pytest.mark.parametrize("command", [["build", "--out", "{out}"], ["extract", "{file}"]])
def test_a_broken_rule_file_is_a_message_not_a_traceback(tmp_path, monkeypatch, command) -> None:
    import figures.rules

    def broken():
        raise figures.rules.RulesError("groups.csv: row 3: duplicate id 'g-x'")

    monkeypatch.setattr(figures.rules, "default_rules", broken)
    article = tmp_path / "a.txt"
    article.write_text("Five people were killed.\n", encoding="utf-8")
    args = [a.format(out=tmp_path / "out", file=article) for a in command]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert "rule files: groups.csv: row 3: duplicate id 'g-x'" in result.output
    assert not isinstance(result.exception, figures.rules.RulesError)
