"""`stance train`: one entry point for every recipe, and the release of the packaged default model."""

from __future__ import annotations

import contextlib
import json
import logging
import sys
import time
from pathlib import Path

from stance.classify.registry import RELEASE_DIR
from stance.classify.transformer import META_FILE
from stance.data import DATA_DIR
from stance.train.args import TrainConfig
from stance.train.default import default_config
from stance.train.examples import Examples

log = logging.getLogger("stance.train")
SCORED_SPLITS = ("dev", "challenge", "seed")


def train(cfg: TrainConfig, data_dir: Path = DATA_DIR, examples: Examples | None = None,
          base_model: str | None = None) -> dict:
    """Train with ``cfg.method`` and save to ``cfg.output_dir``; returns the metrics written to the model card."""
    if cfg.method == "setfit":
        from stance.train.setfit import train_setfit

        return train_setfit(cfg, data_dir, examples, base_model)
    from stance.train.trainer import train_finetune

    return train_finetune(cfg, data_dir, examples, base_model)


def score_folder(folder: Path, splits: tuple[str, ...] = SCORED_SPLITS) -> dict[str, dict]:
    """The headline metrics `stance evaluate --split S --model FOLDER` gives, for each split."""
    from stance.eval.report import run_evaluation

    scores = {}
    for split in splits:
        report = run_evaluation(split, str(folder), baselines=())
        ece = report.stance.get(str(folder), {}).get("ece")
        scores[split] = {**report.headline(), **({"stance_ece": round(ece, 4)} if ece is not None else {})}
    return scores


def add_scores(folder: Path, cfg: TrainConfig, metrics: dict, splits: tuple[str, ...] = SCORED_SPLITS) -> dict:
    """Evaluate the saved folder itself and write the scores into its meta and model card."""
    from stance.train.artifact import write_meta

    scores = score_folder(folder, splits)
    info = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    info["scores"] = scores
    write_meta(folder, info, cfg, metrics)
    return scores


def release(out: Path = RELEASE_DIR, cfg: TrainConfig | None = None) -> dict:
    """Build the packaged default model: the default recipe (seeded, so deterministic) trained on
    data/, saved into ``out`` (stance/resources/model), then scored on dev, challenge and seed by
    the evaluation harness; the scores, data/config/code hashes go into its meta and card."""
    started = time.time()
    cfg = cfg or default_config()
    cfg.output_dir = str(out)
    with contextlib.redirect_stdout(sys.stderr):
        metrics = train(cfg)
        log.info("scoring the saved model on %s", ", ".join(SCORED_SPLITS))
        scores = add_scores(Path(out), cfg, metrics)
    return {"output_dir": str(out), "dev": metrics.get("dev"), "mix": metrics.get("mix"),
            "train_seconds": metrics.get("train_seconds"), "release_seconds": round(time.time() - started, 1),
            "size_bytes": sum(p.stat().st_size for p in Path(out).iterdir()), "scores": scores}
