"""Party extraction metrics on hand-made gold and predictions."""

from pathlib import Path

import pytest

from stance.data import GoldArticle, GoldParty
from stance.eval.parties import match_parties, party_prf
from stance.types import Evidence, Party, Statement


def gold(*parties: GoldParty) -> GoldArticle:
    return GoldArticle(path=Path("a.txt"), text="", title="", outlet="", date="", conflict="", parties=list(parties))


def gp(name, aliases=(), speaks_for=None, evidence=()) -> GoldParty:
    return GoldParty(name=name, role="", aliases=list(aliases), stance="open",
                     evidence=[Evidence("x", a, b) for a, b in evidence], attribution="", speaks_for=speaks_for)


def test_surname_alias_and_exact_matches_are_one_to_one():
    g = gold(gp("Vladimir Putin"), gp("Ukraine", ["Kyiv"]), gp("Dmitry Peskov"))
    pred = [Party("Putin"), Party("Kyiv", kind="government"), Party("Antony Blinken")]
    pairs = match_parties(pred, g.parties)
    assert [(p.name, q.name) for p, q in pairs] == [("Putin", "Vladimir Putin"), ("Kyiv", "Ukraine")]
    s = party_prf([pred], [g])
    assert s["tp"] == 2 and s["precision"] == pytest.approx(2 / 3) and s["recall"] == pytest.approx(2 / 3)
    assert s["misses"] == [{"article": "a.txt", "party": "Dmitry Peskov"}]
    assert s["false_positives"] == [{"article": "a.txt", "party": "Antony Blinken"}]


def test_one_prediction_cannot_match_two_gold_parties():
    g = gold(gp("Oskar Halvard"), gp("Ida Halvard"))
    s = party_prf([[Party("Halvard")]], [g])
    assert s["tp"] == 1 and s["recall"] == 0.5


def test_spokesperson_matches_body_only_when_gold_party_is_that_body():
    peskov = Party("Dmitry Peskov", speaks_for="the Kremlin")
    assert match_parties([peskov], gold(gp("the Kremlin")).parties)
    assert not match_parties([peskov], gold(gp("Vladimir Putin")).parties)
    assert match_parties([peskov], gold(gp("Dmitry Peskov", speaks_for="the Kremlin"), gp("the Kremlin")).parties)[0][1].name == "Dmitry Peskov"


def test_pronoun_and_epithet_aliases_do_not_match():
    g = gold(gp("Oskar Halvard", ["he", "the prime minister"]))
    assert not match_parties([Party("the prime minister", kind="organisation")], g.parties)
    assert not match_parties([Party("he", kind="organisation")], g.parties)


def test_evidence_overlap_by_span():
    g = gold(gp("Vladimir Putin", evidence=[(0, 100), (200, 300)]))
    st = Statement(party="Putin", text="", start=10, end=90, form="direct_quote", attribution="")
    far = Statement(party="Putin", text="", start=500, end=600, form="direct_quote", attribution="")
    s = party_prf([[(Party("Vladimir Putin"), [st, far])]], [g])
    assert s["evidence_recall"] == 0.5 and s["evidence_precision"] == 0.5


def test_evidence_gold_gives_to_another_party_is_counted_as_misattributed():
    g = gold(gp("Vladimir Putin", evidence=[(0, 100)]), gp("Ukraine", evidence=[(200, 300)]))
    own = Statement(party="Putin", text="", start=0, end=100, form="direct_quote", attribution="")
    theirs = Statement(party="Putin", text="", start=200, end=300, form="direct_quote", attribution="")
    nobodys = Statement(party="Putin", text="", start=500, end=600, form="direct_quote", attribution="")
    s = party_prf([[(Party("Vladimir Putin"), [own, theirs, nobodys])]], [g])
    assert s["evidence_precision"] == pytest.approx(1 / 3)
    assert s["evidence_misattributed"] == pytest.approx(1 / 3)


def test_empty_and_mismatched_inputs():
    empty = party_prf([[]], [gold()])
    assert empty["precision"] == 1.0 and empty["recall"] == 1.0 and empty["tp"] == 0
    assert party_prf([[]], [gold(gp("Hamas"))])["recall"] == 0.0
    with pytest.raises(ValueError):
        party_prf([], [gold()])


def test_precision_and_recall_by_kind_and_listed_non_parties():
    g = gold(gp("Oskar Halvard"), gp("Kestria"), gp("Front for Liberation"))
    g.parties[0].party_kind, g.parties[1].party_kind, g.parties[2].party_kind = "person", "government", "armed_group"
    g.non_parties = ["Norland Relief Committee"]
    pred = [Party("Oskar Halvard"), Party("Kestria", kind="government"), Party("Norland Relief Committee", kind="organisation")]
    s = party_prf([pred], [g])
    assert s["by_kind"]["person"]["precision"] == 1.0 and s["by_kind"]["government"]["recall"] == 1.0
    assert s["by_kind"]["armed_group"]["recall"] == 0.0
    assert s["by_kind"]["organisation"]["predicted"] == 1 and s["by_kind"]["organisation"]["tp"] == 0
    assert s["non_parties_reported"] == [{"article": "a.txt", "party": "Norland Relief Committee"}]


def test_unlabelled_articles_count_under_unlabelled():
    s = party_prf([[Party("Hamas", kind="organisation")]], [gold(gp("Hamas"))])
    assert list(s["by_kind"]) == ["unlabelled"] and s["by_kind"]["unlabelled"]["tp"] == 1


def test_a_counted_alias_with_a_name_matches_but_a_counted_epithet_does_not():
    g = gold(gp("five states of the Sere Pact", ["The five Sere Pact states", "the five states"]))
    assert match_parties([Party("The five Sere Pact states")], g.parties)
    assert not match_parties([Party("the five states")], g.parties)


def test_a_government_named_by_its_place_matches_the_place():
    g = gold(gp("government in Djibouti"), gp("Pallune's federal government"), gp("Government of National Unity"),
             gp("Arlen's presidency"))
    pairs = match_parties([Party("Djibouti"), Party("Pallune"), Party("National Unity"), Party("Arlen")], g.parties)
    assert [(p.name, q.name) for p, q in pairs] == [("Djibouti", "government in Djibouti"),
                                                     ("Pallune", "Pallune's federal government"),
                                                     ("Arlen", "Arlen's presidency")]


def test_a_joint_party_matches_on_its_named_members_however_the_rest_is_worded():
    g = gold(gp("Council of Northern States, the Arctic Rim Forum and three neighbouring governments"),
             gp("Malaysia, Libya and the other OIC member states backing the peace process"))
    pred = [Party("The Council of Northern States, the Arctic Rim Forum and the three neighbouring governments"),
            Party("Malaysia and the other OIC member states")]
    pairs = match_parties(pred, g.parties)
    assert [p.name for p, _ in pairs] == [pred[0].name]


def test_a_gold_name_with_a_relative_clause_matches_the_phrase_before_it():
    g = gold(gp("Tri-Lakes Union and the four other states that border the Gap")).parties
    assert match_parties([Party("Tri-Lakes Union and the four other states", kind="organisation")], g)
    assert not match_parties([Party("Tri-Lakes Union", kind="organisation")], g)


def test_own_sentence_precision_counts_own_words_the_key_evidence_left_out():
    g = gold(gp("Vladimir Putin", evidence=[(0, 100)]))
    g.parties[0].own = [Evidence("x", 0, 100), Evidence("y", 200, 300), Evidence("z", 400, 450)]
    g.parties[0].own_supporting = [Evidence("x", 0, 100), Evidence("y", 200, 300)]
    at = [(0, 100), (200, 300), (400, 450), (500, 600)]
    sts = [Statement(party="Putin", text="", start=a, end=b, form="direct_quote", attribution="") for a, b in at]
    s = party_prf([[(Party("Vladimir Putin"), sts)]], [g])
    assert s["evidence_precision"] == 0.25
    assert s["evidence_own_precision"] == 0.75 and s["evidence_supporting_precision"] == 0.5
    assert s["evidence_supporting_recall"] == 1.0
    assert party_prf([[(Party("Vladimir Putin"), sts)]], [gold(gp("Vladimir Putin", evidence=[(0, 100)]))])[
        "evidence_own_precision"] is None
