"""End to end against a real OpenAI-compatible server: llama-cpp-python's, serving the bundled
SmolLM2 GGUF on 127.0.0.1. It refuses ``response_format`` ``json_schema`` (HTTP 500), so this
checks the negotiated fallback on real answers. Run by scripts/llm_server_check.sh."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

MODEL = "smollm2"
READY_S = 180.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_ready(proc: subprocess.Popen, url: str, log: Path) -> None:
    import httpx

    deadline = time.monotonic() + READY_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"server exited with {proc.returncode}:\n{log.read_text()[-2000:]}")
        try:
            if httpx.get(url, timeout=2.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    pytest.fail(f"server not ready after {READY_S:g} s:\n{log.read_text()[-2000:]}")


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """Base URL of a llama-cpp-python server on a free loopback port; killed afterwards, always."""
    pytest.importorskip("llama_cpp.server.app", reason="llama-cpp-python[server] is not installed")
    from stance.llm import LLMError
    from stance.llm.bundled import bundled_gguf

    try:
        gguf = bundled_gguf()
    except LLMError as err:
        pytest.skip(str(err))
    port = free_port()
    log = tmp_path_factory.mktemp("server") / "server.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--model_alias", MODEL,
                                 "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096"],
                                stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_ready(proc, f"http://127.0.0.1:{port}/v1/models", log)
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(autouse=True)
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("STANCE_CACHE", str(tmp_path / "cache"))  # every answer comes from the server


def test_label_writes_valid_rows_through_the_server(server, seed_paths, tmp_path):
    from typer.testing import CliRunner

    from stance.cli import app
    from stance.types import LABELS
    from stance.annotate.validate import validate_article_rows

    out = tmp_path / "pre.jsonl"
    result = CliRunner().invoke(app, ["label", *map(str, seed_paths), "--out", str(out), "--llm",
                                      f"openai:{server}#{MODEL}"])
    print(result.output)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    parties = [p for r in rows for p in r["parties"]]
    print(f"label: {len(rows)} rows, {len(parties)} parties, validator problems: {validate_article_rows(rows, '.')}")
    assert len(rows) == len(seed_paths) and parties and validate_article_rows(rows, ".") == []
    assert all(p["label_source"] == f"llm:{MODEL}" and p["stance"] in LABELS for p in parties)


def test_predict_gives_every_party_a_stance_through_the_server(server, seed_paths):
    from typer.testing import CliRunner

    from stance.cli import app
    from stance.types import LABELS

    result = CliRunner().invoke(app, ["predict", "--format", "json", "--model", f"llm:openai:{server}#{MODEL}",
                                      *map(str, seed_paths)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["errors"] == [] and len(doc["articles"]) == len(seed_paths)
    for article in doc["articles"]:
        assert article["parties"]
        for party in article["parties"]:
            print(f"predict: {Path(article['source']).name}: {party['name']} -> {party['stance']}")
            assert party["stance"] in LABELS
