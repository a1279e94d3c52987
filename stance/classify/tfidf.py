"""TF-IDF + logistic regression baseline, fitted on the training rows as the product reads them.

Nothing is pickled: fitting takes about a second once the rows' inputs are built
(stance.features.row_inputs, cached on disk), so it is refit in each process and kept
in memory.
"""

from __future__ import annotations

from functools import lru_cache

from stance.data import load_train
from stance.features import encode, row_inputs
from stance.types import LABELS, PartyInput


def _text(item: PartyInput) -> str:
    head, body = encode(item)
    return f"{head} {body}"


@lru_cache(maxsize=1)
def _fit(seed: int = 13):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    rows = [r for r in load_train() if r.label in LABELS]
    pipe = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
                         LogisticRegression(C=10.0, max_iter=2000, random_state=seed))
    pipe.fit([_text(i) for i in row_inputs(rows)], [r.label for r in rows])
    return pipe


class TfidfClassifier:
    name = "tfidf"

    def predict(self, items: list[PartyInput]) -> list[dict[str, float]]:
        if not items:
            return []
        pipe = _fit()
        probs = pipe.predict_proba([_text(i) for i in items])
        classes = list(pipe.classes_)
        return [{k: float(row[classes.index(k)]) for k in LABELS} for row in probs]
