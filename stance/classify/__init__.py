"""Stance classifiers: all map a party's statements to probabilities over the labels. Inference only."""

from stance.classify.base import StanceClassifier
from stance.classify.registry import CLASSIFIERS, DefaultModelMissing, load_classifier

__all__ = ["CLASSIFIERS", "DefaultModelMissing", "StanceClassifier", "load_classifier"]
