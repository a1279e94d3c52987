"""Places an article uses, learnt from the article itself: fictional or unlisted
countries ("Kestria" from "Kestrian officials"), dateline cities, words used as places.

The place list (resources/places.yaml) covers real conflicts; news about any other
place still names it consistently, and these rules read that naming.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stance.extract.lexicon import INSTITUTIONS, country_of
from stance.names import bare_name

DEMONYM_SUFFIXES = ("ians", "ian", "ans", "an", "ese", "ish", "is", "i", "s", "n")
PLACE_SUFFIXES = ("ia", "a", "e", "o", "y", "")
DATELINE = re.compile(r"^(?P<city>[A-Z][A-Z .'-]{2,})(?:,\s*(?P<country>[A-Z][a-z][\w'-]+))?(?:,[^—–\n]{0,20})?\s*[—–]")
GOVERNED = frozenset("government regime junta".split())
COUNTRY_HEADS = frozenset("government president presidency people capital prime cabinet parliament".split())


def _stem(word: str, suffixes) -> str:
    low = word.lower()
    for suf in suffixes:
        if suf and low.endswith(suf) and len(low) - len(suf) >= 4:
            return low[: -len(suf)]
    return low


def demonym_matches(demonym: str, place: str) -> bool:
    """'Kestrian' ~ 'Kestria', 'Ostmerian' ~ 'Ostmere', 'Zanbarian' ~ 'Zanbaria' (no list needed)."""
    d, p = _stem(demonym, DEMONYM_SUFFIXES), _stem(place, PLACE_SUFFIXES)
    return len(p) >= 4 and (d == p or (d.startswith(p) and len(d) - len(p) <= 1) or (p.startswith(d) and len(p) - len(d) <= 1))


def learn_places(parsed) -> tuple[dict[str, str], set[str]]:
    """Countries the place list does not know, learnt from the article itself.

    A place counts as a country when a demonym in the article derives from it
    ("Kestrian" -> "Kestria") or when a dateline names it ("MORVAINE, Kestria"),
    in which case the dateline city stands for that country's government too. Returns
    (place -> country) for the article and the set of words used there as places.
    """
    local: dict[str, str] = {}
    words: set[str] = set()
    seats: list[tuple[str, str]] = []
    gpes: set[str] = set()
    demonyms: set[str] = set()
    for _, doc in parsed:
        m = DATELINE.match(doc.text)
        if m:
            city = m.group("city").strip().title()
            words.add(city.lower())
            if m.group("country"):
                country = m.group("country").strip()
                words.add(country.lower())
                if not country_of(country):
                    local[country.lower()] = country
                if not country_of(city):
                    local[city.lower()] = country_of(country) or country
        for ent in doc.ents:
            if ent.label_ in ("GPE", "LOC"):
                words.add(bare_name(ent.text).lower())
            if ent.label_ in ("GPE", "LOC", "ORG", "PERSON", "NORP") and len(ent) == 1:
                gpes.add(bare_name(ent.text))
        gpes.update(t.text for t in doc if t.pos_ == "PROPN" and t.text[:1].isupper() and not t.is_upper)
        for tok in doc:
            if tok.text[:1].isupper() and tok.pos_ in ("ADJ", "PROPN") and re.search(r"(an|ese|i|ish)s?$", tok.text):
                demonyms.add(tok.text)
            if (tok.dep_ == "poss" and tok.pos_ == "PROPN" and tok.head.lemma_.lower() in COUNTRY_HEADS | {"army", "military", "ministry", "junta", "regime"}
                    and tok.text[:1].isupper() and not country_of(tok.text) and tok.ent_type_ in ("GPE", "LOC", "")):
                local.setdefault(tok.text.lower(), tok.text)
                words.add(tok.text.lower())
            if tok.lower_ == "of" and tok.head.lemma_.lower() in COUNTRY_HEADS and tok.i + 1 < len(doc):
                nxt = doc[tok.i + 1]
                if nxt.pos_ == "PROPN" and nxt.dep_ == "pobj" and nxt.text[:1].isupper() and not country_of(nxt.text):
                    local.setdefault(nxt.text.lower(), nxt.text)
                    words.add(nxt.text.lower())
            if tok.lower_ == "in" and tok.head.lemma_.lower() in GOVERNED:
                place = [t for t in doc[tok.i + 1 : tok.i + 4] if t.pos_ == "PROPN" and t.text[:1].isupper()]
                if place and place[0].i == tok.i + 1 and not country_of(" ".join(t.text for t in place)):
                    name = " ".join(t.text for t in place)
                    local.setdefault(name.lower(), name)
                    words.add(name.lower())
                    owners = [c.text for c in tok.head.children if c.dep_ in ("poss", "compound", "amod") and c.text[:1].isupper()]
                    if owners:  # "the Tollen government in Amberhoe", "Solgard's government in Tarquay": the seat
                        seats.append((name, owners[0]))
            if tok.lower_ == "in" and tok.i + 2 < len(doc) and doc[tok.i + 1].pos_ == "PROPN" and not doc[tok.i + 2].text[:1].isupper():
                words.add(doc[tok.i + 1].text.lower())
    for place in sorted(gpes):
        if country_of(place) or place in demonyms:
            continue
        for dem in demonyms:
            if not country_of(dem) and demonym_matches(dem, place):
                place = local.get(place.lower(), place)
                local[place.lower()] = place
                local[dem.lower()] = place
                local[dem.lower().rstrip("s")] = place
    for seat, owner in seats:
        country = country_of(owner) or local.get(owner.lower()) or bare_name(owner)
        if country.lower() != seat.lower():
            local[seat.lower()] = country
            local.setdefault(country.lower(), country)
    return local, words


@dataclass
class Gazetteer:
    """The place list plus the places learnt from one article: which country a word names."""

    local: dict[str, str]
    words: set[str]

    @classmethod
    def learn(cls, parsed) -> "Gazetteer":
        return cls(*learn_places(parsed))

    def country_of(self, word: str) -> str | None:
        word = bare_name(word)
        return country_of(word) or self.local.get(word.lower().strip(" .’'"))

    def country_from(self, text: str) -> str | None:
        """The country a phrase belongs to: an institution ("the Kremlin") or any place word in it."""
        low = text.lower()
        for inst, country in INSTITUTIONS.items():
            if inst in low:
                return country
        for word in re.findall(r"[A-Za-z.\-]+", text):
            country = self.country_of(word)
            if country:
                return country
        return None
