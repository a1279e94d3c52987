"""Unnamed spokespeople, officials and aides (data/GUIDELINES.md 2.2).

With a body in the phrase ("a Hamas spokesman", "Kestrian officials") they fold into
that body, unless the article names a spokesperson for it, who is then the speaker.
Without a body, an indefinite or plural one is an anonymous source, never a party.
"""

from __future__ import annotations

import re

from stance.extract.coref import main_government
from stance.extract.entities import Entity, Registry
from stance.extract.lexicon import ANONYMOUS_HEADS, GOVERNMENT_WORDS, MINISTRY, ORG_WORDS, SPOKES
from stance.extract.states import home_government
from stance.names import bare_name

ARMY = re.compile(r"\b(?:the\s+)?([A-Z][a-z]+(?:an|ian|ese|i|ish))\s+(army|military)\b")


def body_of(reg: Registry, toks, ents) -> Entity | None:
    """The body named inside a noun phrase: an organisation, or a country's government
    ("the government's negotiators in Accra" are the article's government's, not Ghana's)."""
    if any(t.dep_ == "poss" and t.lemma_.lower() == "government" and t.i < toks[-1].i for t in toks) and not any(
            t.dep_ == "poss" and t.pos_ == "PROPN" for t in toks):
        found = main_government(reg)
        if found is not None:
            return found
    for e in ents:
        name = bare_name(e.text)
        country = reg.country_of(name.split()[0]) if name.split() else None
        if e.label_ == "ORG" and country and GOVERNMENT_WORDS.search(name):
            return reg.government(country)
        if e.label_ == "ORG" and MINISTRY.search(name) and not country:  # 'officials in the Union Home Ministry'
            found = home_government(reg)
            if found is not None:
                return found
        if e.label_ == "ORG" and not reg.is_outlet(name) and reg.organisation(name) is not None:
            return reg.organisation(name)
    for e in ents:
        country = reg.country_of(bare_name(e.text)) if e.label_ in ("GPE", "NORP", "ORG", "PERSON") else None
        if country:
            return reg.government(country)
    for t in toks:
        country = reg.country_of(t.text) if t.text[:1].isupper() else None
        if country:
            return reg.government(country)
    for t in toks:
        if t.dep_ == "compound" and (t.text[:1].isupper() or ORG_WORDS.match(t.text)):  # 'a council spokesman'
            named = [e for e in reg.entities if e.kind == "organisation" and not e.is_source and e.name[:1].isupper()
                     and t.lower_ in (e.name.split()[-1].lower(), e.name.lower().split(" of ")[0].split()[-1])]
            if len(named) == 1:
                return named[0]
    return None


def army(reg: Registry) -> Entity:
    """An army speaking through an unnamed spokesman: named as the article names it
    ("the Malian army"), otherwise "the army"."""
    m = ARMY.search(reg.body)
    name = f"{m.group(1)} {m.group(2)}" if m else "the army"
    return reg.get("o:" + name.lower(), name, "organisation")


def _named_spokesperson(reg: Registry, body: Entity, text: str) -> Entity | None:
    """The person the article names as this body's spokesperson; a government's spokesperson
    ("a government spokesperson in Kinshasa") is never one who speaks for another organisation
    ("the Alliance Fleuve Congo")."""
    for ent in reg.entities:
        other = reg.organisation(ent.speaks_for or "")
        if other is not None and other is not body and GOVERNMENT_WORDS.search(text):
            continue
        if ent.kind == "person" and ent.speaks_for and SPOKES.search(ent.role) and (
                body.name.lower() in ent.role.lower() or body.name.lower() in ent.speaks_for.lower()
                or any(a.lower() in ent.role.lower() for a in body.aliases if len(a) > 3)):
            return ent
    return None


def unnamed(reg: Registry, head, toks, ents, text: str, pos: int) -> Entity | None:
    """The entity an unnamed spokesperson, official or document stands for, or None;
    "its spokesman", "their envoys": the body mentioned last before ``pos``. "Diplomats in Addis
    Ababa", the wire's name for the envoys posted there, are a source, not Ethiopia's government
    ("a senior diplomat in Amberlin" who says "not to us" is the capital's own)."""
    if head.lemma_.lower() == "diplomat" and head.tag_ == "NNS":
        placed = {t.i for p in head.children if p.dep_ == "prep" and p.lower_ in ("in", "at") for t in p.subtree}
        toks = [t for t in toks if t.i not in placed]
        ents = [e for e in ents if e.start not in placed]
    body = body_of(reg, toks, ents)
    if body is None and any(t.dep_ == "poss" and t.lower_ in ("its", "their") and t.head.i == head.i for t in toks):
        body = reg.last_body(pos)
    spokes = bool(SPOKES.search(head.text))
    definite = any(t.lower_ in ("the", "this", "that") for t in toks if t.dep_ == "det")
    if body is not None:
        speaker = (_named_spokesperson(reg, body, text) if spokes else None) or body
        speaker.add_alias(text)
        return speaker
    if spokes and any(t.lemma_.lower() in ("army", "military") for t in toks if t is not head):
        found = army(reg)
        found.add_alias(text)
        return found
    if spokes:
        return None if definite else reg.anonymous_source(text)
    lemma = head.lemma_.lower()
    if lemma in ANONYMOUS_HEADS and (not definite or head.tag_ in ("NNS", "NNPS") or lemma in ("aide", "adviser", "advisor")):
        return reg.anonymous_source(text)
    return None
