"""The count tables of data/DATASHEET.md, computed from the data files.

The datasheet's prose is written by hand; its numbers never are: `python
scripts/datasheet.py` rewrites the block between the markers, and a test fails when
the block is stale.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from stance.data import DATA_DIR, STANCE_LABELS, TRAIN_LABELS, load_challenge, load_dev, load_events, load_seed, load_train

START, END = "<!-- counts:start -->", "<!-- counts:end -->"


def _table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _pct(n: int, total: int) -> str:
    return f"{n} ({100 * n / total:.1f}%)" if total else "0"


def counts_markdown(data_dir: Path = DATA_DIR) -> str:
    train = load_train(data_dir)
    dev = load_dev(data_dir)
    seed = load_seed(data_dir)
    challenge = load_challenge(data_dir)
    out = []
    labels = Counter(r.label for r in train)
    stance_total = sum(labels[k] for k in STANCE_LABELS)
    out.append("### Training rows by file and label\n")
    files = sorted({r.file for r in train})
    rows = [[f, *[sum(1 for r in train if r.file == f and r.label == k) for k in TRAIN_LABELS],
             sum(1 for r in train if r.file == f)] for f in files]
    rows.append(["**all**", *[labels[k] for k in TRAIN_LABELS], len(train)])
    out.append(_table(["file", *TRAIN_LABELS, "total"], rows))
    out.append("\nShare of each stance label among the " + str(stance_total) + " stance rows: "
               + ", ".join(f"{k} {_pct(labels[k], stance_total)}" for k in STANCE_LABELS) + ".\n")
    out.append("### Training rows by form\n")
    forms = Counter(r.form for r in train)
    out.append(_table(["form", *TRAIN_LABELS, "total"],
                      [[f, *[sum(1 for r in train if r.form == f and r.label == k) for k in TRAIN_LABELS], n]
                       for f, n in sorted(forms.items())]))
    out.append("\n### Training rows by conflict\n")
    conflicts = Counter(r.conflict.split(",")[0].split(":")[0].strip() for r in train)
    out.append(f"{len(conflicts)} conflicts or eras; {sum(1 for r in train if r.fictional)} rows are set in fictional conflicts.\n")
    out.append(_table(["conflict", "rows", "fictional"],
                      [[c, n, "yes" if any(r.fictional for r in train if r.conflict.startswith(c)) else ""]
                       for c, n in sorted(conflicts.items())]))
    out.append(f"\nRows marked `tricky` (misleading cue words, hard cases): {sum(1 for r in train if r.tricky)}.\n")
    for name, arts in (("Development articles", dev), ("Challenge articles", challenge), ("Seed evaluation articles", seed)):
        parties = [p for a in arts for p in a.parties]
        stances = Counter(p.stance for p in parties)
        words = [len(a.text.split()) for a in arts]
        out.append(f"### {name}\n")
        out.append(_table(["articles", "with page junk", "parties", *STANCE_LABELS, "non-parties", "words per file (min-max)"],
                          [[len(arts), sum(a.has_junk for a in arts), len(parties), *[stances[k] for k in STANCE_LABELS],
                            sum(len(a.non_parties) for a in arts), f"{min(words)}-{max(words)}"]]))
        conf = Counter(a.conflict.split(",")[0].split(":")[0].strip() for a in arts)
        out.append("\nConflicts: " + "; ".join(f"{c} ({n})" for c, n in sorted(conf.items())) + "\n")
    out.append(_kinds_markdown(challenge))
    out.append(_events_markdown(load_events(data_dir)))
    return "\n".join(out).strip() + "\n"


def _events_markdown(arts) -> str:
    """The authored same-event groups: how many events, outlets per event, pages without metadata."""
    if not arts:
        return ""
    events = Counter(a.event for a in arts)
    stances = Counter(p.stance for a in arts for p in a.parties)
    return ("### Same-event groups (data/events)\n\n"
            + _table(["events", "articles", "2 outlets", "3 outlets", "no title line", "no date line", "with page junk",
                      "parties", *STANCE_LABELS],
                     [[len(events), len(arts), sum(n == 2 for n in events.values()), sum(n == 3 for n in events.values()),
                       sum(not a.title for a in arts), sum(not a.date for a in arts), sum(a.has_junk for a in arts),
                       sum(len(a.parties) for a in arts), *[stances[k] for k in STANCE_LABELS]]]) + "\n")


def _kinds_markdown(arts) -> str:
    """Challenge parties by party kind and by the 13 error kinds of real pages (a party may have several)."""
    parties = [p for a in arts for p in a.parties]
    by_kind = Counter(p.party_kind for p in parties)
    kinds = Counter(k for p in parties for k in p.kinds)
    return ("### Challenge parties by kind\n\n"
            + _table(["party kind", "parties"], [[k, n] for k, n in sorted(by_kind.items())])
            + "\n\n" + _table(["error kind (issue 15)", "instances"], [[k, kinds[k]] for k in sorted(kinds)]) + "\n")


def render(path: Path) -> str:
    """The datasheet text with its counts block replaced by freshly computed counts."""
    text = path.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{counts_markdown(path.parent)}{END}{tail}"
