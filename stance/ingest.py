"""Reading articles from files, directories, JSONL and stdin.

Every problem with one input becomes an ``InputError`` naming the input, so a batch
goes on with the rest and the CLI prints one line per failure.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from stance.clean import clean_article
from stance.types import Article

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
MAX_BYTES = 20_000_000


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


def _decode(data: bytes, source: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary file (contains NUL bytes), not an article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(source, f"not valid UTF-8 (byte {err.start})") from None
    if not text.strip():
        raise InputError(source, "empty article (no text)")
    return text


def _read_bytes(path: Path) -> bytes:
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        raise InputError(source, f"cannot read ({err.strerror or err})") from None
    if size > MAX_BYTES:
        raise InputError(source, f"file too large ({size} bytes; limit {MAX_BYTES})")
    try:
        return path.read_bytes()
    except OSError as err:
        raise InputError(source, f"cannot read ({err.strerror or err})") from None


def _jsonl_rows(text: str, source: str) -> Iterator[Raw | InputError]:
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputError(where, f"malformed JSON line ({err.msg})")
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


def _raw_from_text(text: str, source: str, suffix: str) -> Iterator[Raw | InputError]:
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl_rows(text, source)
    elif suffix in HTML_SUFFIXES:
        yield Raw(source=source, content=text, is_html=True)
    else:
        yield Raw(source=source, content=text)


def _sniff_suffix(text: str) -> str:
    head = text.lstrip()[:500].lower()
    if head.startswith("{"):
        return ".jsonl"
    if head.startswith("<!doctype html") or head.startswith("<html") or "<body" in head:
        return ".html"
    return ".txt"


def iter_raw(inputs: Iterable[str], stdin=None) -> Iterator[Raw | InputError]:
    """Expand paths (directories recursively, ``-`` for stdin) into raw articles."""
    for spec in inputs:
        if spec == "-":
            stream = stdin or sys.stdin.buffer
            try:
                text = _decode(stream.read(), "<stdin>")
            except InputError as err:
                yield err
                continue
            yield from _raw_from_text(text, "<stdin>", _sniff_suffix(text))
            continue
        path = Path(spec)
        if not path.exists():
            yield InputError(spec, "no such file or directory")
        elif path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not files:
                yield InputError(spec, f"directory has no articles ({', '.join(sorted(SUFFIXES))})")
            for file in files:
                yield from _read_file(file)
        else:
            yield from _read_file(path)


def _read_file(path: Path) -> Iterator[Raw | InputError]:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield InputError(str(path), f"unknown extension '{suffix or '(none)'}' (expected one of {', '.join(sorted(SUFFIXES))})")
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


def to_article(raw: Raw) -> Article:
    """Clean a raw input into an Article (HTML extracted first)."""
    text, meta = raw.content, {}
    if raw.is_html:
        text, meta = html_to_text(raw.content, raw.source)
    article = clean_article(raw.source, text)
    for key in ("title", "outlet", "date", "url"):
        given = getattr(raw, key) or meta.get(key, "")
        if given:
            setattr(article, key, given)
    if not article.body:
        raise InputError(raw.source, "no article text left after removing page boilerplate")
    return article


def read_articles(inputs: Iterable[str], stdin=None) -> Iterator[Article | InputError]:
    for raw in iter_raw(inputs, stdin=stdin):
        if isinstance(raw, InputError):
            yield raw
            continue
        try:
            yield to_article(raw)
        except InputError as err:
            yield err
