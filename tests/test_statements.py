"""Statement-level classification: the rule-3 aggregation, the marked-party text, the training pairs
and a fitted model's round trip through a folder (stance.classify.rule3, stance.classify.statements,
stance.train.pairs)."""

import numpy as np
import pytest

from stance.classify.rule3 import aggregate, is_background
from stance.classify.statements import MARKER, StatementModel, combined, pair_text, rule_probs
from stance.classify.tfidf import TfidfModel, fit_texts
from stance.types import LABELS, PartyInput

OPEN, COND, REJ, NONE = np.eye(4) * 0.9 + 0.025
OPENISH = np.array([0.55, 0.15, 0.1, 0.2])


def label(p) -> str:
    return LABELS[int(np.argmax(p))]


def test_final_refusal_wins_over_earlier_openness():
    assert label(aggregate(np.stack([OPEN, OPEN, REJ]), [False] * 3)) == "rejecting"
    # the same refusal before the openness is not the final word: the majority decides
    assert label(aggregate(np.stack([REJ, OPEN, OPEN]), [False] * 3)) == "open"


def test_openness_with_conditions_is_conditional():
    assert label(aggregate(np.stack([OPEN, OPEN, OPEN, COND]), [False] * 4)) == "conditional"
    assert label(aggregate(np.stack([OPEN, OPEN, OPEN, COND]), [False] * 4, decided_share=0.0)) == "open"


def test_none_statements_are_dropped_and_all_none_falls_back():
    assert label(aggregate(np.stack([NONE, NONE, OPENISH, NONE]), [False] * 4)) == "open"
    assert aggregate(np.stack([NONE, NONE]), [False, False]) is None
    assert aggregate(np.zeros((0, 4)), []) is None


def test_a_past_position_counts_less_than_the_current_one():
    text = ["Last year it agreed to a three-day pause.", "The group rejected calls for a holiday truce."]
    assert is_background(text[0]) and not is_background(text[1])
    probs = np.stack([OPEN, np.array([0.2, 0.05, 0.55, 0.2])])
    assert label(aggregate(probs, [True, False], decided_share=0.0)) == "rejecting"
    assert label(aggregate(probs, [False, False], decided_share=0.0)) == "open"


def test_marked_party_text_differs_for_two_parties_of_one_sentence():
    sentence = "The Northern Front rejected the Council's offer of a truce."
    front = pair_text("Northern Front", ["the Front"], sentence)
    council = pair_text("Council", [], sentence)
    assert front != council
    assert front.split().index(MARKER) < front.split().index("rejected") < council.split().index(MARKER)


def test_rules_read_one_statement_and_no_cue_reads_as_none():
    assert np.argmax(rule_probs("The weather was mild in the capital.")) == 3
    assert np.argmax(rule_probs("The army flatly rejected calls for a ceasefire.")) == LABELS.index("rejecting")


@pytest.fixture(scope="module")
def model():
    texts = [f"{MARKER} rejected the truce", f"{MARKER} refused any ceasefire", f"{MARKER} is ready for talks",
             f"{MARKER} welcomed the truce", f"{MARKER} will stop only if troops withdraw",
             f"{MARKER} demands a withdrawal first", f"the army rejected {MARKER} offer", f"talks were held in the city",
             f"the government rejected {MARKER} call", f"ministers rejected {MARKER} plan"]
    labels = ["rejecting", "rejecting", "open", "open", "conditional", "conditional", "none", "none", "none", "none"]
    return StatementModel(fit_texts(texts * 3, labels * 3), rules_weight=0.0, decided_share=0.5, mix_weight=1.0)


def test_a_party_named_in_anothers_refusal_gets_no_stance_from_it(model):
    other = PartyInput("Council", "", ["The Front rejected the Council offer of a truce."])
    speaker = PartyInput("Front", "", ["The Front rejected the Council offer of a truce."])
    assert label(combined(model, np.full((1, 3), 1 / 3), [speaker])[0]) == "rejecting"
    assert model.statement_probs(other).argmax(-1).tolist() == [3]
    assert model.party_probs(other) is None


def test_a_saved_model_predicts_the_same(model, tmp_path):
    info = model.save(tmp_path)
    again = StatementModel.load(tmp_path, info)
    item = PartyInput("Front", "", ["The Front is ready for talks.", "The Front rejected the truce."])
    assert isinstance(again.tfidf, TfidfModel)
    np.testing.assert_allclose(again.statement_probs(item), model.statement_probs(item))
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".json", ".safetensors"]


def test_training_pairs_label_the_evidence_and_make_other_parties_none():
    from stance.data import Evidence, TrainRow
    from stance.train.pairs import row_pairs

    text = ("The Northern Front rejected calls for a truce on Monday, its commander Ivo Marek said. "
            "\"We are ready to talk at any time,\" said Hana Berger, the regional envoy.")
    evidence = "The Northern Front rejected calls for a truce on Monday, its commander Ivo Marek said."
    quote = text[text.index("\"We"):]
    row = TrainRow(id="t", conflict="c", form="direct_quote", party="Hana Berger", role="envoy",
                   aliases=["Berger"], text=text, evidence=[Evidence(quote, text.index(quote), len(text))],
                   label="open", attribution="")
    pairs = row_pairs(row)
    assert any(p.label == "open" and "ready to talk" in p.text for p in pairs)
    assert all(p.label == "none" for p in pairs if p.text.startswith(evidence[:20]))
    assert {p.party for p in pairs} == {"Hana Berger"}
