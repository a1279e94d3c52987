"""The learned relevance decision (issue 16): scored without scikit-learn exactly as scikit-learn
scores it, read back from JSON unchanged, and deciding evidence on sentences written for the tests."""

import json

import numpy as np
import pytest

from stance.extract import extract, relevant
from stance.extract.relevance import context_relevance, framing
from stance.extract.relevance_model import RelevanceModel, fit, relevance_model, terms
from stance.io.clean import clean_article
from stance.nlp import parse_body
from stance.types import Statement
from tests.extract_helpers import find, parties

EXAMPLES = [
    ("The rebels said they would accept a ceasefire if the army withdrew.", "indirect_speech", True, 1),
    ("The minister rejected the truce offer as a trap.", "reported_position", True, 1),
    ("We are ready to stop firing tonight, he said.", "direct_quote", True, 1),
    ("The envoy urged both sides to agree an immediate halt to the fighting.", "reported_position", True, 1),
    ("He said the convoy had reached the port on Tuesday.", "indirect_speech", False, 0),
    ("The spokesman thanked the hosts for the meeting.", "indirect_speech", True, 0),
    ("She said the weather had delayed the flights to the capital.", "indirect_speech", False, 0),
    ("The statement said the offer had been passed on through envoys.", "indirect_speech", True, 0),
]


def test_plain_python_scoring_matches_scikit_learn():
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    model = fit(EXAMPLES, c=10.0, keep=0.5, rescue=0.9)
    forms = sorted({f for _, f, _, _ in EXAMPLES})
    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    side = csr_matrix(np.array([[f == g for g in forms] + [r] for _, f, r, _ in EXAMPLES], dtype=float))
    x = hstack([vec.fit_transform([t for t, *_ in EXAMPLES]), side]).tocsr()
    expected = LogisticRegression(C=10.0, max_iter=3000, random_state=13).fit(x, [y for *_, y in EXAMPLES]).predict_proba(x)[:, 1]
    got = [model.probability(t, f, r) for t, f, r, _ in EXAMPLES]
    assert got == pytest.approx(list(expected), abs=1e-3)
    assert {t for t in vec.vocabulary_} == set(model.weights)


def test_tokens_and_bigrams_as_scikit_learn_makes_them():
    assert terms("The truce, the TRUCE!") == {"the": 2, "truce": 2, "the truce": 2, "truce the": 1}


def test_json_round_trip_and_a_foreign_file_is_refused():
    model = fit(EXAMPLES, c=1.0, keep=0.5, rescue=0.9)
    assert RelevanceModel.from_json(json.loads(json.dumps(model.to_json()))) == model
    with pytest.raises(ValueError, match="cannot read"):
        RelevanceModel.from_json({**model.to_json(), "kind": "something-else"})


def test_shipped_model_keeps_a_stance_and_drops_an_aside():
    model = relevance_model()
    assert model.relevant("General Ansel Brack said his forces were ready for a ceasefire if the army pulled back.",
                          "indirect_speech", True)
    assert not model.relevant("Brack said the weather in the hills had been cold all week.", "indirect_speech", False)


def test_party_keeps_its_stance_as_evidence_but_not_its_small_talk():
    """One paragraph: the lexical rule alone would pass the aside on its neighbour's relevance."""
    text = ("General Ansel Brack said on Monday that his forces were ready for a ceasefire if the army pulled back. "
            "Brack said the offer had been passed to the envoy through the bishop.")
    article = clean_article("test", text)
    by_rule = extract(article, parse_body(article), learned=False)
    assert [s.relevant for _, sts in by_rule for s in sts] == [True, True]
    _, evidence = find(parties(text), "Brack")
    assert [s.text[:24] for s in evidence] == ["General Ansel Brack said"]


def test_a_spokeswoman_who_says_only_that_the_offer_is_being_studied_is_no_party():
    r = parties("Asked whether the government had replied to the truce proposal, a spokeswoman for the presidency, "
                "Lia Marven, said only that the president was \"studying it with care\" and would answer in due course.")
    assert find(r, "Marven") is None


def test_the_speaker_after_a_reporter_s_question_is_the_named_spokeswoman():
    r = parties("Asked whether the government had replied to the truce proposal, a spokeswoman for the presidency, "
                "Lia Marven, said the president rejected it and would fight on.")
    party, statements = find(r, "Marven")
    assert statements and find(r, "government") is None


def test_laying_down_arms_ceasing_action_and_having_nothing_to_do_with_a_deal_are_about_the_truce():
    assert relevant("It said its fighters had laid down their arms along the whole northern front.")
    assert relevant("Its units had ceased all military action from this morning.")
    assert relevant("A breakaway faction said it would have nothing to do with the deal.")
    assert relevant("The state was not ready to sit at any table with people who took up arms against it.")
    assert not relevant("The minister said the arrests had nothing to do with the deal.")


def test_keeping_fighters_in_their_camps_is_about_the_halt():
    assert relevant("He said the resistance would keep its fighters in their camps only as long as the army kept "
                    "the militias away.")
    assert not relevant("He said the refugees had been moved to camps near the border.")


def test_refugee_camps_are_not_the_fighters_camps():
    assert not relevant("She said families were still arriving in the camps around the town every week.")


@pytest.mark.parametrize("text", [
    "She proposed a three-phase plan: a month-long halt observed by both sides and an exchange of the prisoners.",
    "The guns at the border post had not fired across the line since Tuesday, the brigadier said.",
    "The general said the army would keep shelling the supply jetties, grounded jets or not.",
    "\"The road stays closed until Tesk falls,\" he said.",
    "\"We do not ask them to hand over a rifle first,\" she said.",
    "Until then, the statement said, the men at the barricades would stay where they were.",
    "\"Let the ministers sign what they please. The pass will not go quiet for a signature,\" he said.",
    "The captain said his boats would stay at sea whatever the envoys sign in Tarrow.",
    "The marshal said her batteries would stay silent for exactly as long as the other shore's did.",
    "There would be calm on the river \"on the day the last barge leaves,\" the cabinet said.",
    "The admiral said the fleet had orders to keep up the bombardment until then.",
    "He said the volunteers would take down their roadblocks the hour the army called off its night raids.",
    # positions worded without a truce word, or shown by orders and troop movements (ninth session)
    "The minister said police operations in the hills would carry on as before.",
    "The front said its commandos had been ordered to carry out no operation of any kind until April.",
    "The deputy mayor said the town would take every quiet night it is given.",
    "The UPF said two matters had to be settled before its cadres moved into camps.",
    "Colonel Aurel Rask ordered two battalions forward to the edge of the harbour on Tuesday.",
    "The leadership has kept army units in the hills confined to their posts since the talks resumed.",
    "The associations said not one of their vessels would carry a rifle for the rebels.",
    # an answer that carries its content is no mere frame (tenth session)
    "The rebels answered that they would observe the truce if the shelling stopped.",
    'The FNL answered within hours: "There will be no ceasefire."',
    "The army replied by declaring a unilateral truce in the hills.",
    # weapons put down or never lifted, in a quote's own words (eleventh session)
    "\"Nobody on my hill puts down a pick or a rifle for a piece of paper,\" she said.",
    "\"My boys have not lifted a gun since the sorghum came in,\" the commander said.",
])
def test_positions_in_the_words_real_pages_use_are_relevant(text):
    assert relevant(text)


@pytest.mark.parametrize("text", [
    "The FNL, the last rebel movement still fighting in the country, answered within hours, and not kindly.",
    "The reply from the plateau came from Aram Dilsoz, the commander of the Defence Units, in a video.",
    "The minister then set out on paper what he wants from any deal.",
    "Banaag's office did not respond to a request for comment on their account.",
    "The Oskel council could not be reached on Tuesday.",
])
def test_a_sentence_that_only_frames_or_declines_is_no_position(text):
    assert not relevant(text)


@pytest.mark.parametrize("text", [
    "The Legion answered in a message to journalists: its rifles would stay slung while no police crossed the bridge.",
    "The cabinet in Sollen answered on Sunday with terms.",
    "The council answered on Tuesday through a local radio station that it would go on burning barges.",
    "Ombrel answered the appeal within the hour by repeating its refusal.",
    "Officials said any shelling after that would be answered in kind.",
    "The Amber Road Brigades, the alliance that has blockaded the road, replied that its men would not move.",
])
def test_an_answer_that_gives_the_position_is_no_frame(text):
    assert not framing(text)


def test_a_framing_or_unanswered_sentence_does_not_borrow_its_paragraphs_relevance():
    said = "The OHLF said it would respect the ceasefire only if the army left the valley."
    texts = ["The OHLF answered within two hours.", said, "Its office did not respond to a request for comment."]
    statements, start = [], 0
    for text in texts:
        statements.append(Statement(party="OHLF", text=text, start=start, end=start + len(text),
                                    form="reported_position", attribution="OHLF", relevant=relevant(text)))
        start += len(text) + 1
    context_relevance(statements, [(0, start)])
    assert [s.text for s in statements if s.relevant] == [said]
