"""Distractor augmentation: a sentence that names a party is not necessarily its position.

In a real article a party's input holds every sentence that names it, including other
parties' demands about it ("... but only if Cambodian forces withdraw first"). Authored
training rows hold mostly the party's own statements, so a fine-tuned encoder learns
that any stance wording near the marked name is the party's. Here a training example
gets, with probability ``rate``, one evidence sentence of another row, in which a named
entity that is not that row's party is replaced by this party's name. Only entities
outside the clause subject are replaced (a preposition's or verb's object, or a
possessive or modifier of one): inside the subject the party would become the speaker.
The donor's label is random, so the planted sentence carries no signal about the label:
the model must learn to tell the speaker from a party that is only mentioned.
"""

from __future__ import annotations

import random
from dataclasses import replace

from stance.types import PartyInput
from stance.names import mention_names

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
OBJECT_DEPS = {"pobj", "dobj", "poss", "amod", "compound"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "appos"}


def in_subject(token) -> bool:
    """Whether the token sits inside a clause subject ("a spokesman for [X]", "[X]'s ministry said")."""
    while True:
        if token.dep_ in SUBJECT_DEPS:
            return True
        if token.head.i == token.i or token.head.pos_ in ("VERB", "AUX"):
            return False
        token = token.head


def donor_sentences(rows) -> list[tuple[str, str, int, int]]:
    """(label, sentence, start, end) for each named entity in a row's evidence that is not the row's party."""
    from stance.nlp import get_nlp

    nlp = get_nlp()
    sents, meta = [], []
    for row in rows:
        own = {n.lower() for n in mention_names(row.party, row.aliases)}
        for ev in row.evidence:
            sents.append(ev.text)
            meta.append((row.label, own))
    out = []
    with nlp.select_pipes(enable=[p for p in ("tok2vec", "tagger", "parser", "ner") if p in nlp.pipe_names]):
        for (label, own), doc in zip(meta, nlp.pipe(sents, batch_size=64)):
            for ent in doc.ents:
                name = ent.text.lower()
                if (ent.label_ in ENTITY_LABELS and ent.root.dep_ in OBJECT_DEPS and not in_subject(ent.root)
                        and not any(name in o or o in name for o in own)):
                    out.append((label, doc.text, ent.start_char, ent.end_char))
    return out


def add_distractors(items: list[PartyInput], rows, rate: float, seed: int) -> list[PartyInput]:
    """A copy of ``items`` where a ``rate`` share carries one planted distractor sentence."""
    if rate <= 0:
        return list(items)
    donors = donor_sentences(rows)
    rng = random.Random(seed)
    out = []
    for item in items:
        if rng.random() >= rate:
            out.append(item)
            continue
        _, sent, start, end = rng.choice(donors)
        name = rng.choice(mention_names(item.party, item.aliases) or [item.party])
        planted = sent[:start] + name + sent[end:]
        statements = list(item.statements)
        statements.insert(rng.randint(0, len(statements)), planted)
        out.append(replace(item, statements=statements))
    return out
