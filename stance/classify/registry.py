"""Choosing a classifier by name, model folder or Hugging Face model id. Loading never trains anything.

``model``: the released default model, shipped in the package (stance/resources/model,
built by `stance train --release`): TF-IDF and the cue rules mixed by the weights in its meta
(the encoder's weight is 0 today, so the encoder is never loaded for it);
``encoder``: the same encoder alone; a path: a folder written by `stance train`;
``owner/name[@revision]``: such a folder on the Hugging Face Hub (downloaded once into the
Hub cache, so ``HF_HUB_OFFLINE=1`` works afterwards);
``rules``: the transparent cue baseline; ``tfidf``: TF-IDF + logistic regression;
``statements``: each statement classified alone, aggregated by rule 3 (stance.classify.statements);
``embed``: similarity to label descriptions; ``llm:<backend spec>``: zero-shot LLM
(``llm:default``, ``llm:gguf:FILE``, ``llm:openai:URL#MODEL``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from stance.classify.base import StanceClassifier

CLASSIFIERS = ("model", "encoder", "rules", "tfidf", "statements", "embed", "llm")
RELEASE_DIR = Path(__file__).resolve().parent.parent / "resources" / "model"
HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+(@[\w./-]+)?$")


class DefaultModelMissing(FileNotFoundError):
    """The packaged default model is missing (a source checkout before `stance train --release`)."""


def load_classifier(spec: str = "model", default_dir: Path | None = None, llm_config=None) -> StanceClassifier:
    """The classifier named by ``spec``; ``default_dir`` overrides where the default model lives (the
    packaged RELEASE_DIR); ``llm_config`` (a YAML path or an LLMConfig) holds an ``llm:`` classifier's settings."""
    if spec == "rules":
        from stance.classify.rules import RuleClassifier

        return RuleClassifier()
    if spec == "tfidf":
        from stance.classify.tfidf import TfidfClassifier

        return TfidfClassifier()
    if spec == "statements":
        from stance.classify.statements import StatementClassifier

        return StatementClassifier()
    if spec == "embed":
        from stance.classify.embed import EmbeddingClassifier
        from stance.classify.transformer import quiet_libraries

        quiet_libraries()

        return EmbeddingClassifier()
    if spec in ("model", "encoder"):
        from stance.classify.transformer import META_FILE, TransformerClassifier

        folder = default_dir or RELEASE_DIR
        if not (folder / META_FILE).is_file():
            raise DefaultModelMissing(f"the default model is missing from {folder}: build it with "
                                      "`stance train --release` (or reinstall the package)")
        return TransformerClassifier(folder, mix=spec == "model")
    if spec == "llm" or spec.startswith("llm:"):
        from stance.classify.llm import load_llm_classifier

        return load_llm_classifier(spec, llm_config)
    if Path(spec).is_dir():
        return load_model(spec)
    if HUB_ID.match(spec) and not Path(spec).exists():
        return load_model(hub_snapshot(spec))
    raise ValueError(f"unknown classifier '{spec}' (expected: {', '.join(CLASSIFIERS)}, or a model folder)")


def load_model(path: str | Path):
    """A classifier for any folder written by `stance train` (fine-tuned, entail or SetFit recipe)."""
    from stance.classify.transformer import META_FILE, TransformerClassifier

    meta_path = Path(path) / META_FILE
    if meta_path.is_file() and json.loads(meta_path.read_text(encoding="utf-8")).get("method") == "setfit":
        from stance.classify.setfit import SetFitClassifier

        return SetFitClassifier(path)
    return TransformerClassifier(path)


def hub_snapshot(spec: str) -> Path:
    """The local folder of Hub model ``owner/name[@revision]``: from the Hub cache, else downloaded
    (only the files a model folder holds). ``HF_HUB_OFFLINE=1`` uses the cache alone."""
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import HfHubHTTPError, LocalEntryNotFoundError

    from stance.classify.transformer import quiet_libraries

    quiet_libraries()
    repo_id, _, revision = spec.partition("@")
    try:
        return Path(snapshot_download(repo_id, revision=revision or None,
                                      allow_patterns=["*.json", "*.safetensors", "*.txt", "*.md"]))
    except LocalEntryNotFoundError:
        raise ValueError(f"model '{spec}' is neither a local folder nor in the Hugging Face cache "
                         "(offline, or no network)") from None
    except (HfHubHTTPError, OSError) as err:
        raise ValueError(f"cannot download model '{spec}' from the Hugging Face Hub: "
                         f"{str(err).splitlines()[0] if str(err) else type(err).__name__}") from None
