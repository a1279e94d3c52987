"""Repairs to the tagger's entities before they are registered: people it missed.

The small English model misses unfamiliar names or calls them organisations, most
often exactly the names news about a little-covered conflict depends on.
"""

from __future__ import annotations

import re

from stance.extract.lexicon import (
    LEADER_TITLES, ORG_WORDS, POSITION_VERBS, SPEECH_VERBS, SPOKES, TITLE_WORDS, WEEKDAYS, is_outlet,
)
from stance.extract.places import Gazetteer

REPAIRABLE = ("", "ORG", "WORK_OF_ART", "PRODUCT", "FAC", "EVENT", "LAW")


def speaking_words(parsed, places: Gazetteer, outlet: str) -> set[str]:
    """Capitalised words that are the subject of a speech verb somewhere in the article."""
    return {t.text for _, doc in parsed for t in doc
            if (t.pos_ == "PROPN" or (t.pos_ == "NOUN" and t.text[:1].isupper() and t.i > t.sent.start))
            and t.dep_ == "nsubj" and t.head.lemma_.lower() in SPEECH_VERBS
            and t.ent_type_ in ("", "ORG", "WORK_OF_ART", "PRODUCT") and not places.country_of(t.text)
            and t.lower_ not in places.words and not ORG_WORDS.match(t.text) and not is_outlet(t.text, outlet)}


def joins(tok) -> bool:
    """The hyphen inside a double-barrelled name ("Ndlovu-Hart"), written without spaces."""
    return tok.text in ("-", "‐") and not tok.whitespace_ and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_


def name_start(doc, tok) -> int:
    """The first token of the capitalised proper-noun chain that ends at ``tok``, across hyphens."""
    start = tok.i
    while start > 0:
        prev = doc[start - 1]
        if prev.dep_ == "compound" and prev.pos_ == "PROPN" and prev.text[:1].isupper():
            start -= 1
        elif joins(prev) and start > 1 and doc[start - 2].pos_ == "PROPN" and doc[start - 2].text[:1].isupper():
            start -= 2
        else:
            break
    return start


def _named_after_role(tok) -> bool:
    """A name the tagger took for a place, set in apposition to a person's role: "The leader
    of the militia, Ruen Dask, said" (invented names are often tagged GPE)."""
    head = tok.head.text
    return (tok.ent_type_ == "GPE" and tok.dep_ == "appos" and tok.head.pos_ == "NOUN"
            and bool(LEADER_TITLES.search(head) or SPOKES.search(head) or TITLE_WORDS.match(head)))


def missed_people(doc, speakers: set[str], places: Gazetteer, outlet: str) -> list:
    """A chain of two to four capitalised proper nouns that speaks ("Arben Hoti said"),
    stands in apposition to a role ("the minister, Agathe Mourel,") or is described by
    "who" ("Dag Ostrin, who commands the river companies"), is a person."""
    from spacy.tokens import Span

    new = []
    for tok in doc:
        if tok.pos_ != "PROPN" or tok.dep_ not in ("nsubj", "appos", "pobj") or not tok.text[:1].isupper():
            continue
        if not (tok.ent_type_ in REPAIRABLE or _named_after_role(tok)) or places.country_of(tok.text) \
                or tok.lower_ in places.words:
            continue
        start = name_start(doc, tok)
        while start < tok.i and (doc[start].ent_type_ in ("DATE", "TIME") or doc[start].lower_ in WEEKDAYS):
            start += 1
        span = doc[start : tok.i + 1]
        words = span.text.split()
        if not 2 <= len(words) <= 4 or any(ORG_WORDS.match(w) for w in words) or is_outlet(span.text, outlet):
            continue
        if TITLE_WORDS.match(words[0]):
            span = doc[start + 1 : tok.i + 1]
            if len(span) < 2:
                continue
        verb_like = (tok.dep_ == "nsubj" and tok.head.lemma_.lower() in SPEECH_VERBS | POSITION_VERBS) or tok.text in speakers
        role_like = (tok.dep_ == "appos" and tok.head.pos_ in ("NOUN", "PROPN", "ADJ")) or (
            tok.dep_ == "pobj" and tok.head.lower_ == "by" and tok.ent_type_ in ("", "PERSON", "ORG"))
        who_like = (tok.i + 2 < len(doc) and doc[tok.i + 1].text == "," and doc[tok.i + 2].lower_ == "who"
                    and (span.start == 0 or doc[span.start - 1].lower_ != "the"))  # 'Dag Ostrin, who commands ...'
        if verb_like or role_like or who_like:
            new.append(Span(doc, span.start, span.end, label="PERSON"))
    return new


def hyphenated_acronyms(doc) -> list:
    """'CNDD-FDD', 'PCP-SL', 'FPAA-R': an acronym joined by hyphens, which the tagger rarely takes for a name."""
    from spacy.tokens import Span

    out, i = [], 0
    while i < len(doc) - 2:
        j = i
        while j + 2 < len(doc) and ACRONYM.match(doc[j].text) and joins(doc[j + 1]) and re.fullmatch(r"[A-Z]{1,6}", doc[j + 2].text):
            j += 2
        if j > i:
            out.append(Span(doc, i, j + 1, label="ORG"))
        i = j + 1
    return out


def split_names(doc) -> list:
    """A three-word name the tagger cut in two ("Momodu Sankara" + "Conteh"): two PERSON
    spans that touch, with no punctuation or space-free join between them, are one person."""
    from spacy.tokens import Span

    ents, out = list(doc.ents), []
    for a, b in zip(ents, ents[1:]):
        if (a.label_ == b.label_ == "PERSON" and a.end == b.start and all(t.pos_ == "PROPN" for t in (*a, *b))
                and 3 <= len(a) + len(b) <= 4 and not (out and out[-1].start == a.start)):
            out.append(Span(doc, a.start, b.end, label="PERSON"))
    return out


RANKS = frozenset("marshal general colonel admiral brigadier major captain commander lieutenant sergeant "
                  "senator bishop sheikh imam".split())


def titled_names(doc) -> list:
    """A name the tagger missed after a rank ("Air Marshal Danjuma Ekpenyong Obi", "Colonel
    Ruen Dask"): two to four capitalised proper nouns, none of them tagged a person or a place."""
    from spacy.tokens import Span

    out = []
    for tok in doc:
        if tok.lower_ not in RANKS or not tok.text[:1].isupper():
            continue
        end = tok.i + 1
        while end < len(doc) and end - tok.i <= 4 and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() \
                and doc[end].ent_type_ in REPAIRABLE and not ORG_WORDS.match(doc[end].text) and doc[end].lower_ not in RANKS:
            end += 1
            if end + 1 < len(doc) and joins(doc[end]) and doc[end + 1].text[:1].isupper():
                end += 1  # 'Sandhu-Rao': the hyphen, then the second part
        if 2 <= end - tok.i - 1 <= 4:
            out.append(Span(doc, tok.i + 1, end, label="PERSON"))
    return out


CONNECTORS = frozenset("of for and the in de du des la".split())
ACRONYM = re.compile(r"^[A-Z]{2,6}$")


def acronyms(parsed) -> set[str]:
    return {t.text for _, doc in parsed for t in doc if ACRONYM.match(t.text)}


def spelled_names(doc, known: set[str]) -> list:
    """Organisations whose name an acronym of the article spells ("Liberians United for
    Reconciliation and Democracy" for "LURD"): the tagger often misses or cuts long names,
    but an acronym used in the same article confirms where such a name starts and ends."""
    from spacy.tokens import Span

    out, i = [], 0
    while i < len(doc):
        found = None
        if doc[i].text[:1].isupper() and doc[i].text not in known:
            initials, j = "", i
            while j < len(doc) and (doc[j].text[:1].isupper() and doc[j].is_alpha or doc[j].lower_ in CONNECTORS):
                if doc[j].lower_ not in CONNECTORS:
                    initials += doc[j].text[0]
                    if len(initials) >= 2 and initials in known:
                        found = Span(doc, i, j + 1, label="ORG")
                j += 1
        if found is not None:
            end = found.end  # '... Defence Council-Northern Command (MVDC-NC)': the hyphenated rest is the name too
            while end + 1 < len(doc) and joins(doc[end]) and doc[end + 1].text[:1].isupper():
                end += 2
                while end < len(doc) and doc[end].text[:1].isupper() and doc[end].is_alpha:
                    end += 1
            found = Span(doc, i, end, label="ORG")
            out.append(found)
            i = found.end
        else:
            i += 1
    return out


def repair_people(parsed, places: Gazetteer, outlet: str) -> None:
    """Add the organisations an acronym spells and the people the tagger missed or cut in
    two to each paragraph's entities (replacing overlaps)."""
    speakers = speaking_words(parsed, places, outlet)
    known = acronyms(parsed)
    for _, doc in parsed:
        new = spelled_names(doc, known)
        new += [n for n in hyphenated_acronyms(doc) if not any(n.start < m.end and m.start < n.end for m in new)]
        new += [n for n in split_names(doc) if not any(n.start < m.end and m.start < n.end for m in new)]
        new += [n for n in titled_names(doc) if not any(n.start < m.end and m.start < n.end for m in new)]
        new += [n for n in missed_people(doc, speakers, places, outlet)
                if not any(n.start < m.end and m.start < n.end for m in new)]
        if new:
            keep = [e for e in doc.ents if not any(e.start < n.end and n.start < e.end for n in new)]
            doc.ents = sorted(keep + new, key=lambda e: e.start)
