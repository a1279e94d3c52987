"""The evaluation harness: extraction, stance (default model and every baseline), calibration
and summaries on one split, written as eval.json, eval.md and a confusion-matrix PNG.

Floors for the headline metrics live in configs/floors.yaml; ``check_floors`` lists every
metric below its floor, so CI fails loudly when a change makes the product worse.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from stance.io.atomic import atomic_open, write_text
from stance.data import GoldArticle, load_split
from stance.types import LABELS

ROOT = Path(__file__).resolve().parents[2]
FLOORS = ROOT / "configs" / "floors.yaml"
BASELINES = ("encoder", "rules", "tfidf", "embed")


@dataclass
class Report:
    split: str
    model: str
    extraction: dict = field(default_factory=dict)
    stance: dict[str, dict] = field(default_factory=dict)
    end_to_end: dict = field(default_factory=dict)
    summary: dict = field(default_factory=dict)
    seconds: float = 0.0

    def headline(self) -> dict[str, float]:
        """The metrics that have floors, under stable names."""
        default = self.stance.get(self.model, {})
        out = {
            "party_precision": self.extraction.get("precision"),
            "party_recall": self.extraction.get("recall"),
            "party_f1": self.extraction.get("f1"),
            "stance_macro_f1": default.get("macro_f1"),
            "stance_accuracy": default.get("accuracy"),
            "end_to_end_accuracy": self.end_to_end.get("accuracy"),
        }
        for key in ("rouge1", "rougeL", "attribution_rate", "party_coverage"):
            if key in self.summary:
                out[f"summary_{key}"] = self.summary[key]
        return {k: v for k, v in out.items() if v is not None}


def _articles(gold: list[GoldArticle]):
    from stance.io.clean import clean_article

    return [clean_article(str(g.path), g.text) for g in gold]


def evaluate_extraction(gold: list[GoldArticle], classifier) -> tuple[dict, dict, list]:
    """Party P/R/F1 and evidence overlap of the full pipeline, plus end-to-end stance accuracy."""
    from stance.eval.parties import match_parties, party_prf
    from stance.pipeline import analyze

    results = [analyze(a, classifier) for a in _articles(gold)]
    predicted = [r.parties for r in results]
    scores = party_prf(predicted, gold)
    hits = total = 0
    for ga, r in zip(gold, results):
        for pred, gp in match_parties(r.parties, ga):
            total += 1
            hits += int(pred.stance == gp.stance)
    end_to_end = {"matched": total, "accuracy": hits / total if total else 0.0}
    return scores, end_to_end, results


def evaluate_stance(gold: list[GoldArticle], specs: list[str]) -> dict[str, dict]:
    """Stance on gold parties: the same inputs for every classifier."""
    from stance.classify import load_classifier
    from stance.eval.stance import stance_scores
    from stance.features import gold_party_inputs

    items, truth = [], []
    for ga in gold:
        inputs = gold_party_inputs(ga)
        items += inputs
        truth += [gp.stance for gp in ga.parties][: len(inputs)]
    out: dict[str, dict] = {}
    for spec in specs:
        try:
            clf = load_classifier(spec)
        except (ValueError, OSError, ImportError) as err:
            out[spec] = {"error": str(err)}
            continue
        start = time.perf_counter()
        probs = clf.predict(items)
        pred = [max(p, key=p.get) for p in probs]
        scores = stance_scores(truth, pred, probs)
        scores["seconds"] = round(time.perf_counter() - start, 2)
        scores["n"] = len(truth)
        out[spec] = scores
    return out


def evaluate_summary(gold: list[GoldArticle], results) -> dict:
    reference = ROOT / "data" / "seed" / "reference_summary.json"
    if not reference.exists():
        return {}
    from stance.classify import load_classifier
    from stance.eval.summary import summary_scores
    from stance.summarize import source_pool, stance_judge, summarize

    events = summarize(results, stance_of=stance_judge(load_classifier("rules")))
    claims = json.loads(reference.read_text(encoding="utf-8"))
    gold_parties = list({p.name: p for g in gold for p in g.parties}.values())
    scores = summary_scores(events[0], source_pool(results), [r.article.text for r in results],
                            reference=claims, gold_parties=gold_parties) if events else {}
    return {"events": len(events), **scores}


def run_evaluation(split: str = "seed", model: str = "model", baselines: tuple[str, ...] = BASELINES) -> Report:
    from stance.classify import load_classifier

    start = time.perf_counter()
    gold = load_split(split)
    report = Report(split=split, model=model)
    report.extraction, report.end_to_end, results = evaluate_extraction(gold, load_classifier(model))
    report.stance = evaluate_stance(gold, [model, *[b for b in baselines if b != model]])
    if split == "seed":
        report.summary = evaluate_summary(gold, results)
    report.seconds = round(time.perf_counter() - start, 1)
    return report


def load_floors(path: Path = FLOORS) -> dict[str, dict[str, float]]:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def check_floors(report: Report, floors: dict[str, dict[str, float]]) -> list[str]:
    """One message per headline metric below (or missing against) its floor for this split."""
    got = report.headline()
    problems = []
    for metric, floor in (floors.get(report.split) or {}).items():
        value = got.get(metric)
        if value is None:
            problems.append(f"{metric}: missing (floor {floor})")
        elif value < floor:
            problems.append(f"{metric}: {value:.3f} is below its floor {floor}")
    return problems


def _fmt(v) -> str:
    return f"{v:.3f}" if isinstance(v, float) else str(v)


def to_markdown(report: Report, problems: list[str] | None = None) -> str:
    lines = [f"# Evaluation: {report.split} split, model `{report.model}`", ""]
    ex = report.extraction
    lines += ["## Party extraction", "", "| precision | recall | F1 | evidence P | evidence R | evidence F1 |", "|---|---|---|---|---|---|",
              "| " + " | ".join(_fmt(ex.get(k)) for k in ("precision", "recall", "f1", "evidence_precision", "evidence_recall", "evidence_f1")) + " |", ""]
    if ex.get("misses"):
        lines += ["Missed gold parties: " + "; ".join(map(str, ex["misses"])), ""]
    if ex.get("false_positives"):
        lines += ["Predicted parties with no gold match: " + "; ".join(map(str, ex["false_positives"])), ""]
    lines += [f"End-to-end stance accuracy on matched parties: {_fmt(report.end_to_end.get('accuracy'))} "
              f"({report.end_to_end.get('matched', 0)} matched)", ""]
    lines += ["## Stance on gold parties", "", "| classifier | macro-F1 | accuracy | ECE | " + " | ".join(f"F1 {k}" for k in LABELS) + " |",
              "|---|---|---|---|" + "---|" * len(LABELS)]
    for spec, s in report.stance.items():
        if "error" in s:
            lines.append(f"| {spec} | unavailable: {s['error']} |" + " |" * (2 + len(LABELS)))
            continue
        per = s.get("per_class", {})
        name = f"**{spec}** (default)" if spec == report.model else spec
        lines.append(f"| {name} | {_fmt(s.get('macro_f1'))} | {_fmt(s.get('accuracy'))} | {_fmt(s.get('ece'))} | "
                     + " | ".join(_fmt(per.get(k, {}).get('f1')) for k in LABELS) + " |")
    default = report.stance.get(report.model, {})
    if "confusion" in default:
        lines += ["", f"Confusion matrix of `{report.model}` (rows: gold, columns: predicted; {', '.join(LABELS)}):", "", "| gold \\ pred | " + " | ".join(LABELS) + " |", "|---|" + "---|" * len(LABELS)]
        for label, row in zip(LABELS, _matrix(default["confusion"])):
            lines.append(f"| {label} | " + " | ".join(str(x) for x in row) + " |")
    if report.summary:
        lines += ["", "## Summary", "", "| metric | value |", "|---|---|"]
        lines += [f"| {k} | {_fmt(v)} |" for k, v in report.summary.items() if isinstance(v, (int, float))]
    lines += ["", f"Evaluation took {report.seconds} s."]
    if problems is not None:
        lines += ["", "## Floors", ""]
        lines += [f"- FAIL {p}" for p in problems] or ["All headline metrics are at or above their floors."]
    return "\n".join(lines) + "\n"


def write_report(report: Report, out_dir: Path, problems: list[str] | None = None) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    payload = {"split": report.split, "model": report.model, "headline": report.headline(),
               "extraction": report.extraction, "end_to_end": report.end_to_end, "stance": report.stance,
               "summary": report.summary, "floor_failures": problems, "seconds": report.seconds}
    write_text(out_dir / "eval.json", json.dumps(payload, indent=2, ensure_ascii=False, default=str))
    md = out_dir / "eval.md"
    write_text(md, to_markdown(report, problems))
    default = report.stance.get(report.model, {})
    if "confusion" in default:
        _confusion_png(_matrix(default["confusion"]), out_dir / "confusion.png", f"{report.model} on {report.split}")
    return md


def _matrix(confusion: dict[str, dict[str, int]]) -> list[list[int]]:
    """Rows gold, columns predicted, in label order."""
    return [[confusion.get(g, {}).get(p, 0) for p in LABELS] for g in LABELS]


def _confusion_png(matrix: list[list[int]], path: Path, title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4.2, 3.6), dpi=120)
    ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(len(LABELS)), LABELS, rotation=20)
    ax.set_yticks(range(len(LABELS)), LABELS)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    ax.set_title(title, fontsize=9)
    peak = max(max(r) for r in matrix) or 1
    for i, row in enumerate(matrix):
        for j, v in enumerate(row):
            ax.text(j, i, str(v), ha="center", va="center", color="white" if v > peak / 2 else "black")
    fig.tight_layout()
    with atomic_open(path, "wb") as fh:
        fig.savefig(fh, format="png")
    plt.close(fig)
