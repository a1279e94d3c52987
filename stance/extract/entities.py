"""Canonical entities of one article and resolution of speaker mentions to them.

People merge by surname under their fullest name; governments merge by country
(capital, demonym and name: "Kyiv", "Ukrainian officials", "Ukraine"), including
countries learnt from the article itself (stance.extract.places); organisations keep
their full name ("Communist Party of the Philippines"). News outlets and anonymous
sources are entities flagged ``is_source``; analysts and other commentators are
flagged ``is_commentator``: neither is ever a party.

Speaker noun phrases resolve in this order: a named person in the phrase or in
apposition ("the front's spokesman, Arben Hoti"); an unnamed spokesperson or official,
folded into the body they speak for (guideline 2.2) or, with no body, an anonymous
source; a place that speaks (its government); pronouns and epithets ("the Russian
leader", "the marshal") to the named person they fit; group epithets ("the coalition")
to a named group of that kind. Names the tagger missed are recovered when they speak
or stand in apposition to a role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from stance.extract.lexicon import (
    EPITHET_HEADS,
    GROUP_HEADS,
    KNOWN_OUTLETS,
    LEADER_TITLES,
    NEWS_ORG_WORDS,
    POSITION_VERBS,
    SOURCE_NOUNS,
    SPEECH_VERBS,
    SPOKES,
    country_of,
)
from stance.extract.places import learn_places

INSTITUTIONS = {"kremlin": "Russia", "white house": "United States", "pentagon": "United States",
                "state department": "United States", "downing street": "United Kingdom",
                "elysee": "France", "élysée": "France", "knesset": "Israel"}
BODY_HEADS = frozenset("officials official government authorities administration leadership side military army forces ministry cabinet".split())
UNNAMED_SPEAKERS = frozenset(
    "spokesman spokeswoman spokesperson official aide adviser advisor diplomat representative "
    "negotiator envoy statement letter communique communiqué".split())
GOVERNMENT_WORDS = re.compile(r"\b(ministry|government|presidency|cabinet|office|administration|foreign|interior|defen[cs]e)\b", re.I)
ANONYMOUS_HEADS = frozenset("official aide adviser advisor diplomat statement letter communique communiqué".split())
PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person"}
GENERIC_GROUPS = frozenset("group militants insurgents rebels movement guerrillas fighters".split())
GROUP_SYNONYMS = {"coalition": "alliance", "alliance": "alliance", "front": "movement", "movement": "movement",
                  "rebels": "alliance", "group": "movement", "militants": "movement", "insurgents": "movement",
                  "council": "council", "party": "party", "army": "army", "militia": "movement"}
ORG_WORDS = re.compile(r"^(front|army|council|party|alliance|coalition|government|union|movement|forces|ministry|"
                       r"community|conference|organi[sz]ation|nations|states|league|command|office|committee|"
                       r"agency|institute|university|bank|group|mission|court|assembly|parliament)$", re.I)
TITLE_WORDS = re.compile(r"^(mr|mrs|ms|dr|gen|col|lt|sgt|president|minister|prime|general|colonel|sheikh|emir|king|queen)\.?$", re.I)


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
    mentions: list[int] = field(default_factory=list)

    def add_alias(self, text: str) -> None:
        text = text.strip(" ,.;:’'\"“”")
        if text and text != self.name:
            self.aliases.add(text)


def _clean_name(text: str) -> str:
    text = re.sub(r"(’s|'s|s'|s’)$", lambda m: "s" if m.group(0)[0] == "s" else "", text.strip(" ,.;:\"“”‘"))
    return text.strip(" ’'")


def _extend_of(doc, ent, text: str) -> str:
    """'Communist Party' + 'of the Philippines': the tagger often stops an organisation's
    name before its 'of' part."""
    i = ent.end
    words = text.split()
    if words and words[-1].lower() in ("of", "the"):
        while words and words[-1].lower() in ("of", "the"):
            words.pop()
        i = ent.end
        tail = []
        while i < len(doc) and doc[i].pos_ == "PROPN":
            tail.append(doc[i].text)
            i += 1
        return " ".join(words + (["of", "the"] if text.split()[-1].lower() == "the" else ["of"]) + tail) if tail else " ".join(words)
    if i + 1 < len(doc) and doc[i].lower_ == "of":
        j = i + 1
        lead = []
        if doc[j].lower_ == "the":
            lead, j = ["the"], j + 1
        tail = []
        while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
            tail.append(doc[j].text)
            j += 1
        if tail:
            return " ".join([text, "of", *lead, *tail])
    return text


def _surname(name: str) -> str:
    parts = [p for p in _clean_name(name).split() if not TITLE_WORDS.match(p)]
    return parts[-1].lower() if parts else name.lower()


def _left_title(doc, ent) -> str:
    """Title words written before a name: 'Kremlin spokesman' in 'Kremlin spokesman Dmitry Peskov'."""
    i = ent.start - 1
    sent_start = ent.sent.start
    while i >= sent_start:
        tok = doc[i]
        if tok.ent_type_ == "PERSON" or tok.pos_ in ("DET", "VERB", "AUX", "PRON", "NUM", "SCONJ"):
            break
        if tok.pos_ in ("PROPN", "NOUN", "ADJ") or (tok.lower_ in ("of", "and", "&", "-", "for") and i > sent_start):
            i -= 1
            continue
        if tok.text == "." and i > sent_start and len(doc[i - 1].text) <= 2:
            i -= 1
            continue
        break
    words = doc[i + 1 : ent.start]
    text = words.text.strip()
    while text.split() and text.split()[0].lower() in ("of", "and", "for", "-"):
        text = text.split(" ", 1)[1] if " " in text else ""
    return text


def _appositive(ent) -> str:
    for child in ent.root.children:
        if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN") and child.i > ent.end - 1:
            toks = [t for t in child.subtree if t.dep_ != "punct" or t.i not in (child.left_edge.i, child.right_edge.i)]
            text = " ".join(t.text for t in toks)
            return re.sub(r"^(a|an|the)\s+", "", text).replace(" ,", ",").strip(" ,")
    return ""




def _country_from(text: str, lookup=None) -> str | None:
    lookup = lookup or country_of
    low = text.lower()
    for inst, country in INSTITUTIONS.items():
        if inst in low:
            return country
    for word in re.findall(r"[A-Za-z.\-]+", text):
        c = lookup(word)
        if c:
            return c
    return None


COMMENTATOR = re.compile(
    r"\b(analyst|researcher|professor|scholar|expert|academic|lawyer|historian|economist|commentator|"
    r"who (studies|follows|researches|teaches|tracks|monitors)|think[- ]tank|(studies|research) (at|with)|"
    r"former (adviser|advisor|official|diplomat))\b",
    re.I,
)


def _speaks_for(role: str) -> str | None:
    """The body in "spokesman for the front", "the front's spokeswoman", "Kremlin spokesman"."""
    m = SPOKES.search(role)
    if not m:
        return None
    after = re.match(r"\s*(?:for|of|at)\s+(.+)", role[m.end():])
    if after:
        body = after.group(1)
    else:
        body = re.sub(r"\s*(’s|'s)\s*$", "", role[: m.start()]).strip()
        body = re.sub(r"^(a|an|the|its|his|her|their)\s+", "", body, flags=re.I)
        body = re.sub(r"\s*\b(chief|senior|deputy|official|main|top|press|political)\b", "", body, flags=re.I).strip()
    body = body.strip(" ,")
    return body if body and body.lower() not in ("its", "his", "her", "their") else None


class EntityIndex:
    """All entities of one article, built from its parsed body paragraphs."""

    def __init__(self, parsed: list[tuple[int, object]], outlet: str = ""):
        self.entities: list[Entity] = []
        self._by_key: dict[str, Entity] = {}
        self._person_mentions: list[tuple[int, Entity]] = []
        self.outlet = outlet.lower()
        self._parsed = parsed
        self.local_places, self.place_words = learn_places(parsed)
        speakers = {t.text for _, doc in parsed for t in doc
                    if (t.pos_ == "PROPN" or (t.pos_ == "NOUN" and t.text[:1].isupper() and t.i > t.sent.start))
                    and t.dep_ == "nsubj" and t.head.lemma_.lower() in SPEECH_VERBS
                    and t.ent_type_ in ("", "ORG", "WORK_OF_ART", "PRODUCT") and not self.country_of(t.text)
                    and t.lower_ not in self.place_words and not ORG_WORDS.match(t.text) and not self.is_outlet(t.text)}
        for _, doc in parsed:
            self._add_missed_people(doc, speakers)
        for offset, doc in parsed:
            for ent in doc.ents:
                self._add_ent(doc, ent, offset)
        self._person_mentions.sort(key=lambda m: m[0])

    def _add_missed_people(self, doc, speakers: set[str]) -> None:
        """Names the tagger missed or called an organisation: a chain of two to four
        capitalised proper nouns that speaks ("Arben Hoti said") or stands in apposition
        to a role ("the minister, Agathe Mourel,") is a person."""
        from spacy.tokens import Span

        new = []
        for tok in doc:
            if tok.pos_ != "PROPN" or tok.dep_ not in ("nsubj", "appos", "pobj") or not tok.text[:1].isupper():
                continue
            if tok.ent_type_ not in ("", "ORG", "WORK_OF_ART", "PRODUCT", "FAC", "EVENT", "LAW") or self.country_of(tok.text) or tok.lower_ in self.place_words:
                continue
            start = tok.i
            while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper():
                start -= 1
            span = doc[start : tok.i + 1]
            words = [t.text for t in span]
            if not 2 <= len(words) <= 4 or any(ORG_WORDS.match(w) for w in words) or self.is_outlet(span.text):
                continue
            if TITLE_WORDS.match(words[0]):
                span = doc[start + 1 : tok.i + 1]
                if len(span) < 2:
                    continue
            verb_like = (tok.dep_ == "nsubj" and tok.head.lemma_.lower() in SPEECH_VERBS | POSITION_VERBS) or tok.text in speakers
            role_like = (tok.dep_ == "appos" and tok.head.pos_ in ("NOUN", "PROPN", "ADJ")) or (
                tok.dep_ == "pobj" and tok.head.lower_ == "by" and tok.ent_type_ in ("", "PERSON", "ORG"))
            if verb_like or role_like:
                new.append(Span(doc, span.start, span.end, label="PERSON"))
        if new:
            keep = [e for e in doc.ents if not any(e.start < n.end and n.start < e.end for n in new)]
            doc.ents = sorted(keep + new, key=lambda e: e.start)

    def country_of(self, word: str) -> str | None:
        word = _clean_name(word)
        return country_of(word) or self.local_places.get(word.lower().strip(" .’'"))

    def _get(self, key: str, name: str, kind: str, **kw) -> Entity:
        ent = self._by_key.get(key)
        if ent is None:
            ent = Entity(name=name, kind=kind, **kw)
            self._by_key[key] = ent
            self.entities.append(ent)
        return ent

    def is_outlet(self, text: str) -> bool:
        low = _clean_name(text).lower()
        words = set(re.findall(r"[a-z]+", low))
        return bool(words & KNOWN_OUTLETS) or bool(NEWS_ORG_WORDS.search(low)) or (self.outlet and low in self.outlet)

    def _add_ent(self, doc, ent, offset: int) -> None:
        text = _clean_name(ent.text)
        if not text or (text.isupper() and len(text) > 4 and ent.start < 6
                        and any(t.text in "—–" for t in doc[ent.end : ent.end + 8])):
            return
        if ent.label_ == "PERSON" and len(ent) == 1 and ent.root.dep_ in ("compound", "amod") and ent.root.head.pos_ == "NOUN":
            return
        if ent.label_ == "PERSON" and self.is_outlet(text):
            src = self._get("s:" + text.lower(), text, "organisation", is_source=True)
            src.mentions.append(offset + ent.start_char)
            return
        if ent.label_ == "PERSON" and (ORG_WORDS.match(text.split()[-1]) or (text.isupper() and len(text) >= 3) or _left_title(doc, ent).lower().endswith(
                tuple(" " + w for w in GROUP_HEADS))):
            name = re.sub(r"^(the|nationalist|separatist|rebel|islamist)\s+", "", text, flags=re.I)
            org = self._get("o:" + name.lower(), name, "organisation")
            org.mentions.append(offset + ent.start_char)
            return
        if ent.label_ == "PERSON" and " " not in text and text.lower() in self.place_words:
            if not self.country_of(text):
                return
        if ent.label_ in ("PERSON", "ORG", "GPE", "NORP") and self.country_of(text):
            country = self.country_of(text)
            gov = self._get("g:" + country.lower(), country, "government", country=country)
            if text != country:
                gov.add_alias(text)
            gov.mentions.append(offset + ent.start_char)
            return
        if ent.label_ == "PERSON" and len(text) > 1:
            key = "p:" + _surname(text)
            person = self._get(key, text, "person")
            if len(text.split()) > len(person.name.split()):
                person.add_alias(person.name)
                person.name = text
            else:
                person.add_alias(text)
            title = _left_title(doc, ent)
            appos = _appositive(ent)
            role = appos or title
            if role and (not person.role or len(role) > len(person.role)):
                person.role = role
                person.speaks_for = _speaks_for(role) or person.speaks_for
                person.country = _country_from(role, self.country_of) or person.country
            after = re.match(r",\s*((?:who|a|an|the)\b[^.;“\"]{0,120})", doc.text[ent.end_char : ent.end_char + 130])
            head_role = ""
            if ent.root.dep_ == "appos" and ent.root.head.pos_ in ("NOUN", "PROPN", "ADJ"):
                h = ent.root.head
                head_role = doc[h.left_edge.i : h.i + 1].text
                head_role = re.sub(r"^(a|an|the)\s+", "", head_role, flags=re.I).replace(" 's", "'s")
                if head_role and (not person.role or (len(person.role.split()) == 1 and SPOKES.search(head_role))):
                    person.role = head_role
                    if re.match(r"(its|their)\b", head_role, re.I):
                        person.speaks_for = self._last_body_before(offset + ent.start_char)
                    person.speaks_for = _speaks_for(head_role) or person.speaks_for
                    person.country = _country_from(head_role, self.country_of) or person.country
            if COMMENTATOR.search(" ".join((role, head_role, after.group(1) if after else ""))):
                person.is_commentator = True
            if title:
                person.add_alias(f"{title} {text}")
            person.mentions.append(offset + ent.start_char)
            self._person_mentions.append((offset + ent.start_char, person))
        elif ent.label_ == "ORG":
            if " " not in text and "p:" + text.lower() in self._by_key:
                self._by_key["p:" + text.lower()].mentions.append(offset + ent.start_char)
                return
            if self.is_outlet(text):
                src = self._get("s:" + text.lower(), text, "organisation", is_source=True)
                src.mentions.append(offset + ent.start_char)
                return
            name = re.sub(r"^the\s+", "", _extend_of(doc, ent, text), flags=re.I)
            org = self._get("o:" + name.lower(), ("the " + name) if name.lower() in INSTITUTIONS else name, "organisation")
            org.country = _country_from(name, self.country_of)
            org.mentions.append(offset + ent.start_char)
        elif ent.label_ in ("GPE", "NORP"):
            country = self.country_of(text)
            if country:
                gov = self._get("g:" + country.lower(), country, "government", country=country)
                if text != country:
                    gov.add_alias(text)
                gov.mentions.append(offset + ent.start_char)

    def government(self, country: str) -> Entity:
        return self._get("g:" + country.lower(), country, "government", country=country)

    def persons_before(self, pos: int) -> list[Entity]:
        out: list[Entity] = []
        for p, ent in reversed(self._person_mentions):
            if p < pos and ent not in out:
                out.append(ent)
        return out

    def anonymous_source(self, text: str) -> Entity:
        return self._get("a:" + text.lower(), text, "organisation", is_source=True)

    def resolve_np(self, head, offset: int) -> Entity | None:
        """The entity a noun phrase (given by its head token) refers to, or None."""
        doc = head.doc
        dropped = {x.i for c in head.children if c.dep_ in ("relcl", "acl", "appos") for x in c.subtree}
        toks = [t for t in head.subtree if t.i not in dropped]
        span_start, span_end = min(t.i for t in toks), max(t.i for t in toks) + 1
        ents = [e for e in doc.ents if e.start >= span_start and e.end <= span_end]
        lemma = head.lemma_.lower()
        low = head.lower_
        pos = offset + head.idx
        partitive = any(c.dep_ == "prep" and any(g.lower_ == "whom" for g in c.children) for c in head.children)
        if head.is_upper and len(head.text) > 2 and head.i < 8 and any(t.text in "—–" for t in doc[head.i : head.i + 8]):
            return self._after_dateline(head, offset)
        if low in ("who", "whom") or partitive:
            anchor = head
            while anchor.dep_ != "relcl" and anchor.head is not anchor:
                anchor = anchor.head
            if anchor.dep_ == "relcl":
                return self.resolve_np(anchor.head, offset)
        if head.pos_ == "PROPN" and self.country_of(head.text) and not any(e.label_ == "PERSON" and head.i in range(e.start, e.end) and not self.country_of(e.text) for e in ents):
            gov = self.government(self.country_of(head.text))
            gov.add_alias(head.text)
            return gov
        gpe = next((e for e in ents if e.label_ == "GPE" and e.start <= head.i < e.end), None)
        if (head.pos_ == "PROPN" and gpe is not None and head.dep_ in ("nsubj", "nsubjpass", "ROOT")
                and not self.is_outlet(head.text) and not (gpe.start > 0 and doc[gpe.start - 1].lower_ in ("in", "at", "from", "to"))):
            name = _clean_name(gpe.text)
            if "p:" + _surname(name) in self._by_key and not self.country_of(name):
                return self._by_key["p:" + _surname(name)]
            return self.government(self.country_of(name) or name)
        for label in ("PERSON",):
            for e in ents:
                if e.label_ == label and (e.root is head or e.root.head is head or head.i in range(e.start, e.end)):
                    found = self._by_key.get("p:" + _surname(e.text))
                    if found is not None:
                        return found
        named = self._appositive_person(head)
        if named is not None:
            return named
        if lemma in UNNAMED_SPEAKERS and head.pos_ == "NOUN":
            found = self._unnamed(head, toks, ents, doc[span_start:span_end].text)
            if found is not None:
                return found
        if low in PRONOUNS:
            before = self.persons_before(pos)
            return before[0] if before else None
        if (head.pos_ == "PROPN" or head.text[:1].isupper()) and ("p:" + _surname(head.text)) in self._by_key:
            return self._by_key["p:" + _surname(head.text)]
        if (head.pos_ in ("NOUN", "PROPN") or low == "reporting") and lemma in SOURCE_NOUNS | {"reporting"}:
            return self.anonymous_source(doc[span_start:span_end].text)
        if low in ("whom", "who", "which") or lemma in ("they",):
            return None
        for e in ents:
            if e.label_ == "ORG" and (head.i in range(e.start, e.end)):
                name = _clean_name(e.text)
                if " " not in name and "p:" + name.lower() in self._by_key:
                    return self._by_key["p:" + name.lower()]
                if self.is_outlet(name):
                    return self._by_key.get("s:" + name.lower()) or self.anonymous_source(name)
                return self._by_key.get("o:" + re.sub(r"^the\s+", "", _extend_of(doc, e, name), flags=re.I).lower())
        if lemma in BODY_HEADS or any(e.label_ in ("GPE", "NORP") and head.i in range(e.start, e.end) for e in ents):
            for e in ents:
                if e.label_ in ("GPE", "NORP"):
                    country = self.country_of(_clean_name(e.text))
                    if country:
                        gov = self.government(country)
                        gov.add_alias(doc[span_start:span_end].text if lemma in BODY_HEADS else _clean_name(e.text))
                        return gov
            for inst, country in INSTITUTIONS.items():
                if inst in doc[span_start:span_end].text.lower():
                    return self._by_key.get("o:" + inst)
        if (head.pos_ == "PROPN" and head.dep_ in ("nsubj", "nsubjpass", "ROOT") and head.text[:1].isupper()
                and (head.ent_type_ in ("", "GPE", "LOC") or head.lower_ in self.place_words)
                and "p:" + head.lower_ not in self._by_key
                and not self.is_outlet(head.text) and not head.is_upper):
            chain = [t for t in head.subtree if t.i <= head.i and t.pos_ == "PROPN" and t.dep_ in ("compound", "nsubj", "nsubjpass", "ROOT")]
            words = [t.text for t in chain if not t.lower_.startswith("neighbo")]
            if words:
                name = " ".join(words)
                if name.lower() in self.place_words or head.ent_type_ in ("GPE", "LOC"):
                    return self.government(self.country_of(name) or name)
                return self._get("o:" + name.lower(), name, "organisation")
        if lemma in EPITHET_HEADS or (head.pos_ == "NOUN" and any(t.lower_ == "the" for t in toks) and lemma in EPITHET_HEADS):
            return self._resolve_epithet(doc[span_start:span_end], lemma, pos)
        if lemma == "government" and any(t.lower_ == "the" for t in toks) and len(toks) <= 2:
            govs = [e for e in self.entities if e.kind == "government" and e.mentions]
            if govs:
                return max(govs, key=lambda e: len(e.mentions))
        if lemma in GROUP_HEADS and lemma != "government" and any(t.lower_ == "the" for t in toks):
            return self._resolve_group(lemma, pos)
        return None

    def _after_dateline(self, head, offset: int) -> Entity | None:
        """'BANGKOK, July 26 — Thailand said': the parser may take the dateline city for the
        subject; the speaker is the noun phrase right after the dash."""
        doc = head.doc
        dash = next((t for t in doc[head.i : head.i + 8] if t.text in "—–"), None)
        if dash is None or dash.i + 1 >= len(doc):
            return None
        tok = doc[dash.i + 1]
        while tok.dep_ in ("compound", "amod", "det", "poss", "case", "nummod") and tok.head.i > tok.i:
            tok = tok.head
        if tok.is_upper and len(tok.text) > 2:
            return None
        return self.resolve_np(tok, offset)

    def _appositive_person(self, head) -> Entity | None:
        """A role noun phrase that names its person: "the front's spokesman, Arben Hoti",
        "a spokesman for Tsakaev" (an unnamed spokesperson for a person folds into them)."""
        if head.pos_ not in ("NOUN", "PROPN", "ADJ") or head.ent_type_ == "PERSON":
            return None
        skip = {x.i for c in head.children if c.dep_ in ("relcl", "acl") for x in c.subtree}
        idx = {t.i for t in head.subtree if t.i not in skip}
        for e in head.doc.ents:
            if e.label_ == "PERSON" and e.root.i in idx:
                found = self._by_key.get("p:" + _surname(e.text))
                if found is not None and not found.is_commentator:
                    return found
        return None

    def _body_of(self, toks, ents) -> Entity | None:
        """The body named inside a noun phrase: an organisation, or a country's government."""
        for e in ents:
            name = _clean_name(e.text)
            country = self.country_of(name.split()[0]) if name.split() else None
            if e.label_ == "ORG" and country and GOVERNMENT_WORDS.search(name):
                return self.government(country)
            if e.label_ == "ORG" and not self.is_outlet(name):
                key = "o:" + re.sub(r"^the\s+", "", name, flags=re.I).lower()
                if key in self._by_key:
                    return self._by_key[key]
        for e in ents:
            country = self.country_of(_clean_name(e.text)) if e.label_ in ("GPE", "NORP", "ORG", "PERSON") else None
            if country:
                return self.government(country)
        for t in toks:
            country = self.country_of(t.text) if t.text[:1].isupper() else None
            if country:
                return self.government(country)
        for t in toks:
            if t.dep_ == "compound" and t.text[:1].isupper():
                named = [e for e in self.entities if e.kind == "organisation" and not e.is_source
                         and e.name.split()[-1].lower() == t.lower_]
                if len(named) == 1:
                    return named[0]
        return None

    def _last_body_before(self, pos: int) -> str | None:
        """The organisation or government mentioned last before ``pos`` ("its spokesman")."""
        best, best_pos = None, -1
        for ent in self.entities:
            if ent.kind == "person" or ent.is_source:
                continue
            for m in ent.mentions:
                if best_pos < m < pos:
                    best, best_pos = ent, m
        return best.name if best is not None else None

    def _army(self, doc) -> Entity:
        """An army speaking through an unnamed spokesman: named as the article names it
        ("the Malian army"), otherwise "the army"."""
        text = "\n".join(d.text for _, d in self._parsed)
        m = re.search(r"\b(?:the\s+)?([A-Z][a-z]+(?:an|ian|ese|i|ish))\s+(army|military)\b", text)
        name = f"{m.group(1)} {m.group(2)}" if m else "the army"
        return self._get("o:" + name.lower(), name, "organisation")

    def _unnamed(self, head, toks, ents, text: str) -> Entity | None:
        """Unnamed spokespeople, officials and aides (guideline 2.2).

        With a body in the phrase ("a Hamas spokesman", "Kestrian officials") they fold
        into that body, unless the article names a spokesperson for it, who is then the
        speaker. Without a body, an indefinite or plural one is an anonymous source.
        """
        body = self._body_of(toks, ents)
        definite = any(t.lower_ in ("the", "this", "that") for t in toks if t.dep_ == "det")
        if body is not None:
            if SPOKES.search(head.text):
                for ent in self.entities:
                    if ent.kind == "person" and ent.speaks_for and SPOKES.search(ent.role) and (
                            body.name.lower() in ent.role.lower() or body.name.lower() in (ent.speaks_for or "").lower()
                            or any(a.lower() in ent.role.lower() for a in body.aliases if len(a) > 3)):
                        ent.add_alias(text)
                        return ent
            body.add_alias(text)
            return body
        if SPOKES.search(head.text) and any(t.lemma_.lower() in ("army", "military") for t in toks if t is not head):
            army = self._army(head.doc)
            army.add_alias(text)
            return army
        if definite and SPOKES.search(head.text):
            return None
        if SPOKES.search(head.text):
            return self.anonymous_source(text)
        if head.lemma_.lower() in ANONYMOUS_HEADS and (not definite or head.tag_ in ("NNS", "NNPS") or head.lemma_.lower() in ("aide", "adviser", "advisor")):
            return self.anonymous_source(text)
        return None

    def _resolve_group(self, lemma: str, pos: int) -> Entity | None:
        """'the coalition', 'the front': a named group of that kind in the article, the
        nearest preceding one first; only organisations whose name is a group name."""
        groups = [e for e in self.entities if e.kind == "organisation" and not e.is_source and e.mentions
                  and e.name.split()[-1].lower() in GROUP_HEADS | set(GROUP_SYNONYMS)]
        same = [e for e in groups if e.name.split()[-1].lower() == lemma] or [
            e for e in groups if GROUP_SYNONYMS.get(lemma, "") == GROUP_SYNONYMS.get(e.name.split()[-1].lower(), "-")]
        if not same and lemma in GENERIC_GROUPS:
            groups = groups or [e for e in self.entities if e.kind == "organisation" and not e.is_source and e.mentions
                                and not any(ORG_WORDS.match(w) for w in e.name.split()) and not self.is_outlet(e.name)]
        pool = same or (groups if lemma in GENERIC_GROUPS else [])
        before = [e for e in pool if min(e.mentions) < pos]
        if before:
            return max(before, key=lambda e: max(m for m in e.mentions if m < pos))
        return min(pool, key=lambda e: min(e.mentions)) if len(pool) == 1 or same else None

    def _resolve_epithet(self, span, head_lemma: str, pos: int) -> Entity | None:
        country = _country_from(span.text, self.country_of)
        best, best_score = None, 0.0
        for rank, cand in enumerate(self.persons_before(pos) or [e for e in self.entities if e.kind == "person"]):
            if country and cand.country and cand.country != country:
                continue
            score = 0.0
            role = " ".join([cand.role, cand.name, *cand.aliases]).lower()
            if head_lemma in role:
                score += 2
            elif head_lemma in ("leader", "chief", "ruler", "strongman", "head") and LEADER_TITLES.search(role):
                score += 1.5
            else:
                continue
            if country and cand.country == country:
                score += 2
            if score == 0:
                continue
            score += 0.5 / (rank + 1) + 0.01 * len(cand.mentions)
            if score > best_score:
                best, best_score = cand, score
        if best is not None:
            best.add_alias(span.text)
        return best
