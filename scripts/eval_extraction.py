"""Party extraction on the seed and dev sets: P/R/F1, evidence overlap, every miss and false positive.

Also checks that no evidence comes from page junk (text outside the cleaned body) and
that no body line looks like page furniture (feeds, appeals, newsletter forms); the
exit status is non-zero when either check fails.

    python scripts/eval_extraction.py            # seed and dev
    python scripts/eval_extraction.py --split dev --verbose
    python scripts/eval_extraction.py --split challenge   # also by party kind
"""

from __future__ import annotations

import argparse
import re
import sys
import time

from stance.io.clean import clean_article
from stance.data import load_split
from stance.features import find_parties
from stance.eval.parties import party_prf
from stance.names import match_parties

# Independent of stance.io.clean's own rules: lines that look like page furniture.
LOOKS_LIKE_JUNK = re.compile(
    r"^\d{1,2}:\d{2}\s|subscribe|newsletter|donat|support (us|our|the|independent)|in your inbox|read more|"
    r"most read|cookie|sign up|advertis|©|listen to (this|the)|min read|become a (member|supporter)|indicates required",
    re.IGNORECASE,
)


def run_split(name: str, verbose: bool) -> tuple[dict, list[str]]:
    gold = load_split(name)
    predicted, junk = [], []
    for art in gold:
        article = clean_article(str(art.path), art.text)
        for s, e in article.body:
            line = art.text[s:e]
            if len(line) < 300 and LOOKS_LIKE_JUNK.search(line):
                junk.append(f"{art.path.name}: body line looks like junk: {line[:80]!r}")
        found = find_parties(article)
        predicted.append(found)
        for party, sts in found:
            for st in sts:
                spans = article.body + (article.headline_spans() if st.form == "headline" else [])
                if st.relevant and not any(s <= st.start and st.end <= e for s, e in spans):
                    junk.append(f"{art.path.name}: {party.name}: {st.text[:80]!r}")
        if verbose:
            pairs = {id(item): g.name for item, g in match_parties(found, art.parties)}
            print(f"--- {art.path.name}")
            for item in found:
                party, sts = item
                mark = f"= {pairs[id(item)]}" if id(item) in pairs else "FP"
                print(f"  {party.name} [{party.kind}] role={party.role!r} for={party.speaks_for} {mark}")
                for st in sts:
                    if st.relevant:
                        print(f"      {st.form}: {st.text[:110]!r} <- {st.attribution[:40]!r}")
    return party_prf(predicted, gold), junk


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("seed", "dev", "challenge", "both"), default="both")
    ap.add_argument("--verbose", action="store_true", help="print every predicted party and its statements")
    args = ap.parse_args(argv)
    splits = ("seed", "dev") if args.split == "both" else (args.split,)
    ok = True
    for name in splits:
        t0 = time.perf_counter()
        scores, junk = run_split(name, args.verbose)
        secs = time.perf_counter() - t0
        print(f"== {name}: parties P={scores['precision']:.3f} R={scores['recall']:.3f} F1={scores['f1']:.3f} "
              f"(tp {scores['tp']}, predicted {scores['predicted']}, gold {scores['gold']}); evidence overlap "
              f"P={scores['evidence_precision']:.3f} R={scores['evidence_recall']:.3f} F1={scores['evidence_f1']:.3f}, "
              f"another party's {scores['evidence_misattributed']:.3f}; "
              + (f"own P={scores['evidence_own_precision']:.3f}, supporting P={scores['evidence_supporting_precision']:.3f} "
                 f"R={scores['evidence_supporting_recall']:.3f}; " if scores["evidence_own_precision"] is not None else "")
              + f"{secs:.1f} s")
        for kind, k in scores["by_kind"].items():
            print(f"   {kind:<14} P={k['precision']:.3f} R={k['recall']:.3f} (tp {k['tp']}, predicted {k['predicted']}, gold {k['gold']})")
        for m in scores["non_parties_reported"]:
            print(f"   NON-PARTY {m['article']}: {m['party']}")
        for m in scores["misses"]:
            print(f"   miss  {m['article']}: {m['party']}")
        for m in scores["false_positives"]:
            print(f"   FP    {m['article']}: {m['party']}")
        print(f"   junk problems (evidence outside the body, junk-looking body lines): {len(junk)}")
        for j in junk:
            print(f"   JUNK  {j}")
        ok = ok and not junk
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
