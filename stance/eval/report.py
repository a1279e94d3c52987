"""The evaluation harness: extraction, stance (default model and every baseline), calibration
and summaries on one split, written as eval.json, eval.md and a confusion-matrix PNG.

Floors for the headline metrics live in configs/floors.yaml; ``check_floors`` lists every
metric below its floor, so CI fails loudly when a change makes the product worse.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from stance.config import load_config
from stance.data import GoldArticle, GoldParty, load_events, load_split
from stance.io.atomic import atomic_open, write_text
from stance.names import match_parties
from stance.types import LABELS, ArticleResult, PartyInput

ROOT = Path(__file__).resolve().parents[2]
FLOORS = ROOT / "configs" / "floors.yaml"
BASELINES = ("encoder", "rules", "tfidf", "embed")
SUMMARY_HEADLINE = ("rouge1", "rougeL", "attribution_rate", "party_coverage", "grouping_precision", "grouping_recall",
                    "unrepeated_rate", "quote_verbatim_rate", "clean_rate", "multi_event_party_coverage",
                    "offsets_valid_rate", "outlet_accuracy")


@dataclass
class Report:
    split: str
    model: str
    extraction: dict = field(default_factory=dict)
    stance: dict[str, dict] = field(default_factory=dict)
    end_to_end: dict = field(default_factory=dict)
    summary: dict = field(default_factory=dict)
    kinds: dict[str, dict] = field(default_factory=dict)
    seconds: float = 0.0

    def headline(self) -> dict[str, float]:
        """The metrics that have floors, under stable names."""
        default = self.stance.get(self.model, {})
        out = {
            "party_precision": self.extraction.get("precision"),
            "party_recall": self.extraction.get("recall"),
            "party_f1": self.extraction.get("f1"),
            "evidence_precision": self.extraction.get("evidence_precision"),
            "evidence_own_precision": self.extraction.get("evidence_own_precision"),
            "stance_macro_f1": default.get("macro_f1"),
            "stance_accuracy": default.get("accuracy"),
            "end_to_end_accuracy": self.end_to_end.get("accuracy"),
        }
        for key in SUMMARY_HEADLINE:
            if key in self.summary:
                out[f"summary_{key}"] = self.summary[key]
        return {k: v for k, v in out.items() if v is not None}


@dataclass
class ProductRun:
    """What the product finds in a labelled split: parties, their inputs, the default model's stances."""

    results: list[ArticleResult]
    items: list[PartyInput]
    truth: list[str]
    predicted: list[str]
    gold_parties: list[GoldParty]


def run_product(gold: list[GoldArticle], classifier) -> ProductRun:
    """Read each labelled article as the product does and keep, for every gold party the extractor
    finds, the very input the product gives its classifier (stance.features.party_input)."""
    from stance.features import gold_article
    from stance.pipeline import analyze_with_inputs

    run = ProductRun([], [], [], [], [])
    for ga in gold:
        result, inputs = analyze_with_inputs(gold_article(ga), classifier)
        run.results.append(result)
        index = {id(ps): i for i, ps in enumerate(result.parties)}
        for ps, gp in match_parties(result.parties, ga.parties):
            run.items.append(inputs[index[id(ps)]])
            run.truth.append(gp.stance)
            run.predicted.append(ps.stance)
            run.gold_parties.append(gp)
    return run


def evaluate_extraction(gold: list[GoldArticle], run: ProductRun) -> tuple[dict, dict]:
    """Party P/R/F1 and evidence overlap, and end-to-end accuracy: a gold party counts as right
    only when it is found and its stance is right (a missed party is an error)."""
    from stance.eval.parties import party_prf

    scores = party_prf([r.parties for r in run.results], gold)
    n_gold = sum(len(g.parties) for g in gold)
    hits = sum(p == y for p, y in zip(run.predicted, run.truth))
    end_to_end = {"matched": len(run.truth), "gold": n_gold, "accuracy": hits / n_gold if n_gold else 0.0,
                  "matched_accuracy": hits / len(run.truth) if run.truth else 0.0}
    return scores, end_to_end


def evaluate_kinds(gold: list[GoldArticle], run: ProductRun) -> dict[str, dict]:
    """Share of each annotated kind's instances (gold ``kinds``) that came out right end to end."""
    right = {id(gp): p == y for gp, p, y in zip(run.gold_parties, run.predicted, run.truth)}
    out: dict[str, dict] = {}
    for gp in (p for g in gold for p in g.parties):
        for kind in gp.kinds:
            row = out.setdefault(str(kind), {"n": 0, "right": 0})
            row["n"] += 1
            row["right"] += int(right.get(id(gp), False))
    for row in out.values():
        row["rate"] = row["right"] / row["n"]
    return dict(sorted(out.items(), key=lambda kv: int(kv[0]) if kv[0].isdigit() else 99))


def evaluate_stance(run: ProductRun, specs: list[str], default: str, default_classifier) -> dict[str, dict]:
    """Stance on the gold parties the product found, on the product's own inputs, for every classifier."""
    from stance.eval.stance import stance_scores
    from stance.pipeline import load_classifier

    out: dict[str, dict] = {}
    for spec in specs:
        try:
            clf = default_classifier if spec == default else load_classifier(spec)
        except (ValueError, OSError, ImportError) as err:
            out[spec] = {"error": str(err)}
            continue
        start = time.perf_counter()
        probs = clf.predict(run.items) if run.items else []
        pred = [max(p, key=p.get) for p in probs]
        scores = stance_scores(run.truth, pred, probs)
        scores["seconds"] = round(time.perf_counter() - start, 2)
        scores["n"] = len(run.truth)
        out[spec] = scores
    return out


def _gold_events(gold: list[GoldArticle], one_event: bool) -> tuple[dict, dict, dict]:
    """(source -> event, event -> gold parties, source -> outlet) for labelled articles; an article
    with no ``event`` label is its own event unless ``one_event``."""
    events, parties, outlets = {}, {}, {}
    for ga in gold:
        source, event = str(ga.path), "all" if one_event else (ga.event or ga.path.name)
        events[source], outlets[source] = event, ga.outlet
        known = parties.setdefault(event, {})
        for gp in ga.parties:
            entry = known.setdefault(gp.name, {"name": gp.name, "aliases": gp.aliases, "stances": []})
            entry["stances"].append(gp.stance)
    for known in parties.values():  # an event's stance for a party: what most of its articles say
        for entry in known.values():
            entry["stance"] = Counter(entry.pop("stances")).most_common(1)[0][0]
    return events, {e: list(p.values()) for e, p in parties.items()}, outlets


def evaluate_summary(gold: list[GoldArticle], results, classifier, split: str) -> dict:
    """Summary metrics over the split's events: on dev every article is its own event and the
    authored same-event groups of data/events join it; the seeds are one event, also scored
    against the reference summary."""
    from stance.eval.events import event_checks
    from stance.eval.summary import summary_scores
    from stance.pipeline import summarize
    from stance.summarize import source_pool

    out: dict = {}
    if split != "seed":
        extra = load_events()
        gold, results = gold + extra, list(results) + run_product(extra, classifier).results
    events = summarize(results, classifier)
    gold_event, gold_parties, gold_outlet = _gold_events(gold, one_event=split == "seed")
    checks = event_checks(events, [r.article for r in results], gold_event, gold_parties, gold_outlet)
    sentences = sum(len(e.sentences) for e in events)
    checks["unrepeated_rate"] = 1 - checks["repeated_sentences"] / sentences if sentences else 1.0
    checks["clean_rate"] = 1 - checks["junk_sentences"] / sentences if sentences else 1.0
    out.update(checks)
    reference = ROOT / "data" / "seed" / "reference_summary.json"
    if split == "seed" and events and reference.exists():
        claims = json.loads(reference.read_text(encoding="utf-8"))
        unique = list({p.name: p for g in gold for p in g.parties}.values())
        out.update(summary_scores(events[0], source_pool(results), [r.article.text for r in results],
                                  reference=claims, gold_parties=unique))
        out["quote_verbatim_rate"] = checks["quote_verbatim_rate"]
    return out


def run_evaluation(split: str = "seed", model: str = "model", baselines: tuple[str, ...] = BASELINES) -> Report:
    from stance.pipeline import load_classifier

    start = time.perf_counter()
    gold = load_split(split)
    classifier = load_classifier(model)
    run = run_product(gold, classifier)
    report = Report(split=split, model=model)
    report.extraction, report.end_to_end = evaluate_extraction(gold, run)
    report.kinds = evaluate_kinds(gold, run)
    report.stance = evaluate_stance(run, [model, *[b for b in baselines if b != model]], model, classifier)
    if split in ("seed", "dev"):
        report.summary = evaluate_summary(gold, run.results, classifier, split)
    report.seconds = round(time.perf_counter() - start, 1)
    return report


Metric = Literal["party_precision", "party_recall", "party_f1", "evidence_precision", "evidence_own_precision",
                 "stance_macro_f1", "stance_accuracy", "end_to_end_accuracy", "summary_rouge1", "summary_rougeL",
                 "summary_attribution_rate", "summary_party_coverage", "summary_grouping_precision", "summary_grouping_recall",
                 "summary_unrepeated_rate", "summary_quote_verbatim_rate", "summary_clean_rate",
                 "summary_multi_event_party_coverage", "summary_offsets_valid_rate", "summary_outlet_accuracy"]
Floors = dict[Literal["seed", "dev", "challenge"], dict[Metric, float]]


def load_floors(path: Path = FLOORS) -> dict[str, dict[str, float]]:
    """Floors per split, validated like every config (stance.config): ConfigError on any mistake,
    so a typo in a metric name never silently skips its check."""
    return load_config(Floors, path)


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
    if ex.get("evidence_misattributed") is not None:
        lines += [f"Evidence of a matched party that gold gives to another party of the article: "
                  f"{_fmt(ex['evidence_misattributed'])} of its evidence sentences.", ""]
    if ex.get("evidence_own_precision") is not None:
        lines += [f"Against every sentence that is the party's own position (the blind own-sentence pass, "
                  f"data/DATASHEET.md): evidence P {_fmt(ex['evidence_own_precision'])} (the party's own), "
                  f"{_fmt(ex['evidence_supporting_precision'])} (own and for its gold label); "
                  f"{_fmt(ex['evidence_supporting_recall'])} of its own sentences for its label are shown.", ""]
    kinds = {k: v for k, v in (ex.get("by_kind") or {}).items() if k != "unlabelled"}
    if kinds:
        lines += ["Parties by kind (gold `party_kind`; an unmatched prediction counts under the kind its own record "
                  "suggests):", "", "| kind | precision | recall | gold | predicted |", "|---|---|---|---|---|"]
        lines += [f"| {k} | {_fmt(v['precision'])} | {_fmt(v['recall'])} | {v['gold']} | {v['predicted']} |"
                  for k, v in kinds.items()]
        lines += [""]
    if ex.get("non_parties_reported"):
        lines += [f"Listed non-parties reported as parties: {len(ex['non_parties_reported'])} ("
                  + "; ".join(f"{d['article']}: {d['party']}" for d in ex["non_parties_reported"]) + ")", ""]
    if ex.get("misses"):
        lines += ["Missed gold parties: " + "; ".join(map(str, ex["misses"])), ""]
    if ex.get("false_positives"):
        lines += ["Predicted parties with no gold match: " + "; ".join(map(str, ex["false_positives"])), ""]
    e2e = report.end_to_end
    lines += [f"End-to-end accuracy: {_fmt(e2e.get('accuracy'))} (a gold party is right when it is found and its "
              f"stance is right; {e2e.get('matched', 0)} of {e2e.get('gold', 0)} gold parties found, "
              f"{_fmt(e2e.get('matched_accuracy'))} of those right).", ""]
    if report.kinds:
        lines += ["## Right end to end, by kind", "", "| kind | instances | right | rate |", "|---|---|---|---|"]
        lines += [f"| {k} | {v['n']} | {v['right']} | {_fmt(v['rate'])} |" for k, v in report.kinds.items()]
        lines += [""]
    lines += ["## Stance on the gold parties found, on the product's own input", "", "| classifier | macro-F1 | accuracy | ECE | " + " | ".join(f"F1 {k}" for k in LABELS) + " |",
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
               "summary": report.summary, "kinds": report.kinds, "floor_failures": problems, "seconds": report.seconds}
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
