"""Each statement form, on sentences written for these tests (fictional names)."""

import pytest

from tests.extract_helpers import find, parties


def test_direct_quote_curly_marks():
    r = parties("Talks stalled on Monday.\n\n“We are ready for a ceasefire tomorrow,” Defence Minister Odile Varnen said in Torsk.")
    party, sts = find(r, "Varnen")
    assert sts and sts[0].form == "direct_quote"
    assert "ready for a ceasefire" in sts[0].text


def test_direct_quote_straight_marks_and_split_around_attribution():
    r = parties('Fighting went on.\n\n"We will not sign a truce," said Marek Dolan, the rebel commander, "until the army leaves our valley."')
    _, sts = find(r, "Dolan")
    assert any("until the army leaves" in s.text for s in sts)


def test_quote_reopened_at_each_paragraph_keeps_its_speaker():
    text = ("Envoy Rasa Lindqvist spoke at length on Friday.\n\n"
            "“The ceasefire must start at midnight,” Lindqvist said. “Both sides have told me they want it.\n\n"
            "“And I believe the truce can hold if the monitors arrive on time.”")
    _, sts = find(r := parties(text), "Lindqvist")
    assert any("truce can hold" in s.text for s in sts), r


def test_indirect_speech_told_outlet_that():
    r = parties("Kremlin spokesman Dmitry Peskov told Reuters that Moscow was open to dialogue about a ceasefire.")
    party, sts = find(r, "Peskov")
    assert sts[0].form == "indirect_speech"
    assert party.speaks_for and "Kremlin" in party.speaks_for


def test_according_to_a_source_makes_the_described_person_the_party():
    r = parties("According to two officials familiar with the talks, President Ilan Moravec is ready to accept a truce.")
    party, sts = find(r, "Moravec")
    assert sts[0].form in ("according_to", "source_describes")
    assert "officials" in sts[0].attribution


@pytest.mark.parametrize("text, name", [
    pytest.param("Shelling resumed.\n\n“There will be no truce while they shell our towns, Prime Minister Hanna Ortel "
                 "said on Tuesday.", "Ortel", id="unbalanced quote runs to paragraph end"),
    pytest.param("Talks resumed.\n\n“We want the guns silent by summer” — that was how President Tomas Verhal put it "
                 "on Monday.", "Verhal", id="dash attribution"),
    pytest.param("The sides met in Orvik.\n\nGeneral Ansel Brack: “No ceasefire until the last enemy soldier has left.”",
                 "Brack", id="colon attribution"),
])
def test_attribution_forms_find_the_speaker(text, name):
    assert find(parties(text), name) is not None


def test_reported_position_without_speech_verb():
    r = parties("Rebel leader Kasim Durrel has rejected any ceasefire on the government's terms.")
    _, sts = find(r, "Durrel")
    assert sts[0].form == "reported_position"


def test_source_describing_someone_else():
    r = parties("Foreign Minister Petra Lansky said she did not believe General Omar Sadik was interested in a ceasefire.")
    assert find(r, "Sadik") is not None
    assert find(r, "Lansky") is None
    _, sts = find(r, "Sadik")
    assert sts[0].form == "source_describes" and "Lansky" in sts[0].attribution


def test_outlet_is_attribution_not_party():
    r = parties("President Ilan Moravec is open to a ceasefire on the current front lines, Reuters reported on Friday.")
    assert find(r, "Moravec") is not None
    assert find(r, "Reuters") is None


def test_irrelevant_statements_are_dropped():
    r = parties("Foreign Minister Petra Lansky said the country hoped to open EU accession talks next spring.\n\n"
                "Health Minister Aron Feld said 40 prisoners would be exchanged on Thursday.")
    assert find(r, "Lansky") is None and find(r, "Feld") is None


def test_refusal_to_comment_is_not_a_position():
    r = parties("Trade commissioner Jonas Pell spoke about tariffs. He did not comment on the ceasefire proposal.")
    assert find(r, "Pell") is None


def test_relevance_from_context_in_the_same_paragraph():
    text = "Shelling went on.\n\n“There will be no truce with them,” General Ansel Brack said. “Until that day, we fight.”"
    _, sts = find(parties(text), "Brack")
    assert any("Until that day" in s.text for s in sts)


def test_words_relayed_by_a_party_are_the_speaker_s_own():
    r = parties("Ansel Varro, the bishop of Port Calder, said on Monday that both sides should agree a truce.\n\n"
                "According to the bishop, Keel said his fighters were tired and that he was ready for a truce. "
                "Keel is the rebel commander.")
    _, keel = find(r, "Keel")
    assert [s.text[:23] for s in keel] == ["According to the bishop"]
    _, bishop = find(r, "Varro")
    assert not any(s.text.startswith("According to") for s in bishop)


def test_a_statement_read_out_saying_is_the_readers_body_speaking():
    text = ("BANGKOK, July 20 — In Bangkok, a spokesman for the Ornan Liberation Front read out a statement saying the "
            "front would observe the truce from midnight.")
    assert find(parties(text), "Ornan Liberation Front") is not None


def test_a_body_that_tables_a_ceasefire_holds_that_position():
    text = ("VESKA, Mar 6 — The Orland Union tabled a 30-day ceasefire on Sunday that would freeze both armies on the "
            "lines they held at noon.")
    assert find(parties(text), "Orland Union") is not None
