"""A headline that gives a party's position: "Army chief Barandagiye: 'No truce until the hills
are cleared'", "Skopje accepts truce with rebels; HSC-R says no truce without autonomy".

Real pages often put a party's position only in the headline (issue 15, kind 12; issue 16).
A headline of the form ``<who>: <quotation>`` is a statement of the person or government
``<who>`` names, when exactly one entity of the article fits: a person by surname (a surname
two people share needs a role word of the headline to choose), else a person by a role word
("Tollen admiral"), else a country's government. A headline clause whose subject is a name
and whose verb says or holds something is a statement of what the name is: one person by
surname, an organisation the article names, or a government the article names by a capital or
country, unless the article has a head of state or government, whom a headline's capital
usually stands for ("Kallan offers talks" for President Udeh-Lindqvist). A role word or a
plural ("Island rebels") names nobody in particular, and is left alone, unless the plural
names a collective ("Seven opposition parties call for ..."). The headlines under the title
(a page's own headline, a standfirst) are read the same way.
"""

from __future__ import annotations

import re

from stance.extract.collective import collective_speaker
from stance.extract.coref import referable
from stance.extract.entities import Entity, Registry
from stance.extract.frames import np_text, quote_runs
from stance.extract.lexicon import INSTITUTIONS, POSITION_VERBS, SPEECH_VERBS
from stance.extract.relevance import relevant
from stance.names import name_words
from stance.nlp import get_nlp
from stance.types import Article, Statement

QUOTED_HEADLINE = re.compile(r"^\s*(?P<who>[^:'\"‘“]{3,80}?)\s*:\s*['\"‘“](?P<quote>.+)$")
ROLE_WORDS = re.compile(r"[a-z][a-z-]{2,}")
CLAUSE_BREAK = re.compile(r"\s*;\s*|\s+[|–—]\s+")
HEAD_OF_STATE = re.compile(r"\b(president|prime minister|premier|king|chancellor|head of state)\b", re.IGNORECASE)


def _roles(person: Entity) -> set[str]:
    """The words of a person's role and titles, without their names."""
    names = set(name_words(person.name))
    return set(ROLE_WORDS.findall(" ".join((person.role, *person.aliases)).lower())) - names


def headline_speaker(who: str, reg: Registry) -> Entity | None:
    """The one entity the headline's ``who`` names, or None."""
    words = set(name_words(who))
    lower = set(ROLE_WORDS.findall(who.lower()))
    people = [e for e in reg.entities if e.kind == "person" and referable(e) and not (e.is_source or e.is_commentator)]
    named = [p for p in people if set(name_words(p.name)[-1:]) & words]
    if len(named) > 1:
        named = [p for p in named if _roles(p) & lower]
    if len(named) == 1:
        return named[0]
    if named:
        return None
    by_role = [p for p in people if _roles(p) & lower]
    places = {w.lower() for e in reg.entities if e.kind == "government" for a in (e.name, *e.aliases) for w in name_words(a)}
    office = {w for w in lower - places if not reg.country_of(w)}  # 'Tollen admiral': the admiral, not any Tollen official
    by_office = [p for p in by_role if _roles(p) & office]
    if len(by_role) == 1 or len(by_office) == 1:
        return by_office[0] if len(by_office) == 1 else by_role[0]
    countries = {country for w in who.split() if (country := reg.country_of(w))}
    if len(countries) == 1 and not by_role:
        return reg.government(countries.pop())
    return None


def clause_speaker(clause: str, reg: Registry, speakers: list[Entity], body: str = "") -> Entity | None:
    """The entity a headline clause's named subject is, when its main verb says or holds something
    (a government only when it speaks in the body, or ``body`` names it otherwise than the
    headline does: the place list's capital may name another state's, Belgrade for Yugoslavia)."""
    root = next(get_nlp()(clause).sents).root
    quoted = {t.i for a, b in quote_runs(clause, False)[0] for t in root.doc.char_span(a, b, alignment_mode="expand") or ()}
    subject = next((c for c in root.children if c.dep_ == "nsubj" and c.i not in quoted), None)
    if subject is None or root.lemma_.lower() not in POSITION_VERBS | SPEECH_VERBS:
        return None
    who = np_text(subject)
    if subject.pos_ == "NOUN":  # 'Seven opposition parties call for ...': a collective;
        # 'Turkish Cypriot leader rejects ...': the one person the role fits
        found = collective_speaker(subject, reg) or (headline_speaker(who, reg) if subject.tag_ == "NN" else None)
        return found if found is None or found.kind != "government" else None
    if subject.pos_ != "PROPN":
        return None
    country = reg.country_of(who) or INSTITUTIONS.get(who.lower().removeprefix("the "))
    if country:
        gov = reg.by_key.get("g:" + country.lower())
        heads = [e for e in reg.entities if e.kind == "person" and HEAD_OF_STATE.search(" ".join((e.role, *e.aliases)))]
        if gov is None or heads:
            return None
        named = any(re.search(rf"\b{re.escape(n)}\b", body) for n in {gov.name, *gov.aliases} - {who})
        return gov if named or any(gov is e for e in speakers) else None
    people = reg.people_named(who) or reg.people_named(subject.text)  # 'deputy Karam': a title before the surname
    if len(people) > 1:  # 'deputy Karam says ...' with two Karams: the headline's role word chooses
        found = headline_speaker(root.doc[: root.i].text, reg)
        return found if found is not None and found.kind == "person" else None
    if len(people) == 1:
        return people[0] if referable(people[0]) and not people[0].is_commentator else None
    org = reg.organisation(who)
    return org if org is not None and not (org.is_source or org.is_observer) else None


def headline_statements(article: Article, reg: Registry, speakers: list[Entity]) -> list[tuple[Entity, Statement]]:
    """The headlines (the title and those under it), or each of their clauses, as statements of
    the party they quote or name as subject, with offsets into the article; ``speakers``: who
    speaks in the body."""
    out = []
    for start, end in article.headline_spans():
        out += _headline(article.text[start:end], start, reg, speakers, article.text)
    return out


def _headline(text: str, start: int, reg: Registry, speakers: list[Entity], body: str) -> list[tuple[Entity, Statement]]:
    m = QUOTED_HEADLINE.match(text)
    if m is not None:
        speaker = headline_speaker(m.group("who"), reg)
        return [] if speaker is None else [(speaker, Statement(
            party=speaker.name, text=text, start=start, end=start + len(text), form="headline",
            attribution="headline", relevant=relevant(m.group("quote"))))]
    out, at = [], 0
    for clause in CLAUSE_BREAK.split(text):
        at = text.index(clause, at)
        speaker = clause_speaker(clause, reg, speakers, body) if clause.strip() else None
        if speaker is not None:
            out.append((speaker, Statement(party=speaker.name, text=clause, start=start + at, end=start + at + len(clause),
                                           form="headline", attribution="headline", relevant=relevant(clause))))
        at += len(clause)
    return out
