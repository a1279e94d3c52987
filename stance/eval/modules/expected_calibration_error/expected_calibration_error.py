"""Expected calibration error: how far confidence is from accuracy, averaged over bins.

A local `evaluate` module. ECE = sum over equal-width confidence bins of
(bin size / n) * |accuracy in bin - mean confidence in bin|, where confidence is the
probability of the predicted class. 0 means "70 % confident" is right 70 % of the time.
"""

import datasets
import evaluate

_DESCRIPTION = "Expected calibration error (equal-width bins over the top-class probability)."
_KWARGS = """
Args:
    predictions (list of float): confidence of the predicted class, in [0, 1].
    references (list of int): 1 where the prediction was right, else 0.
    n_bins (int, optional): number of equal-width bins, default 10.
Returns:
    ece (float), max_gap (largest bin gap), bins (list of {lo, hi, n, accuracy, confidence}).
"""


class ExpectedCalibrationError(evaluate.Metric):
    def _info(self):
        return evaluate.MetricInfo(
            description=_DESCRIPTION, citation="", inputs_description=_KWARGS,
            features=datasets.Features({"predictions": datasets.Value("float64"), "references": datasets.Value("int32")}),
        )

    def _compute(self, predictions, references, n_bins=10):
        n = len(predictions)
        bins, ece, max_gap = [], 0.0, 0.0
        for b in range(n_bins):
            lo, hi = b / n_bins, (b + 1) / n_bins
            idx = [i for i, c in enumerate(predictions) if (lo < c <= hi) or (b == 0 and c == lo)]
            if not idx:
                continue
            acc = sum(references[i] for i in idx) / len(idx)
            conf = sum(predictions[i] for i in idx) / len(idx)
            gap = abs(acc - conf)
            ece += len(idx) / n * gap
            max_gap = max(max_gap, gap)
            bins.append({"lo": lo, "hi": hi, "n": len(idx), "accuracy": acc, "confidence": conf})
        return {"ece": ece, "max_gap": max_gap, "bins": bins}
