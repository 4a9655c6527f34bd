"""Benchmark: `figures build` on a generated corpus, against baselines timed in the same run.

    python tests/benchmark.py --docs 20000 [--jobs N] [--quantulum 50] [--memory]

Makes a corpus with ../shared/bench/make_corpus.py (real sentences, numbers redrawn), then times:
  - the floor: one pass of a single regex over the same files (reading and scanning);
  - quantulum3 on a sample of the files, if it is installed (the library a user might reach for);
  - figures build with CSV output and validation, in a child process, with its peak memory;
  - a rebuild of a copy of the corpus after 1% of its articles are edited, and after 1% more are
    added, each against its full build.
Quotes ratios, not absolute times. --memory also builds 10x the corpus to compare peak memory.
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAKE_CORPUS = ROOT.parent / "shared" / "bench" / "make_corpus.py"
FLOOR = re.compile(r"\d[\d,]*\s+(?:people|civilians|killed|displaced|soldiers)")


def corpus(docs: int, folder: Path) -> Path:
    if not (folder / "manifest.csv").is_file():
        subprocess.run([sys.executable, str(MAKE_CORPUS), "--docs", str(docs), "--out", str(folder)], check=True)
    return folder


def floor(files: list[Path]) -> float:
    started = time.perf_counter()
    for path in files:
        FLOOR.findall(path.read_text(encoding="utf-8"))
    return time.perf_counter() - started


def quantulum(files: list[Path]) -> float | None:
    try:
        from quantulum3 import parser
    except ImportError:
        return None
    started = time.perf_counter()
    for path in files:
        parser.parse(path.read_text(encoding="utf-8"))
    return time.perf_counter() - started


def build(folder: Path, jobs: int | None, out: Path | None = None, articles: Path | None = None
          ) -> tuple[float, float]:
    """(seconds, peak MiB) of a `figures build` child process with CSV output and validation, with the
    cache in `out` (a fresh folder unless given: a cold cache, so a full build)."""
    out = out or Path(tempfile.mkdtemp(prefix="figures-bench-"))
    command = [sys.executable, "-m", "figures", "build", str(articles or folder / "articles"), "--manifest",
               str(folder / "manifest.csv"), "--out", str(out), "--csv-only"]
    if jobs:
        command += ["--jobs", str(jobs)]
    started = time.perf_counter()
    subprocess.run(command, check=True, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest child so far
    return seconds, peak


def incremental(folder: Path, jobs: int | None, share: float = 0.01, added: bool = False) -> tuple[float, float]:
    """(full build seconds, rebuild seconds) on a copy of the corpus: `share` of its articles are then
    edited (a sentence with a new figure appended), or, with `added`, they are left out of the full
    build and added for the rebuild. The rebuild takes the others from the cache."""
    scratch = Path(tempfile.mkdtemp(prefix="figures-bench-incremental-"))
    articles, aside = scratch / "articles", scratch / "aside"
    shutil.copytree(folder / "articles", articles)
    aside.mkdir()
    changed = sorted(articles.glob("*.txt"))[::max(1, round(1 / share))]
    if added:
        for path in changed:
            path.rename(aside / path.name)
    out = scratch / "out"
    full, _ = build(folder, jobs, out, articles)
    for path in changed:
        if added:
            (aside / path.name).rename(path)
        else:
            with path.open("a", encoding="utf-8") as fh:
                fh.write("\nSeparately, 3 people were injured in a roadside blast on Monday.\n")
    again, _ = build(folder, jobs, out, articles)
    shutil.rmtree(scratch)
    return full, again


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=20000)
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--quantulum", type=int, default=50, help="files for the quantulum3 baseline")
    ap.add_argument("--memory", action="store_true", help="also build 10x the corpus and compare peak memory")
    ap.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "figures-bench")
    a = ap.parse_args()
    folder = corpus(a.docs, a.dir / str(a.docs))
    files = sorted((folder / "articles").glob("*.txt"))
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    floor_s = floor(files)
    q = quantulum(files[:a.quantulum]) if a.quantulum > 0 else None
    build_s, peak = build(folder, a.jobs)
    rate = len(files) / build_s
    print(f"corpus: {len(files):,} articles, {megabytes:.1f} MB")
    print(f"figures build: {rate:,.0f} articles/s, {megabytes / build_s:.2f} MB/s, peak {peak:,.0f} MiB")
    print(f"regex floor:   {len(files) / floor_s:,.0f} articles/s  (figures is {floor_s / build_s:.3f}x the floor)")
    if a.quantulum <= 0:
        print("quantulum3:    skipped (--quantulum 0)")
    elif q is None:
        print("quantulum3:    not installed (pip install quantulum3)")
    else:
        q_rate = a.quantulum / q
        print(f"quantulum3:    {q_rate:,.1f} articles/s on {a.quantulum} files  (figures is {rate / q_rate:,.0f}x faster)")
    full, again = incremental(folder, a.jobs)
    print(f"incremental:   a rebuild after 1% of the articles were edited took {again / full:.3f}x the full build "
          f"({again:,.1f} s vs {full:,.1f} s, same cache folder)")
    full, again = incremental(folder, a.jobs, added=True)
    print(f"               a rebuild after 1% more articles were added took {again / full:.3f}x the full build "
          f"of the others ({again:,.1f} s vs {full:,.1f} s)")
    if a.memory:
        big = corpus(a.docs * 10, a.dir / str(a.docs * 10))
        _, big_peak = build(big, a.jobs)
        print(f"peak memory at {a.docs * 10:,} articles: {big_peak:,.0f} MiB ({big_peak / peak:.2f}x that at {a.docs:,})")


if __name__ == "__main__":
    main()
