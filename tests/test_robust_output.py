"""Outputs (issue 21, case 1 and the stale temp file): --out/--html never replace a special
file, follow symlinks, '-' is stdout, a folder or unwritable path fails before any work."""

import json
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stance.cli import app
from stance.io.atomic import OutputError, atomic_open, check_output, clean_stale_temps, write_text

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "Truce talks\n\nForeign Minister Dana Voss said the government was open to a ceasefire on Tuesday.\n"
runner = CliRunner()


@pytest.fixture()
def article(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def predict(*args):
    return runner.invoke(app, ["predict", "--model", "rules", *args])


def test_dash_means_stdout_and_writes_no_file(tmp_path, article, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = predict("-f", "json", "--out", "-", str(article))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["articles"][0]["source"] == str(article)
    assert not (tmp_path / "-").exists()


def test_dev_stdout_is_written_through_not_replaced(tmp_path):
    """fd 1 is a regular file here: the old writer renamed a temp file over what /dev/stdout pointed to."""
    out = tmp_path / "captured.txt"
    out.write_text("kept\n", encoding="utf-8")
    inode = out.stat().st_ino
    code = "from stance.io.atomic import check_output, write_text; check_output('/dev/stdout'); write_text('/dev/stdout', 'new\\n')"
    with out.open("a") as fh:
        subprocess.run([sys.executable, "-c", code], stdout=fh, check=True, cwd=ROOT, timeout=60,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.read_text(encoding="utf-8") == "kept\nnew\n" and out.stat().st_ino == inode


def test_a_symlink_is_followed_and_its_target_replaced(tmp_path, article):
    target, link = tmp_path / "real.json", tmp_path / "link.json"
    target.write_text("old", encoding="utf-8")
    link.symlink_to(target)
    assert predict("-f", "json", "--out", str(link), str(article)).exit_code == 0
    assert link.is_symlink() and json.loads(target.read_text(encoding="utf-8"))["articles"]


def test_a_fifo_is_written_through_and_stays_a_fifo(tmp_path, article):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")), daemon=True)
    reader.start()
    assert predict("-f", "json", "--out", str(fifo), str(article)).exit_code == 0
    reader.join(10)
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and json.loads(got[0])["articles"]


def test_a_device_behind_a_symlink_is_written_through(tmp_path):
    link = tmp_path / "sink.txt"
    link.symlink_to("/dev/null")
    write_text(link, "discarded")
    assert link.is_symlink() and stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("option", ["--out", "--html"])
def test_a_folder_as_output_is_one_line_before_any_work(tmp_path, article, option, monkeypatch):
    import stance.cli.predict as cli

    monkeypatch.setattr(cli, "classifier_for", lambda *a, **k: pytest.fail("work started before the output check"))
    result = predict(option, str(tmp_path), str(article))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {tmp_path}: is a folder; give a file name"


def test_an_unwritable_output_is_one_line_before_any_work(tmp_path, article, monkeypatch):
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    result = runner.invoke(app, ["summarize", "--model", "rules", "--out", str(tmp_path / "x" / "s.md"), str(article)])
    assert result.exit_code == 2 and "not writable" in result.stderr and len(result.stderr.splitlines()) == 1


def test_a_symlink_loop_as_output_says_so(tmp_path):
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    with pytest.raises(OutputError, match="symlink loop"):
        check_output(str(loop))


def test_a_killed_runs_temp_file_is_cleaned_on_the_next_run(tmp_path):
    out = tmp_path / "out.json"
    stale = tmp_path / ".out.json.ab12cd_3.tmp"
    fresh = tmp_path / ".out.json.zz99zz_9.tmp"
    other = tmp_path / ".other.json.ab12cd_3.tmp"
    for path in (stale, fresh, other):
        path.write_text("partial", encoding="utf-8")
    past = time.time() - 3600
    for path in (stale, other):
        os.utime(path, (past, past))
    os.utime(fresh, (time.time() + 60, time.time() + 60))  # a live writer started after us
    write_text(out, "whole")
    assert out.read_text(encoding="utf-8") == "whole"
    assert not stale.exists() and fresh.exists() and other.exists()


def test_stale_cleaning_never_touches_links_or_folders(tmp_path):
    out = tmp_path / "r.txt"
    (tmp_path / ".r.txt.aaaaaaaa.tmp").mkdir()
    (tmp_path / ".r.txt.bbbbbbbb.tmp").symlink_to(tmp_path / "elsewhere")
    assert clean_stale_temps(out, before=time.time() + 10) == []


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path):
    out = tmp_path / "keep.txt"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_open(out) as fh:
        fh.write("half")
        raise RuntimeError("killed")
    assert out.read_text(encoding="utf-8") == "old" and sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]
