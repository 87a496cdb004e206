"""The classic text baseline every text figure is shown beside: TF-IDF over character 1–3-grams
(sublinear counts) + logistic regression (scikit-learn, the bench extra only: `pip install
.[bench]`), trained on the app's own train split and scored on its eval split (test where the
data has one, else val), so that both numbers come from the same rows."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from desktop_app.core.data.dataset import Dataset

NGRAMS = (1, 3)
C = 1.0


@dataclass(frozen=True)
class BaselineScore:
    accuracy: float
    split: str  # the split scored: "test" or "val"
    n_eval: int
    seconds: float  # fit + transform + predict


def tfidf_char_baseline(dataset: Dataset) -> BaselineScore:
    """Char 1–3-gram TF-IDF + logistic regression on `dataset`'s train split, scored on its
    test split (val where there is none)."""
    start = time.perf_counter()
    splits = np.asarray(dataset.splits)
    labels = np.asarray(dataset.labels)
    items = np.asarray([t if isinstance(t, str) else "" for t in dataset.items], dtype=object)
    split = "test" if (splits == "test").any() else "val"
    train, scored = splits == "train", splits == split
    vectoriser = TfidfVectorizer(analyzer="char", ngram_range=NGRAMS, sublinear_tf=True)
    model = LogisticRegression(C=C, max_iter=2000)
    model.fit(vectoriser.fit_transform(items[train]), labels[train])
    predicted = model.predict(vectoriser.transform(items[scored]))
    accuracy = float((predicted == labels[scored]).mean()) if scored.any() else float("nan")
    return BaselineScore(accuracy, split, int(scored.sum()), time.perf_counter() - start)
