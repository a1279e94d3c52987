"""Finding who said what: attribution frames in each body sentence.

A frame is (speaker noun phrase, content, form). Forms: direct quotes (a quote run may
span sentences and paragraphs; a quote without its own attribution takes the one in its
paragraph, or the previous paragraph's when the quote is reopened), indirect speech,
"according to", dash and colon attributions, reported positions with no speech verb,
and sources describing someone else's position (the described party becomes the party,
the source the attribution). Words inside a closed quotation never attribute anything;
a second party with its own main clause gets the sentence too ("X rejected the truce,
while Y said it was ready").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stance.extract.entities import ANONYMOUS_HEADS, Entity, EntityIndex
from stance.extract.lexicon import (
    IRRELEVANT,
    NON_POSITION,
    POSITION_ADJECTIVES,
    POSITION_VERBS,
    RELEVANCE,
    SEPARATE_MATTER,
    SPEECH_VERBS,
)
from stance.types import Statement

OPENERS = "“«\""
CLOSERS = "”»\""
STRONG_RELEVANCE = re.compile(r"cease-?\s?fire|truce|armistice|freez\w* the (war|conflict|front|fighting)|hostilities|peace (talks|deal|plan|process|negotiations|agreement)", re.I)
SUBJECT_DEPS = ("nsubj", "nsubjpass")


@dataclass
class Frame:
    speaker: object  # spaCy token heading the speaker noun phrase
    content: list[int]  # token indices of the content
    form: str
    relay: str = ""
    citing: str = ""


def quote_runs(text: str, carry_open: bool) -> tuple[list[tuple[int, int]], bool]:
    """Character ranges inside quotation marks; an unclosed quote stays open to paragraph end."""
    runs, start, open_ = [], None, carry_open
    if open_:
        start = 0
    for i, ch in enumerate(text):
        if ch in "“«" or (ch == '"' and not open_):
            if not open_:
                start, open_ = i, True
        elif ch in "”»" or (ch == '"' and open_):
            if open_:
                runs.append((start, i + 1))
                open_, start = False, None
    if open_ and start is not None:
        runs.append((start, len(text)))
    return runs, open_


def _np_text(head) -> str:
    toks = [t for t in head.subtree if not (t.dep_ in ("relcl", "acl") and t.head is head) and t.dep_ != "punct"]
    keep, drop = set(), set()
    for t in head.children:
        if t.dep_ in ("relcl", "acl", "appos"):
            drop.update(x.i for x in t.subtree)
    keep = [t for t in toks if t.i not in drop]
    if not keep:
        return head.text
    return head.doc[min(t.i for t in keep) : max(t.i for t in keep) + 1].text.strip(" ,")


def _subject(verb):
    if verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBN") and verb.head.pos_ == "PROPN" and verb.head.dep_ == "ROOT":
        return verb.head  # "Algeria, which brokered the accord, called for a halt" misparsed as a noun phrase
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    real = [c for c in subjects if not (c.is_upper and len(c.text) > 2 and c.i < 8)]
    if real or subjects:
        return (real or subjects)[0]
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)
    return None


def _subtree_ids(tok, exclude=()) -> list[int]:
    ex = set()
    for e in exclude:
        ex.update(t.i for t in e.subtree)
    return [t.i for t in tok.subtree if t.i not in ex]


def _citing(verb) -> str:
    for child in verb.children:
        if child.lower_ in ("citing", "quoting") and child.dep_ in ("advcl", "xcomp", "prep", "conj", "acl"):
            objs = [c for c in child.children if c.dep_ in ("dobj", "pobj", "obj")]
            if objs:
                return f"citing {_np_text(objs[0])}"
    return ""


def speech_frames(sent) -> list[Frame]:
    frames: list[Frame] = []
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and tok.nbor(1).lower_ == "to":
            objs = [c for c in tok.nbor(1).children if c.dep_ == "pobj"]
            if objs:
                content = [t.i for t in sent if t.i not in {x.i for x in tok.subtree}]
                frames.append(Frame(objs[0], content, "according_to"))
            continue
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in SPEECH_VERBS:
            continue
        subj = _subject(tok)
        if subj is None or subj.lower_ in ("that", "which", "it"):
            continue
        relay = ""
        if tok.lemma_ in ("quote", "cite"):
            agents = [c for c in tok.children if c.dep_ == "agent"]
            for ag in agents:
                objs = [c for c in ag.children if c.dep_ == "pobj"]
                if objs:
                    relay = _np_text(objs[0])
        comps = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp") and c.lower_ != "saying"]
        if comps:
            content = [i for c in comps for i in _subtree_ids(c)]
        elif tok.dep_ in ("parataxis", "ccomp", "conj") and tok.head.i != tok.i:
            content = _subtree_ids(tok.head, exclude=[tok])
        else:
            content = [t.i for t in sent if t.i not in {x.i for x in tok.subtree} or t.is_punct]
            content = [i for i in content if i < subj.left_edge.i or i > tok.i] or [t.i for t in sent]
        if not any(sent.doc[i].is_alpha for i in content):
            content = [t.i for t in sent if t.i < subj.left_edge.i]
            if not any(sent.doc[i].is_alpha for i in content):
                continue
        frames.append(Frame(subj, content, "indirect_speech", relay=relay, citing=_citing(tok)))
    return frames


def position_frames(sent) -> list[Frame]:
    frames = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        verbal = tok.pos_ == "VERB" and lemma in POSITION_VERBS and (
            tok.dep_ in ("ROOT", "conj", "ccomp")
            or (tok.dep_ == "acl" and tok.tag_ in ("VBD", "VBN") and tok.head.dep_ == "ROOT" and tok.head.pos_ == "PROPN"))
        adjectival = tok.pos_ == "AUX" and any(c.dep_ == "acomp" and c.lemma_.lower() in POSITION_ADJECTIVES for c in tok.children)
        if not (verbal or adjectival):
            continue
        subj = _subject(tok)
        if subj is not None:
            frames.append(Frame(subj, _subtree_ids(tok), "reported_position"))
    return frames


DASH_ATTR = re.compile(r"[”\"]\s*[—–-]{1,2}\s*(?P<who>[^—–]{3,200})$")
COLON_ATTR = re.compile(r"^(?P<who>[^:“\"]{3,80}):\s*[“\"]")


def punctuation_frames(sent) -> list[Frame]:
    """'“...” — Defence Minister Anna Korr' and 'Anna Korr: “...”'."""
    text = sent.text.strip()
    for pattern in (DASH_ATTR, COLON_ATTR):
        m = pattern.search(text)
        if not m:
            continue
        lo = sent.start_char + sent.text.index(m.group("who"))
        hi = lo + len(m.group("who"))
        named = [e.root for e in sent.ents if e.label_ == "PERSON" and lo <= e.start_char < hi]
        heads = named or [t for t in sent if lo <= t.idx < hi and t.pos_ in ("PROPN", "NOUN", "PRON") and (t.head.idx < lo or t.head.idx >= hi or t.head is t)]
        if heads:
            content = [t.i for t in sent if not (lo <= t.idx < hi)]
            return [Frame(heads[0], content, "dash_colon")]
    return []


def _described(index: EntityIndex, sent, content: list[int], offset: int, speaker: Entity | None) -> Entity | None:
    """The party whose position a content clause describes (subjects first)."""
    doc = sent.doc
    toks = [doc[i] for i in sorted(content)]
    ordered = [t for t in toks if t.dep_ in SUBJECT_DEPS] + [t for t in toks if t.dep_ not in SUBJECT_DEPS and t.pos_ in ("PROPN", "NOUN")]
    for tok in ordered:
        if tok.pos_ == "PRON" and speaker is not None and speaker.kind == "person":
            continue
        ent = index.resolve_np(tok, offset)
        if ent is not None and ent.kind == "person" and " " not in ent.name and not ent.role and not ent.aliases:
            continue
        if ent is not None and not ent.is_source and ent is not speaker:
            return ent
    return None


def _has_position(sent, content: list[int]) -> bool:
    doc = sent.doc
    for i in content:
        t = doc[i]
        if t.lemma_.lower() in POSITION_VERBS | POSITION_ADJECTIVES | {"interested", "want", "ready"}:
            return True
    return False


def _owner(frame: Frame, index: EntityIndex, sent, offset: int, runs, para_text: str, has_quote: bool):
    """(party, form, attribution) for one frame, or None when its speaker is no entity."""
    if _inside(frame.speaker.idx, runs, para_text) and frame.form != "dash_colon":
        return None
    speaker = index.resolve_np(frame.speaker, offset)
    if speaker is None:
        return None
    form = frame.form
    spoken_text = _np_text(frame.speaker)
    attribution = spoken_text
    party = speaker
    if speaker.is_source:
        party = _described(index, sent, frame.content, offset, None)
        if party is None:
            return None
        form = "according_to" if form == "according_to" else "source_describes"
        attribution = ", ".join(x for x in (spoken_text, frame.citing) if x)
        if frame.relay:
            attribution += f", quoted by {frame.relay}"
    elif form == "indirect_speech" and not has_quote and (
            speaker.kind == "person" and not speaker.speaks_for
            or speaker.kind != "person" and frame.speaker.lemma_.lower() in ANONYMOUS_HEADS):
        described = _described(index, sent, frame.content, offset, speaker)
        if described is not None and described.kind == "person" and _has_position(sent, frame.content):
            party, form = described, "source_describes"
    if has_quote and form == "indirect_speech":
        form = "direct_quote"
    return party, form, attribution


def _their_statement(head) -> bool:
    """'..., the statement said': a document named just before in the paragraph speaks
    for whoever issued it."""
    return head.lemma_.lower() in ("statement", "letter", "communique", "communiqué", "message") and any(
        c.lower_ in ("the", "this", "that") for c in head.children if c.dep_ == "det")


def _second_clause_owner(used: Frame, frames: list[Frame], index, sent, offset, runs, para_text, has_quote, party):
    """'Al-Shabaab rejected the truce, while the government said it was ready': a second
    party with its own main clause in the same sentence, outside the first one's content."""
    taken = set(used.content) | {used.speaker.i}
    others = [f for f in frames if f is not used] + [f for f in position_frames(sent) if f.speaker.i not in taken]
    for frame in others:
        if frame.speaker.i in taken or frame.speaker.head.i in taken:
            continue
        owner = _owner(frame, index, sent, offset, runs, para_text, has_quote)
        if owner is not None and owner[0] is not party and not owner[0].is_source:
            return owner
    return None


def _inside(pos: int, runs: list[tuple[int, int]], text: str) -> bool:
    """Whether a paragraph character position lies inside a closed quotation: words in a
    quote are the quoted speaker's, never an attribution of their own. (An unclosed quote
    may have swallowed its own attribution, so it does not count.)"""
    return any(a < pos < b and text[b - 1] in CLOSERS for a, b in runs)


def relevant(text: str) -> bool:
    """About a ceasefire, truce or talks toward a halt, and not a refusal to say anything."""
    if NON_POSITION.search(text):
        return False
    if SEPARATE_MATTER.search(text):
        return bool(STRONG_RELEVANCE.search(text)) and not IRRELEVANT.search(text)
    if STRONG_RELEVANCE.search(text):
        return True
    return bool(RELEVANCE.search(text)) and not IRRELEVANT.search(text)


def extract_statements(parsed: list[tuple[int, object]], index: EntityIndex) -> list[tuple[Entity, Statement]]:
    """Every attributed statement in the body, with the entity it belongs to."""
    out: list[tuple[Entity, Statement]] = []
    carry_open = False
    last_quote_owner: tuple[Entity, str, str] | None = None
    for offset, doc in parsed:
        para_text = doc.text
        runs, carry_open_next = quote_runs(para_text, carry_open and para_text[:1] in OPENERS)
        if para_text[:1] not in OPENERS:
            last_quote_owner = last_quote_owner if carry_open else None
        pending: list = []
        para_owner: tuple[Entity, str, str] | None = None
        for sent in doc.sents:
            text = sent.text.strip()
            if not text:
                continue
            lead = len(sent.text) - len(sent.text.lstrip())
            start = offset + sent.start_char + lead
            quoted = sum(max(0, min(b, sent.end_char) - max(a, sent.start_char)) for a, b in runs)
            in_quote = quoted > 0.5 * max(1, sent.end_char - sent.start_char)
            has_quote = quoted > 0.3 * max(1, sent.end_char - sent.start_char)
            frames = punctuation_frames(sent) or speech_frames(sent)
            if not in_quote:
                frames = frames + [f for f in position_frames(sent) if all(f.speaker.i != g.speaker.i for g in frames)]
            owner, used = None, None
            for frame in frames:
                owner = _owner(frame, index, sent, offset, runs, para_text, has_quote)
                if owner is None and para_owner is not None and _their_statement(frame.speaker):
                    owner = (para_owner[0], frame.form, para_owner[2])
                if owner is not None:
                    used = frame
                    break
            if owner is not None and not in_quote:
                extra = _second_clause_owner(used, frames, index, sent, offset, runs, para_text, has_quote, owner[0])
                if extra is not None:
                    out.append(_statement(extra, start, text))
            if owner is None and in_quote:
                owner = ("pending", "direct_quote", "")
            if owner is None:
                continue
            item = (start, text, owner)
            if owner[0] == "pending":
                pending.append(item)
                continue
            para_owner = owner
            for p_start, p_text, _ in pending:
                out.append(_statement(owner, p_start, p_text))
            pending = []
            out.append(_statement(owner, start, text))
        fallback = para_owner or (last_quote_owner if para_text[:1] in OPENERS else None)
        if pending and fallback is not None:
            for p_start, p_text, _ in pending:
                out.append(_statement(fallback, p_start, p_text))
        if para_owner is not None and runs:
            last_quote_owner = para_owner
        elif pending and fallback is not None:
            last_quote_owner = fallback
        carry_open = carry_open_next
    return out


def _statement(owner, start: int, text: str) -> tuple[Entity, Statement]:
    party, form, attribution = owner
    return party, Statement(
        party=party.name, text=text, start=start, end=start + len(text),
        form=form, attribution=attribution, relevant=relevant(text),
    )
