"""The committed output/ is what a fresh build of the bundled sample writes, and it is valid."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from figures.cli import cli

OUTPUT = Path(__file__).parent.parent / "output"


def test_output_matches_a_fresh_build(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    names = ["figures.csv", "documents.csv", "sources.csv", "claims.csv", "compare.csv", "figures_hxl.csv",
             "datapackage.json", "figures.xlsx"]
    assert sorted(p.name for p in (tmp_path / "plots").iterdir()) == sorted(p.name for p in (OUTPUT / "plots").iterdir())
    for name in names:
        assert (tmp_path / name).read_bytes() == (OUTPUT / name).read_bytes(), (
            f"output/{name} differs from a fresh build: run `make` and commit output/")


def test_committed_output_is_valid() -> None:
    result = CliRunner().invoke(cli, ["validate", str(OUTPUT)])
    assert result.exit_code == 0, result.output
