"""Neutral multi-source summaries: group articles by event, summarise each with attribution."""

from stance.summarize.event import source_pool, stance_judge, summarize, summarize_event
from stance.summarize.gate import Embedder, check
from stance.summarize.grouping import group_events
from stance.summarize.rewrite import Generator

__all__ = ["Embedder", "Generator", "check", "group_events", "source_pool", "stance_judge", "summarize",
           "summarize_event"]
