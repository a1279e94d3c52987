"""A headline that quotes a party: "Army chief Barandagiye: 'No truce until the hills are cleared'".

Real pages often put a party's position only in the headline (issue 15, kind 12; issue 16).
A headline of the form ``<who>: <quotation>`` is a statement of the person or government
``<who>`` names, when exactly one entity of the article fits: a person by surname (a surname
two people share needs a role word of the headline to choose), else a person by a role word
("Tollen admiral"), else a country's government. Any other headline says nothing about whose
position it is, and is left alone.
"""

from __future__ import annotations

import re

from stance.extract.coref import referable
from stance.extract.entities import Entity, Registry
from stance.extract.relevance import relevant
from stance.names import name_words
from stance.types import Article, Statement

QUOTED_HEADLINE = re.compile(r"^\s*(?P<who>[^:'\"‘“]{3,80}?)\s*:\s*['\"‘“](?P<quote>.+)$")
ROLE_WORDS = re.compile(r"[a-z][a-z-]{2,}")


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
    if len(by_role) == 1:
        return by_role[0]
    countries = {country for w in who.split() if (country := reg.country_of(w))}
    if len(countries) == 1 and not by_role:
        return reg.government(countries.pop())
    return None


def headline_statement(article: Article, reg: Registry) -> tuple[Entity, Statement] | None:
    """The headline as a statement of the party it quotes, with the headline's offsets."""
    if not article.title_span:
        return None
    start, end = article.title_span
    text = article.text[start:end]
    m = QUOTED_HEADLINE.match(text)
    if m is None:
        return None
    speaker = headline_speaker(m.group("who"), reg)
    if speaker is None:
        return None
    return speaker, Statement(party=speaker.name, text=text, start=start, end=end, form="headline",
                              attribution="headline", relevant=relevant(m.group("quote")))
