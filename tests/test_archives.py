"""Whole archives: the same output whatever the number of jobs or the engine, incremental rebuilds,
a killed build that leaves the previous output whole, and bad input that never costs a neighbour."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from figures.cli import cli
from figures.engine import Task, work
from figures.rules import default_rules

SAMPLE = Path(__file__).parent.parent / "figures" / "sample"
OUTPUTS = ("figures.csv", "documents.csv", "sources.csv", "claims.csv", "compare.csv", "figures.xlsx",
           "datapackage.json")
GOOD = "Shelling killed at least {n} civilians in Idlib on Sunday, the White Helmets said.\n"


def _corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"doc{i:03d}.txt").write_text(GOOD.format(n=i + 2) + f"About {100 + i} families fled.\n",
                                                encoding="utf-8")
    return folder


def _build(*args: str) -> None:
    result = CliRunner().invoke(cli, ["build", *args])
    assert result.exit_code == 0, result.output


def _same(a: Path, b: Path) -> None:
    for name in OUTPUTS:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_the_output_is_the_same_whatever_the_number_of_jobs(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in", 30)
    _build(str(corpus), "--out", str(tmp_path / "one"), "--jobs", "1", "--no-cache")
    _build(str(corpus), "--out", str(tmp_path / "two"), "--jobs", "2", "--no-cache")
    _same(tmp_path / "one", tmp_path / "two")


def test_the_output_is_the_same_whatever_the_chunk_size(tmp_path: Path, monkeypatch) -> None:
    """Rows stream through the store a chunk at a time; claims and comparisons still span chunks."""
    import figures.pipeline

    _build("--out", str(tmp_path / "whole"), "--no-cache")
    monkeypatch.setattr(figures.pipeline, "CHUNK", 3)
    _build("--out", str(tmp_path / "chunked"), "--no-cache")
    _same(tmp_path / "whole", tmp_path / "chunked")
    assert len((tmp_path / "whole" / "claims.csv").read_text().splitlines()) > 3


def test_the_scratch_store_is_gone_after_a_build(tmp_path: Path) -> None:
    _build(str(_corpus(tmp_path / "in", 3)), "--out", str(tmp_path / "out"), "--no-cache")
    assert not list((tmp_path / "out").glob(".*.tmp"))


def test_a_rebuild_reuses_unchanged_documents_and_redoes_changed_ones(tmp_path: Path, monkeypatch) -> None:
    import figures.engine as engine

    corpus = _corpus(tmp_path / "in", 20)
    out = tmp_path / "out"
    _build(str(corpus), "--out", str(out), "--jobs", "1")
    (corpus / "doc005.txt").write_text(GOOD.format(n=77), encoding="utf-8")
    done: list[str] = []
    original = engine.work
    monkeypatch.setattr(engine, "work", lambda task, data=None: done.append(Path(task.path).name) or original(task, data))
    _build(str(corpus), "--out", str(out), "--jobs", "1")
    assert done == ["doc005.txt"]
    fresh = tmp_path / "fresh"
    _build(str(corpus), "--out", str(fresh), "--jobs", "1", "--no-cache")
    _same(out, fresh)


SHARED = ("Fictional example: at least {n} civilians were killed in Idlib since 1 March 2024, the White Helmets said.\n"
          "Some 40 families fled Idlib city.\n")


def test_a_rebuild_after_edits_additions_and_removals_writes_what_a_fresh_build_writes(tmp_path: Path,
                                                                                      monkeypatch) -> None:
    """Claims span documents: editing, appending to, removing and adding articles (one whose name sorts
    first, so every other article moves) must leave the cached build equal to one made from nothing."""
    import figures.engine as engine

    corpus = tmp_path / "in"
    corpus.mkdir()
    for i in range(12):  # the same claims, reported by several documents
        (corpus / f"doc{i:03d}.txt").write_text(SHARED.format(n=10 + i % 3), encoding="utf-8")
    (corpus / "manifest.csv").write_text("doc_id,published,outlet\n" + "".join(
        f"doc{i:03d},2024-03-{1 + i:02d},Outlet {i % 4}\n" for i in range(12)) + "a-new,2024-03-08,Outlet 9\n",
        encoding="utf-8")
    out = tmp_path / "out"
    _build(str(corpus), "--out", str(out), "--jobs", "1")
    claims = (out / "claims.csv").read_text(encoding="utf-8")
    assert ",4\n" in claims  # a claim reported by four documents

    (corpus / "doc003.txt").write_text(SHARED.format(n=11), encoding="utf-8")  # now the claim of 1, 4, 7, 10
    with (corpus / "doc004.txt").open("a", encoding="utf-8") as fh:
        fh.write("Separately, 3 people were injured in Aleppo.\n")
    (corpus / "doc006.txt").unlink()
    (corpus / "a-new.txt").write_text(SHARED.format(n=12), encoding="utf-8")
    done: list[str] = []
    original = engine.work
    monkeypatch.setattr(engine, "work", lambda task, data=None: done.append(Path(task.path).name) or original(task, data))
    _build(str(corpus), "--out", str(out), "--jobs", "1")
    assert sorted(done) == ["a-new.txt", "doc003.txt", "doc004.txt"]
    fresh = tmp_path / "fresh"
    _build(str(corpus), "--out", str(fresh), "--jobs", "1", "--no-cache")
    _same(out, fresh)
    assert (out / "claims.csv").read_text(encoding="utf-8") != claims


REPORT = ("Fictional example: at least {n} civilians were killed in {place} on Sunday, the White Helmets said.\n"
          "Some {m} families fled {place}.\n")


def _dated_corpus(folder: Path, rng, n: int) -> None:
    """n articles over a year, a few days apart, that retell a few claims: most claim keys have many
    figures and claims."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for i in range(n):
        (folder / f"doc{i:03d}.txt").write_text(REPORT.format(n=rng.choice([10, 11]), m=rng.choice([40, 50]),
                                                              place=rng.choice(["Idlib", "Aleppo"])), encoding="utf-8")
        rows.append(f"doc{i:03d},2024-{1 + i * 11 // n:02d}-{1 + i * 5 % 28:02d},Outlet {rng.randrange(3)}\n")
    (folder / "manifest.csv").write_text("doc_id,published,outlet\n" + "".join(rows), encoding="utf-8")


# Two of the first 30 seeds where a rebuild that stopped without waiting a month after the pass's last
# change, or without checking the open claims' figures, would differ from the fresh build.
@pytest.mark.parametrize("seed", [4, 7])
def test_a_rebuild_that_stops_matching_claims_once_they_are_as_before_writes_what_a_fresh_build_writes(
        tmp_path: Path, monkeypatch, seed: int) -> None:
    """A rebuild matches a claim key's figures again from its earliest change and stops once its open
    claims are the last build's again (see store.Store._settled): edits, removals and additions at
    random, anywhere in the year, must leave it equal to a build made from nothing, and some passes
    must have stopped early for the test to mean anything."""
    import random

    from figures.store import Store

    rng = random.Random(seed)
    corpus, out = tmp_path / "in", tmp_path / "out"
    _dated_corpus(corpus, rng, 60)
    _build(str(corpus), "--out", str(out), "--jobs", "1")
    for i in rng.sample(range(60), 8):
        doc = corpus / f"doc{i:03d}.txt"
        if rng.random() < 0.3:
            doc.unlink()
        else:
            doc.write_text(REPORT.format(n=rng.choice([10, 11, 12]), m=50, place=rng.choice(["Idlib", "Aleppo"])),
                           encoding="utf-8")
    (corpus / "a-new.txt").write_text(REPORT.format(n=10, m=40, place="Idlib"), encoding="utf-8")
    with (corpus / "manifest.csv").open("a", encoding="utf-8") as fh:
        fh.write(f"a-new,2024-{rng.randrange(1, 12):02d}-14,Outlet 9\n")
    stopped: list[str] = []
    original = Store._settled
    monkeypatch.setattr(Store, "_settled", lambda store, published, claims: original(store, published, claims)
                        and not stopped.append(published))
    _build(str(corpus), "--out", str(out), "--jobs", "1")
    fresh = tmp_path / "fresh"
    _build(str(corpus), "--out", str(fresh), "--jobs", "1", "--no-cache")
    _same(out, fresh)
    assert stopped


CLAIMED = "Fictional example: at least 10 civilians were killed in Idlib since 1 December 2023{by}.\n"


def test_a_rebuild_stops_only_once_no_open_claim_differs_from_the_last_builds(tmp_path: Path, monkeypatch) -> None:
    """A claim reported from January to February by the White Helmets (WH) and once by an unnamed source:
    a SOHR report added on 5 January takes the unnamed one, which leaves the WH claim open but smaller;
    then a WH report taken out from its middle leaves it open and smaller again. Each time the pass
    must go on until the changed claim is given out, and stop before the April report."""
    from figures.store import Store

    corpus, out, fresh = tmp_path / "in", tmp_path / "out", tmp_path / "fresh"
    corpus.mkdir()
    reports = {"a": ("2024-01-01", ", the White Helmets said"), "b": ("2024-01-10", ""),
               "c": ("2024-01-20", ", the White Helmets said"), "d": ("2024-01-30", ", the White Helmets said"),
               "f": ("2024-02-25", ", the White Helmets said"), "g": ("2024-04-20", ", the White Helmets said"),
               "n": ("2024-01-05", ", the Syrian Observatory for Human Rights said")}
    for name, (_, by) in reports.items():
        (corpus / f"{name}.txt").write_text(CLAIMED.format(by=by), encoding="utf-8")
    (corpus / "manifest.csv").write_text("doc_id,published,outlet\n" + "".join(
        f"{name},{day},Outlet\n" for name, (day, _) in reports.items()), encoding="utf-8")
    (corpus / "n.txt").rename(tmp_path / "n.txt")
    _build(str(corpus), "--out", str(out), "--jobs", "1")
    stopped: list[str] = []
    original = Store._settled
    monkeypatch.setattr(Store, "_settled", lambda store, published, claims: original(store, published, claims)
                        and not stopped.append(published))
    for change in (lambda: (tmp_path / "n.txt").rename(corpus / "n.txt"), (corpus / "c.txt").unlink):
        change()
        stopped.clear()
        _build(str(corpus), "--out", str(out), "--jobs", "1")
        shutil.rmtree(fresh, ignore_errors=True)
        _build(str(corpus), "--out", str(fresh), "--jobs", "1", "--no-cache")
        _same(out, fresh)
        assert stopped == ["2024-04-20"]


def test_a_build_killed_while_it_updates_the_cache_leaves_it_usable(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in", 300)
    out = tmp_path / "out"
    _build(str(corpus), "--out", str(out), "--jobs", "1")
    for i in range(0, 300, 7):
        (corpus / f"doc{i:03d}.txt").write_text(GOOD.format(n=500 + i), encoding="utf-8")
    command = [sys.executable, "-m", "figures", "build", str(corpus), "--out", str(out), "--jobs", "1"]
    for delay in (1.0, 2.0, 3.0):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
    _build(str(corpus), "--out", str(out), "--jobs", "1")
    _build(str(corpus), "--out", str(tmp_path / "fresh"), "--jobs", "1", "--no-cache")
    _same(out, tmp_path / "fresh")


def test_a_cache_that_is_not_a_database_is_started_afresh(tmp_path: Path) -> None:
    corpus, out = _corpus(tmp_path / "in", 3), tmp_path / "out"
    out.mkdir()
    (out / ".figures-cache.sqlite").write_bytes(b"not a database " * 100)
    result = CliRunner().invoke(cli, ["build", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "unreadable (file is not a database); started afresh" in result.output
    _build(str(corpus), "--out", str(tmp_path / "fresh"), "--no-cache")
    _same(out, tmp_path / "fresh")


def test_only_documents_that_pass_validation_are_cached(tmp_path: Path, monkeypatch) -> None:
    """A figure left out by the schema is reported again by a rebuild: its document is not cached."""
    import figures.schema as schema
    from figures.pipeline import run

    original = schema.validate

    def failing_doc001(figures, documents, others=None):
        found = original(figures, documents, others)
        row = int(figures.index[figures["doc_id"] == "doc001"][0])
        fake = {"table": "figures", "row": row, "id": figures.at[row, "figure_id"], "check": "fake", "column": "",
                "value": ""}
        return schema.pd.concat([found, schema.pd.DataFrame([fake])], ignore_index=True)

    monkeypatch.setattr(schema, "validate", failing_doc001)
    corpus, cache = _corpus(tmp_path / "in", 4), tmp_path / "cache.sqlite"
    for _ in range(2):
        build = run([corpus], cache=cache, warn=lambda line: None)
        assert [p for p in build.problems if "left out: check fake failed" in p] == [
            p for p in build.problems if p.startswith("doc001: figure ")]
        assert len([p for p in build.problems if "check fake" in p]) == 1
        assert "1 figure(s) left out" in build.documents.set_index("doc_id").at["doc001", "message"]
    kept = sqlite3.connect(cache).execute("SELECT count(*) FROM documents WHERE reusable = 1").fetchone()[0]
    assert kept == 3


def test_a_changed_rule_file_invalidates_the_cache(tmp_path: Path) -> None:
    from figures.engine import task_key
    from figures.rules import load_rules

    rules_copy = tmp_path / "rules"
    shutil.copytree(SAMPLE.parent / "rules", rules_copy)
    doc = _corpus(tmp_path / "in", 1) / "doc000.txt"
    task = Task(str(doc), str(doc.parent), (), str(rules_copy))
    before = task_key(task, load_rules(rules_copy))
    with (rules_copy / "things.csv").open("a", encoding="utf-8") as fh:
        fh.write("t-new,wagons,\n")
    assert task_key(task, load_rules(rules_copy)) != before


def test_a_slow_document_is_recorded_and_left_out(tmp_path: Path, monkeypatch) -> None:
    import figures.pipeline as pipeline

    doc = _corpus(tmp_path / "in", 1) / "doc000.txt"

    def stuck(article, rules):
        time.sleep(5)

    # inside process, whose `except Exception` must not take the time limit for an extraction error
    monkeypatch.setattr(pipeline, "extract_article", stuck)
    row, figures = work(Task(str(doc), str(doc.parent), (), default_rules().folder, time_limit=0.2))
    assert row["status"] == "failed" and "longer than 0.2 s" in row["message"] and figures == []


def test_a_killed_build_leaves_the_previous_output_whole(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in", 400)
    out = tmp_path / "out"
    _build(str(corpus), "--out", str(out), "--jobs", "1", "--no-cache")
    before = {name: (out / name).read_bytes() for name in OUTPUTS}
    (corpus / "doc001.txt").write_text(GOOD.format(n=999), encoding="utf-8")
    command = [sys.executable, "-m", "figures", "build", str(corpus), "--out", str(out), "--jobs", "1",
               "--no-cache"]
    for delay in (0.5, 1.5, 3.0):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        for name in OUTPUTS:
            data = (out / name).read_bytes()
            assert data == before[name] or name not in {"figures.csv"} or b"999" in data, name
        result = CliRunner().invoke(cli, ["validate", str(out)])
        assert result.exit_code == 0, result.output
    scratch = out / ".figures-xlsx.killed.tmp"  # as a build killed while writing the workbook leaves it
    scratch.mkdir()
    (scratch / "raw.xlsx").write_bytes(b"PK")
    _build(str(corpus), "--out", str(out), "--jobs", "1", "--no-cache")
    assert not list(out.glob("**/.*.tmp"))  # the killed builds' scratch files and folders are swept


def test_bad_input_of_every_kind_becomes_rows_and_the_good_articles_stay(tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "in", 3)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "nul.txt").write_bytes(b"Ten people died.\x00\x00\x00 more")
    (folder / "bad-utf8.txt").write_bytes("Caf\xe9 owners said 3 people were hurt.\n".encode("latin-1") + b"\xff\xfe")
    (folder / "utf16.txt").write_bytes("Rebels abducted 40 villagers.\n".encode("utf-16"))
    (folder / "latin1.txt").write_bytes("Gunmen killed 6 farmers near Cr\xe9teil.\n".encode("latin-1"))
    (folder / "crlf.txt").write_bytes(b"Title line here\r\nFloods displaced 500 families.\r\n")
    (folder / "huge.txt").write_text("word " * 10_000_000 + "and 12 soldiers were killed", encoding="utf-8")  # 50 MB
    os.symlink(folder / "loop-a.txt", folder / "loop-b.txt")
    os.symlink(folder / "loop-b.txt", folder / "loop-a.txt")
    os.symlink(folder, folder / "self")  # a folder link that points back: must not be followed
    (folder / "manifest.csv").write_text(
        "doc_id,published,outlet\ndoc000,not-a-date,X\ndoc001,2024-12-01,X\ndoc001,2024-12-02,X\nghost,,X\n",
        encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(folder), "--out", str(out), "--jobs", "2", "--no-cache"])
    assert result.exit_code == 0, result.output
    import pandas as pd

    docs = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False).set_index("doc_id")
    statuses = docs["status"].to_dict()
    assert statuses["empty"] == "empty" and statuses["binary"] == "not-text" and statuses["nul"] == "not-text"
    assert statuses["loop-a"] == "unreadable" and statuses["loop-b"] == "unreadable"
    for ok in ("doc000", "doc001", "doc002", "bad-utf8", "utf16", "latin1", "crlf", "huge"):
        assert statuses[ok] == "ok", ok
        assert int(docs.loc[ok, "figures"]) >= 1, ok
    assert "not YYYY-MM-DD" in docs.loc["doc000", "message"]
    assert "duplicate doc_id" in result.output and "'ghost' names no file" in result.output
    figures = pd.read_csv(out / "figures.csv", dtype=str, keep_default_na=False)
    text = (folder / "crlf.txt").read_bytes().decode()
    row = figures[figures["doc_id"] == "crlf"].iloc[0]
    assert text[int(row["char_start"]):int(row["char_end"])] == "500"


@pytest.mark.parametrize("text", [
    "a" * 50_000, "1" * 20_000, "since " * 5_000, ("between 1 and " * 3_000), ("- " * 20_000) + "killed",
    ("12, " * 10_000) + "were killed", ("The UN said " * 3_000), ("Rebels Rebels " * 5_000) + "said 4 died.",
])
def test_adversarial_text_is_handled_in_reasonable_time(text: str) -> None:
    from conftest import extract

    started = time.perf_counter()
    extract(text)
    assert time.perf_counter() - started < 20


def test_the_dask_engine_writes_the_same_bytes_as_the_local_one(tmp_path: Path) -> None:
    distributed = pytest.importorskip("dask.distributed")
    corpus = _corpus(tmp_path / "in", 12)
    _build(str(corpus), "--out", str(tmp_path / "local"), "--jobs", "1", "--no-cache")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster:
        _build(str(corpus), "--out", str(tmp_path / "dask"), "--engine", "dask", "--scheduler", cluster.scheduler_address,
               "--no-cache")
    _same(tmp_path / "local", tmp_path / "dask")


def test_odd_names_duplicates_and_a_rules_folder_without_sizes_cost_no_neighbour(tmp_path: Path) -> None:
    """A file name that is not UTF-8 is a row, not a crash; a duplicate file next to its original in the same chunk
    takes no figure from the others; a rules folder with no household sizes uses the packaged ones."""
    from figures.pipeline import run
    from figures.rules import load_rules

    folder = tmp_path / "in"
    for sub in ("a", "b", "c"):
        (folder / sub).mkdir(parents=True)
    (folder / "a" / "x.txt").write_text("Floods killed 4 people and injured 9.\n", encoding="utf-8")
    (folder / "b" / "x.txt").write_text("Floods killed 4 people and injured 9.\n", encoding="utf-8")
    (folder / "c" / "y.txt").write_text("Five people died in a fire.\n", encoding="utf-8")
    os.mkdir(os.path.join(os.fsencode(folder / "c"), b"d"))
    with open(os.path.join(os.fsencode(folder / "c"), b"d", b"caf\xe9.txt"), "wb") as fh:
        fh.write(b"Two people were hurt.\n")
    rules = tmp_path / "rules"
    shutil.copytree(SAMPLE.parent / "rules", rules)
    (rules / "household_size.csv").unlink()
    build = run([folder], rules=load_rules(rules), warn=lambda line: None)
    figures = build.figures
    assert sorted(figures["doc_id"]) == ["x", "x", "y"]
    documents = build.documents
    assert list(documents["doc_id"]) == ["x", "x", "caf\udce9", "y"]
    assert list(documents["status"])[:2] == ["ok", "duplicate"] and documents["status"].iloc[3] == "ok"
    assert not any("left out" in p for p in build.problems)


def test_a_duplicate_file_is_a_row_and_the_build_still_writes(tmp_path: Path) -> None:
    """Another file with an earlier file's doc_id is a 'duplicate' row: documents.csv then holds that doc_id
    twice, which its schema allows for duplicates alone; a cached rebuild writes what a fresh build does."""
    corpus = _corpus(tmp_path / "in", 3)
    out = tmp_path / "out"
    _build(str(corpus), "--out", str(out))
    (corpus / "zz").mkdir()  # after the others in the input
    shutil.copy(corpus / "doc001.txt", corpus / "zz" / "doc001.txt")
    _build(str(corpus), "--out", str(out))
    _build(str(corpus), "--out", str(tmp_path / "fresh"), "--no-cache")
    _same(out, tmp_path / "fresh")
    rows = (out / "documents.csv").read_text(encoding="utf-8").splitlines()
    assert [r.split(",")[0] for r in rows[1:]] == ["doc000", "doc001", "doc002", "doc001"]
    assert "duplicate,another file already has doc_id 'doc001'" in rows[-1]
    assert CliRunner().invoke(cli, ["validate", str(out)]).exit_code == 0


def test_claims_and_comparisons_list_figures_in_an_order_moving_files_cannot_change(tmp_path: Path) -> None:
    """Moving a file changes its place in the input but touches no claim: the figures of a claim or
    comparison are listed by publication, so a rebuild after a move writes what a fresh build does."""
    corpus = tmp_path / "in"
    corpus.mkdir()
    said = "Fictional example: at least 12 people were killed in Idlib on Sunday, {who} said.\n"
    (corpus / "a.txt").write_text(said.format(who="the health ministry"), encoding="utf-8")
    (corpus / "b.txt").write_text(said.format(who="the health ministry"), encoding="utf-8")
    (corpus / "c.txt").write_text(said.format(who="OCHA").replace("12", "15"), encoding="utf-8")
    (corpus / "manifest.csv").write_text("doc_id,published\na,2024-03-04\nb,2024-03-04\nc,2024-03-04\n",
                                         encoding="utf-8")
    out = tmp_path / "out"
    _build(str(corpus), "--out", str(out))
    (corpus / "z").mkdir()
    (corpus / "a.txt").rename(corpus / "z" / "a.txt")  # now after b and c in the input
    _build(str(corpus), "--out", str(out))
    _build(str(corpus), "--out", str(tmp_path / "fresh"), "--no-cache")
    _same(out, tmp_path / "fresh")
    assert ",2\n" in (out / "claims.csv").read_text(encoding="utf-8")  # a and b report one claim
    assert "OCHA" in (out / "compare.csv").read_text(encoding="utf-8")


def test_a_cache_with_a_damaged_page_is_started_afresh(tmp_path: Path) -> None:
    corpus, out = _corpus(tmp_path / "in", 200), tmp_path / "out"
    _build(str(corpus), "--out", str(out))
    cache = out / ".figures-cache.sqlite"
    with cache.open("r+b") as fh:  # a page in the middle of the file: rows a rebuild reads only to write them
        fh.seek(cache.stat().st_size // 2 // 4096 * 4096)
        fh.write(b"U" * 4096)
    result = CliRunner().invoke(cli, ["build", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "started afresh" in result.output
    _build(str(corpus), "--out", str(tmp_path / "fresh"), "--no-cache")
    _same(out, tmp_path / "fresh")


@pytest.mark.skipif(sys.platform == "win32", reason="folders are locked only where POSIX allows")
def test_a_second_build_into_the_same_folder_stops_with_a_message(tmp_path: Path) -> None:
    import fcntl

    corpus, out = _corpus(tmp_path / "in", 3), tmp_path / "out"
    _build(str(corpus), "--out", str(out))
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    held = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a running build holds it
        result = CliRunner().invoke(cli, ["build", str(corpus), "--out", str(out)])
    finally:
        os.close(held)
    assert result.exit_code == 1
    assert "another figures build is writing there" in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    _build(str(corpus), "--out", str(out))  # and once it is done, the folder is free


def test_a_csv_only_build_removes_an_earlier_workbook_and_plots(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _build("--out", str(out))  # the bundled sample, which has dated figures to plot
    assert (out / "figures.xlsx").is_file() and list((out / "plots").iterdir())
    _build("--out", str(out), "--csv-only")
    assert not (out / "figures.xlsx").exists() and not (out / "plots").exists()


def test_a_document_whose_extraction_failed_is_tried_again(tmp_path: Path, monkeypatch) -> None:
    """A failure may be the machine's (a time limit met under load): it is not kept for later builds."""
    import figures.engine as engine
    import figures.pipeline as pipeline

    corpus, out = _corpus(tmp_path / "in", 3), tmp_path / "out"
    original = pipeline.process
    monkeypatch.setattr(pipeline, "process", lambda article, rules: (
        pipeline.replace(article, status="failed", message="took too long"), []) if article.doc_id == "doc001"
        else original(article, rules))
    _build(str(corpus), "--out", str(out), "--jobs", "1")
    monkeypatch.setattr(pipeline, "process", original)
    done: list[str] = []
    work_ = engine.work
    monkeypatch.setattr(engine, "work", lambda task, data=None: done.append(Path(task.path).name) or work_(task, data))
    _build(str(corpus), "--out", str(out), "--jobs", "1")
    assert done == ["doc001.txt"]
    _build(str(corpus), "--out", str(tmp_path / "fresh"), "--no-cache")
    _same(out, tmp_path / "fresh")


def test_a_file_edited_while_it_is_built_is_cached_under_the_bytes_that_were_extracted(tmp_path: Path,
                                                                                     monkeypatch) -> None:
    """A build looks a file up in its cache by its bytes, and a worker reads it again to extract it: an
    edit in between must not leave the edited text's figures under the first bytes' key."""
    import figures.engine as engine

    corpus, out = _corpus(tmp_path / "in", 3), tmp_path / "out"
    edited = corpus / "doc001.txt"
    before = edited.read_bytes()
    key = engine.task_key

    def edit_once_looked_up(task, rules):
        found = key(task, rules)
        if task.path == str(edited):
            edited.write_text(GOOD.format(n=99), encoding="utf-8")
        return found

    monkeypatch.setattr(engine, "task_key", edit_once_looked_up)
    _build(str(corpus), "--out", str(out), "--jobs", "1")
    assert "99" in (out / "figures.csv").read_text()
    monkeypatch.setattr(engine, "task_key", key)
    edited.write_bytes(before)  # the edit undone: the first bytes' figures, not the edit's
    _build(str(corpus), "--out", str(out), "--jobs", "1")
    _build(str(corpus), "--out", str(tmp_path / "fresh"), "--no-cache")
    _same(out, tmp_path / "fresh")
