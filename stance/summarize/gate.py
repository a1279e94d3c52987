"""The faithfulness gate: a summary sentence stays only if the sources back it.

Checks, each a reason to drop: a quotation not verbatim in any source; a loaded word
outside quotation marks; no source named; a name or number the sources never use;
too many content words the sources never use (invented phrases such as "stoking
the flames"); weak support from the closest source sentence (embedding cosine when
an embedder is given, word containment otherwise); and a polarity flip against that
closest sentence (negation or refusal present on one side only).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from stance.types import SourceSentence
from stance.extract.lexicon import news_outlets
from stance.summarize.text import (
    QUOTE_SPAN, loaded_words, normalise_quotes, outside_quotes, quoted_spans, words,
)

NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
NUMBER_WORDS.update({"thirty": "30", "forty": "40", "fifty": "50", "hundred": "100", "thousand": "1000",
                     "million": "1000000", "billion": "1000000000", "dozen": "12", "dozens": "12"})
NEGATORS = frozenset("not no never n't nor neither none nobody nothing without cannot".split())
REFUSALS = re.compile(r"\b(reject\w*|refus\w*|dismiss\w*|rul(e|es|ed|ing) out|spurn\w*|rebuff\w*|deni(ed|es)|deny\w*|"
                      r"unlikely|oppos\w*|turn(s|ed)? down)\b", re.IGNORECASE)
FRAME_WORDS = frozenset("""according reported report reports reporting carried same also both position positions only
differ differs agree agrees stance open conditional rejecting source sources account accounts said says while wrote
citing cited quoted quoting outlet outlets read reads told tell asked sets conditions ceasefire rejects event""".split())
STOP = frozenset("""a an the and or but if of to in on at by for from with as is are was were be been being has have had
do does did it its this that these those he she they them his her their him we our us you your i my me who whom which
what when where why how than then there here so such would could should will can may might must shall about after
before over under into out up down more most some any all each other also very just""".split())
DEFAULT_MIN_SUPPORT = 0.55
DEFAULT_MIN_LEXICAL = 0.6
MAX_NOVEL_SHARE = 0.15
MAX_NOVEL = 1
CERTAINTY = frozenset({"confi", "verif", "prove", "prove", "proof", "estab"})
APPOSITIVE = re.compile(r"([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*),\s+(?:a|an)\s+([^,.;]{3,80}),")
FRAME = re.compile(r"^According to [^,]{2,60}, ")


def unnamed(text: str, names: Iterable[str]) -> str:
    """``text`` with each of ``names`` blanked: an outlet called "Evil Empire News" is a source
    the sentence cites, never a loaded word it uses."""
    for name in sorted((n for n in names if n), key=len, reverse=True):
        text = re.sub(r"(?<!\w)" + re.escape(name) + r"(?!\w)", " ", text)
    return text


class Embedder(Protocol):
    def encode(self, texts: list[str]):
        """Unit-length vectors, one row per text (numpy array or nested lists)."""
        ...


@dataclass
class Verdict:
    ok: bool
    reasons: list[str]
    support: float
    evidence: list[SourceSentence] = field(default_factory=list)


@lru_cache(maxsize=1 << 16)  # called for every word of every sentence checked: a vocabulary repeats
def _norm_word(w: str) -> str:
    w = w.lower().replace("’", "'")
    w = re.sub(r"'s$", "", w)
    return NUMBER_WORDS.get(w, w.replace(",", ""))


@lru_cache(maxsize=1 << 16)
def _stem(w: str) -> str:
    """A crude stem: inflection off, then the first five letters (wants, wanted -> want)."""
    if len(w) > 4:
        w = re.sub(r"(ing|ed|es|s)$", "", w)
    return w[:5]


FRAME_STEMS = frozenset(map(_stem, FRAME_WORDS))


def polarity(text: str) -> int:
    """1 when negation or refusal is stated (odd count), else 0; "not ... reject" cancels."""
    toks = [_norm_word(w) for w in re.findall(r"[A-Za-z']+|n't", text.replace("’", "'"))]
    count = sum(1 for t in toks if t in NEGATORS or t.endswith("n't")) + len(REFUSALS.findall(text))
    return count % 2


def negated_words(text: str, scope: int = 4) -> tuple[set[str], set[str]]:
    """(content words within ``scope`` words after a negator, all other content words)."""
    negated, plain, left = set(), set(), 0
    for tok in re.findall(r"n't|[A-Za-z']+|[.,;:!?]", text.replace("’", "'")):
        t = _norm_word(tok)
        if t in ".,;:!?" or t in ("and", "but"):
            left = 0
        elif t in NEGATORS or t.endswith("n't"):
            left = scope
        elif t not in STOP and len(t) > 3:
            (negated if left else plain).add(_stem(t))
            left = max(0, left - 1)
        else:
            left = max(0, left - 1)
    return negated, plain


CLAUSE = re.compile(r",?\s+(?:and|but|while|whereas)\s+|;\s+|\s+[—–]\s+")


def closest_clause(text: str, source: str) -> str:
    """The clause of ``source`` sharing most words with ``text`` (a paraphrase may keep only one)."""
    def content(t: str) -> set[str]:
        plain = re.sub(r"(?<![\w'’-])[A-Z][\w'’-]*", " ", t)
        return {_stem(_norm_word(w)) for w in words(plain) if _norm_word(w) not in STOP | FRAME_WORDS}

    mine = content(text)
    clauses = [c for c in CLAUSE.split(source) if c.strip()] or [source]
    return max(clauses, key=lambda c: len(mine & content(c)))


def negation_flip(text: str, source: str) -> bool:
    """A clause of ``text`` that flips the closest clause of ``source``: a word negated in one and
    asserted in the other, or a different negation/refusal parity. Clause by clause, so that
    leaving out a negated clause is no flip."""
    return any(_flip(c, closest_clause(c, source)) for c in CLAUSE.split(text) if c.strip())


def _flip(text: str, source: str) -> bool:
    neg_a, plain_a = negated_words(text)
    neg_b, plain_b = negated_words(source)
    return polarity(text) != polarity(source) or bool((neg_a & plain_b - neg_b) | (neg_b & plain_a - neg_a))


class SourcePool:
    """Everything a sentence may be checked against: the event's body sentences and names."""

    def __init__(self, sentences: list[SourceSentence], texts: list[str], names: list[str] = ()):  # noqa: B006
        self.sentences = sentences
        self.texts_norm = [normalise_quotes(t) for t in texts]
        vocab = [w for t in [*texts, *names] for w in words(t)]
        self.words = {_norm_word(w) for w in vocab}
        self.stems = {_stem(w) for w in self.words if w not in STOP}
        self.outlets = sorted({s.outlet for s in sentences if s.outlet} | set(news_outlets()), key=len, reverse=True)
        self._vectors = None
        self.asserted = set().union(*(negated_words(s.text)[1] for s in sentences)) if sentences else set()
        self._sentence_stems = [{_stem(_norm_word(w)) for w in words(s.text)} for s in sentences]

    def describes(self, entity: str, description: str) -> bool:
        """Whether a source sentence names ``entity`` with every content word of ``description``."""
        head = _stem(_norm_word(entity.split()[-1]))
        need = {_stem(_norm_word(w)) for w in words(description) if len(w) > 3 and _norm_word(w) not in STOP}
        return any(head in stems and need <= stems for stems in self._sentence_stems)

    def quote_ok(self, span: str) -> bool:
        needle = normalise_quotes(span).strip(" ,.;:")
        return bool(needle) and any(needle in t for t in self.texts_norm)

    def names_source(self, text: str) -> bool:
        return any(re.search(r"(?<!\w)" + re.escape(o) + r"(?!\w)", text) for o in self.outlets)

    def best_matches(self, text: str, embedder: Embedder | None, k: int = 2) -> list[tuple[float, SourceSentence]]:
        if not self.sentences:
            return []
        if embedder is not None:
            import numpy as np

            if self._vectors is None:
                self._vectors = np.asarray(embedder.encode([s.text for s in self.sentences]), dtype=float)
            q = np.asarray(embedder.encode([text]), dtype=float)[0]
            scores = self._vectors @ q
        else:
            mine = {_stem(_norm_word(w)) for w in words(text) if _norm_word(w) not in STOP | FRAME_WORDS}
            scores = []
            for s in self.sentences:
                theirs = {_stem(_norm_word(w)) for w in words(s.text)}
                scores.append(len(mine & theirs) / len(mine) if mine else 0.0)
        order = sorted(range(len(self.sentences)), key=lambda i: -float(scores[i]))[:k]
        return [(max(0.0, min(1.0, float(scores[i]))), self.sentences[i]) for i in order]


def check(text: str, pool: SourcePool, embedder: Embedder | None = None, *, require_source: bool = True,
          min_support: float | None = None, core: str | None = None, claim: bool = True,
          stances: dict[str, str] | None = None, stance_of=None) -> Verdict:
    """Judge one sentence against the pool; ``ok`` is False with reasons when it must be dropped.

    ``core`` is the part to measure support on when the rest is a known frame ("According
    to X, ..."); ``claim=False`` (statements about the sources themselves, such as which
    outlets agree) skips the content checks and keeps quotation, wording and attribution.
    With ``stances`` (party -> stance the sources report) and ``stance_of(party, text)``, a
    sentence whose first-named party reads with another stance is dropped too.
    """
    reasons: list[str] = []
    if len(words(text)) < 4:
        reasons.append("fragment, not a sentence")
    for span in quoted_spans(text):
        if not pool.quote_ok(span):
            reasons.append(f"quotation not verbatim in any source: “{span}”")
    if sum(text.count(q) for q in "\"“”") % 2 and not QUOTE_SPAN.search(text):
        reasons.append("unbalanced quotation marks")
    loaded = loaded_words(unnamed(text, pool.outlets))
    if loaded:
        reasons.append("loaded words outside quotation marks: " + ", ".join(dict.fromkeys(w.lower() for w in loaded)))
    if require_source and not pool.names_source(text):
        reasons.append("names no source")
    if not claim:
        return Verdict(ok=not reasons, reasons=reasons, support=1.0)
    bare = outside_quotes(text)
    tokens = words(bare)
    names = [w for w in re.findall(r"(?<![\w'’-])[A-Z][\w'’-]*", bare)]
    unknown_names = [w for w in names if _norm_word(w) not in pool.words and _norm_word(w) not in FRAME_WORDS | STOP]
    if unknown_names:
        reasons.append("names not in the sources: " + ", ".join(dict.fromkeys(unknown_names)))
    numbers = [_norm_word(w) for w in tokens if w[0].isdigit() or w in NUMBER_WORDS]
    unknown_numbers = [n for n in numbers if n not in pool.words]
    if unknown_numbers:
        reasons.append("numbers not in the sources: " + ", ".join(dict.fromkeys(unknown_numbers)))
    content = [_norm_word(w) for w in tokens if len(w) > 3 and _norm_word(w) not in STOP | FRAME_WORDS]
    novel = [w for w in content if w not in pool.words and _stem(w) not in pool.stems]
    if content and (len(novel) / len(content) > MAX_NOVEL_SHARE or len(novel) > MAX_NOVEL):
        reasons.append("words not in the sources: " + ", ".join(dict.fromkeys(novel)))
    _, asserted = negated_words(re.sub(r"(?<![\w'’-])[A-Z][\w'’-]*", " ", bare))
    unbacked = sorted(w for w in asserted if w not in pool.asserted and (w in CERTAINTY or w in pool.stems)
                      and w not in FRAME_STEMS)
    if unbacked:
        reasons.append("asserts what the sources only deny or never assert: " + ", ".join(unbacked))
    for m in APPOSITIVE.finditer(bare):
        if not pool.describes(m.group(1), m.group(2)):
            reasons.append(f"description not in the sources: “{m.group(1)}, a {m.group(2)}”")
    core = core or FRAME.sub("", text)
    matches = pool.best_matches(core, embedder, k=3)
    support = matches[0][0] if matches else 0.0
    floor = min_support if min_support is not None else (DEFAULT_MIN_SUPPORT if embedder else DEFAULT_MIN_LEXICAL)
    if support < floor:
        reasons.append(f"weak support from the sources ({support:.2f} < {floor:.2f})")
    elif matches and negation_flip(core, matches[0][1].text):
        reasons.append("negation or refusal differs from the closest source sentence")
    subject = first_party(FRAME.sub("", bare), stances) if stances else None
    if subject and matches and not any(_names_party(m.text, subject) for _, m in matches):
        reasons.append(f"the closest source sentences say nothing about {subject}")
    if subject and stance_of:
        said = stance_of(subject, text)
        if said and said != stances[subject]:
            reasons.append(f"reads as {said} for {subject}, whom the sources report as {stances[subject]}")
    return Verdict(ok=not reasons, reasons=reasons, support=round(support, 4), evidence=[m for _, m in matches])


def _names_party(text: str, party: str) -> bool:
    return any(re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", text) for n in {party, party.split()[-1]})


def first_party(text: str, stances: dict[str, str]) -> str | None:
    """The party named first in ``text`` (full name or surname)."""
    found = []
    for party in stances:
        for name in {party, party.split()[-1]}:
            m = re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text)
            if m:
                found.append((m.start(), party))
    return min(found)[1] if found else None
