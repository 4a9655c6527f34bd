"""Reading input: encodings, HTML, datelines, headlines, manifests, and bad files that never stop a build."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from figures.articles import decode, find_dateline, html_to_text, read_manifest
from figures.pipeline import run

GOOD = "Air strikes killed at least 44 civilians in Idlib on Sunday, the White Helmets said.\n"


@pytest.mark.parametrize(("data", "status", "text"), [
    (GOOD.encode("utf-8"), "ok", GOOD),
    (b"\xef\xbb\xbf" + GOOD.encode("utf-8"), "ok", GOOD),
    (GOOD.encode("utf-16"), "ok", GOOD),
    ("Caf\xe9 owners said 3 people were hurt.\n".encode("latin-1"), "ok", "Caf\xe9 owners said 3 people were hurt.\n"),
    (GOOD.replace("\n", "\r\n").encode(), "ok", GOOD.replace("\n", "\r\n")),
    (b"", "empty", None),
    (b"  \n\t\n", "empty", None),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not-text", None),
    (bytes(range(1, 32)) * 10, "not-text", None),
])
def test_decode(data: bytes, status: str, text: str | None) -> None:
    got, got_status, _message = decode(data)
    assert (got, got_status) == (text, status)


def test_html_is_reduced_to_its_visible_text() -> None:
    page = "<html><head><script>var x = 5;</script></head><body><nav>Home 12</nav><p>Ten people died.</p></body></html>"
    assert html_to_text(page).strip() == "Ten people died."


@pytest.mark.parametrize(("text", "expected"), [
    ("Title\nDecember 3, 2024 Hour: 3:58 pm\nBody.", date(2024, 12, 3)),
    ("Title\n04 December 2024 16:34\nBody.", date(2024, 12, 4)),
    ("Title\nPublished: 2 March 2023\nBody.", date(2023, 3, 2)),
    ("Title\nOn December 3 forces advanced.\n", None),
    ("Title\nDecember 3\nBody.", None),
])
def test_dateline(text: str, expected) -> None:
    assert find_dateline(text) == expected


def test_manifest_problems_are_reported(tmp_path: Path) -> None:
    from figures.pipeline import run

    (tmp_path / "a.txt").write_text("Floods displaced 300 families.\n", encoding="utf-8")
    path = tmp_path / "manifest.csv"
    path.write_text("doc_id,published\na,2024-01-01\na,2024-01-02\nb,2024-01-03\n", encoding="utf-8")
    assert [(line, doc_id) for line, doc_id, _ in read_manifest(path).rows] == [(2, "a"), (3, "a"), (4, "b")]
    build = run([tmp_path], warn=lambda line: None)
    assert build.documents.loc[0, "published"] == "2024-01-01"
    assert any("lacks column" in p for p in build.problems)
    assert any("row 3: duplicate doc_id 'a'" in p for p in build.problems)
    assert any("manifest row 'b' names no file" in p for p in build.problems)


def test_a_doc_id_repeated_in_a_second_manifest_is_reported_even_when_the_first_had_it(tmp_path: Path) -> None:
    from figures.pipeline import run

    for folder, rows in (("one", "a,2024-01-01\n"), ("two", "a,2024-01-05\nc,2024-01-06\nc,2024-01-07\na,2024-01-08\n")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "manifest.csv").write_text("doc_id,published\n" + rows, encoding="utf-8")
    (tmp_path / "one" / "a.txt").write_text("Floods displaced 300 families.\n", encoding="utf-8")
    (tmp_path / "two" / "c.txt").write_text("Floods displaced 200 families.\n", encoding="utf-8")
    build = run([tmp_path / "one", tmp_path / "two"], warn=lambda line: None)
    duplicates = sorted(p.split(": ", 1)[1] for p in build.problems if "duplicate doc_id" in p)
    assert duplicates == ["row 4: duplicate doc_id 'c'; the first row is used",
                          "row 5: duplicate doc_id 'a'; the first row is used"]
    assert list(build.documents["published"]) == ["2024-01-01", "2024-01-06"]


def test_an_unreadable_manifest_is_ignored_whole(tmp_path: Path) -> None:
    path = tmp_path / "manifest.csv"
    path.write_bytes(b"doc_id,outlet\na,Good\n" + b"b,Caf\xe9\n")
    manifest = read_manifest(path)
    assert list(manifest.rows) == [] and "cannot read manifest" in manifest.problems[0]


def test_a_manifest_without_doc_id_is_ignored_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "manifest.csv"
    path.write_text("name,published\na,2024-01-01\n", encoding="utf-8")
    assert "no doc_id column" in read_manifest(path).problems[0]


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good1.txt").write_text(GOOD, encoding="utf-8")
    (folder / "good2.md").write_text("Floods displaced some 1,200 families in Sindh.\n", encoding="utf-8")
    (folder / "latin.txt").write_bytes("Police said 3 people were hurt in Cr\xe9teil.\n".encode("latin-1"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 50)
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (folder / "manifest.csv").write_text(
        "doc_id,outlet,url,published,title,language\n"
        "good1,Wire,,2024-12-03,,en\n"
        "good2,Wire,,not-a-date,,en\n"
        "ghost,Wire,,2024-12-03,,en\n", encoding="utf-8")
    return folder


def test_bad_files_become_rows_and_good_files_keep_their_figures(mixed_folder: Path) -> None:
    lines: list[str] = []
    build = run([mixed_folder], warn=lines.append)
    docs = build.documents.set_index("doc_id")
    assert docs.loc["good1", "status"] == "ok" and docs.loc["good1", "figures"] == "1"
    assert docs.loc["good2", "figures"] == "1" and "not YYYY-MM-DD" in docs.loc["good2", "message"]
    assert docs.loc["latin", "status"] == "ok" and "Windows-1252" in docs.loc["latin", "message"]
    assert docs.loc["empty", "status"] == "empty"
    assert docs.loc["binary", "status"] == "not-text"
    assert docs.loc["photo", "status"] == "not-text" and "unsupported file type" in docs.loc["photo", "message"]
    assert set(build.figures["doc_id"]) == {"good1", "good2", "latin"}
    assert any("binary.txt: not-text" in line for line in lines)
    assert any("'ghost' names no file" in line for line in lines)


def test_an_unreadable_file_is_a_row(mixed_folder: Path, monkeypatch) -> None:
    original = Path.read_bytes

    def deny(self: Path) -> bytes:
        if self.name == "good2.md":
            raise PermissionError(13, "Permission denied")
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    build = run([mixed_folder], warn=lambda line: None)
    row = build.documents.set_index("doc_id").loc["good2"]
    assert row["status"] == "unreadable" and "Permission denied" in row["message"]


def test_web_page_leftovers_yield_no_figures(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("share\nRebels kill 4 in raid on convoy\nRelated:\n30 killed in market blast last year\n"
                    "Four soldiers were killed in the raid, the army said.\nViews: 120\n"
                    "Copyright 2024 Example. 15 people liked this.\n", encoding="utf-8")
    build = run([page], warn=lambda line: None)
    assert list(build.figures["value"]) == ["4"]
    assert list(build.figures["mentions"]) == ["2"] and list(build.figures["source"]) == ["army"]


def test_files_are_found_in_the_order_of_their_paths(tmp_path: Path) -> None:
    from figures.articles import find_files

    names = ["a/b.txt", "a-c/x.txt", "ab.txt", "a/z/1.txt", "a.txt", "B.txt", "a0/y.md"]
    for name in [*names, ".hidden.txt", "a/.git/config", "a/manifest.csv"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("text", encoding="utf-8")
    (tmp_path / "a" / "loop").symlink_to(tmp_path, target_is_directory=True)
    found = [p.relative_to(tmp_path).as_posix() for p, root in find_files([tmp_path]) if root == tmp_path]
    assert found == sorted(names)
