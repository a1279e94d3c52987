"""Attribution frames in one sentence: (speaker noun phrase, content, form).

Forms: indirect speech and direct quotes around a speech verb, "according to", dash
and colon attributions ("“...” — Anna Korr"), and reported positions with no speech
verb ("X rejected the truce"). Quote runs are found per paragraph; a quote may span
sentences and stay open to the paragraph's end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stance.extract.lexicon import DOCUMENT_HEADS, POSITION_ADJECTIVES, POSITION_VERBS, SPEECH_VERBS

OPENERS = "“«\""
CLOSERS = "”»\""
SUBJECT_DEPS = ("nsubj", "nsubjpass")
DASH_ATTR = re.compile(r"[”\"]\s*[—–-]{1,2}\s*(?P<who>[^—–]{3,200})$")
COLON_ATTR = re.compile(r"^(?P<who>[^:“\"]{3,80}):\s*[“\"]")


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


def inside_quote(pos: int, runs: list[tuple[int, int]], text: str) -> bool:
    """Whether a paragraph character position lies inside a closed quotation: words in a
    quote are the quoted speaker's, never an attribution of their own. (An unclosed quote
    may have swallowed its own attribution, so it does not count.)"""
    return any(a < pos < b and text[b - 1] in CLOSERS for a, b in runs)


def np_text(head) -> str:
    """The noun phrase as written, without relative clauses, appositions or punctuation."""
    toks = [t for t in head.subtree if not (t.dep_ in ("relcl", "acl") and t.head.i == head.i) and t.dep_ != "punct"]
    drop = {x.i for t in head.children if t.dep_ in ("relcl", "acl", "appos") for x in t.subtree}
    keep = [t for t in toks if t.i not in drop]
    if not keep:
        return head.text
    return head.doc[min(t.i for t in keep) : max(t.i for t in keep) + 1].text.strip(" ,")


def misparsed_main_verb(verb) -> bool:
    """"Algeria, which brokered the accord, called for a halt", "The envoy, Dr. X, ..., proposed a
    truce": the parser made the sentence one noun phrase and its verb a participle of it."""
    return (verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBN") and verb.head.pos_ in ("PROPN", "NOUN")
            and verb.head.dep_ == "ROOT" and not any(c.dep_ == "agent" for c in verb.children))


def verb_in_relative(verb) -> bool:
    """"The Union and the four other states that border the Gap urged ...": the parser put the
    main verb inside the relative clause (its subject "the Gap") and left the sentence verbless."""
    rel = verb.head
    return (verb.dep_ == "ccomp" and rel.dep_ == "relcl" and verb.sent.root.pos_ in ("PROPN", "NOUN")
            and rel.head.i in {t.i for t in verb.sent.root.subtree} and verb.i > rel.i)


def subject(verb):
    if misparsed_main_verb(verb):
        return verb.head
    if verb_in_relative(verb):
        return verb.sent.root
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    real = [c for c in subjects if not (c.is_upper and len(c.text) > 2 and c.i < 8)]
    if len(real) > 1:  # '"... she calls that a peace plan," Gravell said': the parser gave 'said' two subjects
        return max((c for c in real if c.i < verb.i), key=lambda c: c.i, default=real[0])
    if real or subjects:
        first = (real or subjects)[0]
        return (_name_before(verb) if first.i > verb.i and first.pos_ != "PROPN" else None) or first
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return subject(verb.head)
    return fronted_apposition(verb)


def fronted_apposition(verb):
    """"In Vell, the leader of the Harvest League, Oda Kestrel, said ...": the parser hung the
    speaker as an apposition of the place that opens the sentence and left "said" no subject."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.i < verb.i):
        appos = [a for p in prep.children if p.dep_ == "pobj" for a in p.children if a.dep_ == "appos" and a.i < verb.i]
        if appos:
            return next((a for a in reversed(appos) if a.ent_type_ == "PERSON"), appos[-1])
    return _name_before(verb)


def _name_before(verb):
    """"In a statement read by his spokesman, X, the chairman of the Soviet, Taimuraz Kabisov,
    said ...": the parser hung the speaker as an apposition inside the opening clause; the
    name that ends just before the verb is its subject (also when the parser took a noun after
    the verb for it)."""
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if before is not None and before.is_punct and before.text == ",":
        before = verb.doc[verb.i - 2] if verb.i > 1 else None
    if before is not None and before.dep_ == "appos" and before.ent_type_ == "PERSON":
        return before
    return None


def subtree_ids(tok, exclude=()) -> list[int]:
    ex = {t.i for e in exclude for t in e.subtree}
    return [t.i for t in tok.subtree if t.i not in ex]


def _citing(verb) -> str:
    for child in verb.children:
        if child.lower_ in ("citing", "quoting") and child.dep_ in ("advcl", "xcomp", "prep", "conj", "acl"):
            objs = [c for c in child.children if c.dep_ in ("dobj", "pobj", "obj")]
            if objs:
                return f"citing {np_text(objs[0])}"
    return ""


def _relay(verb) -> str:
    """'..., quoted by Reuters': who relayed a quote."""
    relay = ""
    if verb.lemma_ in ("quote", "cite"):
        for ag in (c for c in verb.children if c.dep_ == "agent"):
            objs = [c for c in ag.children if c.dep_ == "pobj"]
            if objs:
                relay = np_text(objs[0])
    return relay


def _according_to(tok, sent) -> Frame | None:
    objs = [c for c in tok.nbor(1).children if c.dep_ == "pobj"]
    if not objs:
        return None
    skip = {x.i for x in tok.subtree}
    return Frame(objs[0], [t.i for t in sent if t.i not in skip], "according_to")


def asked_about(verb) -> bool:
    """A verb inside the reporter's question ("Asked whether the government had replied, a
    spokeswoman said ..."): it reports nobody's words."""
    return any(a.lower_ == "asked" and a.dep_ in ("advcl", "csubj") and a.i < verb.i for a in verb.ancestors)


def after_question(verb):
    """The speaker the parser hung on the question before a subject-less verb: in "Asked
    whether ... the proposal, a spokeswoman for the presidency, Mara Lint, said", the person
    named last, else the first role noun, in apposition between the question and the verb."""
    asked = next((c for c in verb.children if c.dep_ == "advcl" and c.lower_ == "asked" and c.i < verb.i), None)
    if asked is None:
        return None
    between = [t for t in verb.doc[asked.i + 1 : verb.i] if t.dep_ == "appos"]
    people = [t for t in between if t.ent_type_ == "PERSON"]
    return people[-1] if people else next((t for t in between if t.pos_ == "NOUN"), None)


def document_before(verb):
    """'"...," an MEF statement faxed to the Herald said': the parser read the participle as a
    verb whose subject is the document, and left 'said' with none; the document is the speaker."""
    for c in verb.children:
        if c.dep_ == "ccomp" and c.tag_ in ("VBD", "VBN") and c.i < verb.i and c.right_edge.i == verb.i - 1:
            docs = [x for x in c.children if x.dep_ == "nsubj" and x.lemma_.lower() in DOCUMENT_HEADS]
            if docs:
                return docs[0]
    return None


def participle_subject(verb):
    """'Ange Ornano took the opposite line, saying ...', 'a spokesman read out a statement saying
    ...': a speaking participle's subject is its clause's (through the document it describes)."""
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.pos_ in ("VERB", "AUX"):
        return subject(verb.head)
    document = verb.head
    if (verb.dep_ == "acl" and verb.tag_ == "VBG" and document.lemma_.lower() in DOCUMENT_HEADS
            and document.dep_ == "dobj" and document.head.pos_ == "VERB"):
        return subject(document.head)
    return None


def narrated_after(clause) -> bool:
    """'..., a day after the main rebel coalition declared itself ready': a clause the parser
    hangs on 'said' that is the reporter's narration of another event, not the words said."""
    return any(c.dep_ == "npadvmod" and any(g.lower_ in ("after", "before") for g in c.children) for c in clause.children)


def speaks(verb) -> bool:
    """A speech verb, or 'sent word (that ...)', 'passed a message'."""
    return verb.lemma_.lower() in SPEECH_VERBS or (verb.lemma_.lower() in ("send", "pass") and any(
        c.dep_ == "dobj" and c.lemma_.lower() in ("word", "message") for c in verb.children))


def speech_frames(sent) -> list[Frame]:
    frames: list[Frame] = []
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and tok.nbor(1).lower_ == "to":
            frame = _according_to(tok, sent)
            if frame is not None:
                frames.append(frame)
            continue
        if tok.pos_ not in ("VERB", "AUX") or not speaks(tok):
            continue
        subj = subject(tok) or after_question(tok) or document_before(tok) or participle_subject(tok)
        if subj is None or subj.lower_ in ("that", "which", "it") or asked_about(tok):
            continue
        comps = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp") and c.lower_ != "saying" and not narrated_after(c)
                 and not (c.left_edge.i <= subj.i <= c.right_edge.i)]  # the speaker is never inside what it says
        if comps:
            content = [i for c in comps for i in subtree_ids(c)]
        elif tok.dep_ in ("parataxis", "ccomp", "conj") and tok.head.i != tok.i:
            content = subtree_ids(tok.head, exclude=[tok])
        else:
            verb_ids = {x.i for x in tok.subtree}
            content = [t.i for t in sent if t.i not in verb_ids or t.is_punct]
            content = [i for i in content if i < subj.left_edge.i or i > tok.i] or [t.i for t in sent]
        if not any(sent.doc[i].is_alpha for i in content):  # '... said in a leaflet left at mosques that ...': a misattached 'that'
            content = [t.i for t in sent if t.i > tok.i] if tok.dep_ == "ROOT" else []
        if not any(sent.doc[i].is_alpha for i in content):
            content = [t.i for t in sent if t.i < subj.left_edge.i]
            if not any(sent.doc[i].is_alpha for i in content):
                continue
        frames.append(Frame(subj, content, "indirect_speech", relay=_relay(tok), citing=_citing(tok)))
    return frames


CONDITION_MARKS = frozenset("if unless until once".split())


def conditioned(verb) -> bool:
    """'..., but only if Velmont extended it': a verb inside someone's condition is no position of its subject."""
    return any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in verb.children)


def position_frames(sent) -> list[Frame]:
    frames = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma == "put" and any(c.dep_ == "prt" and c.lower_ == "forward" for c in tok.children):
            lemma = "propose"  # 'They put forward a truce in three phases'
        verbal = tok.pos_ == "VERB" and lemma in POSITION_VERBS and (
            tok.dep_ in ("ROOT", "conj", "ccomp") or misparsed_main_verb(tok))
        adjectival = tok.pos_ == "AUX" and any(c.dep_ == "acomp" and c.lemma_.lower() in POSITION_ADJECTIVES for c in tok.children)
        participle = (tok.pos_ == "VERB" and lemma in POSITION_VERBS and tok.dep_ == "advcl" and tok.tag_ == "VBG"
                      and tok.head.pos_ in ("VERB", "AUX"))  # "X took the opposite view, urging both sides to stop"
        if not (verbal or adjectival or participle) or conditioned(tok):
            continue
        subj = subject(tok) or (subject(tok.head) if participle else None)
        if subj is not None:
            frames.append(Frame(subj, subtree_ids(tok), "reported_position"))
    return frames


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
        heads = named or [t for t in sent if lo <= t.idx < hi and t.pos_ in ("PROPN", "NOUN", "PRON") and (t.head.idx < lo or t.head.idx >= hi or t.head.i == t.i)]
        if heads:
            content = [t.i for t in sent if not (lo <= t.idx < hi)]
            return [Frame(heads[0], content, "dash_colon")]
    return []


THOSE_WORDS = re.compile(r"^\W*(?:with )?(?:those|these|the) (?:words|remarks|lines)\b|^\W*(?:that|this) (?:was|is)\b|"
                         r"^\W*the (?:plea|appeal|offer|call|warning|message|answer|reply|response|pledge) (?:came|was made)\b",
                         re.IGNORECASE)
UTTERANCE_NOUNS = frozenset(
    "that this offer remark word warning appeal message statement proposal promise comment threat pledge plea call "
    "answer reply response".split())
DELIVERY_VERBS = frozenset("make deliver issue give read broadcast voice put".split())


def object_of(head, preposition: str):
    """The object of ``head``'s ``preposition`` ("General Maelis" in 'a statement from General
    Maelis'), or None."""
    return next((p for c in head.children if c.lower_ == preposition for p in c.children if p.dep_ == "pobj"), None)


def made_by_frames(sent) -> list[Frame]:
    """'"Thirty days without a bomb from us." That was the offer made on Monday by the minister,
    Oriana Desmet-Vall': words given by the agent of a passive delivery verb, or that 'came from'
    someone ("The plea came on Thursday from Father ..."), are theirs (and so are the quotes
    before them, which the paragraph's pending quotes take from here)."""
    for tok in sent:
        if tok.lemma_.lower() not in DELIVERY_VERBS or tok.tag_ != "VBN":
            continue
        said = tok.head if tok.dep_ == "acl" else next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        by = next((t for t in tok.subtree if t.lower_ == "by" and t.dep_ in ("agent", "prep")), None)
        agent = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
        if said is None or agent is None or said.lemma_.lower() not in UTTERANCE_NOUNS:
            continue
        after = [e.root for e in sent.ents if e.label_ == "PERSON" and e.start > by.i]  # 'by the minister, Oriana Desmet-Vall'
        within = [t for t in after if t in agent.subtree] or after[:1]  # not '... at a news conference in Tesk'
        return [Frame(within[0] if within else agent, [t.i for t in sent if t.i < by.i], "indirect_speech")]
    for came in (t for t in sent if t.lemma_ == "come"):  # 'The plea came on Thursday from Father Ilyas Berrend'
        said = next((c for c in came.children if c.dep_ == "nsubj" and c.lemma_.lower() in UTTERANCE_NOUNS), None)
        source = object_of(came, "from")
        if said is not None and source is not None:
            return [Frame(source, [t.i for t in sent if t.i < came.i], "indirect_speech")]
    if not THOSE_WORDS.match(sent.text):
        return []
    for be in (t for t in sent if t.lemma_ == "be"):  # 'Those words, read out on the radio, were the Front's order to its units'
        attrs = [a for a in be.children if a.dep_ == "attr"]
        owners = [p for a in attrs for p in a.children if p.dep_ == "poss" and p.pos_ == "PROPN"]
        owners += [o for a in attrs for p in a.children if p.lower_ == "of"  # '... were the reply of Maelis Gantry'
                   for o in p.children if o.dep_ == "pobj" and o.pos_ == "PROPN"]
        if owners:
            return [Frame(owners[0], [t.i for t in sent], "indirect_speech")]
    return []


def frames_of(sent, in_quote: bool) -> list[Frame]:
    """Every frame of a sentence: punctuation or speech frames (or words a passive gives to
    its agent), then (outside a quote) reported positions whose speaker has no frame yet."""
    frames = punctuation_frames(sent) or speech_frames(sent) or made_by_frames(sent)
    if not in_quote:
        frames = frames + [f for f in position_frames(sent) if all(f.speaker.i != g.speaker.i for g in frames)]
    return frames
