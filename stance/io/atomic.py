"""Writing outputs: a reader sees the old file or the whole new one, never a half.

A regular file (or a missing one) is written to a temp file beside it and renamed
over it. A symlink is followed, so its target is replaced and the link kept. Other
targets (``-`` for stdout, ``/dev/stdout``, devices, FIFOs) cannot be renamed over
without destroying them, so they are written through. ``check_output`` says before
any work whether a target can be written, so a long run never fails at its end.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

STDOUT = "-"
TMP_SUFFIX = ".tmp"
SPECIAL_DIRS = ("/dev/", "/proc/")  # /dev/stdout -> /proc/self/fd/1 -> whatever fd 1 is: never replaced
RUN_STARTED = time.time()


class OutputError(ValueError):
    """An output path that cannot be written; ``str()`` is the one-line reason."""


def _mode_for(path: Path) -> int:
    """Keep an existing file's mode; new files get the usual 0666 minus umask, not mkstemp's 0600."""
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _stat(path: str | Path) -> os.stat_result | None:
    """``os.stat`` (following links) or None when nothing is there; a link loop is an OutputError."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise OutputError(f"{path}: cannot write (symlink loop)") from None
        raise OutputError(f"{path}: cannot write ({err.strerror or err})") from None


def check_output(path: str) -> None:
    """Raise OutputError now if ``path`` is a folder or cannot be written (checked before any work)."""
    if path == STDOUT:
        return
    if not path:
        raise OutputError("output path is empty")
    st = _stat(path)
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputError(f"{path}: is a folder; give a file name")
    if st is not None and (not stat.S_ISREG(st.st_mode) or _special(path)):
        if not os.access(path, os.W_OK):
            raise OutputError(f"{path}: cannot write (permission denied)")
        return
    folder = Path(os.path.realpath(path)).parent
    while not folder.exists():
        folder = folder.parent
    if not folder.is_dir():
        raise OutputError(f"{path}: cannot write ({folder} is not a folder)")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{path}: cannot write (folder {folder} is not writable)")


def _special(path: str | Path) -> bool:
    """A path under /dev or /proc (also through links): written in place even when it is a regular file."""
    return any(p.startswith(SPECIAL_DIRS) for p in (os.path.abspath(path), os.path.realpath(path)))


def _temp_pattern(name: str) -> re.Pattern[str]:
    """Names ``tempfile.mkstemp(prefix=f".{name}.", suffix=TMP_SUFFIX)`` makes: 8 random characters."""
    return re.compile(rf"\.{re.escape(name)}\.[a-z0-9_]{{8}}{re.escape(TMP_SUFFIX)}")


def clean_stale_temps(path: Path, before: float = RUN_STARTED) -> list[Path]:
    """Remove temp files a killed run left beside ``path``: our own pattern only, regular files
    only, last written before this run started (a live writer's temp file is never touched)."""
    pattern, removed = _temp_pattern(path.name), []
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return removed
    for entry in entries:
        if not pattern.fullmatch(entry.name):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(st.st_mode) and st.st_mtime < before:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


@contextmanager
def _write_through(target: str | Path, mode: str, encoding: str | None) -> Iterator[IO]:
    if target == STDOUT:
        stream = sys.stdout.buffer if "b" in mode else sys.stdout
        yield stream
        stream.flush()
        return
    append = mode.replace("w", "a")  # no O_TRUNC: a regular file behind /dev/stdout keeps what the shell put there
    with open(target, append, encoding=None if "b" in mode else encoding) as fh:
        yield fh


@contextmanager
def atomic_open(path: str | Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """A file object for ``path``: atomic for regular files (through symlinks), written through otherwise."""
    if str(path) == STDOUT:
        with _write_through(STDOUT, mode, encoding) as fh:
            yield fh
        return
    st = _stat(path)
    if st is not None and (not stat.S_ISREG(st.st_mode) or _special(path)):
        if stat.S_ISDIR(st.st_mode):
            raise OutputError(f"{path}: is a folder; give a file name")
        with _write_through(path, mode, encoding) as fh:
            yield fh
        return
    target = Path(os.path.realpath(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_temps(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TMP_SUFFIX, dir=target.parent)
    os.chmod(tmp, _mode_for(target))
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else encoding) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_text(path: str | Path, text: str) -> None:
    with atomic_open(path) as fh:
        fh.write(text)
