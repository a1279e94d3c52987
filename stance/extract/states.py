"""Resolution rules for a state's voice: a country or capital that speaks, a country's bodies,
its army, "the government" and "the authorities in X" (stance.extract.resolve runs them)."""

from __future__ import annotations

import re

from stance.extract import coref
from stance.extract.entities import Entity, Registry
from stance.extract.lexicon import BODY_HEADS, INSTITUTIONS
from stance.extract.phrase import NOBODY, SUBJECT_OR_ROOT, NounPhrase
from stance.names import LEADING_ARTICLE, bare_name

AGAINST_THE_STATE = re.compile(r"\b(breakaway|rebel|separatist|secessionist|insurgent|opposition|exiled)\b", re.IGNORECASE)


def country_name(np: NounPhrase, reg: Registry) -> Entity | None:
    """'Ukraine said', 'Kyiv said': a place that speaks is its government."""
    head = np.head
    country = reg.country_of(head.text) if head.pos_ == "PROPN" else None
    if not country or any(e.label_ == "PERSON" and head.i in range(e.start, e.end) and not reg.country_of(e.text) for e in np.ents):
        return None
    gov = reg.government(country)
    gov.add_alias(head.text)
    return gov


def place_subject(np: NounPhrase, reg: Registry) -> Entity | None:
    """A place entity as subject: a person the tagger took for a place, else the place's government."""
    head, doc = np.head, np.head.doc
    gpe = next(iter(np.ents_over_head("GPE")), None)
    if (head.pos_ != "PROPN" or gpe is None or head.dep_ not in SUBJECT_OR_ROOT or reg.is_outlet(head.text)
            or (gpe.start > 0 and doc[gpe.start - 1].lower_ in ("in", "at", "from", "to"))):
        return None
    name = bare_name(gpe.text)
    if reg.person(name) is not None and not reg.country_of(name):
        return reg.person(name)
    return reg.government(reg.country_of(name) or name)


ARMED_FORCES = re.compile(r"\barmed forces\b|\bnational army\b|^[A-Z]\w+(?:an|ese|i|ish) (?:army|military)$", re.IGNORECASE)


def the_military(reg: Registry) -> Entity | None:
    """'The military said': the one state army the article names ("Armed Forces of the Philippines")."""
    armies = [e for e in reg.entities if e.kind == "organisation" and not e.is_source and ARMED_FORCES.search(e.name)]
    return armies[0] if len(armies) == 1 else None


def country_body(np: NounPhrase, reg: Registry) -> Entity | None:
    """'Ukrainian officials', 'the Russian military', 'the Kremlin': a country's government,
    with the phrase up to any comma as an alias (the name as the article gives it)."""
    if np.lemma not in BODY_HEADS and not np.ents_over_head("GPE", "NORP"):
        return None
    if AGAINST_THE_STATE.search(np.text):
        return NOBODY  # "the leadership of Teveral's breakaway plateau" is not Teveral's government
    for e in np.ents:
        if e.label_ in ("GPE", "NORP", "ORG", "LOC", "PERSON"):
            country = reg.country_of(bare_name(e.text))
            if country:
                gov = reg.government(country)
                gov.add_alias(np.text.split(",")[0] if np.lemma in BODY_HEADS else bare_name(e.text))
                return gov
    inst = next((i for i in INSTITUTIONS if i in np.text.lower()), None)
    if inst is None and np.lemma in ("military", "army", "force") and np.definite:
        return the_military(reg)
    return None if inst is None else reg.by_key.get("o:" + inst) or NOBODY


GOVERNMENT_ADJECTIVES = frozenset("federal central transitional interim".split())


def the_government(np: NounPhrase, reg: Registry) -> Entity | None:
    """'the government', 'the federal government', 'the presidency': the article's main government; "Pallune's
    government", "the authorities in Velsgrad", "the leadership in Comrat": that place's, even when no gazetteer knows it."""
    if np.lemma == "ministry" and np.definite and not any(t.text[:1].isupper() for t in np.toks if t.lower_ != "the"):
        return home_government(reg)  # 'the interior ministry said'
    if np.lemma not in ("government", "authority", "presidency", "leadership") or np.head.tag_ != ("NNS" if np.lemma == "authority" else "NN"):
        return None  # 'the governments said': several, not the article's own
    toks = [t for t in np.toks if t.dep_ not in ("case", "punct") and t.lower_ not in GOVERNMENT_ADJECTIVES]
    place = [t for t in np.toks if t.pos_ == "PROPN" and t.text[:1].isupper() and (
        t.dep_ == "poss" and t.head.i == np.head.i or t.dep_ == "pobj" and t.head.lower_ in ("in", "of") and t.head.head.i == np.head.i)]
    named = [t for t in np.toks if t.dep_ == "compound" and t.head.i == np.head.i and t.pos_ == "PROPN" and t.text[:1].isupper()]
    if not place and named and not reg.is_outlet(named[0].text):  # 'the Assam government', 'the Nicosia authorities'
        word = named[0].text
        known = reg.country_of(word)
        if known or named[0].ent_type_ == "GPE" or word.lower() in reg.places.words:
            gov = reg.government(known or word)
            gov.add_alias(np.text)
            return gov
        return coref.main_government(reg)  # 'the Union government': the state's own name for itself
    if place and not reg.is_outlet(place[0].text):
        words = [t.text for t in place[0].subtree if t.pos_ == "PROPN" and t.i <= place[0].i]  # 'Port Cassel'
        name = " ".join(words)
        gov = reg.government(reg.country_of(name) or reg.country_of(place[0].text) or name)
        gov.add_alias(np.head.doc[np.start : place[0].i + 1].text)  # 'The Gagauz leadership in Comrat': the article's name for it
        return gov
    if np.definite and len(toks) <= 2 and np.lemma in ("government", "presidency"):
        return coref.main_government(reg) or unnamed_government(np, reg)
    return None


SEAT = re.compile(r"\b[Tt]he (?:[a-z]+ ){0,2}government in ([A-Z][\w-]+(?: [A-Z][\w-]+)?)|\b([A-Z][\w-]+)['’]s (?:[a-z]+ )?government\b")


def _seats(reg: Registry) -> set[str]:
    return {reg.country_of(m.group(1) or m.group(2)) or (m.group(1) or m.group(2)) for m in SEAT.finditer(reg.body)}


def seat_government(reg: Registry) -> Entity | None:
    """The government of the one seat the article gives it ("the government in Sestry"), when
    no government has spoken yet to be 'the government'."""
    seats = _seats(reg)
    return reg.government(seats.pop()) if len(seats) == 1 else None


def home_government(reg: Registry) -> Entity | None:
    """Whose a ministry with no country is: the article's main government, else its one seat's."""
    return coref.main_government(reg) or seat_government(reg)


def unnamed_government(np: NounPhrase, reg: Registry) -> Entity | None:
    """'The federal government said ...' in an article that names no government that speaks:
    the government of its one seat, else the government as the article calls it ("federal government")."""
    seats = _seats(reg)
    if seats or np.lemma != "government":
        return reg.government(seats.pop()) if len(seats) == 1 else None
    name = LEADING_ARTICLE.sub("", np.head.doc[np.start : np.head.i + 1].text)
    gov = reg.get("g:" + name.lower(), name, "government")
    gov.mentions.append(np.pos)  # so that 'the defence ministry' later is this government
    return gov
