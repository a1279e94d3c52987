"""Cross-validation grouped by conflict: one war never sits on both sides of a fold."""

import json
from pathlib import Path

import pytest

from stance.data import load_train
from stance.eval import cv

WARS = {
    "Russia-Ukraine war, 2022": ("Kyiv", "Volka"), "Russia-Ukraine war, 2024": ("Kyiv", "Volka"),
    "Syria: Idlib talks, 2019": ("Damascus", "Idlib"), "Syrian civil war, 2016": ("Damascus", "Aleppo"),
    "Falklands war, 1982": ("London", "Stanley"), "Sudan war, 2023": ("Khartoum", "Darfur"),
    "Valdoria: Republic vs the Marden Front": ("Valdor", "Marden"),
}
SAYS = {"open": "said it was ready to accept an immediate ceasefire and open talks",
        "rejecting": "rejected any truce and vowed to keep fighting",
        "conditional": "said it would accept a ceasefire only if the other side withdrew first"}


def _data(tmp_path: Path) -> Path:
    lines = []
    for w, (conflict, (capital, town)) in enumerate(WARS.items()):
        for s, (label, says) in enumerate(SAYS.items()):
            text = f"{capital.upper()} - The government in {capital} {says}, officials in {town} said on Monday."
            lines.append({"id": f"r{w}-{s}", "conflict": conflict, "form": "reported_position",
                          "party": f"the government in {capital}", "role": "government", "aliases": [capital],
                          "text": text, "evidence": [text.split(" - ", 1)[1]], "label": label})
    parts = tmp_path / "data" / "train" / "parts"
    parts.mkdir(parents=True)
    (parts / "t1.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    (tmp_path / "data" / "dev").mkdir()
    return tmp_path / "data"


def test_labels_of_one_war_are_one_group():
    groups = cv.conflict_groups(list(WARS))
    assert groups["Russia-Ukraine war, 2022"] == groups["Russia-Ukraine war, 2024"]
    assert groups["Syria: Idlib talks, 2019"] == groups["Syrian civil war, 2016"]
    assert len({groups["Falklands war, 1982"], groups["Sudan war, 2023"], groups["Russia-Ukraine war, 2022"]}) == 3


def test_wars_that_only_share_a_generic_word_stay_apart():
    groups = cv.conflict_groups(["Tavmor: government vs Kessan Hills Liberation Front, 2039",
                                 "Oruvel: junta vs Delma Coast Liberation Front, 2041",
                                 "Oruvel: junta vs Delma Coast Liberation Front, 2042"])
    assert len(set(groups.values())) == 2


def test_every_conflict_is_tested_in_exactly_one_fold(tmp_path):
    rows = load_train(_data(tmp_path))
    folds = cv.conflict_folds(rows, 3)
    assert sorted(i for f in folds for i in f) == list(range(len(rows)))
    where = {}
    for n, fold in enumerate(folds):
        for i in fold:
            assert where.setdefault(rows[i].conflict, n) == n
    with pytest.raises(ValueError, match="conflict groups"):
        cv.conflict_folds(rows, 6)


def test_a_fold_trains_without_its_test_conflicts(tmp_path, monkeypatch):
    data = _data(tmp_path)
    seen = []

    def spy(recipe, fold_dir, seed=13):
        trained_on = {r.conflict for r in load_train(fold_dir)}
        seen.append(trained_on)
        return lambda items: [{"open": 0.6, "conditional": 0.3, "rejecting": 0.1} for _ in items]

    monkeypatch.setattr(cv, "recipe_predictor", spy)
    result = cv.cross_validate("tfidf", 3, data_dir=data)
    assert len(seen) == 3
    for trained_on, fold in zip(seen, result["folds"]):
        assert trained_on and not trained_on & set(fold["conflicts"])
    assert sum(f["rows"] for f in result["folds"]) == len(WARS) * len(SAYS)
    assert result["pooled"]["accuracy"] == pytest.approx(1 / 3)


def test_tfidf_recipe_learns_from_other_wars(tmp_path):
    data = _data(tmp_path)
    result = cv.cross_validate("tfidf", 3, data_dir=data)
    assert result["pooled"]["macro_f1"] > 0.5
    items = [{"party": "the government in Kyiv", "role": "government", "statements": [SAYS["rejecting"]]}]
    from stance.types import PartyInput

    mixed = cv.recipe_predictor("tfidf+rules", data)([PartyInput(**items[0])])[0]
    tfidf, rules = (cv.recipe_predictor(r, data)([PartyInput(**items[0])])[0] for r in ("tfidf", "rules"))
    assert mixed == pytest.approx({k: (tfidf[k] + rules[k]) / 2 for k in tfidf})
