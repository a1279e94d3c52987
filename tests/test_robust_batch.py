"""Batches: --resume after a crash, shards joined by `stance merge`, atomic outputs."""

import json

import pytest
from typer.testing import CliRunner

from stance.io.batch import BatchError, Shard, prepare_resume
from stance.cli import app

runner = CliRunner()
SPEAKERS = ["Dana Voss", "Ilya Marsh", "Omar Haddad", "Lena Brandt", "Tomas Keller", "Mira Solberg"]


def article(i: int) -> str:
    who = SPEAKERS[i % len(SPEAKERS)]
    verb = ("said the government was open to a ceasefire", "rejected any truce", "said a truce was possible only if prisoners were freed")[i % 3]
    return f"Talks update {i}\n\nForeign Minister {who} {verb} on Tuesday, according to officials in the capital.\n"


@pytest.fixture()
def batch(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text("".join(json.dumps({"id": f"art-{i:02d}", "text": article(i)}) + "\n" for i in range(12)),
                    encoding="utf-8")
    return path


def predict(*args):
    return runner.invoke(app, ["predict", "--model", "rules", "--format", "jsonl", *args])


def sources(path):
    return [json.loads(ln)["source"] for ln in path.read_text(encoding="utf-8").splitlines()]


def test_resume_drops_a_partial_line_and_skips_finished_articles(tmp_path, batch):
    out = tmp_path / "out.jsonl"
    assert predict("--out", str(out), str(batch)).exit_code == 0
    full = out.read_text(encoding="utf-8").splitlines(keepends=True)
    sentinel = json.dumps({"source": "art-00", "parties": [], "marker": "kept-from-first-run"}) + "\n"
    crashed = sentinel + "".join(full[1:4]) + full[4][: len(full[4]) // 2]
    out.write_text(crashed, encoding="utf-8")
    result = predict("--resume", "--out", str(out), str(batch))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith(sentinel + "".join(full[1:4]))
    assert sorted(sources(out)) == [f"art-{i:02d}" for i in range(12)]
    assert len(sources(out)) == 12
    assert all(line.endswith("\n") for line in text.splitlines(keepends=True))


def test_resume_on_a_finished_file_does_nothing(tmp_path, batch):
    out = tmp_path / "out.jsonl"
    assert predict("--resume", "--out", str(out), str(batch)).exit_code == 0
    before = out.read_bytes()
    assert predict("--resume", "--out", str(out), str(batch)).exit_code == 0
    assert out.read_bytes() == before


def test_resume_refuses_a_file_that_is_not_a_stance_output(tmp_path, batch):
    out = tmp_path / "notes.jsonl"
    out.write_text("shopping list\n", encoding="utf-8")
    result = predict("--resume", "--out", str(out), str(batch))
    assert result.exit_code == 2 and "not a JSON line" in result.stderr
    assert out.read_text(encoding="utf-8") == "shopping list\n"
    assert predict("--resume", str(batch)).exit_code == 2
    with pytest.raises(BatchError):
        prepare_resume(out)


def test_shards_partition_the_batch_and_merge_restores_it(tmp_path, batch):
    whole = tmp_path / "whole.jsonl"
    assert predict("--out", str(whole), str(batch)).exit_code == 0
    parts = []
    for k in (1, 2, 3):
        part = tmp_path / f"part{k}.jsonl"
        assert predict("--shard", f"{k}/3", "--out", str(part), str(batch)).exit_code == 0
        parts.append(part)
    seen = [s for p in parts for s in sources(p)]
    assert sorted(seen) == sorted(sources(whole)) and len(seen) == len(set(seen))
    assert sum(1 for p in parts if sources(p)) >= 2
    merged = tmp_path / "merged.jsonl"
    result = runner.invoke(app, ["merge", str(parts[2]), str(parts[0]), str(parts[1]), str(parts[0]), "--out", str(merged)])
    assert result.exit_code == 0, result.output
    assert "duplicate" in result.stderr
    by_source = {json.loads(ln)["source"]: json.loads(ln) for ln in whole.read_text(encoding="utf-8").splitlines()}
    assert [json.loads(ln) for ln in merged.read_text(encoding="utf-8").splitlines()] == [by_source[k] for k in sorted(by_source)]


def test_merge_to_json_merges_parties_across_sources(tmp_path, batch):
    part = tmp_path / "part.jsonl"
    assert predict("--out", str(part), str(batch)).exit_code == 0
    with part.open("a", encoding="utf-8") as fh:
        fh.write('{"source": "half')
    result = runner.invoke(app, ["merge", str(part), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "partial last line" in result.stderr
    doc = json.loads(result.stdout)
    assert len(doc["articles"]) == 12
    voss = [m for m in doc["parties"] if m["name"] == "Dana Voss"]
    assert voss and len(voss[0]["by_source"]) == 2


def test_bad_shard_spec_is_a_usage_error(batch):
    for spec in ("0/3", "4/3", "a/b", "3"):
        result = predict("--shard", spec, str(batch))
        assert result.exit_code == 2 and "--shard" in result.stderr
    assert Shard.parse("2/4").owns("x") == (Shard(2, 4).owns("x"))


def test_a_failed_run_leaves_the_previous_output_whole(tmp_path, batch, monkeypatch):
    import stance.render.records as render

    out = tmp_path / "out.jsonl"
    assert predict("--out", str(out), str(batch)).exit_code == 0
    before = out.read_bytes()
    calls = {"n": 0}
    real = render.to_jsonl_line

    def dies_midway(result):
        calls["n"] += 1
        if calls["n"] == 5:
            raise KeyboardInterrupt
        return real(result)

    monkeypatch.setattr(render, "to_jsonl_line", dies_midway)
    predict("--out", str(out), str(batch))
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_a_long_batch_leaves_the_vocabulary_as_it_found_it():
    from stance.render import records as render
    from stance.classify import load_classifier
    from stance.io.ingest import Raw, to_article
    from stance.nlp import get_nlp
    from stance.pipeline import analyze

    rules, nlp = load_classifier("rules"), get_nlp()
    articles = [to_article(Raw(source=f"v{i}", content=article(i).replace("Tuesday", f"day Zq{i}x{i * 7919}")))
                for i in range(40)]
    first = render.to_jsonl_line(analyze(articles[0], rules))
    before = len(nlp.vocab.strings)
    results = [analyze(a, rules) for a in articles[1:]]
    assert len(nlp.vocab.strings) == before
    assert render.to_jsonl_line(analyze(articles[0], rules)) == first
    assert any(r.parties for r in results) and any("Zq5x" in r.article.text for r in results)
