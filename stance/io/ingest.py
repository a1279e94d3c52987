"""Reading articles from files, directories, JSONL, stdin and http(s) URLs.

Every problem with one input becomes an ``InputError`` naming the input, so a batch
goes on with the rest and the CLI prints one line per failure. JSONL is read one line
at a time (files and stdin alike), so a batch of any length runs in bounded memory.
Articles that are too long to analyse, or not in English, are reported, not labelled.
Only regular files are read (a FIFO, socket or device is refused without opening it
for a blocking read); a JSONL line nested deeper than ``MAX_JSON_DEPTH`` is refused
before parsing, as the parser would otherwise recurse until it fails.
"""

from __future__ import annotations

import errno
import io
import json
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

from stance.io.clean import clean_article
from stance.io.fetch import FetchError, FetchPolicy, fetch, looks_like_url, redact
from stance.io.lang import detect_article
from stance.types import Article

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
MAX_BYTES = 20_000_000
MAX_CHARS = 1_000_000
MAX_JSON_DEPTH = 64
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_JSON_BRACKET = re.compile(r"[\[\]{}]")


class InputError(Exception):
    """One input that cannot be read; ``str()`` is the one-line message for users."""

    def __init__(self, source: str, problem: str):
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


@dataclass
class Raw:
    """An input before cleaning: its text (or HTML) and any metadata it carried."""

    source: str
    content: str
    is_html: bool = False
    title: str = ""
    outlet: str = ""
    date: str = ""
    url: str = ""


def _looks_utf16(data: bytes) -> bool:
    """A UTF-16 byte-order mark, or NULs in every other byte as UTF-16 makes of ASCII text."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    head = data[:8192]
    return len(head) >= 4 and max(head[0::2].count(0), head[1::2].count(0)) > 0.4 * (len(head) // 2)


def _not_utf8(data: bytes, start: int) -> str:
    return "not UTF-8 (looks like UTF-16); save it as UTF-8" if _looks_utf16(data) else f"not valid UTF-8 (byte {start})"


def _decode(data: bytes, source: str) -> str:
    if _looks_utf16(data):
        raise InputError(source, _not_utf8(data, 0))
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary file (contains NUL bytes), not an article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(source, _not_utf8(data, err.start)) from None
    if not text.strip():
        raise InputError(source, "empty article (no text)")
    return text


def _kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder"))
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def _cannot(source: str, err: OSError) -> InputError:
    if err.errno == errno.ELOOP:
        return InputError(source, "symlink loop; cannot read")
    if err.errno == errno.ENOENT:
        return InputError(source, "no such file or directory")
    return InputError(source, f"cannot read ({err.strerror or err})")


def _open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading only if it is a regular file. O_NONBLOCK means a FIFO swapped
    in after a stat still cannot block the open, and fstat on the open file decides."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as err:
        raise _cannot(str(path), err) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise InputError(str(path), f"is {_kind(mode)}, not a regular file; refused")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _read_bytes(path: Path) -> bytes:
    source = str(path)
    with _open_regular(path) as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > MAX_BYTES:
            raise InputError(source, f"file too large ({size} bytes; limit {MAX_BYTES})")
        try:
            return fh.read(MAX_BYTES + 1)
        except OSError as err:
            raise _cannot(source, err) from None


def _lines(stream: BinaryIO, head: bytes = b"") -> Iterator[bytes]:
    """Lines of a byte stream (after the already-read ``head``); one longer than
    MAX_BYTES comes back truncated and is reported, never held whole in memory."""
    *complete, pending = head.split(b"\n")
    for line in complete:
        yield line + b"\n"
    while True:
        line = stream.readline(MAX_BYTES + 1)
        if pending:
            line, pending = pending + line, b""
        if not line:
            return
        if len(line) > MAX_BYTES and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
        yield line


def _jsonl_rows(lines: Iterable[bytes], source: str) -> Iterator[Raw | InputError]:
    for lineno, data in enumerate(lines, 1):
        where = f"{source}:{lineno}"
        if len(data) > MAX_BYTES:
            yield InputError(where, f"JSONL line too large (over {MAX_BYTES} bytes)")
            continue
        try:
            line = data.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError as err:
            yield InputError(where, _not_utf8(data, err.start))
            continue
        if not line.strip():
            continue
        if _too_deep(line):
            yield InputError(where, f"JSON nested too deeply (over {MAX_JSON_DEPTH} levels)")
            continue
        try:
            row = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as err:
            yield InputError(where, f"malformed JSON line ({getattr(err, 'msg', 'nested too deeply')})")
            continue
        if not isinstance(row, dict):
            yield InputError(where, "JSONL line is not an object")
            continue
        body = row.get("text") if row.get("text") is not None else row.get("html")
        if not isinstance(body, str) or not body.strip():
            yield InputError(where, "JSONL line has no non-empty 'text' or 'html' field")
            continue
        meta = {k: str(row.get(k) or "") for k in ("title", "outlet", "date", "url")}
        yield Raw(source=str(row.get("id") or where), content=body, is_html="text" not in row or row.get("text") is None, **meta)


def _too_deep(line: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Bracket depth outside JSON strings exceeds ``limit`` (a cheap scan, no parsing)."""
    depth = 0
    for bracket in _JSON_BRACKET.findall(_JSON_STRING.sub("", line)):
        depth += 1 if bracket in "[{" else -1
        if depth > limit:
            return True
    return False


def _raw_from_text(text: str, source: str, suffix: str) -> Iterator[Raw | InputError]:
    if suffix in HTML_SUFFIXES:
        yield Raw(source=source, content=text, is_html=True)
    else:
        yield Raw(source=source, content=text)


def sniff_suffix(text: str) -> str:
    head = text.lstrip()[:500].lower()
    if head.startswith("<!doctype html") or head.startswith("<html") or "<body" in head:
        return ".html"
    return ".txt"


def _as_bytes(stream: BinaryIO | TextIO) -> BinaryIO:
    """A byte stream for ``stream``: a text stream's buffer, or an in-memory one's text as UTF-8
    (``run(["-"], stdin=io.StringIO(text))``); lone surrogates then fail decoding like bad bytes."""
    if not isinstance(stream, io.TextIOBase):
        return stream
    buffer = getattr(stream, "buffer", None)
    return buffer if buffer is not None else io.BytesIO(stream.read().encode("utf-8", "surrogatepass"))


def _read_stdin(stream: BinaryIO | TextIO) -> Iterator[Raw | InputError]:
    stream = _as_bytes(stream)
    head = stream.read(4096)
    if head.lstrip().lstrip(b"\xef\xbb\xbf").startswith(b"{"):
        yield from _jsonl_rows(_lines(stream, head), "<stdin>")
        return
    try:
        data = head + stream.read(MAX_BYTES + 1 - len(head))
        if len(data) > MAX_BYTES:
            raise InputError("<stdin>", f"input too large (over {MAX_BYTES} bytes)")
        text = _decode(data, "<stdin>")
    except InputError as err:
        yield err
        return
    yield from _raw_from_text(text, "<stdin>", sniff_suffix(text))


def _read_url(url: str, policy: FetchPolicy | None) -> Iterator[Raw | InputError]:
    try:
        page = fetch(url, policy)
    except FetchError as err:
        yield InputError(redact(url), str(err))
        return
    if "\x00" in page.content:
        yield InputError(redact(url), "page contains NUL bytes; not an article")
        return
    yield Raw(source=url, content=page.content, is_html=page.is_html, url=page.url)


def iter_raw(inputs: Iterable[str], stdin=None, policy: FetchPolicy | None = None) -> Iterator[Raw | InputError]:
    """Expand inputs (directories recursively, ``-`` for stdin, http(s) URLs) into raw articles."""
    for spec in inputs:
        if spec == "-":
            yield from _read_stdin(stdin or sys.stdin.buffer)
            continue
        if looks_like_url(spec):
            yield from _read_url(spec, policy)
            continue
        path = Path(spec)
        try:
            is_dir = stat.S_ISDIR(os.stat(path).st_mode)
        except OSError as err:
            yield _cannot(spec, err)
            continue
        yield from (_read_dir(path) if is_dir else _read_file(path))


def _read_dir(path: Path) -> Iterator[Raw | InputError]:
    """Every article file under ``path`` in sorted order; an unreadable subfolder is reported."""
    problems: list[InputError] = []
    files = sorted(Path(root, name) for root, _, names in os.walk(path, onerror=lambda e: problems.append(
        InputError(e.filename or str(path), f"cannot read folder ({e.strerror or e})"))) for name in names
        if Path(name).suffix.lower() in SUFFIXES)
    yield from problems
    if not files and not problems:
        yield InputError(str(path), f"directory has no articles ({', '.join(sorted(SUFFIXES))})")
    for file in files:
        yield from _read_file(file)


def _read_file(path: Path) -> Iterator[Raw | InputError]:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield InputError(str(path), f"unknown extension '{suffix or '(none)'}' (expected one of {', '.join(sorted(SUFFIXES))})")
        return
    if suffix in JSONL_SUFFIXES:
        try:
            with _open_regular(path) as stream:
                yield from _jsonl_rows(_lines(stream), str(path))
        except InputError as err:
            yield err
        except OSError as err:
            yield _cannot(str(path), err)
        return
    try:
        text = _decode(_read_bytes(path), str(path))
    except InputError as err:
        yield err
        return
    yield from _raw_from_text(text, str(path), suffix)


def html_to_text(html: str, source: str) -> tuple[str, dict[str, str]]:
    """Main text and metadata of a page through trafilatura (never executes the page)."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        raise InputError(source, "HTML page has no extractable article text")
    meta: dict[str, str] = {}
    doc = trafilatura.extract_metadata(html)
    if doc is not None:
        meta = {"title": doc.title or "", "outlet": doc.sitename or "", "date": doc.date or "", "url": doc.url or ""}
    return text, meta


def _check_length(text: str, source: str) -> None:
    if len(text) > MAX_CHARS:
        raise InputError(source, f"article too long ({len(text):,} characters; limit {MAX_CHARS:,}): split it into parts")


def to_article(raw: Raw, check_language: bool = True) -> Article:
    """Clean a raw input into an Article (HTML extracted first); non-English is an InputError."""
    text, meta = raw.content, {}
    if raw.is_html:
        text, meta = html_to_text(raw.content, raw.source)
    _check_length(text, raw.source)
    article = clean_article(raw.source, text)
    for key in ("title", "outlet", "date", "url"):
        given = getattr(raw, key) or meta.get(key, "")
        if given:
            setattr(article, key, given)
    if not article.body:
        raise InputError(raw.source, "no article text left after removing page boilerplate")
    if check_language:
        found = detect_article(article)
        if not found.supported:
            raise InputError(raw.source, f"article is in '{found.language}' (confidence {found.confidence:.2f}), "
                                         f"not English; skipped, not labelled")
    return article


def read_articles(inputs: Iterable[str], stdin=None, keep: Callable[[str], bool] | None = None,
                  policy: FetchPolicy | None = None) -> Iterator[Article | InputError]:
    """Articles in input order; ``keep(source)`` false skips one before any work on it."""
    for raw in iter_raw(inputs, stdin=stdin, policy=policy):
        if isinstance(raw, InputError):
            yield raw
            continue
        if keep is not None and not keep(raw.source):
            continue
        try:
            yield to_article(raw)
        except InputError as err:
            yield err
        except Exception as err:  # noqa: BLE001 - one odd input must not stop a batch
            yield InputError(raw.source, f"could not be read ({type(err).__name__}: {err}); skipped")
