"""Do two `stance predict --format jsonl` outputs say the same thing? (A speed change must not change a prediction.)

Compares, per source: the parties found (name, role, aliases, kind), each party's stance
and probabilities, and its evidence (text, offsets, attribution). Prints the agreement
and every difference; exits 1 when anything differs.

    stance predict --model tfidf -f jsonl --out before.jsonl data/dev/articles data/challenge/articles data/articles
    (change the code, run it again into after.jsonl)
    python scripts/same_predictions.py before.jsonl after.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys

PARTY_KEYS = ("name", "role", "aliases", "kind", "speaks_for", "stance", "probabilities", "low_confidence")


def party_view(party: dict) -> dict:
    view = {k: party.get(k) for k in PARTY_KEYS}
    view["evidence"] = [(e["start"], e["end"], e["text"], e.get("attribution")) for e in party.get("evidence", [])]
    return view


def load(path: str) -> dict[str, list[dict]]:
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return {r["source"]: [party_view(p) for p in r["parties"]] for r in rows}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("before")
    ap.add_argument("after")
    args = ap.parse_args()
    before, after = load(args.before), load(args.after)
    differences = []
    for source in sorted(set(before) | set(after)):
        if source not in after or source not in before:
            differences.append(f"{source}: only in {'before' if source in before else 'after'}")
            continue
        a, b = before[source], after[source]
        if len(a) != len(b) or [p["name"] for p in a] != [p["name"] for p in b]:
            differences.append(f"{source}: parties {[p['name'] for p in a]} -> {[p['name'] for p in b]}")
            continue
        for pa, pb in zip(a, b):
            changed = [k for k in pa if pa[k] != pb[k]]
            if changed:
                differences.append(f"{source}: {pa['name']}: {', '.join(changed)} differ")
    parties = sum(len(v) for v in before.values())
    same_stance = sum(pa["stance"] == pb["stance"] for s in before if s in after and len(before[s]) == len(after[s])
                      for pa, pb in zip(before[s], after[s]))
    print(f"{len(before)} articles before, {len(after)} after; {parties} parties; same stance for {same_stance}; "
          f"{len(differences)} difference(s)")
    for line in differences:
        print("  " + line)
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
