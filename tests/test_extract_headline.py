"""A headline that quotes a party is that party's statement (issue 15 kind 12, issue 16), on pages written for these tests."""

from tests.extract_helpers import find, parties

BODY = ("KARSA, May 3 (Harbor Wire) — Senator Mira Dolan said on Monday the country needed a truce within the week, "
        "while General Anton Dolan, the army chief of staff, inspected troops near the front.\n\n"
        "The general did not speak to reporters. Fighting continued in the hills east of the capital.")


def test_a_quoting_headline_goes_to_the_one_person_its_role_words_fit():
    r = parties("Army chief Dolan: 'No truce until the hills are cleared'\n\n" + BODY)
    anton, statements = find(r, "Anton Dolan")
    assert [s.form for s in statements] == ["headline"]
    assert statements[0].text.startswith("Army chief Dolan:")
    _, mira = find(r, "Mira Dolan")
    assert all(s.form != "headline" for s in mira)


def test_a_headline_that_quotes_nobody_in_particular_makes_no_party():
    r = parties("Dolan: 'No truce until the hills are cleared'\n\n" + BODY)
    assert find(r, "Anton Dolan") is None
    r = parties("Ceasefire rejected: 'no truce until the hills are cleared'\n\n" + BODY)
    assert all("Ceasefire" not in name for name in r)
