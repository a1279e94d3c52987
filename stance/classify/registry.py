"""Choosing a classifier by name or model folder. Loading never trains anything.

``model``: the default model (encoder mixed with TF-IDF by its dev-fitted weight);
``encoder``: the same encoder alone; a path: a folder written by `stance train`;
``rules``: the transparent cue baseline; ``tfidf``: TF-IDF + logistic regression;
``embed``: similarity to label descriptions; ``llm:<backend spec>``: zero-shot LLM
(``llm:default``, ``llm:gguf:FILE``, ``llm:openai:URL#MODEL``).
"""

from __future__ import annotations

import json
from pathlib import Path

from stance.classify.base import StanceClassifier

CLASSIFIERS = ("model", "encoder", "rules", "tfidf", "embed", "llm")


class DefaultModelMissing(FileNotFoundError):
    """The default model has not been built in this cache yet (``stance train --default`` builds it)."""


def load_classifier(spec: str = "model", default_dir: Path | None = None, llm_config=None) -> StanceClassifier:
    """The classifier named by ``spec``; ``default_dir`` is where the default model lives; ``llm_config``
    (a YAML path or an LLMConfig) holds the settings of an ``llm:`` classifier."""
    if spec == "rules":
        from stance.classify.rules import RuleClassifier

        return RuleClassifier()
    if spec == "tfidf":
        from stance.classify.tfidf import TfidfClassifier

        return TfidfClassifier()
    if spec == "embed":
        from stance.classify.embed import EmbeddingClassifier

        return EmbeddingClassifier()
    if spec in ("model", "encoder"):
        from stance.classify.transformer import META_FILE, TransformerClassifier

        if default_dir is None or not (default_dir / META_FILE).is_file():
            raise DefaultModelMissing("the default model is not built yet: run `stance train --default` "
                                      "(or any `stance predict`, which builds it once)")
        return TransformerClassifier(default_dir, mix=spec == "model")
    if spec == "llm" or spec.startswith("llm:"):
        from stance.classify.llm import load_llm_classifier

        return load_llm_classifier(spec, llm_config)
    if Path(spec).is_dir():
        return load_model(spec)
    raise ValueError(f"unknown classifier '{spec}' (expected: {', '.join(CLASSIFIERS)}, or a model folder)")


def load_model(path: str | Path):
    """A classifier for any folder written by `stance train` (fine-tuned or SetFit recipe)."""
    from stance.classify.transformer import META_FILE, TransformerClassifier

    meta_path = Path(path) / META_FILE
    if meta_path.is_file() and json.loads(meta_path.read_text(encoding="utf-8")).get("method") == "setfit":
        from stance.classify.setfit import SetFitClassifier

        return SetFitClassifier(path)
    return TransformerClassifier(path)
