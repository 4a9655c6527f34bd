"""Articles: find input files, decode them, and attach manifest metadata, datelines and titles."""

from __future__ import annotations

import csv
import html.parser
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from figures.dates import POINT, resolve_point

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
MANIFEST_COLUMNS = ("doc_id", "outlet", "url", "published", "title", "language")
MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Article:
    """One input document as text, with what is known about it."""

    doc_id: str
    path: str
    text: str
    outlet: str = ""
    published: date | None = None
    published_from: str = "none"
    title: str = ""
    language: str = ""
    status: str = "ok"
    message: str = ""
    extra: tuple[tuple[str, str], ...] = field(default=())


@dataclass(frozen=True)
class Manifest:
    rows: Iterator[tuple[int, str, dict[str, str]]]  # (line, doc_id, row), read as they are used
    problems: list[str] = field(default_factory=list)


def find_files(paths: list[Path]) -> Iterator[tuple[Path, Path]]:
    """Every input file under the given paths, as (file, the root it was found under), each root's
    files in order of their paths, found a folder at a time rather than all held at once."""
    for root in paths:
        if root.is_dir():
            yield from ((path, root) for path in _walk(root))
        else:
            yield root, root.parent


def _walk(folder: Path) -> Iterator[Path]:
    """Files under `folder` in the order of their whole paths as text. A folder's entries are sorted by
    name, with "/" after a folder's, so its files come where their paths sort. Links to folders are not
    followed, so a link loop cannot trap it; a link to a file is read like a file (and a looping file
    link becomes an unreadable row); hidden entries and manifests are left out."""
    try:
        with os.scandir(folder) as entries:
            keys = []
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                try:
                    is_folder = entry.is_dir() and not entry.is_symlink()
                    linked_folder = entry.is_dir() and entry.is_symlink()
                except OSError:
                    is_folder = linked_folder = False
                if is_folder:
                    keys.append(entry.name + "/")
                elif not linked_folder and entry.name != "manifest.csv":
                    keys.append(entry.name)
    except OSError:
        return
    for key in sorted(keys):
        if key.endswith("/"):
            yield from _walk(folder / key[:-1])
        else:
            yield folder / key


def read_manifest(path: Path) -> Manifest:
    """Rows with their doc_id, read lazily; a manifest that cannot be read, or has no doc_id column, is
    ignored with a problem; missing columns are reported. Duplicate doc_ids are the reader's to find."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            columns = next(csv.reader(fh), [])
            for _ in csv.reader(fh):  # the whole file must be readable before any row of it is used
                pass
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        return Manifest(iter(()), [f"{path}: cannot read manifest: {error}"])
    if "doc_id" not in columns:
        return Manifest(iter(()), [f"{path}: manifest has no doc_id column; it is ignored"])
    problems = [f"{path}: manifest lacks column(s) {', '.join(c for c in MANIFEST_COLUMNS if c not in columns)}"
                ] if any(c not in columns for c in MANIFEST_COLUMNS) else []

    def rows() -> Iterator[tuple[int, str, dict[str, str]]]:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            for number, row in enumerate(csv.DictReader(fh), start=2):
                yield number, (row.get("doc_id") or "").strip(), {
                    k: (v or "").strip() for k, v in row.items() if k is not None}

    return Manifest(rows(), problems)


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # control characters other than \t \n \f \r


def decode(data: bytes) -> tuple[str | None, str, str]:
    """Text from bytes: (text or None, status, message)."""
    if len(data) > MAX_BYTES:
        return None, "too-large", f"file is {len(data):,} bytes; the limit is {MAX_BYTES:,}"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "ok", "decoded as UTF-16 (byte-order mark)"
        except UnicodeDecodeError:
            return None, "not-text", "UTF-16 byte-order mark but undecodable content"
    if b"\0" in data:
        return None, "not-text", "binary file (contains NUL bytes)"
    try:
        text, message = data.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        text, message = data.decode("cp1252", errors="replace"), "not valid UTF-8; decoded as Windows-1252"
    controls = len(_CONTROLS.findall(text))
    if text and controls / len(text) > 0.02:
        return None, "not-text", "binary file (control characters)"
    if not text.strip():
        return None, "empty", "no text"
    return text, "ok", message


class _HTMLText(html.parser.HTMLParser):
    """Visible text of a page, one line per block element; script, style and navigation left out."""

    SKIP = {"script", "style", "nav", "header", "footer", "aside", "noscript", "form", "svg"}
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "title", "blockquote"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(" ".join(data.split()) if data.strip() else "")


def html_to_text(markup: str) -> str:
    parser = _HTMLText()
    parser.feed(markup)
    parser.close()
    return re.sub(r"\n\s*\n+", "\n\n", "".join(parser.parts)).strip() + "\n"


_DATELINE = re.compile(rf"\s*(?:Published|Updated|Posted)?:?\s*(?P<date>{POINT.pattern})(?:\s*(?:Hour:?|at|-|,|\|)?\s*\d{{1,2}}:\d\d(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{{2,4}})?)?\s*", re.IGNORECASE)


def find_dateline(text: str) -> date | None:
    """The publication date from a line near the top that is only a date (and time)."""
    for line in text.splitlines()[:25]:
        m = _DATELINE.fullmatch(line)
        if m and re.search(r"\d{4}", m.group("date")):
            start, end = resolve_point(m.group("date"), None)
            if start is not None and start == end:
                return start
    return None


def _headline(text: str, is_boilerplate) -> str:
    """The first line that reads like a headline: 3 to 25 words, no full stop at the end."""
    for line in text.splitlines()[:30]:
        line = line.strip()
        if not line or is_boilerplate(line):
            continue
        words = line.split()
        if 3 <= len(words) <= 25 and not line.endswith((".", ":")) and not find_dateline(line):
            return line
        return ""
    return ""


def read_article(path: Path, root: Path, manifest: dict[str, dict[str, str]], is_boilerplate,
                 data: bytes | None = None) -> Article:
    """One file as an Article (from `data`, its bytes, when the caller has read them); a file that cannot
    be read is an Article with a status and message."""
    doc_id = path.stem
    shown = (Path(root.name) / path.relative_to(root)).as_posix() if path != root else path.name
    row = manifest.get(doc_id, {})
    meta = {
        "outlet": row.get("outlet", ""),
        "title": row.get("title", ""),
        "language": row.get("language", ""),
        "extra": tuple((k, v) for k, v in sorted(row.items()) if k not in MANIFEST_COLUMNS),
    }
    text, status, message = _load(path, data)
    if text is None:
        return Article(doc_id, shown, "", status=status, message=message, **meta)
    published, published_from, date_problem = _published(row, text)
    if date_problem:
        message = "; ".join(filter(None, [message, date_problem]))
    if not meta["title"]:
        meta["title"] = _headline(text, is_boilerplate)
    return Article(doc_id, shown, text, published=published, published_from=published_from,
                   status=status, message=message, **meta)


def _load(path: Path, data: bytes | None) -> tuple[str | None, str, str]:
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        return None, "not-text", f"unsupported file type {suffix or '(none)'}; expected .txt, .md or .html"
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as error:
            return None, "unreadable", f"cannot read file: {error.strerror or error}"
    text, status, message = decode(data)
    if text is not None and suffix in HTML_SUFFIXES:
        text = html_to_text(text)
        message = "; ".join(filter(None, [message, "HTML reduced to text; offsets refer to that text"]))
    return text, status, message


def _published(row: dict[str, str], text: str) -> tuple[date | None, str, str]:
    raw = row.get("published", "")
    if raw:
        try:
            return date.fromisoformat(raw[:10]), "manifest", ""
        except ValueError:
            problem = f"manifest published date {raw!r} is not YYYY-MM-DD; ignored"
            found = find_dateline(text)
            return found, "dateline" if found else "none", problem
    found = find_dateline(text)
    return found, "dateline" if found else "none", ""
