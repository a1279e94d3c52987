"""Summary metrics on the seed articles (one event) against data/seed/reference_summary.json.

Usage: python scripts/summary_eval.py [--llm SPEC]   (prints the summary and a JSON of metrics)
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from stance.pipeline import load_classifier
from stance.data import load_seed
from stance.eval.summary import summary_scores
from stance.pipeline import run
from stance.summarize import source_pool, stance_judge, summarize
from stance.render.summary import to_markdown

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--llm", help="stance.llm backend spec for the rewrite mode")
    args = ap.parse_args()
    generator = embedder = None
    if args.llm:
        from stance.llm import load_llm
        from stance.embeddings import default_embedder

        generator, embedder = load_llm(args.llm), default_embedder()
    clf = load_classifier("rules")
    paths = sorted(str(p) for p in (ROOT / "data" / "articles").glob("*.txt"))
    results = list(run(paths, clf))
    t0 = time.perf_counter()
    events = summarize(results, generator=generator, embedder=embedder, stance_of=stance_judge(clf))
    elapsed = time.perf_counter() - t0
    reference = json.loads((ROOT / "data" / "seed" / "reference_summary.json").read_text(encoding="utf-8"))
    gold = [p for g in load_seed() for p in g.parties]
    unique = list({p.name: p for p in gold}.values())
    print(to_markdown(events))
    report = {"events": len(events), "seconds": round(elapsed, 3)}
    for e in events:
        members = [r for r in results if r.article.source in {a["source"] for a in e.articles}]
        report[e.id] = summary_scores(e, source_pool(members), [r.article.text for r in members],
                                      reference=reference, gold_parties=unique)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
