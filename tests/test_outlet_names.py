"""An outlet's name is a source the summary cites, never a loaded word it uses."""

from stance.summarize.gate import SourcePool, check
from stance.types import SourceSentence

SAID = "The brigade rejected the truce on Sunday, its commander said."


def pool() -> SourcePool:
    s = SourceSentence("a.txt", "Evil Empire News", SAID, 0, len(SAID))
    return SourcePool([s], [SAID], ["Evil Empire News"])


def test_outlet_name_is_not_a_loaded_word():
    verdict = check(f"According to Evil Empire News, {SAID[0].lower()}{SAID[1:]}", pool(), core=SAID)
    assert verdict.ok, verdict.reasons


def test_the_same_word_outside_the_name_still_counts():
    verdict = check("According to Evil Empire News, the evil brigade rejected the truce on Sunday.", pool())
    assert "loaded words outside quotation marks: evil" in verdict.reasons
