"""Issue 21, one test per case: inputs, URLs, configs, floors and exit codes that used to hang,
crash with a traceback, leak a password or exit with the wrong code."""

import ipaddress
import json
import re
import os
import socket
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stance.cli import app
from stance.config import ConfigError, load_config
from stance.eval.report import load_floors
from stance.io.fetch import FetchError, FetchPolicy, fetch
from stance.io.ingest import MAX_JSON_DEPTH, InputError, iter_raw
from stance.train.args import TrainConfig
from stance.train.args import load_config as load_train_config

ENGLISH = "Foreign Minister Dana Voss said the government was open to a ceasefire on Tuesday, officials said."
runner = CliRunner()


def errors(items) -> list[str]:
    return [str(x) for x in items if isinstance(x, InputError)]


# --- inputs ---------------------------------------------------------------------------

def test_a_deeply_nested_jsonl_line_is_one_error_and_the_batch_goes_on(tmp_path):
    rows = tmp_path / "rows.jsonl"
    deep = '{"text": ' + "[" * 5000 + "]" * 5000 + "}"
    rows.write_text(deep + "\n" + json.dumps({"id": "ok", "text": ENGLISH}) + "\n", encoding="utf-8")
    items = list(iter_raw([str(rows)]))
    assert errors(items) == [f"{rows}:1: JSON nested too deeply (over {MAX_JSON_DEPTH} levels)"]
    assert [x.source for x in items if not isinstance(x, InputError)] == ["ok"]


def test_a_fifo_input_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "feed.txt"
    os.mkfifo(fifo)
    start = time.monotonic()
    assert errors(iter_raw([str(fifo)])) == [f"{fifo}: is a FIFO, not a regular file; refused"]
    assert time.monotonic() - start < 2


def test_a_fifo_inside_a_folder_and_a_device_are_refused(tmp_path):
    os.mkfifo(tmp_path / "feed.jsonl")
    (tmp_path / "dev.txt").symlink_to("/dev/zero")
    found = errors(iter_raw([str(tmp_path)]))
    assert found == [f"{tmp_path / 'dev.txt'}: is a character device, not a regular file; refused",
                     f"{tmp_path / 'feed.jsonl'}: is a FIFO, not a regular file; refused"]


def test_a_socket_input_is_refused(tmp_path):
    path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        assert errors(iter_raw([str(path)])) == [f"{path}: cannot read (No such device or address)"]  # ENXIO on open


def test_utf16_is_named_as_such(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(ENGLISH.encode("utf-16"))
    assert errors(iter_raw([str(path)])) == [f"{path}: not UTF-8 (looks like UTF-16); save it as UTF-8"]
    path.write_bytes(ENGLISH.encode("utf-16-le"))  # no byte-order mark
    assert "looks like UTF-16" in errors(iter_raw([str(path)]))[0]


def test_an_unreadable_subfolder_is_reported(tmp_path, monkeypatch):
    (tmp_path / "ok.txt").write_text(ENGLISH, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    real = os.scandir

    def scandir(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)  # chmod 000 does not stop root
    items = list(iter_raw([str(tmp_path)]))
    assert errors(items) == [f"{locked}: cannot read folder (Permission denied)"]
    assert [x.source for x in items if not isinstance(x, InputError)] == [str(tmp_path / "ok.txt")]
    assert runner.invoke(app, ["predict", "--model", "rules", "-f", "jsonl", str(tmp_path)]).exit_code == 1


def test_a_symlink_loop_says_so(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    assert errors(iter_raw([str(loop)])) == [f"{loop}: symlink loop; cannot read"]


def test_a_url_with_credentials_is_refused_without_echoing_them():
    result = runner.invoke(app, ["predict", "--model", "rules", "http://bob:hunter2@example.org/a.html"])
    assert result.exit_code == 1
    assert "hunter2" not in result.output and "bob" not in result.output
    assert result.stderr.strip() == "error: http://***@example.org/a.html: URLs with credentials are not allowed"


# --- a real deadline on the whole fetch ----------------------------------------------------

def trickle(conn: socket.socket, head: bytes, body: bytes, stop: threading.Event) -> None:
    """Send ``head`` at once, then ``body`` one byte every 0.1 s (bounded by its length and ``stop``)."""
    try:
        conn.recv(65536)
        conn.sendall(head)
        for i in range(len(body)):
            if stop.wait(0.1):
                break
            conn.sendall(body[i:i + 1])
    except OSError:
        pass
    finally:
        conn.close()


@pytest.fixture()
def slow_server():
    """A 127.0.0.1 server that answers one connection per test slowly; returns (url, set_reply)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(1)
    sock.settimeout(5)
    stop, reply = threading.Event(), {}

    def serve():
        try:
            conn, _ = sock.accept()
        except OSError:
            return
        trickle(conn, reply["head"], reply["body"], stop)

    thread = threading.Thread(target=serve, daemon=True)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/", lambda head, body: (reply.update(head=head, body=body), thread.start())
    stop.set()
    sock.close()
    thread.join(5)


POLICY = FetchPolicy(timeout=1.0, total_timeout=1.5, allow=(ipaddress.ip_network("127.0.0.1/32"),))


@pytest.mark.parametrize("head, body", [
    (b"", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Pad: " + b"a" * 200 + b"\r\n\r\n<p>hi</p>"),  # slow headers
    (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n", b"<p>" + b"a" * 200 + b"</p>"),  # slow body
], ids=["slow-headers", "slow-body"])
def test_a_trickling_server_cannot_outlast_the_whole_fetch_deadline(slow_server, head, body):
    url, reply = slow_server
    reply(head, body)
    start = time.monotonic()
    with pytest.raises(FetchError, match=r"longer than 1\.5 s in all"):
        fetch(url, POLICY)
    assert time.monotonic() - start < 3


# --- configs and floors ----------------------------------------------------------------------

BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi")) + "epochs: *i\n"


@pytest.mark.parametrize(("text", "message"), [
    ("1: 2\n", "key 1 (int) is not a string"),
    ("input: {3: true}\n", "input: key 3 (int) is not a string"),
    ("", "config file is empty"),
    ("# only a comment\n", "config file is empty"),
    (BOMB, "YAML aliases; refused"),
    ("epochs: !!python/object/apply:os.system [echo]\n", "not valid YAML"),
])
def test_train_config_mistakes_are_one_line(tmp_path, text, message):
    path = tmp_path / "train.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)) as err:
        load_train_config(path)
    assert "\n" not in str(err.value) and len(str(err.value)) < 400


def test_a_latin1_config_is_a_clear_error(tmp_path):
    path = tmp_path / "train.yaml"
    path.write_bytes("output_dir: café\n".encode("latin-1"))
    with pytest.raises(ConfigError, match="not UTF-8 .byte 15.; save the file as UTF-8"):
        load_config(TrainConfig, path)


def test_the_alias_bomb_is_refused_fast_and_small(tmp_path):
    import resource

    path = tmp_path / "bomb.yaml"
    path.write_text(BOMB, encoding="utf-8")
    assert len(BOMB) < 500
    before, start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, time.monotonic()
    with pytest.raises(ConfigError):
        load_train_config(path)
    assert time.monotonic() - start < 1 and resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000


def test_train_cli_with_an_empty_config_is_one_line_and_never_trains(tmp_path, monkeypatch):
    import stance.train.run as train_run

    monkeypatch.setattr(train_run, "train", lambda cfg: pytest.fail("training started"))
    path = tmp_path / "empty.yaml"
    path.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["train", "--config", str(path)])
    assert result.exit_code == 2 and result.stderr.strip() == f"error: {path}: config file is empty"


@pytest.mark.parametrize(("text", "message"), [
    ("- 0.9\n", "expected a mapping"),
    ("seed: high\n", "seed: expected a mapping"),
    ("seed: {party_recall: high}\n", "seed.party_recall: expected a number"),
    ("seed: {party_recal: 0.9}\n", "seed key: expected one of"),
    ("seed: !!python/name:os.system {}\n", "not valid YAML"),
])
def test_floors_files_are_validated_like_configs(tmp_path, text, message):
    path = tmp_path / "floors.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_floors(path)


def test_evaluate_rejects_bad_floors_before_the_evaluation(tmp_path, monkeypatch):
    import stance.cli.model as cli

    monkeypatch.setattr(cli, "classifier_for", lambda *a, **k: pytest.fail("evaluation started"))
    path = tmp_path / "floors.yaml"
    path.write_text("- 1\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "--model", "rules", "--check", "--floors", str(path)])
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1


def test_the_project_floors_still_load():
    assert load_floors()["seed"]["party_recall"] > 0


# --- exit codes -------------------------------------------------------------------------------

def test_summarize_with_only_bad_inputs_exits_1(tmp_path):
    result = runner.invoke(app, ["summarize", "--model", "rules", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {tmp_path / 'missing.txt'}: no such file or directory",
                                          "error: no readable article to summarize"]


def test_evaluate_with_a_bogus_baseline_fails_before_the_evaluation(monkeypatch):
    import stance.cli.model as cli

    monkeypatch.setattr(cli, "classifier_for", lambda *a, **k: pytest.fail("evaluation started"))
    result = runner.invoke(app, ["evaluate", "--model", "rules", "--baselines", "rules,bogus"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --baselines: unknown classifier bogus") and len(result.stderr.splitlines()) == 1


def test_review_of_a_binary_file_is_one_line(tmp_path):
    path = tmp_path / "pre.jsonl"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00binary")
    result = runner.invoke(app, ["review", str(path), "--out", str(tmp_path / "r.jsonl")])
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1 and "Traceback" not in result.output
