"""Whether a statement is about a ceasefire, truce or talks toward a halt.

A statement is relevant on its own words; one with no such word ("Until that day, we
fight.") is relevant when the same party's statement in its paragraph is. The learned
decision (stance.extract.relevance_model) then has the last word.
"""

from __future__ import annotations

from stance.extract.frames import CLOSERS, OPENERS
from stance.extract.lexicon import FRAMING, IRRELEVANT, NON_POSITION, RELEVANCE, SEPARATE_MATTER, STRONG_RELEVANCE, stance_cues
from stance.extract.relevance_model import relevance_model
from stance.types import Statement


def relevant(text: str) -> bool:
    """About a ceasefire, truce or talks toward a halt, and not a refusal to say anything."""
    if NON_POSITION.search(text) or framing(text):
        return False
    if SEPARATE_MATTER.search(text):
        return bool(STRONG_RELEVANCE.search(text)) and not IRRELEVANT.search(text)
    if STRONG_RELEVANCE.search(text):
        return True
    return bool(RELEVANCE.search(text) or stance_cues().search(text)) and not IRRELEVANT.search(text)


def framing(text: str) -> bool:
    """Only announces a position that the following sentences give, and quotes nothing."""
    return bool(FRAMING.search(text)) and not STRONG_RELEVANCE.search(text) and not any(c in text for c in OPENERS + CLOSERS)


def context_relevance(statements: list[Statement], paragraphs: list[tuple[int, int]]) -> None:
    """Mark a party's statement relevant when its statement in the same paragraph is."""
    def para(st: Statement) -> int:
        return next((i for i, (a, b) in enumerate(paragraphs) if a <= st.start < b), -1)

    hot = {para(s) for s in statements if s.relevant}
    for st in statements:
        if not st.relevant and para(st) in hot and not (NON_POSITION.search(st.text) or IRRELEVANT.search(st.text) or framing(st.text)):
            st.relevant = True


def learned_relevance(statements: list[Statement]) -> None:
    """The learned decision on each statement, given the lexical rule's verdict."""
    model = relevance_model()
    for st in statements:
        st.relevant = model.relevant(st.text, st.form, st.relevant)
