"""Zero-shot stance with an LLM: the baseline that needs no training data.

The prompt states the three labels as ANNOTATION.md defines them and lists the
party's statements; the LLM answers ``{"stance": ...}``. Local models score the
three allowed answers (graded probabilities, never out of the label set); served
models generate JSON, validated and retried, and the chosen label gets probability 1.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from stance.classify.base import normalise
from stance.llm.config import LLMConfig
from stance.types import LABELS, PartyInput

SYSTEM = "You are a careful news analyst. You label ceasefire stances exactly as defined and answer in JSON."
DEFINITIONS = """Ceasefire stance labels:
- open: the party supports, calls for or is ready to accept a ceasefire, truce or talks.
- conditional: the party would accept a ceasefire only if conditions are met (terms, withdrawals, guarantees, lines).
- rejecting: the party refuses a ceasefire or talks, or vows to keep fighting."""


def stance_prompt(item: PartyInput, max_statements: int = 8) -> str:
    who = f"{item.party} ({item.role})" if item.role else item.party
    lines = [f"{i}. {s}" for i, s in enumerate(item.statements[:max_statements], 1)] or ["(no statements)"]
    context = f"Article: {item.context}\n" if item.context else ""
    return (f"{DEFINITIONS}\n\n{context}Party: {who}\nStatements by or about this party:\n" + "\n".join(lines)
            + "\n\nWhich label fits this party's stance on a ceasefire?")


class LLMClassifier:
    """Backend failures and output that stays invalid raise ``InputError`` (so `predict` reports
    the article in one line and goes on); ``on_invalid='uniform'`` instead warns, counts the
    failure and gives that party uniform (hence low-confidence) probabilities."""

    def __init__(self, llm, on_invalid: str = "raise"):
        self.llm = llm
        self.name = f"llm:{llm.name}"
        self.on_invalid = on_invalid
        self.failures = 0

    def predict(self, items: list[PartyInput]) -> list[dict[str, float]]:
        from stance.io.ingest import InputError
        from stance.llm import InvalidOutput, LLMError

        out = []
        for item in items:
            try:
                probs = self.llm.choose(stance_prompt(item), "stance", list(LABELS), system=SYSTEM)
            except LLMError as err:
                if self.on_invalid == "raise" or not isinstance(err, InvalidOutput):
                    raise InputError(self.name, str(err)) from None
                self.failures += 1
                print(f"warning: {item.party}: {err}", file=sys.stderr)
                probs = {}
            out.append(normalise(probs))
        return out


def load_llm_classifier(spec: str = "llm", config: str | Path | LLMConfig | None = None) -> LLMClassifier:
    """The ``llm[:<backend>]`` classifier of ``--model``, with ``--llm-config`` settings (a YAML
    path or an LLMConfig), so served models get their timeouts and JSON options; a backend
    in ``spec`` overrides the config's. Every failure is a one-line ValueError."""
    from stance.llm import LLMError, load_config, load_llm

    kind, _, backend = spec.partition(":")
    if kind != "llm":
        raise ValueError(f"not an LLM classifier: '{spec}' (expected llm or llm:<backend>)")
    if isinstance(config, LLMConfig):
        settings = replace(config, backend=backend) if backend else config
    else:
        settings = load_config(config, backend=backend or None)
    try:
        return LLMClassifier(load_llm(settings))
    except LLMError as err:
        raise ValueError(str(err)) from None
