"""Every attributed statement in an article's body, with the entity it belongs to.

Sentences are read in order. A sentence mostly inside a quote and without an
attribution of its own waits for the next attributed sentence of its paragraph, or
takes the paragraph's owner; a quote reopened at the start of the next paragraph keeps
the previous paragraph's owner.
"""

from __future__ import annotations

import re
from collections import defaultdict

from stance.extract.attribution import Context, Owner, owner, second_clause_owner, speaks_in_person, their_statement
from stance.extract.entities import Entity, Registry
from stance.extract.frames import OPENERS, THOSE_WORDS, Frame, frames_of, inside_quote, quote_runs
from stance.extract.relevance import relevant
from stance.nlp import sentences
from stance.types import Sentence, Statement


def _statement(found: Owner, sentence: Sentence) -> tuple[Entity, Statement]:
    return found.party, Statement(
        party=found.party.name, text=sentence.text, start=sentence.start,
        end=sentence.end, form=found.form, attribution=found.attribution, relevant=relevant(sentence.text),
    )


def _reports_a_speaker(frame: Frame, frames: list[Frame], ctx: Context) -> bool:
    """'According to the bishop, Keel said he was ready': the source only relays a speaker
    inside its content, whose words they are ('According to Kapanadze, Georgia was prepared'
    stays Kapanadze's: a position reported, not words relayed)."""
    return frame.form == "according_to" and any(
        f is not frame and f.form in ("indirect_speech", "direct_quote") and f.speaker.i in frame.content
        and owner(f, ctx) is not None
        for f in frames)


def _first_owner(frames: list[Frame], ctx: Context, para_owner: Owner | None) -> tuple[Owner | None, Frame | None]:
    """The first frame with an owner; "the statement said" belongs to the paragraph's owner."""
    for frame in frames:
        found = owner(frame, ctx)
        if found is None and para_owner is not None and their_statement(frame.speaker):
            found = Owner(para_owner.party, frame.form, para_owner.attribution)
        if found is not None:
            return found, frame
    return None, None


INTERVIEW_TURN = re.compile(r"^[ \t]*(?:(?P<q>Q|Question)|A|Answer)[ \t]*:\s", re.MULTILINE)


def _interviewee(reg: Registry, pos: int) -> Entity | None:
    """The person a Q&A excerpt questions: the one named last before its first question."""
    before = [p for at, p in reg.person_mentions if at < pos and not (p.is_source or p.is_commentator)]
    return before[-1] if before else None


def _answers(paired, turns: list, interviewee: Entity | None, question: bool) -> tuple[list[tuple[Entity, Statement]], bool]:
    """The interviewee's answers in one Q&A paragraph, and whether its last question was about a
    halt ('A: If they fire, we answer.' to a question on the halt is relevant). An answer under five
    words ('A: No.') says nothing a reader can check without its question."""
    out = []
    for sent, record in paired:
        turn = [t for t in turns if t.start() <= sent.start_char]
        if turn and turn[-1].group("q"):
            question = relevant(record.text)
        elif interviewee is not None and turn and len(re.findall(r"\w+", INTERVIEW_TURN.sub("", record.text))) >= 5:
            party, st = _statement(Owner(interviewee, "direct_quote", "interview"), record)
            st.relevant = st.relevant or question
            out.append((party, st))
    return out, question


def _paired_sentences(parsed) -> list[list[tuple[object, Sentence]]]:
    """Each paragraph's spaCy sentences with the records stance.nlp.sentences makes of them."""
    records: dict[int, list[Sentence]] = defaultdict(list)
    for record in sentences(parsed):
        records[record.paragraph].append(record)
    return [list(zip((s for s in doc.sents if s.text.strip()), records[i])) for i, (_, doc) in enumerate(parsed)]


def extract_statements(parsed: list[tuple[int, object]], reg: Registry) -> list[tuple[Entity, Statement]]:
    """Every attributed statement in the body, with the entity it belongs to."""
    out: list[tuple[Entity, Statement]] = []
    carry_open = False
    last_quote_owner: Owner | None = None
    count, speaker_at = 0, (-2, None)  # the sentence count, and the last sentence said by a person with that person
    interviewee: Entity | None = None
    introduced: Entity | None = None  # who the paragraph before speaks of as narrative ("X answered questions")
    question = False  # whether the last interview question was about a halt
    orphans: list[Sentence] = []  # a quoted paragraph nobody owns, which the next may name ("With those words, X ...")
    for (offset, doc), paired in zip(parsed, _paired_sentences(parsed)):
        para_text = doc.text
        turns = list(INTERVIEW_TURN.finditer(para_text))
        if turns:  # a Q&A excerpt: the questions are the reporter's, every answer the interviewee's words
            if turns[0].group("q"):  # the one the paragraph before introduces ("..., an AA spokesman answered questions")
                interviewee = introduced or interviewee or _interviewee(reg, offset)
            answers, question = _answers(paired, turns, interviewee, question)
            out.extend(answers)
            continue
        reopened = para_text[:1] in OPENERS
        runs, carry_open_next = quote_runs(para_text, carry_open and reopened)
        if not reopened and not carry_open:
            last_quote_owner = None
        pending: list[Sentence] = orphans if THOSE_WORDS.match(para_text) else []
        orphans = []
        para_owner: Owner | None = None
        introduced = None
        for sent, record in paired:
            count += 1
            quoted = sum(max(0, min(b, sent.end_char) - max(a, sent.start_char)) for a, b in runs)
            length = max(1, sent.end_char - sent.start_char)
            in_quote = quoted > 0.5 * length
            ctx = Context(reg, sent, offset, runs, para_text, has_quote=quoted > 0.3 * length,
                          previous_speaker=speaker_at[1] if speaker_at[0] == count - 1 else None)
            lead = next((t for t in sent if t.is_alpha), None)  # 'X dismissed the halt as "...": X's own words, mostly quoted
            frames = frames_of(sent, in_quote and (lead is None or any(a <= lead.idx < b for a, b in runs)))
            frames = [f for f in frames if not _reports_a_speaker(f, frames, ctx)]
            found, used = _first_owner(frames, ctx, para_owner)
            if found is None:
                attributed = any(not inside_quote(f.speaker.idx, runs, para_text) for f in frames)
                if in_quote and attributed and para_owner is not None:  # '"...," a ministry official said' after the ministry spoke
                    out.append(_statement(para_owner, record))
                elif in_quote and not attributed:  # words nobody is named for yet: the next speaker may claim them
                    pending.append(record)
                continue
            if not in_quote:
                extra = second_clause_owner(used, frames, ctx, found.party)
                if extra is not None:
                    out.append(_statement(extra, record))
            if speaks_in_person(used, found):
                speaker_at = (count, found.party)
            para_owner = found
            # a government here is most often a name the resolver could place nowhere else ("Nino Beridze, a historian, answered")
            introduced = found.party if found.form in ("indirect_speech", "reported_position") and found.party.kind != "government" else None
            out.extend(_statement(found, p) for p in pending)
            pending = []
            out.append(_statement(found, record))
        fallback = para_owner or (last_quote_owner if reopened else None)
        if pending and fallback is not None:
            out.extend(_statement(fallback, p) for p in pending)
        if para_owner is not None and runs:
            last_quote_owner = para_owner
        elif pending and fallback is not None:
            last_quote_owner = fallback
        elif pending:
            orphans = pending
        carry_open = carry_open_next
    return out
