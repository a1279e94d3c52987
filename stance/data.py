"""The project's labelled data: authored training rows, dev and seed article annotations.

Authored files hold evidence as text; offsets are computed here on load (first
occurrence in the row's text or article file), so the files stay easy to write and
review, and the validator checks that every evidence string is found.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from stance.types import Evidence

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
STANCE_LABELS = ("open", "conditional", "rejecting")
TRAIN_LABELS = (*STANCE_LABELS, "none")
FORMS = ("direct_quote", "indirect_speech", "according_to", "reported_position", "source_describes",
         "headline", "negation_hedging", "dash_colon")


@dataclass
class TrainRow:
    id: str
    conflict: str
    form: str
    party: str
    role: str
    aliases: list[str]
    text: str
    evidence: list[Evidence]
    label: str
    attribution: str
    fictional: bool = False
    tricky: str = ""
    file: str = ""


@dataclass
class GoldParty:
    name: str
    role: str
    aliases: list[str]
    stance: str
    evidence: list[Evidence]
    attribution: str
    speaks_for: str | None = None
    party_kind: str = ""
    kinds: list[int] = field(default_factory=list)
    own: list[Evidence] | None = None  # every sentence that is the party's own position (a separate, blind pass); None: not annotated
    own_supporting: list[Evidence] = field(default_factory=list)  # those of ``own`` that support ``stance``


@dataclass
class GoldArticle:
    """One annotated article; ``path`` is the article file, ``text`` its contents."""

    path: Path
    text: str
    title: str
    outlet: str
    date: str
    conflict: str
    parties: list[GoldParty]
    non_parties: list[str] = field(default_factory=list)
    style: str = ""
    has_junk: bool = False
    event: str = ""


def locate(text: str, snippets: list[str]) -> list[Evidence]:
    out = []
    for snippet in snippets:
        start = text.find(snippet)
        out.append(Evidence(snippet, start, start + len(snippet) if start >= 0 else -1))
    return out


def _jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_train(data_dir: Path = DATA_DIR) -> list[TrainRow]:
    rows = []
    for path in sorted((data_dir / "train" / "parts").glob("*.jsonl")):
        for r in _jsonl(path):
            rows.append(TrainRow(
                id=r["id"], conflict=r["conflict"], form=r["form"], party=r["party"], role=r.get("role", ""),
                aliases=r.get("aliases", []), text=r["text"], evidence=locate(r["text"], r["evidence"]),
                label=r["label"], attribution=r.get("attribution", ""), fictional=bool(r.get("fictional")),
                tricky=r.get("tricky", ""), file=str(path.relative_to(data_dir)),
            ))
    return rows


def _own_sentences(own_files: list[Path]) -> dict[tuple[str, str], list[dict]]:
    """(article, party name) -> its own sentences, from the own-sentence files of a split
    (data/DATASHEET.md: written after the labels, blind to the system's output)."""
    return {(r["article"], r["party"]): r["own"] for path in own_files for r in _jsonl(path)}


def _load_articles(label_files: list[Path], article_dir: Path, own_files: list[Path] = ()) -> list[GoldArticle]:
    own = _own_sentences(list(own_files))
    out = []
    for path in label_files:
        for r in _jsonl(path):
            article_path = article_dir / r["article"]
            text = article_path.read_text(encoding="utf-8")
            parties = [GoldParty(name=p["name"], role=p.get("role", ""), aliases=p.get("aliases", []), stance=p["stance"],
                                 evidence=locate(text, p["evidence"]), attribution=p.get("attribution", ""),
                                 speaks_for=p.get("speaks_for"), party_kind=p.get("party_kind", ""),
                                 kinds=list(p.get("kinds", [])))
                       for p in r["parties"]]
            for party in parties:
                sentences = own.get((r["article"], party.name))
                if sentences is not None:
                    party.own = locate(text, [o["text"] for o in sentences])
                    party.own_supporting = locate(text, [o["text"] for o in sentences if o["supports"]])
            out.append(GoldArticle(path=article_path, text=text, title=r.get("title", ""), outlet=r.get("outlet", ""),
                                   date=r.get("date", ""), conflict=r.get("conflict", ""), parties=parties,
                                   non_parties=r.get("non_parties", []), style=r.get("style", ""),
                                   has_junk=bool(r.get("has_junk")), event=r.get("event", "")))
    return sorted(out, key=lambda a: a.path.name)


def load_dev(data_dir: Path = DATA_DIR) -> list[GoldArticle]:
    return _load_articles(sorted((data_dir / "dev" / "parts").glob("*.jsonl")), data_dir / "dev" / "articles",
                          _own_files("dev", data_dir))


def load_seed(data_dir: Path = DATA_DIR) -> list[GoldArticle]:
    return _load_articles([data_dir / "seed" / "labels.jsonl"], data_dir / "articles", _own_files("seed", data_dir))


def load_challenge(data_dir: Path = DATA_DIR) -> list[GoldArticle]:
    """The real-style challenge set: never trained or tuned on (data/DATASHEET.md)."""
    return _load_articles(sorted((data_dir / "challenge" / "parts").glob("*.jsonl")), data_dir / "challenge" / "articles",
                          _own_files("challenge", data_dir))


def _own_files(split: str, data_dir: Path) -> list[Path]:
    return sorted((data_dir / split / "own").glob("*.jsonl"))


def load_events(data_dir: Path = DATA_DIR) -> list[GoldArticle]:
    """Authored same-event groups (``event`` names the group): scored for summaries and grouping only,
    never trained or tuned on, and outside every split (data/DATASHEET.md)."""
    return _load_articles(sorted((data_dir / "events" / "parts").glob("*.jsonl")), data_dir / "events" / "articles")


SPLITS = {"dev": load_dev, "seed": load_seed, "challenge": load_challenge}


def load_split(name: str, data_dir: Path = DATA_DIR) -> list[GoldArticle]:
    if name not in SPLITS:
        raise ValueError(f"unknown split '{name}' (expected one of: {', '.join(SPLITS)})")
    return SPLITS[name](data_dir)


def split_files(name: str, data_dir: Path = DATA_DIR) -> list[Path]:
    """Every file a split's models and inputs are read from: its label files and its articles (not its
    own-sentence files, which only the evidence measure reads)."""
    if name == "train":
        return sorted((data_dir / "train" / "parts").glob("*.jsonl"))
    if name == "seed":
        return [data_dir / "seed" / "labels.jsonl", *sorted((data_dir / "articles").glob("*.txt"))]
    return sorted((data_dir / name / "parts").glob("*.jsonl")) + sorted((data_dir / name / "articles").glob("*.txt"))


def data_hashes(splits: tuple[str, ...] = ("train", "dev"), data_dir: Path = DATA_DIR) -> dict[str, str]:
    """sha256 of every file of the given splits, by path under ``data_dir``: what a trained model was built from."""
    return {str(p.relative_to(data_dir)): hashlib.sha256(p.read_bytes()).hexdigest()
            for name in splits for p in split_files(name, data_dir)}


def train_dataset(data_dir: Path = DATA_DIR):
    """The training rows as a ``datasets.Dataset`` (built from the local files; no Hub)."""
    from datasets import Dataset

    rows = load_train(data_dir)
    return Dataset.from_list([
        {"id": r.id, "conflict": r.conflict, "form": r.form, "party": r.party, "role": r.role, "text": r.text,
         "evidence": [e.text for e in r.evidence], "label": r.label}
        for r in rows
    ])
