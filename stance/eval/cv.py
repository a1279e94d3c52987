"""Cross-validation grouped by conflict: how a training recipe does on wars it never saw.

A random split puts sentences about the same war, the same parties and often the same
wording on both sides, which flatters any model that memorises names. Here every
conflict of the training data lands in exactly one test fold. Conflicts are first
joined into groups when their names share a proper noun ("Russia-Ukraine war, 2022"
and "Russia-Ukraine war, 2024"; "Nagorno-Karabakh war, 2020" and
"Armenia-Azerbaijan: Nagorno-Karabakh, 2020"; "Syria" and "Syrian civil war", compared
by their first five letters), so one war under two labels never leaks across folds. Each fold trains on a copy of the data folder holding only its
training rows (dev stays whole: it is what the recipe selects epochs and mixing
weights on), so the recipe runs exactly as `stance train` runs it.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from stance.data import DATA_DIR, TrainRow, load_train
from stance.types import LABELS, PartyInput

_PROPER = re.compile(r"\b[A-Z][a-zA-Z]+")
# Capitalised words that name a kind of body or place, not a war ("Tessine Ridge Popular Army",
# "Melidora Islands Front"): sharing one does not make two wars one (their first five letters).
GENERIC = frozenset(
    "Front Army Counc Islan Isles Guard Valle Defen Liber Coast Highl Hills Milit Union Peopl Fores Fishe Delta "
    "Briga Order Natio Resis Auton Leagu Broth Plate Popul State River Movem Repub Democ Feder Gover Revol Commi "
    "Worke Patri Allia Legio Force Shiel Scout Levie Junta Trans Royal Emira Provi Secur Unite Regio Coali Indep "
    "Islam Peace Civil Reef Basin Marsh Plain Strai Lake Lakes Gulf Bay Mount Ridge Tribe Youth Home Self Partis "
    "Miner Sugar Quarr Fleet Navy".split())


def conflict_groups(conflicts: list[str]) -> dict[str, int]:
    """Each conflict label's group: labels sharing a capitalised word (its first five letters), other
    than a generic one, are one group."""
    parent = list(range(len(conflicts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, name in enumerate(conflicts):
        for word in _PROPER.findall(name):
            if word[:5] in GENERIC:
                continue
            j = owner.setdefault(word[:5], i)
            parent[root(i)] = root(j)
    return {name: root(i) for i, name in enumerate(conflicts)}


def conflict_folds(rows: list[TrainRow], k: int) -> list[list[int]]:
    """Row indices of each test fold: whole conflict groups, folds balanced by row count (largest group first)."""
    groups = conflict_groups(sorted({r.conflict for r in rows}))
    if len(set(groups.values())) < k:
        raise ValueError(f"--folds {k}: the training data has only {len(set(groups.values()))} conflict groups")
    by_group: dict[int, list[int]] = {}
    for i, r in enumerate(rows):
        by_group.setdefault(groups[r.conflict], []).append(i)
    folds: list[list[int]] = [[] for _ in range(k)]
    for members in sorted(by_group.values(), key=lambda m: (-len(m), m[0])):
        min(folds, key=len).extend(members)
    return [sorted(f) for f in folds]


def _fold_data(data_dir: Path, keep: set[str], work: Path) -> Path:
    """A data folder whose train split holds only the rows with ids in ``keep``; dev is shared by link."""
    parts = work / "train" / "parts"
    parts.mkdir(parents=True)
    for path in sorted((data_dir / "train" / "parts").glob("*.jsonl")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines()
                 if line.strip() and json.loads(line)["id"] in keep]
        (parts / path.name).write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    (work / "dev").symlink_to((data_dir / "dev").resolve(), target_is_directory=True)
    return work


Predictor = Callable[[list[PartyInput]], list[dict[str, float]]]
RECIPES = ("tfidf", "rules", "tfidf+rules", "statements")


def recipe_predictor(recipe: str, fold_dir: Path, seed: int = 13) -> Predictor:
    """Train ``recipe`` on a fold's data folder and return its predict function.

    ``recipe``: ``tfidf``, ``rules`` (nothing to train), ``tfidf+rules`` (the two mixed half
    and half, as the default model mixes them), ``statements`` (stance.classify.statements,
    with the fold's ``tfidf+rules`` as its fallback, calibrated on dev), or a training config
    file (e.g. configs/default.yaml).
    """
    from stance.classify.rules import RuleClassifier
    from stance.classify.tfidf import TfidfClassifier, fit_on_train

    if recipe == "statements":
        from stance.classify.calibrate import as_array
        from stance.classify.statements import StatementClassifier, calibrate, fit_statement_model
        from stance.features import split_inputs

        fallback = recipe_predictor("tfidf+rules", fold_dir, seed)
        dev, labels = split_inputs("dev", fold_dir)
        model = calibrate(fit_statement_model(load_train(fold_dir), seed), as_array(fallback(dev)), dev, labels)
        return StatementClassifier(model, fallback).predict
    if recipe in ("rules", "tfidf", "tfidf+rules"):
        parts = [RuleClassifier().predict] if "rules" in recipe else []
        if "tfidf" in recipe:
            parts.append(TfidfClassifier(fit_on_train(fold_dir, seed)).predict)
        from stance.classify.mix import mean_probs

        return lambda items: mean_probs(*(predict(items) for predict in parts))
    from stance.classify.registry import load_model
    from stance.train.args import load_config
    from stance.train.run import train

    cfg = load_config(Path(recipe))
    cfg.output_dir = str(fold_dir / "model")
    train(cfg, data_dir=fold_dir)
    return load_model(cfg.output_dir).predict


def cross_validate(recipe: str, k: int = 5, data_dir: Path = DATA_DIR, seed: int = 13,
                   progress: Callable[[str], None] = lambda _: None) -> dict:
    """Grouped k-fold scores of ``recipe``: pooled over every held-out row, and per fold."""
    from stance.eval.stance import stance_scores
    from stance.features import row_inputs

    rows = load_train(data_dir)
    items = row_inputs(rows)
    groups = conflict_groups(sorted({r.conflict for r in rows}))
    y_true: list[str] = []
    y_pred: list[str] = []
    probs: list[dict[str, float]] = []
    folds = []
    for n, test in enumerate(conflict_folds(rows, k), 1):
        held = set(test)
        scored = [i for i in test if rows[i].label in LABELS]
        with tempfile.TemporaryDirectory(prefix="stance-cv-") as tmp:
            fold_dir = _fold_data(data_dir, {r.id for i, r in enumerate(rows) if i not in held}, Path(tmp) / "data")
            progress(f"fold {n}/{k}: training on {len(rows) - len(test)} rows, testing on {len(scored)}")
            predict = recipe_predictor(recipe, fold_dir, seed)
            fold_probs = predict([items[i] for i in scored])
            shutil.rmtree(fold_dir / "train", ignore_errors=True)
        fold_pred = [max(p, key=p.get) for p in fold_probs]
        fold_true = [rows[i].label for i in scored]
        conflicts = sorted({rows[i].conflict for i in test})
        folds.append({"fold": n, "rows": len(scored), "groups": len({groups[c] for c in conflicts}),
                      "conflicts": conflicts, "macro_f1": stance_scores(fold_true, fold_pred)["macro_f1"]})
        y_true += fold_true
        y_pred += fold_pred
        probs += fold_probs
    pooled = stance_scores(y_true, y_pred, probs)
    pooled.pop("calibration_bins", None)
    return {"recipe": recipe, "folds": folds, "k": k, "pooled": pooled,
            "groups": len(set(groups.values())), "conflicts": len(groups)}
