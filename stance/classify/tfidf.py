"""TF-IDF + logistic regression, fitted on the training rows as the product reads them.

A fitted model is plain arrays (vocabulary, idf, coefficients, intercepts, classes), so
it is saved in a model folder as JSON + safetensors, never pickled, and predicts with
numpy alone: a model folder never reads data/ at prediction time. The ``tfidf``
baseline (no folder) fits itself from data/train on first use, in about a second once
the rows' inputs are built (stance.features.row_inputs, cached on disk).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from stance.features import encode
from stance.types import LABELS, PartyInput

TFIDF_STEM = "tfidf"  # a folder's TF-IDF half: <stem>.json + <stem>.safetensors
TFIDF_JSON, TFIDF_ARRAYS = f"{TFIDF_STEM}.json", f"{TFIDF_STEM}.safetensors"
NGRAMS = (1, 2)


def _text(item: PartyInput) -> str:
    head, body = encode(item)
    return f"{head} {body}"


@dataclass
class TfidfModel:
    """A fitted TF-IDF (sublinear tf, l2 rows) + multinomial logistic regression, as float32 arrays."""

    vocabulary: list[str]
    idf: np.ndarray
    coef: np.ndarray
    intercept: np.ndarray
    classes: list[str]

    def features(self, texts: list[str]):
        from sklearn.feature_extraction.text import CountVectorizer
        from sklearn.preprocessing import normalize

        counts = CountVectorizer(ngram_range=NGRAMS, vocabulary={t: i for i, t in enumerate(self.vocabulary)})
        x = counts.transform(texts).astype(np.float64)
        x.data = np.log(x.data) + 1.0
        x = x.multiply(self.idf.astype(np.float64)).tocsr()
        return normalize(x)

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        from stance.classify.calibrate import softmax

        scores = self.features(texts) @ self.coef.astype(np.float64).T + self.intercept.astype(np.float64)
        return softmax(np.asarray(scores))

    def save(self, folder: Path, stem: str = TFIDF_STEM) -> None:
        """Write ``<stem>.json`` and ``<stem>.safetensors`` (another stem: a second model in one folder)."""
        from safetensors.numpy import save_file

        info = {"ngram_range": list(NGRAMS), "sublinear_tf": True, "norm": "l2", "classes": self.classes,
                "vocabulary": self.vocabulary}
        (folder / f"{stem}.json").write_text(json.dumps(info, ensure_ascii=False) + "\n", encoding="utf-8")
        save_file({k: np.ascontiguousarray(v) for k, v in (("idf", self.idf), ("coef", self.coef),
                                                            ("intercept", self.intercept))}, str(folder / f"{stem}.safetensors"))

    @classmethod
    def load(cls, folder: Path, stem: str = TFIDF_STEM) -> TfidfModel:
        from safetensors.numpy import load_file

        info = json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))
        arrays = load_file(str(folder / f"{stem}.safetensors"))
        if info.get("ngram_range") != list(NGRAMS) or not info.get("sublinear_tf") or info.get("norm") != "l2":
            raise ValueError(f"{folder / (stem + '.json')}: TF-IDF settings this version cannot read")
        return cls(info["vocabulary"], arrays["idf"], arrays["coef"], arrays["intercept"], info["classes"])


def fit_tfidf(items: list[PartyInput], labels: list[str], seed: int = 13) -> TfidfModel:
    """Fit on party inputs and their stance labels."""
    return fit_texts([_text(i) for i in items], labels, seed)


def fit_texts(texts: list[str], labels: list[str], seed: int = 13) -> TfidfModel:
    """Fit on texts and their labels; the arrays are rounded to float32 once, here,
    so the fitted model and the one read back from a folder are the same model."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(ngram_range=NGRAMS, min_df=2, sublinear_tf=True)
    x = vec.fit_transform(texts)
    lr = LogisticRegression(C=10.0, max_iter=2000, random_state=seed).fit(x, labels)
    vocabulary = [""] * len(vec.vocabulary_)
    for term, index in vec.vocabulary_.items():
        vocabulary[index] = term
    def f32(a):  # C order: safetensors writes the raw buffer, and sklearn's coef_ is Fortran-ordered
        return np.ascontiguousarray(a, dtype=np.float32)

    return TfidfModel(vocabulary, f32(vec.idf_), f32(lr.coef_), f32(lr.intercept_), [str(c) for c in lr.classes_])


def fit_on_train(data_dir: Path | None = None, seed: int = 13) -> TfidfModel:
    """The TF-IDF model of the training rows with a stance label (data/train)."""
    from stance.data import DATA_DIR, load_train
    from stance.features import row_inputs

    rows = load_train(data_dir or DATA_DIR)
    items = row_inputs(rows)  # every row, so the on-disk cache is the one training builds
    keep = [i for i, r in enumerate(rows) if r.label in LABELS]
    return fit_tfidf([items[i] for i in keep], [rows[i].label for i in keep], seed)


@lru_cache(maxsize=1)
def _baseline() -> TfidfModel:
    return fit_on_train()


class TfidfClassifier:
    name = "tfidf"

    def __init__(self, model: TfidfModel | None = None):
        """``model``: fitted arrays (a model folder's); None: the baseline, fitted from data/train on first use."""
        self.model = model

    @classmethod
    def from_folder(cls, folder: str | Path) -> TfidfClassifier:
        return cls(TfidfModel.load(Path(folder)))

    def predict(self, items: list[PartyInput]) -> list[dict[str, float]]:
        if not items:
            return []
        model = self.model or _baseline()
        probs = model.predict_proba([_text(i) for i in items])
        return [{k: float(row[model.classes.index(k)]) for k in LABELS} for row in probs]
