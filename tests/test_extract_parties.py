"""Only parties (issue 16): observers, outlets and the names governments go by, on sentences written for these tests."""

import pytest

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


def test_coordinated_bodies_are_one_party_named_as_written():
    r = parties("The Orland Union, the Republic of Vessa and neighbouring states, whose envoys met in May, "
                "urged both sides to agree an immediate ceasefire.")
    assert find(r, "Orland Union, the Republic of Vessa and neighbouring states") is not None
    assert not any("whose envoys" in name for name in r)
    assert "Orland Union" not in r


def test_qualified_plural_leaders_are_a_collective_party_not_a_named_leader():
    r = parties("Commander Tomas Reyl, the rebel leader, said his men would fight on.\n\n"
                "West Arvenian leaders called for a truce at a summit in Kessa.")
    leaders = find(r, "leaders")
    assert leaders is not None and leaders[0].name == "West Arvenian leaders"
    assert "West Arvenian leaders" not in find(r, "Reyl")[0].aliases


def test_two_people_named_together_stay_two_parties():
    r = parties("Anton Veller and Mira Castan said on Monday they would accept a ceasefire.")
    assert not any(" and " in name for name in r)


def test_government_keeps_every_name_the_article_gives_it():
    r = parties("The Yaoundé government said it would not negotiate a ceasefire with the separatists.\n\n"
                "The Damascus-based government rejected the truce on Monday.")
    cameroon, _ = find(r, "Cameroon")
    syria, _ = find(r, "Syria")
    assert "The Yaoundé government" in cameroon.aliases
    assert "The Damascus-based government" in syria.aliases


def test_government_named_by_an_unlisted_capital_is_found():
    r = parties("The government in Port Vessel said it would observe the ceasefire from midnight.")
    party, statements = find(r, "Port Vessel")
    assert party.kind == "government" and statements


def test_double_barrelled_name_is_one_person():
    r = parties("Temba Ndoro-Hartley, the interior minister, said the government was ready for a truce.")
    party, _ = find(r, "Ndoro-Hartley")
    assert party.kind == "person" and party.name == "Temba Ndoro-Hartley"


def test_hyphenated_group_name_is_no_person():
    r = parties("The government said it would accept a truce.\n\n"
                "Arlo Venn, a researcher at a policy institute, said: \"Al-Kharun has never accepted a ceasefire,\" "
                "he said.")
    assert find(r, "Al-Kharun") is None or find(r, "Al-Kharun")[0].kind != "person"


def test_people_who_share_a_surname_stay_apart():
    r = parties("Anna Petrenko, a commander of the eastern brigade, said on Monday her unit would observe the ceasefire.\n\n"
                "Ivan Petrenko, who leads a rival militia, rejected the truce and said his men would fight on.\n\n"
                "\"We will never stop,\" Petrenko said.")
    anna, anna_sts = find(r, "Anna Petrenko")
    ivan, ivan_sts = find(r, "Ivan Petrenko")
    assert anna is not ivan
    assert not any("never stop" in s.text for s in anna_sts + ivan_sts)


def test_a_first_name_alone_refers_to_the_one_person_with_it():
    r = parties("Girmay Alemu, the regional president, said his forces would observe the ceasefire.\n\n"
                "Girmay added that talks on a lasting truce should start within a week.")
    person, statements = find(r, "Girmay Alemu")
    assert len(statements) == 2
    assert "Girmay" not in r


def test_a_weekday_before_a_name_is_no_part_of_it():
    r = parties("On Wednesday Ivo Matko said the rebels would accept a truce.")
    party, _ = find(r, "Matko")
    assert party.name == "Ivo Matko" and party.role == ""


def test_government_spokesperson_is_not_a_rebel_spokesman_whose_group_names_the_country():
    r = parties("Pascal Runihura, a spokesman for the Alliance Fleuve Kestria, the rebel coalition, said the movement "
                "was open to a truce.\n\n"
                "On Monday a Kestrian government spokesperson in Velmont said Kestria would accept a ceasefire only "
                "after a withdrawal. A ceasefire, the spokesperson said, could be signed next week.")
    rebel, rebel_sts = find(r, "Runihura")
    assert rebel.speaks_for == "the Alliance Fleuve Kestria"
    assert not any("government spokesperson" in s.text or "the spokesperson said" in s.text for s in rebel_sts)
    government = find(r, "Kestria")
    assert government is not None and government[0].kind == "government"


def test_a_country_s_coalition_is_the_named_coalition_mentioned_later():
    r = parties("PORT ALDEN — Vessaria's main rebel coalition said on Thursday it accepted a 30-day truce in principle.\n\n"
                "The Harbour Alliance took the oil terminal in April.")
    party, statements = find(r, "Harbour Alliance")
    assert statements and "30-day truce" in statements[0].text


def test_organisation_name_keeps_its_for_part():
    r = parties("The Union for the Lakes said on Monday it would observe a truce.")
    assert find(r, "Union for the Lakes") is not None


def test_acronym_in_parentheses_is_the_same_armed_group():
    r = parties("The Kessa Defence Army (KDA) said in a statement that it would not accept any ceasefire. "
                "The KDA added that its fighters would keep up attacks until the truce talks collapsed.")
    party, statements = find(r, "Kessa Defence Army")
    assert "KDA" in party.aliases and len(statements) == 2
    assert "KDA" not in r


def test_group_named_in_a_common_noun_phrase_is_that_group():
    r = parties("The Tarvo Defence Front (TDF) took the town in May.\n\n"
                "The TDF rebels said in a statement they would observe the truce.")
    party, statements = find(r, "Tarvo Defence Front")
    assert statements and "observe the truce" in statements[0].text


def test_a_refusal_to_stop_fighting_without_the_word_ceasefire_makes_a_party():
    r = parties("Commander Edo Varsk told fighters in Kessel that operations will continue until the last post falls.")
    party = find(r, "Varsk")
    assert party is not None and party[1]


def test_an_unrelated_statement_still_makes_no_party():
    r = parties("Mayor Ines Calder said the new bridge over the river would open to traffic in the spring.")
    assert find(r, "Calder") is None


def test_a_nickname_is_an_alias_of_the_named_person():
    r = parties("Commander Jaber Haddou, known as Abu Layth, has led the militia since 2019.\n\n"
                "Abu Layth said in a video that his fighters would reject any truce.")
    party, statements = find(r, "Jaber Haddou")
    assert "Abu Layth" in party.aliases and statements
    assert "Abu Layth" not in r


def test_a_capitalised_title_later_is_the_named_person():
    r = parties("President Tomas Werrin met the envoy on Monday.\n\n"
                "The President said later that a truce was possible if the militia withdrew.")
    party, statements = find(r, "Werrin")
    assert statements
    assert "President" not in r


def test_the_rebels_are_the_one_armed_party_named_with_of():
    r = parties("KESSA — The rebels said on Saturday they would halt all attacks for three months.\n\n"
                "The Communist Party of Varnia has fought the king's army since 1996.")
    party, statements = find(r, "Communist Party of Varnia")
    assert statements and "halt all attacks" in statements[0].text


def test_the_militant_group_is_not_a_council_of_scholars():
    r = parties("The Varnian Council of Religious Scholars called for a ceasefire on Monday.\n\n"
                "Harat al-Kessa has fought the government since 2006. The militant group swiftly dismissed the appeal "
                "and said it would keep fighting.")
    council = find(r, "Council of Religious Scholars")
    assert council is None or not any("dismissed" in s.text for s in council[1])


def test_a_headline_word_is_never_a_party():
    assert parties("Ceasefire Rejected As Talks Stall") == {}
    r = parties("Ceasefire rejected as talks stall in the valley\n\n"
                "KESSA — Commander Edo Varsk said on Monday his fighters would not accept a truce while the army held "
                "the bridge at Orlan.\n\nThe army said it would keep up operations.")
    assert "Ceasefire" not in r and find(r, "Varsk") is not None


def test_a_country_s_ministry_speaks_for_its_government():
    r = parties("The Russian Foreign Ministry said Moscow was ready for talks on a truce.")
    party, statements = find(r, "Russia")
    assert party.kind == "government" and statements
    assert "Foreign Ministry" not in r


def test_the_military_is_the_one_state_army_the_article_names():
    r = parties("General Alfredo Sumar, chief of staff of the Armed Forces of the Kessarines, told troops there would "
                "be no pause.\n\nThe military, however, said there would be no let-up in operations.")
    party, statements = find(r, "Armed Forces of the Kessarines")
    assert any("let-up" in s.text for s in statements)


def test_people_quoted_for_colour_are_no_parties():
    r = parties("Nora Halden, whose brother is among the hostages, said families had learned of the truce offer "
                "from television.\n\n"
                "Amos Kiprono, a tea seller in the market, said he hoped the ceasefire would hold.\n\n"
                "Prime Minister Lenart Vossberg said the truce offer stands.")
    assert set(r) == {"Lenart Vossberg"}


def test_places_the_tagger_takes_for_people_are_no_parties():
    r = parties("One field commander said on Tuesday that the fall of Varnograd would not end the war and vowed to "
                "reject any truce.\n\n"
                "Rebels in the Tessel Highlands said they would keep fighting.")
    assert not any("Varnograd" in name or "Highlands" in name for name in r)


def test_a_the_inside_a_prepositional_phrase_does_not_make_a_group_noun_definite():
    r = parties("The Kessel Front announced a truce on Monday.\n\n"
                "Rebels in the eastern hills said they would keep fighting.")
    front = find(r, "Kessel Front")
    assert front is not None and not any("eastern hills" in s.text for s in front[1])


def test_a_capital_in_the_outlet_s_name_still_speaks_for_its_government():
    from stance.extract.lexicon import is_outlet

    assert not is_outlet("Kessel", "The Kessel Lantern")
    assert is_outlet("the Lantern", "The Kessel Lantern") and is_outlet("Kessel Lantern", "The Kessel Lantern")


def test_the_government_is_the_dateline_country_s_not_the_mediator_s():
    r = parties("MANILA — Norway's envoy met both Philippine panels in Oslo on Monday. Norway has hosted the talks "
                "since 2016, and Norway's foreign ministry paid for the venue.\n\n"
                "The government said on Tuesday it would keep the holiday truce in place.")
    assert find(r, "Norway") is None
    assert find(r, "Philippines") is not None


def test_the_leadership_of_a_breakaway_region_is_not_the_country_s_government():
    r = parties("The political leadership of Kestria's breakaway Ashar plateau said on Tuesday it would accept "
                "ceasefire talks without conditions.\n\nKestrian officials said the offer was a trap.")
    kestria = find(r, "Kestria")
    assert kestria is None or not any("breakaway" in s.text for s in kestria[1])


def test_a_name_tagged_as_a_place_in_apposition_to_a_leader_is_the_speaker():
    r = parties("The leader of the Tarsk militia, Ruen Dask, said his fighters would observe a ceasefire "
                "once the government freed prisoners held in Kelm.")  # the tagger calls "Ruen Dask" a GPE
    assert find(r, "Ruen Dask") is not None
    assert not any(name.startswith("Kelm") for name in r)


def test_a_long_dateline_with_a_wire_credit_is_never_the_speaker():
    r = parties("KELM, Tarsk, Feb. 3, 2031 (NWA) — The leader of the Orvo militia, Ovin Marel, said his fighters "
                "would observe a ceasefire once the government freed prisoners.")
    assert find(r, "Ovin Marel") is not None
    assert not any("KELM" in name or name.startswith("Tarsk") for name in r)


def test_a_nickname_after_the_role_is_an_alias_and_no_part_of_the_role():
    r = parties("Colonel Idrissa Kamara, the rebel field commander in the district, who is known as \"Viper,\" mocked the truce.\n\n"
                "\"Let them sign in the capital; here we are still fighting,\" Viper said.")
    party, statements = find(r, "Idrissa Kamara")
    assert "Viper" in party.aliases and "known" not in party.role
    assert [s.text[:5] for s in statements] == ["Colon", "\"Let "]
    assert "Viper" not in r


def test_a_three_word_name_the_tagger_cuts_in_two_is_one_person():
    r = parties("President Momodu Sankara Conteh said in a broadcast that he backed the truce in principle but wanted changes.\n\n"
                "\"I have signed for a ceasefire, not for amnesia,\" Conteh said.")
    party, statements = find(r, "Conteh")
    assert party.name == "Momodu Sankara Conteh" and len(statements) == 2
    assert list(r) == ["Momodu Sankara Conteh"]


def test_a_long_name_an_acronym_spells_is_one_armed_group_and_the_rebels_are_it():
    r = parties("Ostrans United for Justice and Freedom, the rebel group known as OUJF, said in a statement that its "
                "fighters would hold fire around the capital.\n\n"
                "The rebels, whose units reached the river last week, said the halt would stay in place while talks go on.")
    party, statements = find(r, "Ostrans United for Justice and Freedom")
    assert "OUJF" in party.aliases and len(statements) == 2


def test_an_organisation_name_keeps_its_closing_in_place():
    r = parties("The Union for Renewal in Togo, a smaller group, said it was not ready for negotiations of any kind.")
    assert "Union for Renewal in Togo" in r


def test_list_items_the_parser_cuts_off_stay_in_the_collective_name():
    r = parties("ECOWAS, the United Nations and the United States urged all sides on Tuesday to stop fighting at once.")
    assert list(r) == ["ECOWAS, the United Nations and the United States"]


def test_a_hyphenated_acronym_is_a_group_and_its_political_wing_speaks_for_it():
    r = parties("The KDR-FDL, the larger of the two rebel movements, took a different line.\n\n"
                "The insurgents' political wing said in a statement that it supported the truce accord in principle.")
    assert "KDR-FDL" in r and r["KDR-FDL"][1]


def test_laughing_off_an_offer_and_calling_for_operations_to_resume_are_positions():
    r = parties("The ZNL rebels, reached by telephone in the hills, laughed the offer off.\n\n"
                "Members of the Association of Retired Officers attended a parade on Wednesday. In a statement, the "
                "association said the suspension was a gift to terrorists and called on the army to resume operations.")
    assert "ZNL" in r
    assert find(r, "Association of Retired Officers") is not None


def test_presidents_and_governors_of_named_places_are_one_collective_unless_each_speaks_for_himself():
    r = parties("The presidents of Gambia and Guinea-Bissau said in a joint message that they backed the truce.")
    assert list(r) == ["The presidents of Gambia and Guinea-Bissau"]
    r = parties("The governors of the six Delta states and the Ijaw Youth Council jointly urged a halt to the fighting.")
    assert list(r) == ["The governors of the six Delta states and the Ijaw Youth Council"]
    r = parties("The presidents of Georgia and Russia both said on Wednesday that they accepted the six-point plan, "
                "but each attached his own reading of it.")
    assert not any(k.startswith("The presidents") for k in r)


def test_the_three_bodies_are_the_three_member_collective_named_before():
    r = parties("The African Union, ECOWAS and the United Nations mission urged an immediate return to the truce line.\n\n"
                "\"We call on all parties to stop the fighting at once,\" the three bodies said in a joint statement.")
    assert list(r) == ["The African Union, ECOWAS and the United Nations mission"]
    assert len(r["The African Union, ECOWAS and the United Nations mission"][1]) == 2


def test_a_general_with_a_nickname_that_sounds_like_a_bystander_is_still_a_party():
    r = parties("General Sabina Orrel, known in the ranks as \"the Widow of Vell,\" said the army accepted a truce in principle "
                "but wanted the bridges back first.")
    assert find(r, "Orrel") is not None


def test_a_compound_surname_alone_is_the_person_with_the_longer_name():
    r = parties("Front leader Sidi Ahmed Lamine Ould Vara told supporters that the truce was over.\n\n"
                "\"We gave the world twenty years of silence, and the world gave us nothing,\" Ould Vara said.")
    (name,) = r
    assert name.endswith("Lamine Ould Vara") and len(r[name][1]) == 2


def test_any_country_of_the_world_is_known_by_its_name_capital_and_demonym():
    r = parties("PORT MORESBY — The government wanted the truce to become permanent, residents said.\n\n"
                "Papua New Guinean officials said the government would extend the truce if the rebels handed in their weapons.")
    assert list(r) == ["Papua New Guinea"]


def test_the_government_s_negotiators_in_a_foreign_capital_are_the_government_s():
    r = parties("MONROVIA — Liberia's government said it welcomed the truce.\n\n"
                "Officials said the government's negotiators in Accra had been told to sign a ceasefire once the rebels pulled back.")
    assert "Ghana" not in r and "Liberia" in r


def test_the_last_word_of_a_group_s_name_is_that_group_and_a_list_of_places_is_no_title():
    r = parties("The Merrow Volunteer Brigades, the militia of salt workers, said they were not ready for any truce.\n\n"
                "\"We will not sit down with people who stole our water,\" the Brigades said in a message to members.")
    (name,) = r
    assert name.endswith("Volunteer Brigades") and len(r[name][1]) == 2


def test_a_listed_news_agency_is_never_a_party():
    r = parties("The video, obtained by Agence France-Presse, showed the commander. \"We have agreed a ceasefire,\" he said.")
    assert "Agence France-Presse" not in r


def test_counted_opposition_parties_are_one_collective_party():
    r = parties("The four opposition parties, led by the Civic Union bloc, issued a joint statement on Monday and said "
                "they would not back the truce offer.")
    party, sts = find(r, "opposition parties")
    assert party.name == "The four opposition parties" and sts


def test_a_name_described_as_a_faction_is_an_organisation_with_its_statements():
    r = parties("Not all the rebels agree. The Grey Heron, a splinter faction that broke away last year, said the leaders "
                "had sold the cause. \"The Grey Heron will put down its weapons on the day the last soldier leaves, and we "
                "will fight until that day,\" the faction said.")
    party, sts = find(r, "Grey Heron")
    assert party.kind == "organisation"
    assert len(sts) == 2


def test_a_hyphenated_part_of_an_organisations_name_is_kept():
    r = parties("The VRD-RD, as the Communist Party of Ostria-Red Dawn calls itself, said in leaflets left in markets "
                "that it rejected the truce.")
    party, _ = find(r, "Communist Party")
    assert party.name == "Communist Party of Ostria-Red Dawn"
    r = parties("The Vesk Liberation Army-backed militia said it rejected the truce.")
    assert all("backed" not in name for name in r)


def test_a_name_after_a_rank_the_tagger_missed_is_a_person():
    r = parties("The video appeared two weeks after the Chief of Defence Staff, Air Marshal Danjel Okparo Ubi, "
                "announced that the armed forces had agreed a ceasefire with the insurgents. \"I have directed all "
                "service chiefs to comply with the ceasefire,\" the air marshal said.")
    party, sts = find(r, "Ubi")
    assert party.kind == "person" and sts


def test_a_collective_named_with_bracketed_acronyms_keeps_its_whole_name():
    r = parties("The Coastal Union (CU), the Northern League of States (NLS) and the other guarantor states of the "
                "2027 accord urged both sides to respect the truce.")
    assert "The Coastal Union (CU), the Northern League of States (NLS) and the other guarantor states of the 2027 accord" in r


def test_a_bracketed_acronym_is_an_alias_not_part_of_the_name():
    r = parties("The National Maize Growers' Association (ANAMAG) said it backed a ceasefire if the roads were reopened.")
    party, _ = find(r, "Maize Growers")
    assert party.name == "National Maize Growers' Association" and "ANAMAG" in party.aliases


def test_church_bodies_and_chambers_are_organisations_with_their_whole_name():
    r = parties("The Iraskan Synod of Bishops called for an immediate truce.\n\n"
                "The Brennmark Chamber of Traders said it supported a ceasefire.")
    assert r["Iraskan Synod of Bishops"][0].kind == "organisation"
    assert r["Brennmark Chamber of Traders"][0].kind == "organisation"


def test_a_front_the_tagger_missed_after_a_dateline_speaks_with_its_acronym():
    r = parties("SAN SALVADOR, Nov 17 — The Farabundo Martí National Liberation Front (FMLN) said on Saturday it had "
                "suspended all offensive military actions.")
    party, sts = find(r, "Liberation Front")
    assert party.name == "Farabundo Martí National Liberation Front" and "FMLN" in party.aliases and sts


def test_a_government_named_by_an_unknown_place_is_that_places_government():
    r = parties("OSTERLIN, Aug 12 — Pallune's government suspended naval patrols around the Brend Islands for 30 days "
                "on Monday, the first halt of its kind.\n\n"
                "The authorities in Port Velsgrad said the army would match the halt hour for hour.")
    assert r["Pallune"][0].kind == "government"
    assert r["Port Velsgrad"][0].kind == "government"


def test_a_hyphenated_group_its_acronym_spells_keeps_its_whole_name_not_a_place_in_its_description():
    r = parties("The Marrak Valley Defence Council-Northern Command (MVDC-NC), a faction that broke away in the winter "
                "and holds the villages above Orrin Ford, said the accord was a betrayal and rejected the truce.")
    party, sts = find(r, "Marrak Valley")
    assert party.name == "Marrak Valley Defence Council-Northern Command" and sts
    assert find(r, "Orrin Ford") is None


def test_name_particles_and_a_word_before_and_stay_in_an_organisations_name():
    r = parties("The Diocese of San Cristóbal de las Casas said it supported the ceasefire in principle.\n\n"
                "The Karbari and Headmen Council called on both sides to make the truce permanent.")
    assert "Diocese of San Cristóbal de las Casas" in r
    assert "Karbari and Headmen Council" in r


def test_a_later_short_mention_of_a_collective_is_that_collective():
    r = parties("Norland, the Hesper Union (HU) and the other members of the Contact Group said they supported a "
                "ceasefire in the straits.\n\n"
                "\"The Contact Group welcomes the League's halt and will back a full ceasefire,\" the group said.")
    assert "Contact Group" not in r
    _, sts = find(r, "other members of the Contact Group")
    assert len(sts) == 2


def test_a_body_named_by_its_kind_before_its_full_name_is_one_party():
    r = parties("Advent truce call from the church\n\n"
                "The Synod of the Fennmoor Reformed Church has called on both armies to stop fighting for Advent. "
                "\"We ask both armies to lay down their guns,\" the Synod said in a pastoral letter.")
    assert [name for name in r if "Synod" in name] == ["Synod of the Fennmoor Reformed Church"]


def test_a_speaker_whose_that_clause_the_parser_hung_elsewhere_still_speaks():
    r = parties("The Armed Vanguard Group (AVG), which has been blamed for many of the village massacres around the "
                "capital this summer, said in a leaflet left at mosques in Blida that the other leaders had \"sold the "
                "blood of the martyrs\" and that there would be no truce.")
    party, sts = find(r, "Armed Vanguard Group")
    assert sts and "AVG" in party.aliases


def test_a_hyphenated_surname_after_a_rank_and_a_one_letter_acronym_suffix():
    r = parties("Lieutenant General Harjeet Sandhu-Rao, who commands the army's Dimapur-based 3 Corps, said his troops "
                "would hold their fire as long as the rebels did.\n\n"
                "The FPAA-R dismissed the truce as a holiday for tired men.")
    assert "Harjeet Sandhu-Rao" in r
    assert "FPAA-R" in r


def test_a_group_the_tagger_took_for_a_work_of_art_is_an_organisation():
    r = parties("The Ashfold Rising-Northern Command, a faction that split from the APC last year, said in a statement "
                "that it would keep fighting and rejected the truce.")
    party, sts = find(r, "Ashfold Rising")
    assert party.kind == "organisation" and sts


def test_a_second_party_narrated_after_the_speakers_words_is_found():
    r = parties("PORT IDRIS, June 8 — Zanbaria's military government said on Wednesday it would agree to a nationwide "
                "ceasefire if rebel forces handed back the Kessel oil terminal, a day after the main rebel coalition "
                "declared itself ready to stop fighting immediately.\n\n"
                "The Coastal Alliance has held the terminal since March.")
    _, sts = find(r, "Coastal Alliance")
    assert sts and sts[0].text.startswith("PORT IDRIS")


def test_the_group_a_leader_leads_is_a_body_the_article_can_refer_back_to():
    r = parties("A Caribbean envoy called on Tuesday for a truce between the armed gangs and the police, but the most "
                "powerful gang alliance dismissed the appeal within hours.\n\n"
                "Wilner Dorsainvil, the leader of the Viv Ansanm coalition, said in a video that there would be no truce.")
    party, sts = find(r, "Viv Ansanm")
    assert party.kind == "organisation" and any("dismissed the appeal" in s.text for s in sts)


def test_a_past_office_in_apposition_is_not_the_role_the_article_names_the_person_by():
    r = parties("The country's defence minister, General Idriss Mahamat Kolle, a former rebel commander who rallied to "
                "the government in 2001, turned on the mediators. \"The envoys should count the foreign trucks in our "
                "streets,\" the general said. The minister said there would be \"no ceasefire with people who came to "
                "burn the capital.\"")
    party, sts = find(r, "Kolle")
    assert "defence minister" in party.role
    assert any("no ceasefire" in s.text for s in sts)


def test_a_held_fire_is_relevant_and_a_document_the_parser_made_a_subject_speaks_for_its_body():
    r = parties("The Coast Eagle Force (CEF), the militia that holds the port, said on Sunday its fighters have held "
                "their fire since the last week of May.\n\n"
                "\"Our boys are in their camps, and not one shot has been fired by the Eagles in twelve days,\" a CEF "
                "statement faxed to the Herald said.")
    _, sts = find(r, "Coast Eagle Force")
    assert len(sts) == 2


def test_an_unnamed_junta_is_one_party_and_the_presidency_is_the_government():
    r = parties("BAMAKO, June 9 — The military junta that commands most of Mali's army announced that its men had "
                "observed a ceasefire around the capital for two days. The junta said its units would stay in their "
                "positions.\n\n"
                "But on Monday the presidency said in a statement that there would be no truce with the mutineers.")
    party, sts = find(r, "junta")
    assert party.kind == "organisation" and len(sts) == 2
    assert len([k for k in r if "junta" in k]) == 1
    _, sts = find(r, "Mali")
    assert any("the presidency said" in s.text for s in sts)


def test_a_university_lecturer_quoted_on_the_truce_is_a_commentator():
    r = parties("Kalo Renia, a lecturer at the university in the capital, said the militia's quiet had less to do with "
                "peace than with holding the city. \"When you have what you wanted, a ceasefire is cheap,\" he said.")
    assert find(r, "Renia") is None


def test_the_answers_of_a_q_and_a_excerpt_are_the_interviewees_words():
    r = parties("We spoke by telephone on Monday with one of the junta's field commanders, Braima Tcholi, who holds the "
                "front line at the port road. An excerpt:\n\n"
                "Q: Will your men keep to the halt if the artillery fires?\n"
                "A: If they fire, we answer. If they are quiet, we are quiet.\n\n"
                "Q: And the demand that you hand over the barracks?\n"
                "A: Nobody hands over a barracks to people who are shelling it.\n")
    party, sts = find(r, "Tcholi")
    assert party.kind == "person"
    assert [s.text for s in sts][:2] == ["A: If they fire, we answer.", "If they are quiet, we are quiet."]
    assert all(s.attribution == "interview" for s in sts)


def test_a_refugee_committee_a_person_chairs_does_not_make_her_a_commentator():
    r = parties("We spoke to Naw Eh Htoo, who chairs the Karen Refugee Committee in Mae Sot. She said the committee "
                "would support the truce if the army pulled back from the camps.")
    assert find(r, "Naw Eh Htoo") is not None


def test_a_government_named_by_a_place_before_it_is_that_places_and_the_union_government_the_states_own():
    r = parties("GUWAHATI, Aug 3 — The ULFA said it would stop its attacks in the state of Assam. The Union home ministry "
                "said New Delhi would sign a truce within the week. The Assam government said police had been told to "
                "halt all operations against the group.\n\n"
                "The Nicosia authorities said in a statement that there could be no ceasefire while troops were landing.")
    assert {"India", "Assam", "Cyprus"} <= set(r)
    assert any("The Assam government said" in s.text for s in r["Assam"][1])
    assert all("The Assam government said" not in s.text for s in r["India"][1])
    r = parties("YANGON, May 2 — The Karen union said it would keep its truce. Naypyidaw said talks would go on. "
                "The Union government backed the ceasefire in principle but said two points had to be settled.")
    assert any("The Union government backed" in s.text for s in r["Myanmar"][1])


def test_a_name_the_tagger_missed_described_by_who_is_a_person():
    r = parties("Dag Ostrin, who commands the front's river companies, took the opposite view on Monday, telling "
                "reporters he was \"not ready for talks with the men who burned our boats.\"")
    assert find(r, "Dag Ostrin") is not None


def test_he_is_not_a_woman_the_article_already_called_she():
    r = parties("The envoy, Dr. Amira Dessa-Lind, proposed a truce in three stages on Monday. \"The first stage costs "
                "nobody anything,\" she told reporters.\n\n"
                "Defence Minister Ruben Kessin contradicted Dr. Dessa-Lind within hours. \"The envoy has spent three weeks drinking tea with "
                "bandits, and her plan is a gift to them,\" he told a meeting of veterans.")
    _, hers = find(r, "Dessa-Lind")
    _, his = find(r, "Kessin")
    assert all("drinking tea" not in s.text for s in hers)
    assert any("drinking tea" in s.text for s in his)


def test_a_verb_the_parser_hung_on_the_subject_noun_still_gives_the_position():
    r = parties("The envoy, Dr. Amira Dessa-Lind, a former foreign minister of Pellmark who has shuttled between the two "
                "capitals since January, proposed on Monday a truce in three stages: thirty days without shelling, a "
                "withdrawal of heavy weapons and an exchange of all prisoners.")
    _, sts = find(r, "Dessa-Lind")
    assert sts and "proposed on Monday a truce" in sts[0].text


def test_bodies_listed_after_an_organisations_name_are_one_collective_that_the_three_refers_to():
    r = parties("The Organisation of African Unity, Mali and Guinea-Bissau issued their appeal jointly on Thursday. "
                "The three urged both governments to stop every military movement along the river at once.")
    party, sts = find(r, "Organisation of African Unity, Mali and Guinea-Bissau")
    assert len(sts) == 2


def test_an_acronym_subject_is_a_body_and_initials_known_from_the_role_join_it():
    r = parties("The UCPMB, which in January swore it would keep fighting, said on Monday its units would observe "
                "the truce for seven days.")
    assert find(r, "UCPMB") is not None
    r = parties("The Guatemalan National Revolutionary Unity, the umbrella group of four guerrilla organisations known "
                "by its Spanish initials URNG, said its columns had been ordered to stop all attacks. The URNG added "
                "that it had taken the step unilaterally and would keep to the halt.")
    assert "URNG" not in r


def test_a_pull_back_and_a_refusal_to_negotiate_are_relevant_and_a_mirror_is_an_outlet():
    r = parties("Pavel Sarin, who commands the volunteers at Comrat, said that at dusk he had pulled his men back "
                "from the road junction.\n\n"
                "Chisinau said it was \"not ready to negotiate with a republic that does not exist\" and that the "
                "elections called for Monday would be stopped.\n\n"
                "The Stavia Mirror reported that the army had already pulled its guns back.")
    assert find(r, "Sarin") is not None and find(r, "Moldova") is not None
    assert find(r, "Mirror") is None


def test_the_speaker_named_after_a_quote_wins_over_a_noun_the_parser_also_made_a_subject():
    r = parties("Tomas Gravell, the front's senior field commander, went further on Saturday. \"She flies in, she drinks "
                "tea in the capital, and she calls that a peace plan,\" Gravell said in a voice message sent to reporters.")
    _, sts = find(r, "Gravell")
    assert any("peace plan" in s.text for s in sts)


def test_a_list_led_by_a_body_the_tagger_took_for_a_person_is_one_collective_with_its_common_noun_members():
    r = parties("The Saltmarsh Concord, the Eastern Water Bank and nine neighbouring governments on Friday proposed a "
                "truce in two stages along the canal.")
    assert find(r, "Saltmarsh Concord, the Eastern Water Bank and nine neighbouring governments") is not None
    r = parties("On Friday evening the Tollan Baptist Convention, the Catholic diocese of Vessk and a group of Tollan "
                "elders said both armies should stop shooting from midnight.")
    assert find(r, "Tollan Baptist Convention, the Catholic diocese of Vessk and a group of Tollan elders") is not None
    r = parties("The Lissom Compact, the Varn Savings Bank and six neighbouring governments had urged both armies on "
                "Saturday to stop firing for sixty days.")
    assert find(r, "Lissom Compact, the Varn Savings Bank and six neighbouring governments") is not None


def test_a_main_verb_the_parser_put_in_a_relative_clause_keeps_the_collective_subject():
    r = parties("The Lakes Union and the four other states that border the Gap urged both governments on Friday to "
                "stop shooting at once and without preconditions.")
    assert list(r) == ["The Lakes Union and the four other states"]


def test_unions_counted_by_their_provinces_are_a_collective():
    r = parties("The fishermen's unions of the four northern provinces, which represent about 9,000 crews, said they "
                "would back a truce on the water only if the mines were cleared first.")
    assert find(r, "unions of the four northern provinces") is not None
    r = parties("More than forty Kessan civil society groups said in a joint letter on Saturday that the truce must "
                "hold through the dry season and that both sides should stop shooting.")
    assert find(r, "Kessan civil society groups") is not None


def test_a_council_spokesman_speaks_for_the_council_the_article_called_a_junta_too():
    r = parties("The Council of National Renewal, the military junta in Brask, said on Monday its offensive would go on. "
                "A council spokesman called the rebels' halt \"a pause to reload\" and said operations would continue. "
                "The junta said later that no truce was possible before the bridge was retaken.")
    council, sts = find(r, "Council of National Renewal")
    assert len(sts) == 3
    assert not any(name.lower() in ("junta", "a council spokesman") for name in r)


def test_an_urge_to_stop_firing_is_relevant_whatever_the_colour_words_around_it():
    r = parties("In Vell, the leader of the opposition Harvest League, Oda Kestrel, said the government had thrown "
                "away its best chance and urged both capitals to stop firing \"before the grain rots in the fields.\"")
    assert find(r, "Kestrel") is not None


def test_the_troika_is_the_collective_the_article_named_and_a_list_after_the_verb_is_not_its_members():
    r = parties("The three foreign ministers of the Northern Union's troika flew into Varsk on Tuesday with a plan. "
                "The troika proposed an immediate halt to the fighting, the return of every unit to its barracks "
                "within 48 hours, and a three-month freeze on the declaration while talks went on.")
    assert find(r, "Northern Union's troika") is not None


def test_a_quote_whose_speaker_is_named_as_the_agent_of_the_offer_is_that_speakers():
    r = parties("\"Thirty days without a single bomb from us. If the hostages are home by then, the thirty days become "
                "a ceasefire.\" That was the offer made on Monday night in a televised address by the interior "
                "minister, Oriana Vallmer.")
    _, sts = find(r, "Oriana Vallmer")
    assert any(s.text.startswith("\"Thirty days") for s in sts)


def test_they_after_a_collective_is_the_collective_and_a_condition_gives_its_subject_nothing():
    r = parties("On Wednesday evening the Hill Towns Council and the four Skellan churches issued a joint letter. "
                "They said they would back the pause, but only if Velmont extended it to ninety days.")
    assert find(r, "Hill Towns Council and the four Skellan churches") is not None
    assert find(r, "Velmont") is None


def test_an_unnamed_federal_government_is_a_party_and_its_ministry_speaks_for_it():
    r = parties("The federal government said on Friday that it would halt all air missions over the province "
                "until the spring thaw. The defence ministry said the halt would hold as long as the battalions "
                "stayed in their villages.")
    gov, sts = find(r, "federal government")
    assert len(sts) == 2 and "defence ministry" not in r


def test_the_interior_ministry_is_the_government_of_the_one_seat_the_article_names():
    r = parties("The government in Sestry was unmoved. \"Twenty-one days is not a ceasefire, it is a tea break with "
                "rifles,\" the interior ministry said in a written reply.")
    gov, sts = find(r, "Sestry")
    assert sts and "interior ministry" in sts[0].text


def test_quiet_and_not_a_shot_are_positions_on_a_halt():
    r = parties("The Delta Liberation Front said in a statement that \"not a shot will come from our side\" until "
                "April. The eel-fishers' guilds of the lower parishes said they would welcome \"any quiet at all, on "
                "any terms.\"")
    assert find(r, "Delta Liberation Front") is not None and find(r, "guilds of the lower parishes") is not None


def test_customs_posts_are_the_war_and_a_refusal_whatever_is_signed_is_a_position():
    r = parties("Belgrade said it would sign the plan, but only once the question of who staffs the customs posts "
                "was settled in writing. \"The post is ours, and my men stay there with their rifles loaded, whatever "
                "is signed in Belgrade,\" Tomo Brecl told the wire service by telephone.")
    assert find(r, "Serbia") is not None and find(r, "Tomo Brecl") is not None


def test_a_speaking_participle_takes_its_clause_subject():
    r = parties("Bastia's deputy mayor, Ange Orlan, took the opposite line on the same programme, saying the truce "
                "deserved a chance.")
    assert find(r, "Ange Orlan") is not None


def test_the_name_that_closes_a_long_role_is_the_speaker_not_a_name_inside_it():
    r = parties("In Corte, the spokesman of the Union of Patriots, the legal party close to Marc Sandri, "
                "Jean-Toussaint Orlani, said the truce was a trick.")
    assert find(r, "Orlani") is not None and find(r, "Sandri") is None


def test_a_statement_issued_by_a_body_is_the_bodys():
    r = parties("A statement issued in Lagos by the Federal Military Council said the police action would go on "
                "until the rebellion ended and that there would be no ceasefire.")
    assert find(r, "Federal Military Council") is not None


def test_they_after_a_sentence_that_lists_bodies_is_that_collective():
    r = parties("The proposal on the table comes from the Harl Accord, the Coastal Grain Board and four neighbouring "
                "states, which have been shuttling between the capitals since February. They put forward a truce in "
                "three phases: a freeze on all firing, a pull-back of heavy guns and talks.")
    assert find(r, "Harl Accord, the Coastal Grain Board and four neighbouring states") is not None


def test_a_council_of_elders_is_a_body_of_its_own_and_sends_word():
    r = parties("The Provisional Council for Renewal said its troops would stay until the truce was signed. Late on "
                "Thursday, the Skel islands' council of elders, which has met in the church cellar since February, "
                "sent word through the Red Cross that the islanders wanted a truce and every gun on both shores silenced.")
    assert find(r, "council of elders") is not None
    _, council = find(r, "Provisional Council for Renewal")
    assert all("elders" not in s.text for s in council)


def test_a_titled_office_the_tagger_took_for_a_body_gives_way_to_its_named_holder():
    r = parties("\"I beg both sides to let the guns rest from tonight,\" said the Archbishop of Cabrel, Tobin Ferris.")
    assert find(r, "Tobin Ferris") is not None and find(r, "Archbishop") is None


def test_a_scholar_of_an_institute_is_a_commentator():
    r = parties("Soren Cadd of the Institute for Maritime Studies in Estwater said the truce would not hold.")
    assert find(r, "Soren Cadd") is None


def test_the_seat_an_article_gives_a_named_government_speaks_for_it():
    r = parties("The Tollan government in Ambersk said its forces would fall silent the moment the other side's guns did. "
                "Later Ambersk said it was ready to send negotiators to any venue once the shooting stopped.")
    assert [name for name in r if "Ambersk" in name or "Tollan" in name] == ["Tollan"]


def test_the_leadership_in_a_place_is_that_places_government_under_the_articles_name():
    r = parties("The Gagauz leadership in Comrat, which proclaimed its own republic in August, said on Sunday that its "
                "detachments would observe a truce and leave the roadblocks \"the same hour the buses turn round.\"")
    gov, sts = find(r, "Comrat")
    assert sts and gov.name == "Comrat" and "The Gagauz leadership in Comrat" in gov.aliases


def test_a_quoted_paragraph_is_owned_by_the_party_the_next_paragraph_names_with_those_words():
    quote = "\"From Friday at dawn, not one of our mortars will be fired, and any commander who disobeys will answer to the council.\"\n\n"
    r = parties(quote + "Those words, read out on the rebels' radio on Wednesday night, were the Hill Defence Front's order "
                "to its units for the next thirty days.")
    _, sts = find(r, "Hill Defence Front")
    assert any("not one of our mortars" in s.text for s in sts)
    r = parties(quote + "With those words, read out on the radio on Wednesday, the Hill Defence Front declared a 30-day halt.")
    _, sts = find(r, "Hill Defence Front")
    assert any("not one of our mortars" in s.text for s in sts)
    r = parties("\"Who stops fighting because three gunboats sailed away? We are in no hurry to sit in any room with "
                "the men who shelled our harbour.\"\n\n"
                "Those words, broadcast on Sunday, were the reply of Osric Delaunay, the commander of the Fen Guard, "
                "to the government's decision to pull its gunboats back.")
    _, sts = find(r, "Osric Delaunay")
    assert any("no hurry to sit" in s.text for s in sts)
    r = parties(quote + "The Hill Defence Front said on Thursday it had halted its attacks.")
    _, sts = find(r, "Hill Defence Front")
    assert not any("not one of our mortars" in s.text for s in sts)


def test_the_admiral_is_the_vice_admiral_named_before():
    r = parties("The commander of the fleet, Vice Admiral Ismay Torrance-Hale, had no time for the offer. \"The front "
                "proposes a truce the way a fox proposes a fence,\" the admiral told officers at the naval base.")
    _, sts = find(r, "Ismay Torrance-Hale")
    assert any("proposes a truce" in s.text for s in sts)


def test_a_statement_from_a_named_general_is_the_generals():
    r = parties("General Tomas Vallendor leads the junta in Orrel. A statement from General Vallendor, read on state "
                "television by his spokesman, said the army would stop on the day the rebels left the dam.")
    assert "General Vallendor" not in r
    _, sts = find(r, "Tomas Vallendor")
    assert any("stop on the day" in s.text for s in sts)


def test_ministers_in_the_plural_are_not_the_minister_named_before():
    r = parties("Orsantia's defence minister, Petra Vinter, said the guns would stay quiet. "
                "Jon Arveld, an opposition deputy, told Radio Tervin that his government had \"missed the easiest yes\" "
                "and urged ministers to accept the halt at once.")
    _, sts = find(r, "Petra Vinter")
    assert not any("missed the easiest yes" in s.text for s in sts)
    _, sts = find(r, "Jon Arveld")
    assert any("missed the easiest yes" in s.text for s in sts)


def test_a_person_who_leads_the_fighters_is_the_commander_an_epithet_names():
    r = parties("Not every commander is travelling. Selwyn Marrack, who leads the IFM's fighters on the Weathercoast, "
                "was not on the delegation list.\n\nReached by radio on Sunday night, the Weathercoast commander said "
                "his fighters would take no part in the talks. \"We are not ready to sit down with the men who took our "
                "land,\" the commander said.")
    _, sts = find(r, "Selwyn Marrack")
    assert any("not ready to sit down" in s.text for s in sts)


def test_an_offer_made_by_a_named_spokeswoman_is_hers_not_the_towns_after_her():
    r = parties("\"We are ready to sign a ceasefire with the Brigades at any hour of the day, in any town they choose. "
                "We do not ask them to hand over a rifle first.\" The offer was made on Tuesday by Irina Holst, "
                "spokeswoman for Kovrin's transitional government, at a news conference in Tesk.")
    _, sts = find(r, "Irina Holst")
    assert any("ready to sign a ceasefire" in s.text for s in sts)


def test_a_plea_that_came_from_a_named_abbot_is_his():
    r = parties("\"Let them stop, both of them, tonight, and argue about the rest when the children are asleep.\"\n\n"
                "The plea came on Thursday from Father Anselm Corwick, the abbot of the monastery at Elderbrook, "
                "whose cloister has sheltered about 900 people since the fighting reached the valley.")
    _, sts = find(r, "Anselm Corwick")
    assert any("Let them stop" in s.text for s in sts)


def test_the_answers_go_to_the_party_the_line_before_the_questions_introduces():
    r = parties("KESTO, May 2 — The Vellan Front said on Saturday it had ordered its units to open no new operations.\n\n"
                "Its fighters overran two police posts near Tarrow in August.\n\n"
                "In a telephone interview, a Vellan Front spokesman answered questions from the Courier.\n"
                "Q: Will the Front give back the Tarrow posts?\n"
                "A: That is not something we will discuss through newspapers.\n"
                "Q: How long will the pause last?\n"
                "A: We have not set an end date, and our units will stay exactly where they are tonight.\n")
    assert find(r, "Tarrow") is None
    _, sts = find(r, "Vellan Front")
    assert any(s.text.startswith("A: We have not set an end date") for s in sts)


def test_a_speaker_the_parser_hung_inside_an_opening_clause_is_still_the_speaker():
    r = parties("In a statement read out to reporters in Tskel by his spokesman, Alan Dorvadze, the chairman of the "
                "Orvan Supreme Soviet, Taimur Kasbekov, said the city would answer the order with a silence of its own "
                "only on three conditions: the withdrawal of the formations from the villages ringing the city, the "
                "lifting of the blockade on the road north, and the arrival of peacekeepers.")
    assert find(r, "Kasbekov") is not None
    assert find(r, "Dorvadze") is None


def test_a_surname_two_people_share_is_the_one_named_so_far():
    r = parties("Jiten Moran, the faction's commander, said in an e-mail that the men in the camps had surrendered.\n\n"
                "\"There will be no ceasefire from our side while a single soldier walks on this soil,\" Moran wrote.\n\n"
                "Lakhi Moran, his elder sister, who runs a mothers' forum, said the halt should be kept by every side.\n\n"
                "\"We will never stop,\" Moran said.")
    _, jiten = find(r, "Jiten Moran")
    assert any("no ceasefire from our side" in s.text for s in jiten)
    assert all("We will never stop" not in s.text for _, sts in r.values() for s in sts)


def test_an_acronym_that_speaks_before_its_full_name_is_that_organisation():
    r = parties("Hill groups sign a suspension of operations\n\n"
                "The KNO says its fighters have been quiet for three years and will move into camps within a month.\n\n"
                "IMPHAL, Aug 23 — The Kuki National Organisation (KNO), an umbrella of armed groups, signed the "
                "suspension of operations agreement with the government on Friday.")
    assert find(r, "Kuki National Organisation") is not None
    assert "KNO" not in r


def test_a_hyphenated_name_whose_last_word_comes_twice_is_named_once():
    r = parties("The Front for the Liberation of the Enclave of Cabinda-Armed Forces of Cabinda said its units had received "
                "no order to stop and would receive none.")
    assert "Front for the Liberation of the Enclave of Cabinda-Armed Forces of Cabinda" in r


def test_a_bodys_president_holds_his_own_position_beside_the_bodys():
    r = parties("The Vessa Liberation Front said its units had received no order to stop and would receive none.\n\n"
                "Its president, Henrik Talla-Mbe, who lives in exile, said the front's commanders would discuss a "
                "ceasefire, but only in a neutral country.")
    assert find(r, "Vessa Liberation Front") is not None
    assert find(r, "Talla-Mbe") is not None


def test_a_place_in_a_clause_after_an_unnamed_spokesman_is_not_his_body():
    r = parties("The Ashar Autonomous Council said on Tuesday it would agree to a ceasefire if the air force stopped bombing.\n\n"
                "A council spokesman, speaking by telephone from Veshan, said the offer was \"serious and limited in time.\"")
    assert "Veshan" not in r
    _, sts = find(r, "Ashar Autonomous Council")
    assert any("speaking by telephone" in s.text for s in sts)


@pytest.mark.parametrize("sentence", [
    "Hanne Brosk, who has followed the delta conflict for the Institute of Coastal Studies, said the general's "
    "three conditions for a ceasefire were \"written to be refused.\"",
    "Kasimir Oberlin, a Merrow specialist at a university in the neighbouring Federation, said the junta's truce was "
    "\"the cheapest kind of peace.\"",
    "The group's founder, Arvid Salm, who was killed in an ambush in 2029, had always argued that a truce was a sign of weakness.",
    "The movement's founder, Sten Aalberg, who died in 2031, had insisted that the valley would never accept any ceasefire.",
])
def test_commentators_and_the_dead_are_never_parties(sentence):
    r = parties("The Vessa Liberation Front said on Monday it would observe the truce from midnight.\n\n" + sentence)
    assert set(r) == {"Vessa Liberation Front"}


def test_an_organisations_member_groups_are_the_organisation():
    r = parties("The Kuki National Organisation (KNO) said on Friday its fighters would move into camps within a month.\n\n"
                "The KNO's member groups said on Saturday that they would observe the truce.")
    assert set(r) == {"Kuki National Organisation"}


def test_a_body_named_for_a_list_of_states_keeps_the_whole_list():
    r = parties("The three-nation Arab League committee of Saudi Arabia, Morocco and Algeria, which brokered the truce, "
                "urged both sides to keep the ceasefire.")
    assert "Arab League committee of Saudi Arabia, Morocco and Algeria" in r


def test_a_counted_collective_of_a_named_bloc_is_one_party():
    r = parties("The five parties of the Hollinmoor opposition bloc said on Saturday that they would back the "
                "government's truce in parliament, but that two things had to be settled first.")
    assert "five parties of the Hollinmoor opposition bloc" in {n.removeprefix("The ").removeprefix("the ") for n in r}


def test_officials_of_a_named_ministry_speak_for_the_government():
    r = parties("IMPHAL, Aug 3 — India said on Friday it would keep army units in the hills confined to their posts.\n\n"
                "According to officials in the Union Home Ministry, that order will stay in force \"for as long as the "
                "talks need.\"")
    assert "Union Home Ministry" not in r
    _, sts = find(r, "India")
    assert any("Union Home Ministry" in s.text for s in sts)


def test_some_of_a_plural_beside_named_bodies_is_one_collective_but_not_beside_people():
    r = parties("The Northern Concord, the Azure League and three of the two countries' neighbours put forward a joint "
                "plan for a three-phase truce last week.")
    assert list(r) == ["The Northern Concord, the Azure League and three of the two countries' neighbours"]
    r = parties("The villagers and two of her own officers urged the governor to accept the truce.")
    assert not any("officers" in k for k in r)


def test_a_group_noun_with_a_named_apposition_is_the_body_it_names():
    r = parties("KORALT, March 3 — The Serrat Valley Autonomy Movement (SVAM) rebels said on Tuesday they would halt all "
                "military operations for a month.\n\n"
                "\"Two sentences separate us from a ceasefire,\" the Serrat People's Assembly said on Monday. "
                "The insurgents' political wing, the Serrat People's Assembly, said it accepted the truce plan "
                "\"in principle\" but wanted two points settled first.")
    _, assembly = find(r, "Serrat People's Assembly")
    _, svam = find(r, "Serrat Valley Autonomy Movement")
    assert any("in principle" in s.text for s in assembly)
    assert not any("in principle" in s.text for s in svam)


@pytest.mark.parametrize("text, name", [
    ("PORT ALEKA, May 2 — A coalition of 14 opposition parties, which walked out of the assembly in March, said it "
     "would support a ceasefire only if it were monitored by the regional bloc.", "A coalition of 14 opposition parties"),
    ("HIVA'UA, May 2 — The chiefs of the seven northern atolls said they would welcome a truce but asked that the "
     "fishing grounds be reopened before any agreement was signed.", "The chiefs of the seven northern atolls"),
    ("KAMPALA, Dec 2 — The heads of the Catholic, Anglican and Muslim communities said both sides should agree a "
     "ceasefire for Christmas.", "The heads of the Catholic, Anglican and Muslim communities"),
])
def test_chiefs_heads_and_a_coalition_of_parties_are_one_collective_party(text, name):
    assert find(parties(text), name) is not None


def test_a_handful_of_lawmakers_reporting_what_they_heard_is_a_source_not_a_collective():
    r = parties("TERVA, May 2 — Two Ystrian opposition lawmakers said the army chief, General Hella Marsk, had told a "
                "closed session that she was ready to freeze the fighting on the present front line.")
    assert list(r) == ["Hella Marsk"]


def test_a_collective_keeps_its_name_without_the_range_of_its_members():
    r = parties("DELHI, Nov 2 — The nine opposition parties in the Lok Sabha, from the Swatantra Party on the right to the "
                "Praja Socialists on the left, said the government must accept a ceasefire at once.")
    assert find(r, "nine opposition parties in the Lok Sabha") is not None
    assert not any("Praja" in name for name in r)


def test_a_dateline_month_the_parser_takes_for_the_subject_is_no_party():
    r = parties("VESKA, Mar 6 — The Orland Union and the Republic of Vessa tabled a 30-day ceasefire on Sunday.")
    assert list(r) == ["The Orland Union and the Republic of Vessa"]


def test_their_ministers_are_the_people_of_the_bodies_named_before_not_a_new_collective():
    r = parties("The Orland Union and the Republic of Vessa tabled a 30-day ceasefire on Sunday.\n\n"
                "Their foreign ministers said the truce would start at noon on Monday if both armies agreed.")
    assert not any("ministers" in name.lower() for name in r)
