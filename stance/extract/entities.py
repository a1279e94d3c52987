"""The entities of one article: the Entity record and the registry that keys them.

People are keyed by full name and carry their fullest name (a surname alone refers to
them only when no other person in the article shares it); governments by country
(capital, demonym and name all merge: "Kyiv", "Ukrainian officials", "Ukraine");
organisations by their full name ("Communist Party of the Philippines"). News outlets
and anonymous sources are entities flagged ``is_source``; analysts and other
commentators are flagged ``is_commentator``: neither is ever a party. Aid agencies,
rights groups and monitors are flagged ``is_observer``: parties only when they call
for a halt themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from stance.extract.lexicon import is_outlet
from stance.extract.places import Gazetteer
from stance.names import name_words


@dataclass
class Entity:
    name: str
    kind: str
    role: str = ""
    aliases: set[str] = field(default_factory=set)
    speaks_for: str | None = None
    country: str | None = None
    is_source: bool = False
    is_commentator: bool = False
    is_observer: bool = False
    mentions: list[int] = field(default_factory=list)
    pronoun: str = ""  # "he" or "she", once the article has used one for this person

    def add_alias(self, text: str) -> None:
        text = text.strip(" ,.;:’'\"“”")
        if text and text != self.name:
            self.aliases.add(text)


def drop_the(name: str) -> str:
    return re.sub(r"^the\s+", "", name, flags=re.I)


def head_word(name: str) -> str:
    """The word that says what kind of body a name is: 'party' in 'Communist Party of Nepal'."""
    return re.split(r"\s+(?:of|for)\s+", name)[0].split()[-1].lower()


def org_key(name: str) -> str:
    return "o:" + drop_the(name).lower()


def _same_person(known: list[str], words: list[str]) -> bool:
    """Whether two forms of a name fit one person: a single word that ends the full name,
    the same first name with the shorter form's other words inside the longer one, or a
    compound surname ending a longer name ('Ould Baba' in 'Sidi Mohamed Lamine Ould Baba')."""
    if len(known) < 2:
        return known == words[-1:]
    short, long = sorted((known, words), key=len)
    if len(short) >= 2 and len(long) > len(short) and long[-len(short):] == short:
        return True
    return short[0] == long[0] and all(w in long[1:] for w in short[1:])


class Registry:
    """All entities of one article, each created once under its key."""

    def __init__(self, places: Gazetteer, outlet: str, body: str):
        self.entities: list[Entity] = []
        self.by_key: dict[str, Entity] = {}
        self.person_mentions: list[tuple[int, Entity]] = []
        self.unnamed_mentions: list[tuple[int, str, Entity]] = []
        self.places = places
        self.outlet = outlet.lower()
        self.body = body

    def get(self, key: str, name: str, kind: str, **kw) -> Entity:
        ent = self.by_key.get(key)
        if ent is None:
            ent = Entity(name=name, kind=kind, **kw)
            self.by_key[key] = ent
            self.entities.append(ent)
        return ent

    def people_named(self, name: str) -> list[Entity]:
        """The people a name may refer to (issue 16: people who share a surname stay apart).

        A full name refers to the person with that name, or to the one person with its
        surname whose first name does not differ ("Ana Tembe" is "Ana Tembe Macuácua"); a
        single word to every person with that surname, else to the person with that one-word
        nickname ("Viper"), else to every person with that first or middle name ("Girma" for
        "Girma Alemseged").
        """
        words = name_words(name)
        if not words:
            return []
        people = [e for e in self.entities if e.kind == "person"]
        if len(words) >= 2:
            exact = [p for p in people if any(name_words(n) == words for n in (p.name, *p.aliases))]
            if exact:
                return exact[:1]
            return [p for p in people if _same_person(name_words(p.name), words)]
        by_surname = [p for p in people if name_words(p.name)[-1:] == words]
        by_nickname = [p for p in people if any(name_words(a) == words for a in p.aliases)]
        return by_surname or by_nickname or [p for p in people if len(name_words(p.name)) >= 2 and words[0] in name_words(p.name)]

    def person(self, name: str) -> Entity | None:
        """The one person a name refers to; None when nobody or several people fit."""
        found = self.people_named(name)
        return found[0] if len(found) == 1 else None

    def add_person(self, name: str) -> Entity:
        return self.get("p:" + " ".join(name_words(name)), name, "person")

    def organisation(self, name: str) -> Entity | None:
        return self.by_key.get(org_key(name))

    def government(self, country: str) -> Entity:
        return self.get("g:" + country.lower(), country, "government", country=country)

    def outlet_source(self, name: str) -> Entity:
        return self.get("s:" + name.lower(), name, "organisation", is_source=True)

    def anonymous_source(self, text: str) -> Entity:
        return self.get("a:" + text.lower(), text, "organisation", is_source=True)

    def country_of(self, word: str) -> str | None:
        return self.places.country_of(word)

    def is_outlet(self, text: str) -> bool:
        return is_outlet(text, self.outlet)

    def persons_before(self, pos: int) -> list[Entity]:
        """People mentioned before ``pos``, the most recent first."""
        out: list[Entity] = []
        for p, ent in reversed(self.person_mentions):
            if p < pos and ent not in out:
                out.append(ent)
        return out

    def last_body(self, pos: int) -> Entity | None:
        """The organisation or government mentioned last before ``pos`` ("its spokesman")."""
        best, best_pos = None, -1
        for ent in self.entities:
            if ent.kind == "person" or ent.is_source:
                continue
            for m in ent.mentions:
                if best_pos < m < pos:
                    best, best_pos = ent, m
        return best

    def last_body_before(self, pos: int) -> str | None:
        best = self.last_body(pos)
        return best.name if best is not None else None
