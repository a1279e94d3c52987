"""Noun phrase -> entity: the rules that decide who a speaker phrase refers to.

Each rule looks at one noun phrase (given by its head token, stance.extract.phrase) and
either does not apply (None), names an entity, or settles that the phrase is nobody
(NOBODY). They run in order, the most specific first: a dateline, a relative pronoun,
several bodies that speak together (stance.extract.collective), a place that speaks (its
government, stance.extract.states), a named person in the phrase or in apposition ("the
front's spokesman, Arben Hoti"), an unnamed spokesperson or official
(stance.extract.unnamed), pronouns, surnames, sources, organisations, bodies of a country,
unknown capitalised subjects, and last epithets, "the government" and group nouns
(stance.extract.coref).
"""

from __future__ import annotations

import re

from stance.extract import coref
from stance.extract.collect import MISTAKEN_LABELS, org_name, organisation_named
from stance.extract.collective import bracketed, collective_speaker, named_before, phrase
from stance.extract.entities import Entity, Registry, org_key
from stance.extract.frames import object_of
from stance.extract.lexicon import (
    COMMENTATOR,
    DOCUMENT_HEADS,
    EPITHET_HEADS,
    GENERIC_GROUPS,
    GROUP_HEADS,
    MEDIA_NOUNS,
    MINISTRY,
    MONTHS,
    ORG_WORDS,
    PERSONAL_PRONOUNS,
    SOURCE_NOUNS,
    SPOKES,
    UNNAMED_SPEAKERS,
)
from stance.extract.ner import joins
from stance.extract.phrase import NOBODY, SUBJECT_OR_ROOT, NounPhrase, Rule
from stance.extract.states import country_body, country_name, home_government, place_subject, the_government
from stance.extract.unnamed import unnamed
from stance.names import LEADING_ARTICLE, bare_name


DATELINE_TOKENS = 16


def dateline(np: NounPhrase, reg: Registry) -> Entity | None:
    """'BANGKOK, July 26 — Thailand said': the parser may take the dateline city (or its month)
    for the subject; the speaker is the noun phrase right after the dash."""
    head, doc = np.head, np.head.doc
    window = doc[head.i : head.i + DATELINE_TOKENS]  # "VARDEN, Ondrel, Jan. 15, 2036 (BPA) —" is 12 tokens
    if not ((head.is_upper and len(head.text) > 2 or head.lower_.rstrip(".") in MONTHS) and head.i < 8 and any(t.text in "—–" for t in window)):
        return None
    dash = next(t for t in window if t.text in "—–")
    if dash.i + 1 >= len(doc):
        return NOBODY
    tok = doc[dash.i + 1]
    while tok.dep_ in ("compound", "amod", "det", "poss", "case", "nummod") and tok.head.i > tok.i:
        tok = tok.head
    if tok.is_upper and len(tok.text) > 2:
        return NOBODY
    return resolve(tok, np.offset, reg) or untagged_body(tok, reg) or NOBODY


def untagged_body(tok, reg: Registry) -> Entity | None:
    """'SAN SALVADOR, Nov 17 — The Farabundo Martí National Liberation Front (FMLN) said': a
    capitalised name ending in a body's word that the tagger missed (its bracketed acronym an alias)."""
    if tok.pos_ != "PROPN" or not ORG_WORDS.match(tok.text):
        return None
    first = tok.i
    while first > 0 and tok.doc[first - 1].pos_ == "PROPN" and tok.doc[first - 1].dep_ == "compound":
        first -= 1
    name = org_name(tok.doc, tok.doc[first : tok.i + 1])
    org = reg.get(org_key(name), name, "organisation")
    code = next((c for c in tok.children if c.dep_ == "appos" and bracketed(c)), None)
    if code is not None:
        org.add_alias(code.text)
        reg.by_key[org_key(code.text)] = org  # the acronym the tagger registered alone is this body
    return org


def relative_pronoun(np: NounPhrase, reg: Registry) -> Entity | None:
    """'who', 'some of whom': the noun phrase the relative clause hangs on."""
    head = np.head
    partitive = any(c.dep_ == "prep" and any(g.lower_ == "whom" for g in c.children) for c in head.children)
    if head.lower_ not in ("who", "whom") and not partitive:
        return None
    anchor = head
    while anchor.dep_ != "relcl" and anchor.head.i != anchor.i:
        anchor = anchor.head
    if anchor.dep_ != "relcl":
        return None
    return resolve(anchor.head, np.offset, reg) or NOBODY


MEMBER_HEADS = frozenset("group member faction unit cadre fighter commander".split())


def members_of(np: NounPhrase, reg: Registry) -> Entity | None:
    """"the KNO's member groups", "the front's fighters": the organisation they belong to."""
    if np.lemma not in MEMBER_HEADS or np.head.tag_ != "NNS":
        return None
    owner = next((c for c in np.head.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    org = reg.organisation(owner.text) if owner is not None else None
    return org if org is not None and not org.is_source else None


def collective(np: NounPhrase, reg: Registry) -> Entity | None:
    """'The African Union, the EU and neighbouring states', 'European leaders': one party."""
    found = collective_speaker(np.head, reg)
    if found is not None:
        found.mentions.append(np.pos)
    return found


COUNTS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "six": 6}
COUNTED_HEADS = frozenset("body organisation organization government country leader state power nation mediator".split())


def counted_collective(np: NounPhrase, reg: Registry) -> Entity | None:
    """'the three bodies', 'the three said': the collective named last before with that many members."""
    head = np.head
    if head.pos_ == "NUM" and head.lower_ in COUNTS and np.definite:
        count = COUNTS[head.lower_]
    elif head.lemma_.lower() in COUNTED_HEADS and head.tag_ == "NNS":
        count = next((COUNTS[c.lower_] for c in head.children if c.dep_ in ("nummod", "det", "predet") and c.lower_ in COUNTS), 0)
    else:
        return None
    members = [e for key, e in reg.by_key.items() if key.startswith("c:") and e.mentions and min(e.mentions) < np.pos
               and len(re.split(r",\s*(?:and\s+)?|\s+and\s+", e.name)) == count]
    return max(members, key=lambda e: max(m for m in e.mentions if m < np.pos)) if members else None


def named_person(np: NounPhrase, reg: Registry) -> Entity | None:
    """A known person named in the phrase."""
    for e in np.ents:
        if e.label_ == "PERSON" and (e.root.i == np.head.i or e.root.head.i == np.head.i or np.head.i in range(e.start, e.end)):
            found = reg.person(e.text)
            if found is not None:
                return found
    return None


TITLED_HEADS = frozenset("archbishop bishop patriarch cardinal imam mufti mayor governor president chairman secretary".split())


def appositive_person(np: NounPhrase, reg: Registry) -> Entity | None:
    """A role noun phrase that names its person: "the front's spokesman, Arben Hoti",
    "a spokesman for Tsakaev" (an unnamed spokesperson for a person folds into them)."""
    head = np.head
    if head.pos_ not in ("NOUN", "PROPN", "ADJ") or head.ent_type_ == "PERSON" or (
            head.ent_type_ == "ORG" and head.lower_ not in TITLED_HEADS and not np.owns_named_role):  # 'the Archbishop of ..., X'
        return None
    skip = {x.i for t in head.subtree for c in t.children if c.dep_ in ("relcl", "acl") for x in c.subtree}
    idx = {t.i for t in head.subtree if t.i not in skip}  # not 'a faction that holds the villages above Orrin Ford'
    people = [e for e in head.doc.ents if e.label_ == "PERSON" and e.root.i in idx
              and not (e.root.dep_ == "pobj" and COMMENTATOR.match(head.lemma_))]  # not the town in 'Residents of Sukhumi'
    for e in reversed(people):  # the name that closes the phrase: "the spokesman of A, the party close to B, Jean Ornano"
        found = reg.person(e.text)
        if found is not None and not found.is_commentator:
            return found
    return None


def issued_by(np: NounPhrase, reg: Registry) -> Entity | None:
    """'A statement issued in Lagos by the Federal Military Government said', 'a statement from
    General Maelis said': the issuer speaks."""
    if np.lemma not in DOCUMENT_HEADS:
        return None
    for acl in (c for c in np.head.children if c.dep_ == "acl" and c.tag_ == "VBN"):
        agents = [p for a in acl.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
        if agents:
            return resolve(agents[0], np.offset, reg)
    source = object_of(np.head, "from")
    return resolve(source, np.offset, reg) if source is not None else None


def unnamed_speaker(np: NounPhrase, reg: Registry) -> Entity | None:
    if np.lemma not in UNNAMED_SPEAKERS or np.head.pos_ != "NOUN":
        return None
    found = unnamed(reg, np.head, np.toks, np.ents, np.text, np.pos)
    if found is not None:
        reg.unnamed_mentions.append((np.pos, np.lemma, found))
    return found


def personal_pronoun(np: NounPhrase, reg: Registry) -> Entity | None:
    """'he', 'she': the person named last before, unless an unnamed spokesperson ("an army
    spokesman said ...") spoke since; then it is the body that spokesperson stands for."""
    if np.head.lower_ not in PERSONAL_PRONOUNS:
        return None
    word = coref.pronoun_word(np.head.text)
    person = coref.pronoun(reg, np.pos, word)
    if person is not None:
        coref.called(person, word)
    last_named = max((m for m in person.mentions if m < np.pos), default=-1) if person else -1
    spokes = [(p, e) for p, lemma, e in reg.unnamed_mentions if last_named < p < np.pos and SPOKES.search(lemma)]
    if spokes:
        ent = max(spokes, key=lambda m: m[0])[1]
        return NOBODY if ent.is_source else ent
    return person or NOBODY


def hyphenated(tok) -> str:
    """The whole hyphenated name a token ends ("Achebe-Lund" for "Lund"; the tokenizer splits it)."""
    doc, start = tok.doc, tok.i
    while start >= 2 and joins(doc[start - 1]) and doc[start - 2].text[:1].isupper():
        start -= 2
    return doc[start : tok.i + 1].text


def surname(np: NounPhrase, reg: Registry) -> Entity | None:
    """'Hoti said': a capitalised word that is a known person's surname (or first name);
    a surname two people share names neither, unless only one of them has been named yet
    ("Moran wrote" after Jiten Moran, before his sister Lakhi Moran appears)."""
    head = np.head
    if not (head.pos_ == "PROPN" or head.text[:1].isupper()):
        return None
    named = reg.people_named(hyphenated(head))
    if len(named) > 1:
        so_far = [p for p in named if p.mentions and min(p.mentions) < np.pos]
        return so_far[0] if len(so_far) == 1 else NOBODY
    return named[0] if named else None


def source(np: NounPhrase, reg: Registry) -> Entity | None:
    """'sources', 'a report', 'reporting by': an anonymous source, never a party."""
    head = np.head
    if (head.pos_ in ("NOUN", "PROPN") or head.lower_ == "reporting") and np.lemma in SOURCE_NOUNS | {"reporting"}:
        return reg.anonymous_source(np.text)
    return None


THEY_REACH = 400  # characters: 'they' continues a collective named in the sentence or two before


def plural_pronoun(np: NounPhrase, reg: Registry) -> Entity | None:
    """'The Council and the four churches issued a joint letter. They said ...': 'they' is the
    collective named just before, or the list of bodies in the sentence before."""
    if np.lemma != "they" or np.head.dep_ not in SUBJECT_OR_ROOT:
        return None
    near = [(max(m for m in e.mentions if m < np.pos), e) for key, e in reg.by_key.items()
            if key.startswith("c:") and any(np.pos - THEY_REACH < m < np.pos for m in e.mentions)]
    if near:
        return max(near, key=lambda x: x[0])[1]
    sent = np.head.sent
    if sent.start == 0:
        return None
    before = np.head.doc[sent.start - 1].sent  # 'The proposal comes from the Accord, the Board and four states. They ...'
    lists = [t for t in before if t.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "conj" for c in t.children)]
    return next((found for t in lists if (found := collective_speaker(t, reg)) is not None), None)


def unresolvable_pronoun(np: NounPhrase, reg: Registry) -> Entity | None:
    return NOBODY if np.head.lower_ in ("whom", "who", "which") or np.lemma == "they" else None


def organisation(np: NounPhrase, reg: Registry) -> Entity | None:
    """An organisation entity over the head: a surname the tagger took for one, an outlet
    (a source), or the registered organisation."""
    orgs = np.ents_over_head("ORG") or [e for e in np.ents_over_head("PERSON", *MISTAKEN_LABELS)
                                        if reg.organisation(org_name(np.head.doc, e))]
    if not orgs:
        return None
    e = orgs[0]
    name = bare_name(e.text)
    if " " not in name and reg.person(name) is not None:
        return reg.person(name)
    if reg.is_outlet(name):
        return reg.by_key.get("s:" + name.lower()) or reg.anonymous_source(name)
    country = reg.places.country_from(np.text) if MINISTRY.search(name) else None
    home = home_government(reg) if MINISTRY.search(name) else None
    gov = reg.government(country) if country else home
    if gov is not None:  # "the Russian Foreign Ministry": Russia's government; "the home ministry": the article's
        gov.add_alias(np.text.split(",")[0])
        return gov
    name = org_name(np.head.doc, e)
    return named_before(reg, name) or reg.organisation(name) or NOBODY


def unknown_subject(np: NounPhrase, reg: Registry) -> Entity | None:
    """A capitalised subject nobody registered: an outlet after a media noun ("the business
    daily Kommersant"), a place's government or a new organisation ("the UCPMB")."""
    head = np.head
    acronym = (head.is_upper and 2 < len(head.text) <= 7  # 'The UCPMB, which ..., said': not a dateline's capitals
               and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children))
    if not ((head.pos_ == "PROPN" or acronym) and head.dep_ in SUBJECT_OR_ROOT and head.text[:1].isupper() and head.lower_ not in EPITHET_HEADS
            and (head.ent_type_ in ("", "GPE", "LOC") or head.lower_ in reg.places.words)
            and reg.person(head.text) is None and not reg.is_outlet(head.text) and (acronym or not head.is_upper)):
        return None
    if title_case(head.sent):
        return None  # "Ceasefire Rejected As Talks Stall": a headline's capitals name nobody
    chain = [t for t in head.subtree if t.i <= head.i and (t.pos_ == "PROPN" or t is head) and t.dep_ in ("compound", *SUBJECT_OR_ROOT)]
    words = [t.text for t in chain if not t.lower_.startswith("neighbo")]
    if not words:
        return None
    name = " ".join(words)
    first = min(t.i for t in chain)
    if first > 0 and head.doc[first - 1].lower_ in MEDIA_NOUNS:
        return reg.outlet_source(name)
    if name.lower() in reg.places.words or head.ent_type_ in ("GPE", "LOC"):
        return reg.government(reg.country_of(name) or name)
    if ORG_WORDS.match(head.text):
        name = org_name(head.doc, head.doc[first : head.i + 1])
    if acronym:  # 'the URNG' for the body 'known by its Spanish initials URNG'
        known = [e for e in reg.entities if not e.is_source and re.search(rf"\b{re.escape(name)}\b", e.role)]
        if len(known) == 1:
            known[0].add_alias(name)
            return known[0]
    return organisation_named(reg, name)


def title_case(sent) -> bool:
    """A headline written in title case: nearly every word capitalised."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[:1].isupper() for t in words) >= 0.8 * len(words)


def _described_alike(np: NounPhrase, person: Entity) -> bool:
    """'A senior envoy from neighbouring Pellaria' for "Pellaria's special envoy": the
    indefinite description shares a word besides its head with the person's role or name."""
    words = {t.lower_ for t in np.toks if t.is_alpha and not t.is_stop and t.i != np.head.i}
    aliases = [a for a in person.aliases if a != np.text.strip(" ,.;:’'\"“”")]
    known = set(" ".join([person.role, person.name, *aliases, person.country or ""]).lower().replace("'s", " ").split())
    return bool(words & known)


def epithet(np: NounPhrase, reg: Registry) -> Entity | None:
    """'the spokesperson', 'the marshal': the named person whose role fits, unless an unnamed
    one ("a government spokesperson in Kinshasa", "a commander in the camp") was mentioned
    since; 'a commander' itself names nobody: an anonymous source, whose words describe the
    position of whoever they are about."""
    if np.lemma not in EPITHET_HEADS or np.head.tag_ in ("NNS", "NNPS"):  # 'urged ministers to accept': nobody in particular
        return None
    person = coref.epithet(reg, np.head.doc[np.start : np.end], np.lemma, np.pos)
    if any(t.lower_ in ("a", "an") and t.dep_ == "det" and t.head.i == np.head.i for t in np.toks) and not (
            person and _described_alike(np, person)):
        if person is not None:
            person.aliases.discard(np.text.strip(" ,.;:’'\"“”"))
        source = reg.anonymous_source(np.text)  # 'a commander in the Uaimori camp told ...': nobody named
        reg.unnamed_mentions.append((np.pos, np.lemma, source))
        return source
    unnamed_before = [(p, e) for p, lemma, e in reg.unnamed_mentions if lemma == np.lemma and p < np.pos
                      and (SPOKES.search(lemma) or lemma not in UNNAMED_SPEAKERS)]
    if unnamed_before:
        last_named = max((m for m in person.mentions if m < np.pos), default=-1) if person else -1
        pos, ent = unnamed_before[-1]
        if pos > last_named:
            return NOBODY if ent.is_source else ent
    return person or NOBODY


def group_noun(np: NounPhrase, reg: Registry) -> Entity | None:
    """'the coalition', "Zanbaria's main rebel coalition", 'the guerrillas': the named group of
    that kind; 'the RDF rebels', "the political wing, the X Assembly": the group the phrase names."""
    word = np.head.lower_ if np.head.lower_ in GROUP_HEADS | GENERIC_GROUPS else np.lemma
    if word not in GROUP_HEADS | GENERIC_GROUPS or word == "government":
        return None
    for e in np.ents:  # 'the RDF rebels'; "the insurgents' political wing, the Serrat People's Assembly"
        if e.label_ == "ORG" and e.root.dep_ in ("compound", "appos") and e.root.head.i == np.head.i:
            named = reg.organisation(bare_name(e.text))
            if named is not None and not named.is_source:
                return named
    code = next((c for c in np.head.children if c.dep_ == "compound" and re.fullmatch(r"[A-Z][A-Z0-9-]{1,7}", c.text)), None)
    if code is not None and not reg.country_of(code.text):  # 'the M23 rebel group': the group it names
        return reg.organisation(code.text) or reg.get(org_key(code.text), code.text, "organisation")
    if word in ("council", "committee", "association") and np.head.text.islower() and any(
            c.dep_ == "prep" and c.lower_ == "of" and any(p.tag_ == "NNS" and p.text.islower() for p in c.children)
            for c in np.head.children):  # 'the council of elders (in Brightlow)': a body of its own, unnamed
        name = LEADING_ARTICLE.sub("", phrase(np.head))
        return reg.get(org_key(name), name, "organisation")
    if np.definite or any(c.dep_ == "poss" and (c.pos_ == "PROPN" or any(d.lower_ == "the" for d in c.children))
                          for c in np.head.children):  # "Zanbaria's main rebel coalition", "the insurgents' political wing"
        found = coref.group(reg, word, np.pos)
        if found is None and word == "junta":  # 'the military junta that commands the army': one body, unnamed
            name = LEADING_ARTICLE.sub("", np.head.doc[np.head.left_edge.i : np.head.i + 1].text)
            junta = reg.get(org_key(name), name, "organisation")
            junta.mentions.append(np.pos)
            return junta
        return (named_before(reg, found.name) or found) if found is not None else NOBODY
    return None


RULES: tuple[Rule, ...] = (
    dateline, relative_pronoun, members_of, collective, counted_collective, country_name, place_subject, named_person,
    appositive_person, issued_by, unnamed_speaker, personal_pronoun, surname, source, plural_pronoun,
    unresolvable_pronoun, organisation, country_body, unknown_subject, epithet, the_government, group_noun,
)


def resolve(head, offset: int, reg: Registry) -> Entity | None:
    """The entity a noun phrase (given by its head token) refers to, or None: the first
    rule that applies decides."""
    np = NounPhrase.at(head, offset)
    for rule in RULES:
        found = rule(np, reg)
        if found is not None:
            return None if found is NOBODY else found
    return None
