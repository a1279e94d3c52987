"""Stance classifiers: all map a party's statements to probabilities over the labels."""

from stance.classify.base import PartyInput, StanceClassifier, load_classifier

__all__ = ["PartyInput", "StanceClassifier", "load_classifier"]
