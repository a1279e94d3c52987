"""`stance label` and `stance review`: pre-labels that pass the validator, reviewed by scripted keys."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from llm_fixtures import FakeServer, completion
from stance.cli import app
from stance.classify import load_classifier
from stance.types import PartyInput
from stance.annotate.validate import validate_article_rows, validate_train_rows

runner = CliRunner()


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("STANCE_CACHE", str(tmp_path / "cache"))


def by_party(payload) -> tuple[int, bytes, float]:
    """A fake LLM with an opinion: rejecting for Zelensky, conditional for Putin, else open."""
    prompt = payload["messages"][-1]["content"]
    party = re.search(r"Party: (.*)", prompt).group(1)
    stance = "rejecting" if "Zelensky" in party else "conditional" if "Putin" in party else "open"
    return 200, completion(json.dumps({"stance": stance})), 0


def label(server, seed_paths, out, *extra):
    spec = f"openai:{server.base_url}#fake-llm"
    return runner.invoke(app, ["label", *map(str, seed_paths), "--out", str(out), "--llm", spec, *extra])


def read(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


@pytest.fixture(scope="module")
def prelabels(tmp_path_factory, seed_paths):
    out = tmp_path_factory.mktemp("label") / "pre.jsonl"
    with FakeServer(by_party) as server:
        result = label(server, seed_paths, out)
    assert result.exit_code == 0, result.output
    return out


def test_label_writes_machine_marked_rows_that_pass_the_validator(prelabels, seed_paths):
    rows = read(prelabels)
    assert [r["article"] for r in rows] == [str(p) for p in seed_paths]
    assert validate_article_rows(rows, ".") == []
    parties = [p for r in rows for p in r["parties"]]
    assert parties and all(p["label_source"] == "llm:fake-llm" for p in parties)
    stances = {p["name"]: p["stance"] for p in parties}
    assert stances["Vladimir Putin"] == "conditional"
    assert any("Zelensky" in name and s == "rejecting" for name, s in stances.items())
    text = seed_paths[0].read_text()
    assert all(e in text for p in rows[0]["parties"] for e in p["evidence"])


def test_label_reports_a_malformed_server_reply_in_one_line(tmp_path, seed_paths):
    with FakeServer(lambda p: (200, b"<html>oops</html>", 0)) as server:
        result = label(server, seed_paths[:1], tmp_path / "pre.jsonl")
    assert result.exit_code == 1 and "malformed response" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "pre.jsonl").read_text().strip()


def test_label_reports_a_timeout_in_one_line(tmp_path, seed_paths):
    cfg = tmp_path / "llm.yaml"
    cfg.write_text("timeout_s: 0.2\nmax_retries: 0\n")
    with FakeServer(lambda p: (200, completion('{"stance": "open"}'), 1.0)) as server:
        result = label(server, seed_paths[:1], tmp_path / "pre.jsonl", "--llm-config", str(cfg))
    assert result.exit_code == 1 and "timed out after 0.2 s" in result.output
    assert "Traceback" not in result.output


def test_label_rejects_a_bad_backend_spec(tmp_path, seed_paths):
    result = runner.invoke(app, ["label", str(seed_paths[0]), "--llm", "gpt-9"])
    assert result.exit_code == 2 and "unknown LLM backend 'gpt-9'" in result.output


def test_review_accepts_corrects_rejects_and_resumes(prelabels, tmp_path):
    out = tmp_path / "reviewed.jsonl"
    items = [(r, p) for r in read(prelabels) for p in r["parties"]]
    first = runner.invoke(app, ["review", str(prelabels), "--out", str(out)], input="a\nr\nx\nbogus\ns\nq\n")
    assert first.exit_code == 0, first.output
    assert "[" + items[0][1]["evidence"][0][:30] in first.output
    rows = read(out)
    assert validate_train_rows(rows) == []
    assert [r["party"] for r in rows] == [items[0][1]["name"], items[1][1]["name"]]
    assert rows[0]["label"] == items[0][1]["stance"] and rows[0]["review"] == "accepted"
    assert rows[1]["label"] == "rejecting"
    assert rows[1]["review"] == ("accepted" if items[1][1]["stance"] == "rejecting" else f"corrected from {items[1][1]['stance']}")
    assert all(r["label_source"] == "llm:fake-llm" and not r["authored"] for r in rows)
    assert all(e in r["text"] for r in rows for e in r["evidence"])

    second = runner.invoke(app, ["review", str(prelabels), "--out", str(out)], input="n\n" + "c\n" * 20)
    assert second.exit_code == 0, second.output
    rows = read(out)
    assert len(rows) == len(items) - 1 and items[2][1]["name"] not in {r["party"] for r in rows[2:]}
    assert rows[2]["party"] == items[3][1]["name"] and rows[2]["label"] == "none"
    assert all(r["label"] == "conditional" for r in rows[3:])
    assert validate_train_rows(rows) == []


def test_review_refuses_rows_that_fail_validation(tmp_path, prelabels):
    rows = read(prelabels)
    rows[0]["parties"][0]["evidence"] = ["A sentence this article never contained."]
    bad = tmp_path / "bad.jsonl"
    bad.write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = runner.invoke(app, ["review", str(bad), "--out", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2 and "evidence not found verbatim" in result.output


def test_llm_classifier_is_registered_and_labels_through_a_server():
    with FakeServer(by_party) as server:
        clf = load_classifier(f"llm:openai:{server.base_url}#fake-llm")
        probs = clf.predict([PartyInput("Vladimir Putin", "President", ["He wants a truce on current lines."]),
                             PartyInput("A. Envoy", "", ["She urged talks."])])
    assert clf.name == "llm:fake-llm"
    assert probs == [{"open": 0.0, "conditional": 1.0, "rejecting": 0.0}, {"open": 1.0, "conditional": 0.0, "rejecting": 0.0}]
    with pytest.raises(ValueError, match="unknown LLM backend"):
        load_classifier("llm:nope")


def test_predict_with_an_llm_reports_server_failures_per_article(seed_paths):
    with FakeServer(lambda p: (200, b"not json at all", 0)) as server:
        result = runner.invoke(app, ["predict", "--model", f"llm:openai:{server.base_url}#fake-llm", "--format", "json",
                                     *map(str, seed_paths)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.count("malformed response") >= 2


def test_uniform_mode_warns_and_flags_instead_of_stopping(capsys):
    from stance.classify.llm import LLMClassifier
    from stance.llm import LLMConfig, load_llm

    with FakeServer(lambda p: (200, completion("I would rather not say."), 0)) as server:
        llm = load_llm(LLMConfig(backend=f"openai:{server.base_url}#fake-llm", cache=False, json_retries=1))
        clf = LLMClassifier(llm, on_invalid="uniform")
        probs = clf.predict([PartyInput("Ida Brenner", "", ["She said nothing of note."])])
    assert clf.failures == 1 and probs == [{"open": 1 / 3, "conditional": 1 / 3, "rejecting": 1 / 3}]
    assert "no valid JSON after 2 attempts" in capsys.readouterr().err
