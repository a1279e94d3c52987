"""The JSON contract of `stance predict` on the seed articles."""

import json

import pytest
from typer.testing import CliRunner

from stance.cli import app
from stance.io.clean import clean_article


@pytest.fixture(scope="module")
def doc(seed_paths):
    result = CliRunner().invoke(app, ["predict", "--model", "rules", "--format", "json", *map(str, seed_paths)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_top_level_shape(doc, seed_paths):
    assert [a["source"] for a in doc["articles"]] == [str(p) for p in seed_paths]
    for art in doc["articles"]:
        assert {"source", "title", "outlet", "date", "text", "parties"} <= set(art)
        for p in art["parties"]:
            assert {"name", "role", "aliases", "stance", "confidence", "evidence", "attribution"} <= set(p)
            assert p["stance"] in ("open", "conditional", "rejecting")
            assert 0.0 <= p["confidence"] <= 1.0
            assert p["evidence"]
    for m in doc["parties"]:
        assert {"name", "stance", "confidence", "by_source"} <= set(m)
        assert all({"source", "stance"} <= set(s) for s in m["by_source"])


def test_text_is_the_file_and_offsets_hold(doc, seed_paths):
    for art, path in zip(doc["articles"], seed_paths):
        assert art["text"] == path.read_text(encoding="utf-8")
        for p in art["parties"]:
            for ev in p["evidence"]:
                assert art["text"][ev["start"]:ev["end"]] == ev["text"]


def test_expected_parties_found(doc):
    names = {p["name"] for art in doc["articles"] for p in art["parties"]}
    aliases = {a for art in doc["articles"] for p in art["parties"] for a in p["aliases"]}
    assert "Vladimir Putin" in names and "Volodymyr Zelensky" in names
    assert "Dmitry Peskov" in names or "Peskov" in aliases


def test_no_evidence_from_page_junk(doc):
    for art in doc["articles"]:
        body = clean_article(art["source"], art["text"]).body
        for p in art["parties"]:
            for ev in p["evidence"]:
                assert any(s <= ev["start"] and ev["end"] <= e for s, e in body), ev["text"]
    blob = json.dumps([p["evidence"] for a in doc["articles"] for p in a["parties"]])
    for junk in ("favor to ask", "POWs", "European Union", "arrest warrants", "Subscribe", "wealthy owner"):
        assert junk not in blob


def test_merged_parties_keep_each_source(doc):
    putin = next(m for m in doc["parties"] if m["name"] == "Vladimir Putin")
    assert len(putin["by_source"]) == 2
    assert {s["source"] for s in putin["by_source"]} == {a["source"] for a in doc["articles"]}


def test_jsonl_streams_one_article_per_line(seed_paths):
    result = CliRunner().invoke(app, ["predict", "--model", "rules", "--format", "jsonl", *map(str, seed_paths)])
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    assert [x["source"] for x in lines] == [str(p) for p in seed_paths]


def test_html_report_option(seed_paths, tmp_path):
    page = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["predict", "--model", "rules", "--html", str(page), *map(str, seed_paths)])
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert "Vladimir Putin" in html and "The Kyiv Independent" in html and "<mark" in html
