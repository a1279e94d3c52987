"""Later mentions that do not name anyone: pronouns, epithets and group nouns.

"He", "the Russian leader", "the marshal" go to a named person they fit (their role,
title or country, the nearest before first); "the coalition", "the rebels" to a named
group of that kind; "the government" to the government the article mentions most.
"""

from __future__ import annotations

import re

from stance.extract.entities import Entity, Registry, head_word
from stance.extract.places import DATELINE
from stance.extract.lexicon import GENERIC_GROUPS, GROUP_HEADS, GROUP_SYNONYMS, LEADER_TITLES, ORG_WORDS

ARMED_KINDS = frozenset({"movement", "alliance", "army", "party"})
LEADER_EPITHETS = ("leader", "chief", "ruler", "strongman", "head")


def referable(person: Entity) -> bool:
    """Whether 'he' or 'she' may stand for this person: a lone word with no role, title or
    other name ('Gao', a town the tagger took for a person; 'Mary', a resident) may not."""
    return bool(" " in person.name or person.role or person.aliases)


def pronoun_word(token_text: str) -> str:
    return "she" if token_text.lower() in ("she", "her") else "he"


def called(person: Entity, word: str) -> bool:
    """Whether a person can be the 'he' or 'she' ``word``; the first use decides for the rest."""
    if person.kind != "person":
        return True
    person.pronoun = person.pronoun or word
    return person.pronoun == word


def pronoun(reg: Registry, pos: int, word: str = "") -> Entity | None:
    """'he', 'she': the person mentioned last before, if :func:`referable`, and not one the
    article has already called by the other pronoun."""
    before = [p for p in reg.persons_before(pos) if referable(p) and not (word and p.pronoun and p.pronoun != word)]
    return before[0] if before else None


def epithet(reg: Registry, span, head_lemma: str, pos: int) -> Entity | None:
    """'the Russian leader', 'the marshal': the named person whose role fits, in the same
    country, the most recently mentioned first; the epithet becomes their alias."""
    country = reg.places.country_from(span.text)
    best, best_score = None, 0.0
    for rank, cand in enumerate(reg.persons_before(pos) or [e for e in reg.entities if e.kind == "person"]):
        if country and cand.country and cand.country != country:
            continue
        role = " ".join([cand.role, cand.name, *cand.aliases]).lower()
        if head_lemma in role:
            score = 2.0
        elif head_lemma in LEADER_EPITHETS and LEADER_TITLES.search(role):
            score = 1.5
        else:
            continue
        if country and cand.country == country:
            score += 2
        score += 0.5 / (rank + 1) + 0.01 * len(cand.mentions)
        if score > best_score:
            best, best_score = cand, score
    if best is not None:
        best.add_alias(span.text)
    return best


def kind_word(ent: Entity) -> str:
    """What kind of body an organisation is: its name's head word, else its described role's
    ('Liberians United for Reconciliation and Democracy, the rebel group known as LURD': group)."""
    head = head_word(ent.name)
    if head in GROUP_HEADS or head in GROUP_SYNONYMS or not ent.role:
        return head
    return ent.role.split()[-1].lower()


def group(reg: Registry, lemma: str, pos: int) -> Entity | None:
    """'the coalition', 'the front': a named group of that kind in the article (by its name or
    its described role: 'the junta' for the Council the article called "the military junta"),
    the nearest preceding one first; only organisations whose name is a group name. 'The political
    wing' is the body the article describes as a wing when it names one, else the movement."""
    wing = [e for e in reg.entities if lemma == "wing" and e.kind == "organisation" and not e.is_source
            and re.search(rf"{re.escape(e.name)},\s+(?:the|its|their)\b[^,.]{{0,40}}\bwing\b", reg.body)]
    if wing:
        return wing[0]
    groups = [e for e in reg.entities if e.kind == "organisation" and not e.is_source and e.mentions
              and kind_word(e) in GROUP_HEADS | set(GROUP_SYNONYMS)]
    same = [e for e in groups if lemma in (kind_word(e), e.role.split()[-1].lower() if e.role else "")] or [
        e for e in groups if GROUP_SYNONYMS.get(lemma, "") == GROUP_SYNONYMS.get(kind_word(e), "-")]
    if not same and lemma in GENERIC_GROUPS:
        groups = [e for e in groups if GROUP_SYNONYMS.get(kind_word(e)) in ARMED_KINDS] or [e for e in reg.entities if e.kind == "organisation" and not e.is_source and e.mentions
                            and not any(ORG_WORDS.match(w) for w in e.name.split()) and not reg.is_outlet(e.name)]
    pool = same or (groups if lemma in GENERIC_GROUPS else [])
    before = [e for e in pool if min(e.mentions) < pos]
    if before:
        return max(before, key=lambda e: max(m for m in e.mentions if m < pos))
    return min(pool, key=lambda e: min(e.mentions)) if len(pool) == 1 or same else None


def main_government(reg: Registry) -> Entity | None:
    """'the government': the government of the dateline's country when the article names it
    (a mediator's capital may be mentioned more often), else the one it mentions most."""
    govs = [e for e in reg.entities if e.kind == "government" and e.mentions]
    line = DATELINE.match(reg.body.lstrip())
    country = reg.country_of(line.group("country") or line.group("city").title()) if line else None
    home = [e for e in govs if country and e.country == country]
    if home:
        return home[0]
    return max(govs, key=lambda e: len(e.mentions)) if govs else None
