"""Summary metrics: the local ROUGE module and the rates read off a summary."""

import json
from pathlib import Path

import pytest

from stance.eval.summary import rouge, summary_scores
from stance.summarize import source_pool
from stance.types import EventSummary, Position, SummarySentence

ROOT = Path(__file__).resolve().parent.parent


def test_local_rouge_module():
    same = rouge(["the envoy asked both sides to stop firing"], ["the envoy asked both sides to stop firing"])
    assert same["rouge1"] == pytest.approx(1.0) and same["rougeL"] == pytest.approx(1.0)
    part = rouge(["the envoy asked for talks"], ["the envoy asked both sides to stop firing"])
    assert 0.0 < part["rouge1"] < 1.0 and part["rouge2"] < part["rouge1"]


def test_reference_summary_is_well_formed():
    claims = json.loads((ROOT / "data" / "seed" / "reference_summary.json").read_text(encoding="utf-8"))
    assert isinstance(claims, list) and len(claims) >= 5
    for c in claims:
        assert c["text"].strip() and c["sources"]
        assert set(c["sources"]) <= {"The Moscow Times", "The Kyiv Independent"}


def test_rates_penalise_a_bad_summary(seed_paths):
    from stance.classify import load_classifier
    from stance.pipeline import run

    results = list(run([str(p) for p in seed_paths], load_classifier("rules")))
    pool = source_pool(results)
    texts = [r.article.text for r in results]
    bad = EventSummary(id="e", title="", articles=[], positions=[
        Position("Vladimir Putin", "", "conditional", {}, True), Position("Volodymyr Zelensky", "", "rejecting", {}, True)],
        sentences=[
            SummarySentence("Putin is stoking the flames, a “brutal” move.", [], [], 0.0, kind="rewrite"),
            SummarySentence("According to The Moscow Times, Volodymyr Zelensky has rejected any peace agreement on "
                            "Putin’s terms.", ["The Moscow Times"], [], 1.0, kind="rewrite"),
        ])
    scores = summary_scores(bad, pool, texts)
    assert scores["attribution_rate"] == 0.5
    assert scores["loaded_word_rate"] == 0.5
    assert scores["unsupported_rate"] == 0.5
    assert scores["quote_verbatim_rate"] == 0.0
