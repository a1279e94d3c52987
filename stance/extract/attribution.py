"""Whose position a frame carries: its speaker's, or the party a source describes.

A source ("officials said", "Reuters reported") never owns a statement: the party the
content describes does, with the source as attribution. Words inside a closed quotation
never attribute anything, and a second party with its own main clause gets the
sentence too ("X rejected the truce, while Y said it was ready").
"""

from __future__ import annotations

from dataclasses import dataclass

from stance.extract.coref import called, pronoun_word, referable
from stance.extract.entities import Entity, Registry
from stance.extract.frames import SUBJECT_DEPS, Frame, inside_quote, np_text, position_frames
from stance.extract.lexicon import (ANONYMOUS_HEADS, DOCUMENT_HEADS, PERSONAL_PRONOUNS, POSITION_ADJECTIVES,
                                   POSITION_VERBS, UNNAMED_SPEAKERS)
from stance.extract.resolve import resolve

WANTING = POSITION_VERBS | POSITION_ADJECTIVES | {"interested", "want", "ready"}


@dataclass
class Owner:
    party: Entity
    form: str
    attribution: str


@dataclass
class Context:
    """One sentence with what attribution needs to know about its paragraph."""

    reg: Registry
    sent: object
    offset: int
    runs: list[tuple[int, int]]
    para_text: str
    has_quote: bool
    previous_speaker: Entity | None = None


def described(ctx: Context, content: list[int], speaker: Entity | None) -> Entity | None:
    """The party whose position a content clause describes (subjects first; not the 'who' of a
    relative clause, which only describes a noun the content mentions in passing)."""
    doc = ctx.sent.doc
    toks = [doc[i] for i in sorted(content)]
    ordered = [t for t in toks if t.dep_ in SUBJECT_DEPS and t.head.dep_ != "relcl"] + [
        t for t in toks if t.dep_ not in SUBJECT_DEPS and t.pos_ in ("PROPN", "NOUN")
        and not (t.dep_ == "compound" and t.head.pos_ == "NOUN")  # not the place in 'the Arlit road'
        and not (t.dep_ == "pobj" and t.head.lower_ in ("from", "with"))  # not the advisers in 'drafted with advice from ...'
        and not (t.ent_type_ == "NORP" and t.tag_ in ("NNPS", "NNS"))]  # not the people in 'refugees, most of them ethnic Georgians'

    for tok in ordered:
        if tok.pos_ == "PRON" and speaker is not None and speaker.kind == "person":
            continue
        ent = resolve(tok, ctx.offset, ctx.reg)
        if ent is not None and ent.kind == "person" and " " not in ent.name and not ent.role and not ent.aliases:
            continue
        if ent is not None and not ent.is_source and ent is not speaker:
            return ent
    return None


def _has_position(ctx: Context, content: list[int]) -> bool:
    return any(ctx.sent.doc[i].lemma_.lower() in WANTING for i in content)


def continued_speaker(frame: Frame, ctx: Context) -> Entity | None:
    """'The spokesman said President Demkin's government was ready. But he added ...': a
    pronoun that speaks right after a speaker continues that speaker, not the person last
    named inside what they said (only as the subject of the sentence's main verb: a 'he'
    inside someone else's words is not the previous speaker)."""
    if ctx.previous_speaker is None or frame.speaker.lower_ not in PERSONAL_PRONOUNS or frame.form == "reported_position":
        return None
    verb = frame.speaker.head
    if not (frame.speaker.dep_ in SUBJECT_DEPS and verb.dep_ == "ROOT"):
        return None
    return ctx.previous_speaker if called(ctx.previous_speaker, pronoun_word(frame.speaker.text)) else None


def speaks_in_person(frame: Frame, found: Owner) -> bool:
    """A speaker a later 'he' or 'she' can continue: a person, or an unnamed spokesperson
    standing for a body; never a document or a source describing someone else."""
    if found.form in ("source_describes", "according_to") or found.party.is_source:
        return False
    lemma = frame.speaker.lemma_.lower()
    if found.party.kind == "person":
        return referable(found.party)
    return lemma in UNNAMED_SPEAKERS and lemma not in DOCUMENT_HEADS


def owner(frame: Frame, ctx: Context) -> Owner | None:
    """The owner of one frame, or None when its speaker is no entity."""
    if inside_quote(frame.speaker.idx, ctx.runs, ctx.para_text) and frame.form != "dash_colon":
        return None
    speaker = continued_speaker(frame, ctx) or resolve(frame.speaker, ctx.offset, ctx.reg)
    if speaker is None:
        return None
    form = frame.form
    attribution = np_text(frame.speaker)
    party = speaker
    if speaker.is_source:
        party = described(ctx, frame.content, None)
        if party is None:
            return None
        form = "according_to" if form == "according_to" else "source_describes"
        attribution = ", ".join(x for x in (attribution, frame.citing) if x)
        if frame.relay:
            attribution += f", quoted by {frame.relay}"
    elif form == "indirect_speech" and not ctx.has_quote and (
            speaker.kind == "person" and not speaker.speaks_for
            or speaker.kind != "person" and frame.speaker.lemma_.lower() in ANONYMOUS_HEADS):
        other = described(ctx, frame.content, speaker)
        if other is not None and other.kind == "person" and _has_position(ctx, frame.content):
            party, form = other, "source_describes"
    if ctx.has_quote and form == "indirect_speech":
        form = "direct_quote"
    return Owner(party, form, attribution)


def their_statement(head) -> bool:
    """'..., the statement said': a document named just before in the paragraph speaks
    for whoever issued it."""
    return head.lemma_.lower() in DOCUMENT_HEADS and any(
        c.lower_ in ("the", "this", "that") for c in head.children if c.dep_ == "det")


def second_clause_owner(used: Frame, frames: list[Frame], ctx: Context, party: Entity) -> Owner | None:
    """'Al-Shabaab rejected the truce, while the government said it was ready': a second
    party with its own main clause in the same sentence, outside the first one's content."""
    taken = set(used.content) | {used.speaker.i}
    others = [f for f in frames if f is not used] + [f for f in position_frames(ctx.sent) if f.speaker.i not in taken]
    for frame in others:
        if frame.speaker.i in taken or frame.speaker.head.i in taken:
            continue
        found = owner(frame, ctx)
        if found is not None and found.party is not party and not found.party.is_source:
            return found
    return None
