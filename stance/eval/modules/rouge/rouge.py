"""ROUGE (Lin, 2004) as a local `evaluate` module, computed by the rouge-score package.

Kept in the repo because evaluate.load("rouge") fetches its script from the Hub.
Each prediction is scored against its reference (or the best of several references);
the scores are the plain mean F-measures over the pairs (deterministic, no bootstrap).
"""

import datasets
import evaluate
from rouge_score import rouge_scorer

_DESCRIPTION = "ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum F-measures (rouge-score, Porter stemming optional)."
_KWARGS = """
Args:
    predictions (list of str): generated summaries; for rougeLsum, sentences separated by newlines.
    references (list of str or list of list of str): one reference (or several) per prediction.
    rouge_types (list of str, optional): default ["rouge1", "rouge2", "rougeL", "rougeLsum"].
    use_stemmer (bool, optional): Porter stemming before matching, default True.
Returns:
    one float per rouge type (mean F-measure over the pairs).
"""


class Rouge(evaluate.Metric):
    def _info(self):
        return evaluate.MetricInfo(
            description=_DESCRIPTION, citation="", inputs_description=_KWARGS,
            features=[
                datasets.Features({"predictions": datasets.Value("string"),
                                   "references": datasets.Sequence(datasets.Value("string"))}),
                datasets.Features({"predictions": datasets.Value("string"), "references": datasets.Value("string")}),
            ],
        )

    def _compute(self, predictions, references, rouge_types=None, use_stemmer=True):
        rouge_types = rouge_types or ["rouge1", "rouge2", "rougeL", "rougeLsum"]
        scorer = rouge_scorer.RougeScorer(rouge_types=rouge_types, use_stemmer=use_stemmer)
        totals = {key: 0.0 for key in rouge_types}
        for pred, ref in zip(predictions, references):
            refs = [ref] if isinstance(ref, str) else list(ref)
            for key, score in scorer.score_multi(refs, pred).items():
                totals[key] += score.fmeasure
        n = max(1, len(predictions))
        return {key: totals[key] / n for key in rouge_types}
