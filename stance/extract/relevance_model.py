"""The learned relevance decision: is this statement evidence of the party's ceasefire stance?

A logistic regression over TF-IDF (word unigrams and bigrams, sublinear tf, l2 rows, as
scikit-learn fits it) of the statement, plus its attribution form and the lexical rule's
verdict (stance.extract.relevance). It is fitted by scripts/train_relevance.py on the
authored training rows as the product reads them: a row's evidence sentences are
relevant, the row party's other statements are not (nor any statement of a ``none``
row). It is stored as JSON (stance/resources/relevance.json) and scored with plain
Python, so extraction needs neither scikit-learn nor torch.

The lexical rule alone keeps a party's colour quotes, procedural remarks and superseded
positions as evidence; the model drops them (``keep``), and rescues a statement the rule
misses only when it is sure (``rescue``).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern
MODEL_FILE = "relevance.json"


def terms(text: str) -> Counter:
    """Unigram and bigram counts, tokenised as scikit-learn's TfidfVectorizer does."""
    words = TOKEN.findall(text.lower())
    return Counter(words + [f"{a} {b}" for a, b in zip(words, words[1:])])


@dataclass(frozen=True)
class RelevanceModel:
    weights: dict[str, tuple[float, float]]  # term -> (idf, coefficient)
    form_weights: dict[str, float]
    rule_weight: float
    intercept: float
    keep: float  # a statement the rule calls relevant stays relevant above this probability
    rescue: float  # a statement the rule calls irrelevant becomes relevant above this one

    def probability(self, text: str, form: str, rule: bool) -> float:
        values = {t: (1.0 + math.log(n)) * self.weights[t][0] for t, n in terms(text).items() if t in self.weights}
        norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
        score = self.intercept + sum(v / norm * self.weights[t][1] for t, v in values.items())
        score += self.form_weights.get(form, 0.0) + (self.rule_weight if rule else 0.0)
        return 1.0 / (1.0 + math.exp(-score))

    def relevant(self, text: str, form: str, rule: bool) -> bool:
        p = self.probability(text, form, rule)
        return p > self.rescue or (rule and p > self.keep)

    def to_json(self) -> dict:
        return {"kind": "tfidf-logistic-regression", "ngram_range": [1, 2], "sublinear_tf": True, "norm": "l2",
                "keep": self.keep, "rescue": self.rescue, "intercept": self.intercept, "rule_weight": self.rule_weight,
                "form_weights": self.form_weights, "terms": {t: list(w) for t, w in sorted(self.weights.items())}}

    @classmethod
    def from_json(cls, info: dict) -> RelevanceModel:
        if info.get("kind") != "tfidf-logistic-regression" or info.get("ngram_range") != [1, 2]:
            raise ValueError(f"{MODEL_FILE}: a relevance model this version cannot read")
        return cls({t: (float(w[0]), float(w[1])) for t, w in info["terms"].items()},
                   {f: float(w) for f, w in info["form_weights"].items()}, float(info["rule_weight"]),
                   float(info["intercept"]), float(info["keep"]), float(info["rescue"]))


def fit(data: list[tuple[str, str, bool, int]], c: float, keep: float, rescue: float, min_df: int = 2) -> RelevanceModel:
    """Fit on (statement, form, lexical rule's verdict, relevant 0/1) examples (scikit-learn, at training time only)."""
    import numpy as np
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    forms = sorted({form for _, form, _, _ in data})
    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=min_df, sublinear_tf=True)
    side = csr_matrix(np.array([[form == f for f in forms] + [rule] for _, form, rule, _ in data], dtype=float))
    x = hstack([vec.fit_transform([t for t, *_ in data]), side]).tocsr()
    lr = LogisticRegression(C=c, max_iter=3000, random_state=13).fit(x, [y for *_, y in data])
    coef, n = lr.coef_[0], len(vec.vocabulary_)
    weights = {t: (round(float(vec.idf_[i]), 5), round(float(coef[i]), 5)) for t, i in vec.vocabulary_.items()}
    return RelevanceModel(weights, {f: round(float(coef[n + j]), 5) for j, f in enumerate(forms)},
                          round(float(coef[n + len(forms)]), 5), round(float(lr.intercept_[0]), 5), keep, rescue)


@lru_cache(maxsize=1)
def relevance_model() -> RelevanceModel:
    text = resources.files("stance.resources").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return RelevanceModel.from_json(json.loads(text))
