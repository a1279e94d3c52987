"""The cue rules (stance.classify.rules, resources/stance_rules.yaml) on issue 15's kinds of
error, in invented sentences: each names the kind it checks."""

import re

import pytest

from stance.classify.rules import RuleClassifier, party_sentence_scores, party_view, recalled, rules, sentence_scores
from stance.features import current_statements
from stance.types import Statement
from stance.names import mention_pattern
from stance.types import PartyInput

CASES = [
    # 1: a refusal of the truce plus an attack on whoever proposed it
    ("Northern Front", ["The Northern Front has rejected calls for a holiday truce and attacked the council that proposed it."], "rejecting"),
    ("Red Hand Brigade", ["The Red Hand Brigade spurned the bishops' appeal for an Easter ceasefire and denounced the clergy as government agents."], "rejecting"),
    # 2: not ready for talks now
    ("Amir Tal", ["The president's chief of staff, Amir Tal, said the country is not currently ready for negotiations."], "rejecting"),
    ("Lia Penn", ["\"This is not the time for a ceasefire,\" Lia Penn said."], "rejecting"),
    ("junta", ["The junta said talks were out of the question for now."], "rejecting"),
    ("Piotr Lask", ["\"We are not currently in a position to negotiate,\" Piotr Lask said, adding that operations would continue."], "rejecting"),
    # 3: declared halts
    ("rebels", ["The rebels said they would halt all military operations for a month."], "open"),
    ("opposition government", ["The opposition government had already called a ceasefire."], "open"),
    ("Delta Front", ["The Delta Front announced on Sunday that it would suspend all attacks during the harvest."], "open"),
    ("Mountain Front", ["The Mountain Front extended its unilateral ceasefire by another month on Saturday."], "open"),
    ("Free Army", ["The Free Army said it would stop attacking government positions and would not resume unless it was attacked."], "open"),
    ("Kara Dol", ["\"We will not fire a single shot from tonight,\" Kara Dol said."], "open"),
    # 4: the party's clause, not the other speaker's
    ("regional envoy", ["The general spoke after talks with the regional envoy, who said a deal was still within reach and promised to keep pressing for one."], "open"),
    ("army", ["The front said it had ordered a halt to all offensive operations, though the army said it would keep up its campaign."], "rejecting"),
    ("Lena Tor", ["Lena Tor said the government was ready to sign the truce today, even as the rebel commander said his men would never stop fighting."], "open"),
    # 5: a truce proposed with its terms
    ("movement", ["The movement proposed a three-phase truce including a full withdrawal and a prisoner exchange."], "conditional"),
    ("Western Front", ["The Western Front proposed a truce under which both armies would pull back five kilometres and exchange prisoners."], "conditional"),
    # 6: reciprocity
    ("minister", ["The minister said his country would stop its attacks if the other side did."], "conditional"),
    ("Tarek Amin", ["\"If they stop shelling, we will stop too,\" Tarek Amin said."], "conditional"),
    # 7: the mocker refuses; the one whose offer is mocked made it
    ("interior ministry", ["The interior ministry mocked the guerrillas' truce offer as 'a joke'."], "rejecting"),
    ("guerrillas", ["The interior ministry mocked the guerrillas' truce offer as 'a joke'."], "open"),
    # 8: the final word is a refusal
    ("presidency", ["A presidency spokesman said on Monday that the government was open to dialogue.", "On Wednesday the presidency flatly turned down the allies' demand for a month-long halt."], "rejecting"),
    ("Talia Brun", ["Talia Brun said she was open to a truce.", "Later she said that any truce would have to wait until the rebels were driven from the valley."], "rejecting"),
    ("Jan Mol", ["Jan Mol said in June that he was open to talks.", "On Friday he rejected the mediators' demand for a two-week truce outright."], "rejecting"),
    # 10: in principle, with points to settle
    ("prime minister", ["The prime minister backed the plan in principle but said several points had to be settled first."], "conditional"),
    ("Eva Strand", ["Eva Strand welcomed the plan in principle, but said the map and the monitoring needed to be changed."], "conditional"),
    # 11: surrender-like terms from a party that fights on; the same terms as an offer
    ("Hamid Oru", ["\"There will be no truce unless the militia first lays down its weapons,\" said the army chief, Hamid Oru, vowing to fight on."], "rejecting"),
    ("General Hosk", ["\"The day they hand over their weapons and surrender their leaders, there will be peace; until then we keep attacking,\" General Hosk said."], "rejecting"),
    ("Lena Ost", ["\"We will stop firing as soon as they hand over their rifles,\" Lena Ost said."], "conditional"),
    # 13: a past position recalled as background
    ("group", ["The group rejected calls for a holiday truce.", "Last year it agreed to a three-day pause."], "rejecting"),
    ("Oda Fenn", ["Oda Fenn said the army would continue its offensive.", "Two years ago she backed a ceasefire plan."], "rejecting"),
    ("Council", ["The Council said it would accept a truce if the airport reopened.", "It had rejected an earlier truce proposal in January."], "conditional"),
    ("Ana Vey", ["Ana Vey, who had signed a truce in 2019, said on Monday there would be no ceasefire this year."], "rejecting"),
    ("Tavi Orr", ["Tavi Orr, who said as recently as June that he would never hand over a rifle, told reporters his men would observe the truce.",
                  "\"The war has given our people nothing but funerals, and my boys will not shoot again,\" he said."], "open"),
    ("Ilan Besh", ["\"I ask the government to sit down with us,\" Ilan Besh wrote from prison.",
                   "For most of the past decade he had denounced any talk of dialogue as capitulation."], "open"),
    # 3 as real pages word it: promises not to shoot, units stood down
    ("Lowland Front", ["\"From tonight our men will not open fire on anyone,\" the Lowland Front said."], "open"),
    ("Coast Army", ["\"Our units have stood down, and the war is over as far as we are concerned,\" the Coast Army said."], "open"),
    ("Delta Guard", ["The Delta Guard told its fighters to hold their positions and to fire only if fired upon."], "open"),
    ("Oren Vale", ["Oren Vale said the halt had begun and that his government hoped the accord, if signed, would bring the refugees home."], "open"),
    ("Tarn Front", ["The Tarn Front said its halt would stay in place \"for as long as the talks in Velm are alive.\""], "open"),
    ("Osterland", ["\"We have silenced our guns for a week, we ask nothing in return, and we hope Kessa will do the same,\" Osterland said."], "open"),
    ("Harl government", ["\"Our soldiers have been ordered to stay where they are and to fire only in self-defence,\" the Harl government said."], "open"),
    ("Vesk Army", ["The Vesk Army said it would halt its attacks as long as the militias stayed out of the valley."], "conditional"),
    ("Irena Koval", ["\"Iraskar's guns will fall silent the hour Solvenna's do, and not a minute before,\" Irena Koval said."], "conditional"),
    ("Solvenna", ["\"The guns can stop tonight, on those two conditions and no others,\" Solvenna said."], "conditional"),
    ("Khartoum", ["\"A ceasefire with the rebels no longer exists,\" the government in Khartoum said, declaring dead the truce it signed in February."], "rejecting"),
    # 3: a halt declared in the first clause, another party's terms after ", and the ..."
    ("Marran government", ["The Marran government said it had suspended all air operations over the delta, and the delta rebels said they would hold their fire only for as long as the army did."], "open"),
    ("Hill Guard", ["The Hill Guard has ordered its units to stay in their barracks and not to answer the militia's raids, a commander said."], "open"),
    ("Lake Council", ["The Lake Council urged both armies to stop firing at once, warning that the dam could give way."], "open"),
    # 13: a recalled position is never the final word
    ("Sena Drak", ["\"I ask my comrades to accept that a new time has begun,\" Sena Drak wrote.",
                   "In a 1998 interview she said the movement would never sit at the table of the state."], "open"),
    # refusals real pages word without "truce" next to the verb
    ("gang alliance", ["The gang alliance dismissed the appeal within hours."], "rejecting"),
    ("Moscow", ["Georgia offered an immediate ceasefire, but Moscow brushed the offer aside as the fighting spread."], "rejecting"),
    ("Colonel Ruud", ["Colonel Ruud said he would ask for the truce to be lifted in his sector at once."], "rejecting"),
    ("Union of Ports", ["The Union of Ports said the new sanctions had made any meaningful dialogue impossible."], "rejecting"),
    # terms in other words: "cannot sign while", "a ceasefire that brings", "sets three conditions"
    ("Kachin council", ["\"We agree with the direction of this paper, but we cannot sign a ceasefire while the two armies stand so close,\" the Kachin council said."], "conditional"),
    ("Henrik Vass", ["\"We are ready to sign a ceasefire tomorrow, but it will be a ceasefire that brings both armies back to the old lines and returns every prisoner,\" Henrik Vass said."], "conditional"),
    ("General Morl", ["General Morl sets three conditions for a ceasefire in the delta."], "conditional"),
    # 13: background recalled with "only last year", "only on Sunday ... had said"
    ("Hill Union", ["The Hill Union said its fighters had stopped all offensive operations from midnight.",
                    "Only last year the Hill Union told its allies that it would never sign a separate truce."], "open"),
    ("Delta Front", ["The Delta Front said on Tuesday its fighters would halt all operations from midnight.",
                     "Only on Sunday, as its trucks reached the palace, the front had said it would not stop until the palace was empty."], "open"),
    # another event narrated after the party's words is not its position
    ("Valley Movement", ["The Valley Movement said it would halt all military operations for a month, a day after the envoy put a three-stage truce plan with a prisoner exchange to both sides."], "open"),
    # 2 in other words
    ("Rena Kask", ["\"I am not ready to sit across a table from men who hold our officers in a cellar,\" Rena Kask said."], "rejecting"),
    ("Tervin", ["The government said it would not answer guns with paper and had no intention of sitting down with the rebels."], "rejecting"),
    # another party's relative clause with its own speaker
    ("Dovra", ["Dovra rejected an appeal for an immediate ceasefire and accused the mediators of siding with Quenra, whose government said its artillery had not fired a shell in days."], "rejecting"),
    ("Basin Union", ["The Basin Union said its units had been told to stay in their trenches and to fire only if attacked."], "open"),
    ("Valley Army", ["The Valley Army said its fighters would \"answer only if fired upon\" during the week."], "open"),
    ("Farmers' League", ["The Farmers' League said it would back any truce the two sides could agree, \"today, with no ifs,\" so that the planting could go ahead."], "open"),
    # wordings whose plain cue misleads
    ("envoy", ["The envoy did not rule out a truce before winter."], "open"),
    ("Marra Council", ["The Marra Council said it was ready to stop fighting today, with no preconditions."], "open"),
    ("Kel Dorn", ["\"Withdraw your tanks from the valley, and the guns fall silent,\" Kel Dorn said."], "conditional"),
    ("army", ["The army said any pause now would only let the rebels rearm."], "rejecting"),
]


@pytest.mark.parametrize("party,statements,label", CASES, ids=[c[0] for c in CASES])
def test_rules_read_the_kinds_of_real_reporting(party, statements, label):
    probs = RuleClassifier().predict([PartyInput(party=party, role="", statements=statements)])[0]
    assert max(probs, key=probs.get) == label


@pytest.mark.parametrize("text", [
    "Army units had been ordered to stop their sweeps through the communal lands for a fortnight.",
    "Its units had not fired a single round since nine o'clock the previous evening.",
    "\"For thirty days the army will not take a single step forward,\" the decree said.",
    "The union said on Sunday it had halted all offensive operations for a month.",
    "It said it had ordered its river flotilla back to harbour and silenced its batteries on the north bank.",
    "The police patrols have stopped, the spokesman said.",
])
def test_a_halt_declared_in_other_words_is_a_cue_for_openness(text):
    # kind 3 as varied reporting words it: without a cue the rules fall back to their prior
    assert sentence_scores(text)["open"] > 0 and sentence_scores(text)["rejecting"] == 0


def test_calling_an_offer_something_declares_no_truce_either_way():
    # 'called the offer "..."' names the offer: neither a declared truce nor, by itself, scorn
    for text in ("The Road Brigades called the offer \"a truce you can buy at the market\".",
                 "The mediator called the offer \"a door that both sides should walk through\"."):
        assert sentence_scores(text) == {"open": 0.0, "conditional": 0.0, "rejecting": 0.0}


def test_a_party_named_only_in_another_actors_act_gets_no_cue():
    # kind 9: "declared a truce with the rebels" says nothing about the rebels' position
    text = "The government declared a ten-day truce with the highland rebels."
    assert RuleClassifier().party_scores([text], "highland rebels") == {"open": 0.0, "conditional": 0.0, "rejecting": 0.0}
    assert RuleClassifier().party_scores([text], "government")["open"] > 0


def test_a_clause_that_names_the_party_only_as_the_object_of_an_offer_is_not_its_own():
    text = ("Tamrin said it had ordered its gunners to stop firing and offered Velmar an immediate truce, "
            "but Velmar brushed the offer aside.")
    scores = party_sentence_scores(text, mention_pattern("Velmar", []))
    assert max(scores, key=scores.get) == "rejecting"


def test_another_speakers_clause_is_set_aside():
    text = "Lena Tor said the army was ready for a truce, even as the rebels said they would never stop."
    view, _ = party_view(text, mention_pattern("Lena Tor", []))
    assert "ready for a truce" in view and "never stop" not in view


def test_another_partys_answer_to_the_speakers_act_is_set_aside_even_when_it_names_the_speaker():
    text = ("Vessa said it had towed its artillery back from the sound, a step Orra's government brushed aside within "
            "hours, saying its navy would keep shelling until the last Vessan soldier had left.")
    view, _ = party_view(text, mention_pattern("Vessa", ["Vessan"]))
    assert "towed its artillery back" in view and "brushed aside" not in view
    view, _ = party_view(text, mention_pattern("Orra", []))
    assert "brushed aside" in view
    assert max(sentence_scores(view), key=sentence_scores(view).get) == "rejecting"


def test_a_recalled_position_is_background_and_a_dated_war_is_not():
    assert recalled("Two years ago she backed a ceasefire plan.")
    assert recalled("For most of the past decade he had denounced any talk of dialogue.")
    assert not recalled("The synod called on both armies to stop fighting, its first appeal since the war began four years ago.")
    assert recalled("Last October the brigades agreed to a three-day pause.")
    assert recalled("The council signed its first ceasefire with the government in 1994, and it held for years.")
    assert not recalled("The army said on Monday it had ordered a halt.")
    assert not recalled("Tavi Orr, who said as recently as June that he would \"never hand over a rifle,\" ordered his men to stop.")


def _statement(text, start, relevant=True):
    return Statement(party="p", text=text, start=start, end=start + len(text), form="reported", attribution="",
                     relevant=relevant)


def test_what_a_source_says_of_a_party_gives_way_to_its_own_words():
    own = Statement(party="p", text="The front said it would observe the truce.", start=0, end=42,
                    form="indirect_speech", attribution="the front")
    told = Statement(party="p", text="Diplomats said the front had privately asked for more time.", start=60, end=120,
                     form="source_describes", attribution="diplomats")
    assert current_statements([own, told]) == [own]
    assert current_statements([told]) == [told]
    # a report about the party ('according to a source', 'similar reports claim') is not its own words either
    reported = Statement(party="p", text="The leader remains frustrated, according to a source.", start=130, end=180,
                         form="according_to", attribution="a source")
    assert current_statements([told, reported]) == [told, reported]


def test_a_recalled_position_is_dropped_only_when_a_current_one_remains():
    now = _statement("The group rejected calls for a holiday truce.", 0)
    before = _statement("Last year it agreed to a three-day pause.", 50)
    assert current_statements([now, before]) == [now]
    assert current_statements([before]) == [before]
    assert current_statements([_statement("Its men were seen in the hills.", 0, relevant=False), before]) == [
        _statement("Its men were seen in the hills.", 0, relevant=False), before]


def test_every_rule_compiles_and_expands_its_vocabulary():
    r = rules()
    assert r.cues and not any(re.search(r"\{[A-Z_]+\}", p.pattern) for _, _, p in r.cues)
    assert {label for label, _, _ in r.cues} == {"open", "conditional", "rejecting"}


@pytest.mark.parametrize("text,label", [
    # own halts in negations and idioms
    ("The Fens Army said that \"not a shot will come from our side of the water until April.\"", "open"),
    ("The government said its air force would fly no missions over the province until the thaw.", "open"),
    ("\"My people have stopped, and they will stay stopped unless somebody hands me a reason to start again.\"", "open"),
    ("\"The patrols have stopped, and they will not resume unless someone gives us a very good reason,\" he said.", "open"),
    ("Halm said the guns would stay quiet for as long as diplomacy needed.", "open"),
    ("\"Our boys are in their camps, and not one shot has been fired by the Eagles in twelve days,\" the statement said.", "open"),
    # refusals in other words
    ("The front said it would not answer a call for an immediate halt issued at the weekend.", "rejecting"),
    ("\"A truce made of empty magazines is a truce for reloading,\" a spokesman said.", "rejecting"),
    ("There would be \"no conversation with an army standing in our streets,\" the movement said.", "rejecting"),
    ("The outfit was \"in no mood to sit at any table, whoever lays it.\"", "rejecting"),
    ("The minister said the pause \"changes nothing.\"", "rejecting"),
    ("\"I did not come down from the hills to sign a truce,\" the colonel said.", "rejecting"),
    ("Kaddow's government turned down a three-stage truce drawn up by its neighbours.", "rejecting"),
    ("The Tigers, whose cadres have not fired on the security forces since March, said they would report to camps.", "open"),
    ("She said the kingdom would now \"go to any table, in any port, on any day.\"", "open"),
    ("He added that Malaysia would not sit at any table with \"people who came to our shore with rifles.\"", "rejecting"),
    ("The minister called the truce \"a ceasefire for the television cameras.\"", "rejecting"),
    ("The commander declared on Sunday that the two-week pause he announced in May for the herring season was over.", "rejecting"),
    # terms
    ("\"Meet those three conditions and the troops go back to their barracks the same night,\" the government said.", "conditional"),
    ("The troika proposed an immediate halt to the fighting, the return of every unit to barracks and a freeze on the declaration.", "conditional"),
    ("The leaders endorsed the idea of freezing the estuary front.", "conditional"),
    # a halt as a gift to the enemy, a call to resume, defiance of any signature, a flat no
    ("The veterans' league said the pause was \"a present for the bandits\" and told the navy to resume its operations.", "rejecting"),
    ("\"The siege stays, whatever the envoys sign in Tarrow,\" the brigadier said.", "rejecting"),
    ("The palace met the offer with a flat no.", "rejecting"),
    # surrender-like terms with a vow to fight are a refusal (kind 11)
    ("The marshal said the army would stop \"when the last rebel lays his rifle on the ground,\" and would keep pushing until then.", "rejecting"),
    # a refused order to stand down before the other side moves is terms (kind 5)
    ("The cabinet said it would not order its troops to stand down until the militia had left the dam.", "conditional"),
    # reciprocity (kind 6)
    ("Our crews will leave the quay \"the same hour the gunboats from Lessa turn round,\" the union said.", "conditional"),
    ("\"If the marines stay where they are, we will keep it that way all winter,\" the elder said.", "conditional"),
    ("The union said its pickets would leave the bridge in the same hour that the police called off their raids.", "conditional"),
    ("The admiral said a pause in the blockade depended on a verifiable start to the withdrawal.", "conditional"),
    # a halt kept while the front stays quiet, offers with no term (dev errors, ninth session)
    ("The ministry said its guns had stayed silent since Sunday and would stay silent \"as long as the ridge is quiet.\"", "open"),
    ("\"From tonight we will not fire first, and we will hold to that for as long as the city is quiet,\" the statement said.", "open"),
    ("\"We are ready to sign a truce with the Brigades at any hour of the day, in any town they choose.\"", "open"),
    ("\"If Tessport has conditions, let it bring them to the table,\" the envoy said.", "open"),
    ("\"We do not ask them to hand over a rifle first,\" she said of the offer.", "open"),
    ("Our guns will stay silent only if the army pulls back from the ridge.", "conditional"),
    ("The rebels said they would observe the truce as long as the army stayed in its barracks.", "conditional"),
    ("\"Move the guns back from our villages and the front will hold its fire for a fortnight,\" the statement said.", "conditional"),
    ("The minister said the government would consider making the quiet permanent if the committees handed back the terminal.", "conditional"),
])
def test_real_wordings_of_halts_refusals_and_terms(text, label):
    scores = sentence_scores(text)
    assert max(scores, key=scores.get) == label and scores[label] > 0


def test_a_position_dated_by_a_month_abbreviation_is_recalled():
    assert recalled("General Karam had accepted the League's call for a ceasefire on Sept. 22, ending six months of duels.")
    assert not recalled("General Karam said on Tuesday he accepted the League's call for a ceasefire.")


def test_a_position_a_decade_ago_or_late_in_a_past_month_is_recalled():
    assert recalled("A decade ago, at the height of the clashes, the member groups turned down every truce offered to them.")
    assert recalled("In late August, after the first exchange of fire, the movement agreed to a 48-hour pause.")
    assert not recalled("The movement said on Monday it agreed to a 48-hour pause.")
