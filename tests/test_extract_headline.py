"""A headline that quotes a party is that party's statement (issue 15 kind 12, issue 16), on pages written for these tests."""

from stance.io.clean import clean_article
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


def test_a_headline_clause_whose_subject_is_a_named_group_is_its_statement():
    page = ("Hill talks: KLF offers to extend truce; HSC-R says no truce without autonomy\n\n"
            "RANGAMATI, May 3 — The Kessa Liberation Front (KLF) said on Monday it would extend its truce by a month. "
            "The Hill Students' Council-Radical (HSC-R), a student group, held a rally in the town.")
    r = parties(page)
    _, sts = find(r, "HSC-R") or find(r, "Hill Students")
    assert [s.text for s in sts] == ["HSC-R says no truce without autonomy"]


def test_a_headline_capital_stands_for_the_head_of_state_when_there_is_one():
    body = ("BELGRADE, May 3 — Belgrade said on Monday that its ministers would meet on Friday.\n\n"
            "President Milan Dorev told parliament the country would talk at any table.")
    r = parties("Belgrade offers talks, then vows to push on\n\n" + body)
    assert all(s.form != "headline" for _, sts in r.values() for s in sts)
    r = parties("Belgrade offers talks, then vows to push on\n\n" + body.split("\n\n")[0])
    assert any(s.form == "headline" for _, sts in r.values() for s in sts)


def test_a_headline_role_word_chooses_the_person_not_a_compatriot_of_the_same_country():
    page = ("Georgian admiral: 'The war at sea goes on, whatever the diplomats sign'\n\n"
            "TBILISI, Sept 2 — Georgia's government said on Monday it would stop firing along the corridor if "
            "the separatists did the same.\n\n"
            "Admiral Petra Sandvoll-Ress, who commands Georgia's fleet, inspected ships at the naval base on Monday.\n\n"
            "Aurel Fenwick-Stahl, a Georgian senator, wrote that both sides should talk.")
    r = parties(page)
    _, sts = find(r, "Sandvoll-Ress")
    assert [s.form for s in sts] == ["headline"]


def test_a_standfirst_under_the_title_is_read_as_a_headline_and_can_name_a_collective():
    page = ("Valley rebels declare a halt; the army shrugs\n"
            "Orrel Free Voice\n"
            "Home | Valley | Politics | Opinion\n\n"
            "Nine opposition parties call for the halt to be made permanent\n\n"
            "By Ana Lestrade\n\n"
            "ORREL, May 3 — The Valley Defence Front said on Monday it had stopped all attacks for a month. "
            "The army said its operations would go on until the valley was cleared.")
    article = clean_article("test", page)
    assert [page[s:e] for s, e in article.subheads] == ["Nine opposition parties call for the halt to be made permanent"]
    _, sts = find(parties(page), "opposition parties")
    assert [s.form for s in sts] == ["headline"]


def test_a_headline_clause_led_by_a_role_is_the_one_persons_and_outweighs_what_a_source_says():
    page = ("Ankara to stop at four 'if the other side does'; Kessan leader rejects any truce on the old lines\n\n"
            "NICOSIA, July 21 — The Kessan leader, Dr. Orhan Vellek, arrived in the capital on Sunday. "
            "Diplomats there said he had not been asked to take part in the Geneva talks.")
    _, sts = find(parties(page), "Orhan Vellek")
    assert [s.form for s in sts if s.form == "headline"] == ["headline"]


def test_a_headline_capital_is_its_government_when_the_body_names_the_country_without_letting_it_speak():
    body = ("ARVELLE, June 2 — Rebels of the Ostry Front said on Monday they would keep attacking convoys on the coast road.\n\n"
            "Diplomats in Ostrava said a draft had been sent to both sides, and fighting went on near the Czech border.")
    r = parties("Prague accepts truce with rebels; Ostry Front vows to fight on\n\n" + body)
    _, sts = find(r, "Czech")
    assert [s.text for s in sts] == ["Prague accepts truce with rebels"]


def test_a_headline_capital_that_the_place_list_gives_another_state_is_left_alone():
    body = ("KOSTEL, April 6 — Yugoslavia declared a unilateral ceasefire in the province on Tuesday, and Yugoslav "
            "officials said security forces would halt operations from 8 p.m.\n\n"
            "A NATO spokesman said the alliance's air campaign would go on.")
    r = parties("Belgrade declares Easter ceasefire; NATO says bombing will go on\n\n" + body)
    assert find(r, "Serbia") is None


def test_a_headline_surname_two_people_share_goes_to_the_one_its_role_word_fits():
    page = ("Marsh general vows to fight on; deputy Orlan says the truce must outlive the quarrel\n\n"
            "VESK, Oct 3 — General Piet Orlan told supporters on Tuesday that the guns of the marsh would stay loaded "
            "until the last foreign soldier had gone.\n\n"
            "Among the signatories of the accord was Samir Orlan, a deputy from the Vesk hills who is not related to the general.")
    r = parties(page)
    _, sts = find(r, "Samir Orlan")
    assert [s.text for s in sts] == ["deputy Orlan says the truce must outlive the quarrel"]


def test_a_quotation_that_opens_a_headline_is_not_its_subject():
    page = ("\"Not a metre of the river back,\" vows Kaddel's marsh commander as Ostby spurns truce plan\n\n"
            "OSTBY, May 9 — Marshal Aurel Vendt, commander of Kaddel's marsh front, inspected his lines on Friday.\n\n"
            "Baroness Ines Carrow, the council's envoy, said she would return to Ostby next week to present the plan again.")
    r = parties(page)
    assert find(r, "Ines Carrow") is None or all(s.form != "headline" for s in find(r, "Ines Carrow")[1])
    _, sts = find(r, "Vendt")
    assert [s.form for s in sts] == ["headline"]
