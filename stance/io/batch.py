"""Resuming, sharding and merging JSONL batches (one article result per line).

Crash semantics of ``--resume``: results are appended to the output one line at a
time and flushed, so after a crash the file holds every finished article plus at
most one partial last line. On resume that partial line (anything after the last
newline) is cut off and its article is analysed again; every complete line's
``source`` is skipped. Sources must therefore be unique within a batch (file paths
are; give JSONL rows distinct ``id`` fields or leave ``id`` out).
"""

from __future__ import annotations

import json
import os
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from stance.io.ingest import InputError
from stance.types import Article, ArticleResult, Evidence, Party, PartyStance


class BatchError(Exception):
    """A batch file that cannot be resumed or merged; ``str()`` is the one-line reason."""


@dataclass(frozen=True)
class Shard:
    """Shard ``index`` of ``count`` (1-based, as in "part 2 of 4")."""

    index: int
    count: int

    @classmethod
    def parse(cls, spec: str) -> Shard:
        try:
            index, count = (int(x) for x in spec.split("/"))
        except ValueError:
            raise BatchError(f"--shard must look like K/N (e.g. 2/4), not '{spec}'") from None
        if not 1 <= index <= count:
            raise BatchError(f"--shard {spec}: K must be between 1 and N")
        return cls(index, count)

    def owns(self, source: str) -> bool:
        """Stable across machines and runs: a CRC32 of the source, not Python's salted hash."""
        return zlib.crc32(source.encode("utf-8", "surrogatepass")) % self.count == self.index - 1


def _complete_lines(path: Path) -> Iterator[tuple[int, int, bytes]]:
    """(line number, byte offset after it, line) for every newline-terminated line."""
    offset = 0
    with path.open("rb") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.endswith(b"\n"):
                return
            offset += len(line)
            yield lineno, offset, line


def _source_of(line: bytes, where: str) -> str:
    try:
        row = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise BatchError(f"{where}: not a JSON line; is this a `stance predict --format jsonl` output?") from None
    if not isinstance(row, dict) or not isinstance(row.get("source"), str):
        raise BatchError(f"{where}: line has no 'source'; is this a `stance predict --format jsonl` output?")
    return row["source"]


def prepare_resume(path: str | Path) -> set[str]:
    """Sources already in ``path``; a partial last line left by a crash is cut off."""
    path = Path(path)
    if not path.exists():
        return set()
    done, good_end = set(), 0
    for lineno, end, line in _complete_lines(path):
        if line.strip():
            done.add(_source_of(line, f"{path}:{lineno}"))
        good_end = end
    if path.stat().st_size > good_end:
        with path.open("r+b") as fh:
            fh.truncate(good_end)
            fh.flush()
            os.fsync(fh.fileno())
    return done


def skip_filter(done: set[str], shard: Shard | None) -> Callable[[str], bool] | None:
    if not done and shard is None:
        return None
    return lambda source: source not in done and (shard is None or shard.owns(source))


def read_results(path: str | Path, warn: Callable[[str], None]) -> Iterator[tuple[str, bytes]]:
    """(source, line) of every complete line; a partial last line is reported and dropped."""
    path = Path(path)
    try:
        size = path.stat().st_size
        end = 0
        for lineno, end, line in _complete_lines(path):
            if line.strip():
                yield _source_of(line, f"{path}:{lineno}"), line.rstrip(b"\r\n")
    except OSError as err:
        raise BatchError(f"{path}: cannot read ({err.strerror or err})") from None
    if size > end:
        warn(f"{path}: partial last line dropped (an interrupted run; resume it with --resume)")


@contextmanager
def jsonl_stream(out: str | None, resume: bool, enabled: bool = True) -> Iterator[IO[str] | None]:
    """Where JSONL results go: appended and flushed line by line with ``resume`` (see the crash
    semantics above), else an atomic file, else stdout; None when the output is not JSONL."""
    from stance.io.atomic import atomic_open

    if not enabled:
        yield None
    elif resume:
        with open(out, "a", encoding="utf-8") as fh:
            yield fh
    elif out:
        with atomic_open(out) as fh:
            yield fh
    else:
        yield sys.stdout


def collect(items: Iterable[ArticleResult | InputError], stream: IO[str] | None, keep: bool,
            echo: Callable[[str], None]) -> tuple[list[ArticleResult], list[str]]:
    """Write each result to ``stream`` as it comes (JSONL), keep it too when ``keep``; report each error."""
    from stance.render.records import to_jsonl_line

    results, errors = [], []
    for item in items:
        if isinstance(item, InputError):
            errors.append(str(item))
            echo(f"error: {item}")
            continue
        if stream is not None:
            stream.write(to_jsonl_line(item) + "\n")
            stream.flush()
        if keep:
            results.append(item)
    return results, errors


def gather_parts(parts: list[str], warn: Callable[[str], None]) -> list[bytes]:
    """The lines of several JSONL parts, each source once (first part wins), sorted by source."""
    rows: dict[str, bytes] = {}
    duplicates = 0
    for path in parts:
        for source, line in read_results(path, warn):
            if source in rows:
                duplicates += 1
                continue
            rows[source] = line
    if duplicates:
        warn(f"{duplicates} duplicate source(s) kept once (first part wins)")
    return [rows[k] for k in sorted(rows)]


def result_from_dict(row: dict) -> ArticleResult:
    """Rebuild an ArticleResult from its JSON form (see stance.render.records.article_dict)."""
    article = Article(source=row["source"], text=row.get("text", ""), title=row.get("title", ""),
                      outlet=row.get("outlet", ""), date=row.get("date", ""), url=row.get("url", ""),
                      body=[tuple(span) for span in row.get("body", [])], language=row.get("language", "en"))
    parties = [
        PartyStance(
            party=Party(name=p["name"], role=p.get("role", ""), aliases=list(p.get("aliases", [])),
                        kind=p.get("kind", "person"), speaks_for=p.get("speaks_for")),
            stance=p["stance"], confidence=p["confidence"], evidence=[Evidence(**e) for e in p.get("evidence", [])],
            attribution=p.get("attribution", ""), source=article.source,
            probabilities=dict(p.get("probabilities", {})), low_confidence=bool(p.get("low_confidence", False)))
        for p in row.get("parties", [])
    ]
    return ArticleResult(article=article, parties=parties)
