"""The row validator: valid rows pass, and each kind of broken row is caught."""

from __future__ import annotations

import copy

from stance.annotate.validate import validate_article_rows, validate_train_rows

TEXT = ("The council met on Tuesday. “We will hold our fire the moment the militia leaves the port,” "
        "said council chair Ida Brenner. Fighting went on overnight.")
EVIDENCE = "“We will hold our fire the moment the militia leaves the port,” said council chair Ida Brenner."
TRAIN = {"id": "x-1", "conflict": "a fictional river war", "form": "direct_quote", "party": "Ida Brenner",
         "role": "council chair", "aliases": ["Brenner"], "text": TEXT, "evidence": [EVIDENCE],
         "label": "conditional", "attribution": "the chair", "fictional": True, "tricky": "", "authored": True}


def broken(**changes) -> dict:
    row = copy.deepcopy(TRAIN)
    row.update(changes)
    return row


def test_valid_training_rows_pass():
    assert validate_train_rows([TRAIN, broken(id="x-2", party="The council")]) == []


def test_each_broken_training_row_is_named():
    cases = {
        "label 'maybe'": broken(label="maybe"),
        "form 'tweet'": broken(form="tweet"),
        "evidence not found verbatim": broken(evidence=["We will hold fire when the militia leaves."]),
        "no evidence": broken(evidence=[]),
        "missing 'text'": {k: v for k, v in TRAIN.items() if k != "text"},
        "'aliases' must be list": broken(aliases="Brenner"),
        "unknown keys colour": broken(colour="red"),
        "'fictional' has the wrong type": broken(fictional="yes"),
    }
    for expected, row in cases.items():
        problems = validate_train_rows([row])
        assert len(problems) == 1 and expected in problems[0], (expected, problems)


def test_duplicate_training_rows_are_caught():
    assert "duplicate id" in validate_train_rows([TRAIN, broken(party="Someone else")])[0]
    spaced = broken(id="x-9", text=TEXT.replace(" ", "  "), evidence=[EVIDENCE.replace(" ", "  ")])
    assert "same party and text" in validate_train_rows([TRAIN, spaced])[0]


def article_row(name="a.txt", **party_changes) -> dict:
    party = {"name": "Ida Brenner", "role": "council chair", "aliases": ["Brenner"], "speaks_for": None,
             "stance": "conditional", "evidence": [EVIDENCE], "attribution": "the chair"}
    party.update(party_changes)
    return {"article": name, "title": "", "outlet": "", "date": "", "conflict": "", "parties": [party],
            "non_parties": []}


def test_article_rows_checked_against_the_article_file(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    assert validate_article_rows([article_row()], tmp_path) == []
    assert "stance 'none'" in validate_article_rows([article_row(stance="none")], tmp_path)[0]
    assert "not found verbatim" in validate_article_rows([article_row(evidence=["Not there."])], tmp_path)[0]
    assert "cannot read article" in validate_article_rows([article_row("b.txt")], tmp_path)[0]
    assert "duplicate article" in validate_article_rows([article_row(), article_row()], tmp_path)[0]
    row = article_row()
    row["parties"].append(dict(row["parties"][0]))
    assert "duplicate party" in validate_article_rows([row], tmp_path)[0]
    assert "missing 'parties'" in validate_article_rows([{"article": "a.txt"}], tmp_path)[0]


def test_own_sentence_rows_checked_against_the_gold_parties_and_the_article(tmp_path):
    from stance.annotate.validate import validate_own_rows

    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    parts = [article_row()]
    good = {"article": "a.txt", "party": "Ida Brenner", "own": [{"text": EVIDENCE, "supports": True}]}
    assert validate_own_rows([good], parts, tmp_path) == []
    cases = {
        "no gold party": dict(good, party="Ida Brennan"),
        "not found verbatim": dict(good, own=[{"text": "We will hold fire.", "supports": True}]),
        "must be {'text': str, 'supports': bool}": dict(good, own=[{"text": EVIDENCE, "supports": "yes"}]),
        "listed twice": dict(good, own=[{"text": EVIDENCE, "supports": True}] * 2),
    }
    for expected, row in cases.items():
        problems = validate_own_rows([row], parts, tmp_path)
        assert problems and expected in problems[0], (expected, problems)
    two = [dict(article_row(), parties=[*article_row()["parties"], dict(article_row()["parties"][0], name="The council")])]
    assert "no own sentences row for 'The council'" in validate_own_rows([good], two, tmp_path)[0]
