"""Only parties (issue 16): observers, outlets and the names governments go by, on sentences written for these tests."""

from tests.extract_helpers import find, parties


def test_aid_agency_reporting_on_the_war_is_no_party():
    r = parties("The Norland Relief Committee said its convoys had been halted since the truce collapsed in May.\n\n"
                "President Ilse Vardan said her government was ready for a new ceasefire.")
    assert find(r, "Relief") is None
    assert find(r, "Vardan") is not None


def test_aid_agency_calling_for_a_halt_is_a_party():
    r = parties("The Norland Relief Committee urged both sides to agree an immediate ceasefire so that food could reach the valley.")
    assert find(r, "Relief") is not None


def test_outlet_named_after_a_media_noun_is_no_party():
    r = parties("The business daily Zaltberger reported on Monday that the rebels were ready for a truce.")
    assert find(r, "Zaltberger") is None


def test_government_alias_is_the_phrase_up_to_its_comma():
    r = parties("Somalia's federal government, backed by the African Union since 2007, said on Monday it would accept the truce.")
    party, _ = find(r, "Somalia")
    assert "Somalia's federal government" in party.aliases
    assert not any("backed" in a for a in party.aliases)
