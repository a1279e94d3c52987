"""Stance classification scores: accuracy, macro-F1, per-class P/R/F1 and the confusion matrix.

A local `evaluate` module (the Hub is not reachable), loaded with
``evaluate.load(<path to this folder>)``. Labels are strings; the label order is
passed in so that absent classes still get a row (with zero support).
"""

import datasets
import evaluate

_DESCRIPTION = "Accuracy, macro-F1, per-class precision/recall/F1 and confusion matrix for string labels."
_KWARGS = """
Args:
    predictions (list of str): predicted labels.
    references (list of str): gold labels.
    labels (list of str, optional): label order; defaults to the sorted union.
Returns:
    accuracy, macro_f1 (mean F1 over labels with gold support or predictions),
    per_class {label: {precision, recall, f1, support}}, confusion {gold: {pred: count}}, n.
"""


class StanceClassification(evaluate.Metric):
    def _info(self):
        return evaluate.MetricInfo(
            description=_DESCRIPTION, citation="", inputs_description=_KWARGS,
            features=datasets.Features({"predictions": datasets.Value("string"), "references": datasets.Value("string")}),
        )

    def _compute(self, predictions, references, labels=None):
        labels = list(labels) if labels else sorted(set(references) | set(predictions))
        confusion = {g: {p: 0 for p in labels} for g in labels}
        for g, p in zip(references, predictions):
            confusion.setdefault(g, {x: 0 for x in labels}).setdefault(p, 0)
            confusion[g][p] += 1
        per_class, f1s = {}, []
        for label in labels:
            tp = confusion[label][label]
            pred_n = sum(row.get(label, 0) for row in confusion.values())
            gold_n = sum(confusion[label].values())
            precision = tp / pred_n if pred_n else 0.0
            recall = tp / gold_n if gold_n else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            per_class[label] = {"precision": precision, "recall": recall, "f1": f1, "support": gold_n}
            if gold_n or pred_n:
                f1s.append(f1)
        n = len(references)
        accuracy = sum(g == p for g, p in zip(references, predictions)) / n if n else 0.0
        return {"accuracy": accuracy, "macro_f1": sum(f1s) / len(f1s) if f1s else 0.0,
                "per_class": per_class, "confusion": confusion, "n": n}
