"""Every input form, and every bad-input case with its one-line error and exit status."""

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from stance.cli import app

ARTICLE = (
    "Rebels reject truce offer\n\n"
    "The Northern Front rejected the government's offer of a truce on Tuesday, its commander said. "
    "\"There will be no ceasefire while a single soldier remains on our land,\" commander Ilya Marsh told reporters.\n\n"
    "Interior Minister Dana Voss said the government was open to talks with the rebels at any time.\n"
)
runner = CliRunner()


def predict(*args, input=None):
    return runner.invoke(app, ["predict", "--model", "rules", *args], input=input)


@pytest.fixture()
def good(tmp_path):
    path = tmp_path / "good.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_each_bad_input_fails_alone_and_the_batch_goes_on(tmp_path, good):
    empty_dir = tmp_path / "emptydir"
    empty_dir.mkdir()
    (tmp_path / "empty.txt").write_text("   \n\t\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 20)
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 talks on the truce".encode("latin-1"))
    (tmp_path / "rows.jsonl").write_text('{"id": "ok1", "text": ' + json.dumps(ARTICLE) + '}\n{not json\n', encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    cases = {
        str(tmp_path / "missing.txt"): "no such file",
        str(empty_dir): "no articles",
        str(tmp_path / "empty.txt"): "empty",
        str(tmp_path / "binary.txt"): "binary",
        str(tmp_path / "latin1.txt"): "UTF-8",
        str(tmp_path / "rows.jsonl") + ":2": "malformed JSON",
        str(tmp_path / "notes.pdf"): "unknown extension",
    }
    for bad, problem in cases.items():
        path = bad.rsplit(":", 1)[0] if bad.endswith(":2") else bad
        result = predict("--format", "json", path, str(good))
        assert result.exit_code == 1, (bad, result.output)
        lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
        assert any(problem.lower() in ln.lower() and bad in ln for ln in lines), (bad, result.stderr)
        assert "Traceback" not in result.output
        doc = json.loads(result.stdout)
        assert str(good) in [a["source"] for a in doc["articles"]]


def test_usage_error_exits_2(good):
    assert predict("--format", "yaml", str(good)).exit_code == 2
    assert predict("--threshold", "3", str(good)).exit_code == 2
    assert runner.invoke(app, ["predict", "--model", "no-such-model", str(good)]).exit_code == 2


def test_real_process_prints_one_line_and_no_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "stance.cli", "predict", "--model", "rules", str(tmp_path / "nope.txt")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.strip().count("\n") == 0 and "no such file" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_directory_is_read_recursively(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a" / "skip.bin").write_bytes(b"\x00")
    result = predict("--format", "json", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert [a["source"] for a in json.loads(result.stdout)["articles"]] == [str(tmp_path / "a" / "b" / "deep.md")]


def test_stdin_and_jsonl_ids(tmp_path):
    result = predict("--format", "json", "-", input=ARTICLE)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["articles"][0]["source"] == "<stdin>"
    rows = tmp_path / "batch.jsonl"
    rows.write_text(json.dumps({"id": "x-1", "text": ARTICLE, "outlet": "Test Wire", "date": "2024-01-02"}) + "\n", encoding="utf-8")
    doc = json.loads(predict("--format", "json", str(rows)).stdout)
    assert doc["articles"][0]["source"] == "x-1"
    assert doc["articles"][0]["outlet"] == "Test Wire" and doc["articles"][0]["date"] == "2024-01-02"


def test_html_offsets_index_extracted_text(tmp_path):
    page = tmp_path / "page.html"
    paras = "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")[1:])
    page.write_text(
        "<html><head><title>Rebels reject truce offer</title><script>alert('x')</script></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>Rebels reject truce offer</h1>{paras}</article>"
        "<footer>Subscribe to our newsletter</footer></body></html>", encoding="utf-8")
    result = predict("--format", "json", str(page))
    assert result.exit_code == 0, result.output
    art = json.loads(result.stdout)["articles"][0]
    assert "alert(" not in art["text"] and "Home" not in art["text"]
    assert art["parties"], art
    for party in art["parties"]:
        for ev in party["evidence"]:
            assert art["text"][ev["start"]:ev["end"]] == ev["text"]


def test_out_file_is_written_whole(tmp_path, good):
    out = tmp_path / "sub" / "result.json"
    result = predict("--format", "json", "--out", str(out), str(good))
    assert result.exit_code == 0
    assert result.stdout.strip() == ""
    assert json.loads(out.read_text(encoding="utf-8"))["articles"]
    assert [p.name for p in out.parent.iterdir()] == ["result.json"]
