"""Human review of LLM pre-labels: accept, correct or reject each one, keep only reviewed rows.

Each pre-labelled party becomes, once a person has decided on it, a training row in the
format of data/train/parts/*.jsonl: the article passage holding its evidence, the
evidence sentences, the label the reviewer settled on, and where the label came from.
Decisions are saved as they are made, so a review can stop and resume.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from stance.io.atomic import write_text
from stance.data import FORMS

KEYS = {"a": "accept", "o": "open", "c": "conditional", "r": "rejecting", "n": "none", "x": "reject",
        "s": "skip", "q": "quit"}
HELP = "[a]ccept  correct to [o]pen [c]onditional [r]ejecting [n]one (no position)  [x] reject  [s]kip  [q]uit"
MAX_PASSAGE = 1500


@dataclass
class Item:
    """One pre-labelled party of one article, with the article text its evidence lies in."""

    id: str
    row: dict
    party: dict
    text: str


@dataclass
class Outcome:
    accepted: int = 0
    corrected: int = 0
    rejected: int = 0
    skipped: int = 0
    rows: list[dict] = field(default_factory=list)


def item_id(article: str, party: str) -> str:
    return "rev-" + hashlib.sha256(f"{article}\x00{party}".encode()).hexdigest()[:12]


def load_items(rows: list[dict], article_dir: Path = Path(".")) -> list[Item]:
    items = []
    for row in rows:
        text = (article_dir / row["article"]).read_text(encoding="utf-8")
        for party in row["parties"]:
            items.append(Item(item_id(row["article"], party["name"]), row, party, text))
    return items


def passage(text: str, evidence: list[str]) -> str:
    """The paragraphs from the first evidence to the last, or the evidence alone if that is too long."""
    spans = [(text.find(e), text.find(e) + len(e)) for e in evidence if e in text]
    if not spans:
        return " ".join(evidence)
    start = text.rfind("\n", 0, min(s for s, _ in spans)) + 1
    end = text.find("\n", max(e for _, e in spans))
    chunk = text[start : end if end >= 0 else len(text)].strip()
    return chunk if len(chunk) <= MAX_PASSAGE else " ".join(evidence)


def in_context(text: str, evidence: str, width: int = 160) -> tuple[str, str, str]:
    """(before, evidence, after) around the first occurrence, for display."""
    i = text.find(evidence)
    if i < 0:
        return "", evidence, ""
    before = " ".join(text[max(0, i - width) : i].split())
    after = " ".join(text[i + len(evidence) : i + len(evidence) + width].split())
    return ("…" + before if i > width else before), evidence, (after + "…" if i + len(evidence) + width < len(text) else after)


def train_row(item: Item, label: str, decision: str) -> dict:
    p, row = item.party, item.row
    form = p.get("form") if p.get("form") in FORMS else "reported_position"
    return {"id": item.id, "conflict": row.get("conflict", ""), "fictional": bool(row.get("fictional", False)),
            "form": form, "party": p["name"], "role": p.get("role", ""), "aliases": p.get("aliases", []),
            "text": passage(item.text, p["evidence"]), "evidence": p["evidence"], "label": label,
            "attribution": p.get("attribution", ""), "tricky": "", "authored": False,
            "label_source": p.get("label_source", row.get("label_source", "")), "review": decision,
            "source": row["article"]}


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def rejected_path(out: Path) -> Path:
    return out.with_name(out.name + ".rejected")


def review(items: list[Item], out: Path, ask: Callable[[Item], str], show: Callable[[Item, int, int], None]) -> Outcome:
    """Ask about every item not decided in an earlier session; save after each decision."""
    kept = read_jsonl(out)
    done = {r["id"] for r in kept}
    rejected_file = rejected_path(out)
    rejected = set(rejected_file.read_text(encoding="utf-8").split()) if rejected_file.exists() else set()
    todo = [it for it in items if it.id not in done and it.id not in rejected]
    outcome = Outcome()
    for n, item in enumerate(todo, 1):
        show(item, n, len(todo))
        action = KEYS[ask(item)]
        if action == "quit":
            break
        if action == "skip":
            outcome.skipped += 1
            continue
        if action == "reject":
            rejected.add(item.id)
            write_text(rejected_file, "".join(f"{i}\n" for i in sorted(rejected)))
            outcome.rejected += 1
            continue
        proposed = item.party["stance"]
        label = proposed if action == "accept" else action
        decision = "accepted" if label == proposed else f"corrected from {proposed}"
        outcome.accepted += label == proposed
        outcome.corrected += label != proposed
        row = train_row(item, label, decision)
        kept.append(row)
        outcome.rows.append(row)
        write_text(out, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in kept))
    return outcome


def load_review(prelabels: Path, out: Path) -> list[dict]:
    """The pre-label rows to review, after checking them and any training rows already in ``out``;
    ValueError with the one-line reason otherwise."""
    import json

    from stance.annotate.validate import validate_article_rows, validate_train_rows

    try:
        rows = [json.loads(line) for line in prelabels.read_text(encoding="utf-8").splitlines() if line.strip()]
    except OSError as err:
        raise ValueError(f"{prelabels}: cannot read ({err.strerror or err})") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise ValueError(f"{prelabels}: not a JSONL file of pre-labels ({getattr(err, 'msg', err)})") from None
    problems = validate_article_rows(rows, Path("."))
    if problems:
        raise ValueError(f"{prelabels}: {problems[0]}")
    try:
        existing = read_jsonl(out)
    except (OSError, json.JSONDecodeError, UnicodeDecodeError):
        raise ValueError(f"{out}: exists but is not a readable JSONL file") from None
    problems = validate_train_rows(existing)
    if problems:
        raise ValueError(f"{out}: {problems[0]}")
    return rows


def terminal_review(rows: list[dict], out: Path) -> Outcome:
    """:func:`review` in the terminal: each pre-label with its evidence highlighted in context, one key per decision."""
    import click

    def show(item: Item, n: int, total: int) -> None:
        p = item.party
        prob = p.get("probabilities", {}).get(p["stance"])
        click.echo(f"\n[{n}/{total}] {item.row['article']}")
        click.echo(click.style(f"{p['name']}", bold=True) + (f" ({p['role']})" if p.get("role") else "")
                   + f": proposed {click.style(p['stance'], bold=True)}" + (f" (p={prob:.2f})" if prob is not None else "")
                   + f" by {p.get('label_source', '?')}")
        for e in p["evidence"]:
            before, ev, after = in_context(item.text, e)
            click.echo(f"  {before} " + click.style(f"[{ev}]", fg="yellow", bold=True) + f" {after}")

    def ask(item: Item) -> str:
        return click.prompt(HELP, type=click.Choice(list(KEYS)), show_choices=False)

    return review(load_items(rows), out, ask, show)
