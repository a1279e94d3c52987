"""Checks for labelled rows: training rows and article annotation rows.

Each function returns a list of problems, one line each, naming the row; an empty list
means the rows are valid. Authored files, LLM pre-labels and reviewed rows all pass
through here, so a machine label is held to the same rules as a human one: schema,
label set, every evidence string found verbatim in its text, no duplicates.
"""

from __future__ import annotations

from pathlib import Path

from stance.data import FORMS, STANCE_LABELS, TRAIN_LABELS

TRAIN_REQUIRED = {"id": str, "conflict": str, "form": str, "party": str, "role": str, "aliases": list,
                  "text": str, "evidence": list, "label": str, "attribution": str}
TRAIN_OPTIONAL = {"fictional": bool, "tricky": str, "authored": bool, "label_source": str, "review": str,
                  "source": str}
ARTICLE_REQUIRED = {"article": str, "parties": list}
ARTICLE_OPTIONAL = {"title": str, "outlet": str, "date": str, "conflict": str, "fictional": bool, "style": str,
                    "has_junk": bool, "non_parties": list, "label_source": str, "event": str}
PARTY_REQUIRED = {"name": str, "role": str, "aliases": list, "stance": str, "evidence": list, "attribution": str}
PARTY_OPTIONAL = {"speaks_for": (str, type(None)), "label_source": str, "form": str, "probabilities": dict,
                  "party_kind": str, "kinds": list}


def _types(row: dict, required: dict, optional: dict, where: str) -> list[str]:
    problems = []
    for key, kind in required.items():
        if key not in row:
            problems.append(f"{where}: missing '{key}'")
        elif not isinstance(row[key], kind) or isinstance(row[key], bool) != (kind is bool):
            problems.append(f"{where}: '{key}' must be {kind.__name__}")
    for key, kind in optional.items():
        if key in row and not isinstance(row[key], kind):
            problems.append(f"{where}: '{key}' has the wrong type")
    unknown = sorted(set(row) - set(required) - set(optional))
    if unknown:
        problems.append(f"{where}: unknown keys {', '.join(unknown)}")
    return problems


def _strings(value: list, where: str, key: str) -> list[str]:
    return [] if all(isinstance(v, str) and v.strip() for v in value) else [f"{where}: '{key}' must hold non-empty strings"]


def _evidence(evidence: list, text: str, where: str) -> list[str]:
    if not evidence:
        return [f"{where}: no evidence"]
    problems = _strings(evidence, where, "evidence")
    if problems:
        return problems
    return [f"{where}: evidence not found verbatim: {e[:60]!r}" for e in evidence if e not in text]


def _typed(obj, required: dict, optional: dict, where: str, problems: list[str]) -> list[str] | None:
    """The type problems of one JSON object, also added to ``problems``; None when it is not an object."""
    if not isinstance(obj, dict):
        problems.append(f"{where}: not an object")
        return None
    found = _types(obj, required, optional, where)
    problems.extend(found)
    return found


def validate_train_rows(rows: list[dict]) -> list[str]:
    """Problems with training rows (the format of data/train/parts/*.jsonl)."""
    problems, ids, seen = [], set(), set()
    for n, row in enumerate(rows, 1):
        where = f"row {n} ({row.get('id', 'no id')})" if isinstance(row, dict) else f"row {n}"
        found = _typed(row, TRAIN_REQUIRED, TRAIN_OPTIONAL, where, problems)
        if found is None or any("missing" in p or "must be" in p for p in found):
            continue
        if row["label"] not in TRAIN_LABELS:
            problems.append(f"{where}: label '{row['label']}' not one of {', '.join(TRAIN_LABELS)}")
        if row["form"] not in FORMS:
            problems.append(f"{where}: form '{row['form']}' not one of {', '.join(FORMS)}")
        if not row["party"].strip() or not row["text"].strip():
            problems.append(f"{where}: empty party or text")
        problems.extend(_strings(row["aliases"], where, "aliases") if row["aliases"] else [])
        problems.extend(_evidence(row["evidence"], row["text"], where))
        if row["id"] in ids:
            problems.append(f"{where}: duplicate id")
        ids.add(row["id"])
        key = (row["party"].strip().lower(), " ".join(row["text"].split()))
        if key in seen:
            problems.append(f"{where}: duplicate of an earlier row (same party and text)")
        seen.add(key)
    return problems


def validate_article_rows(rows: list[dict], article_dir: str | Path) -> list[str]:
    """Problems with article annotations (dev/seed format); ``article`` is a path under ``article_dir``."""
    problems, articles = [], set()
    for n, row in enumerate(rows, 1):
        where = f"row {n} ({row.get('article', 'no article')})" if isinstance(row, dict) else f"row {n}"
        found = _typed(row, ARTICLE_REQUIRED, ARTICLE_OPTIONAL, where, problems)
        if found is None or any("'article'" in p or "'parties'" in p for p in found):
            continue
        path = Path(article_dir) / row["article"]
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            problems.append(f"{where}: cannot read article {path} ({getattr(err, 'strerror', None) or err})")
            continue
        if path.resolve() in articles:
            problems.append(f"{where}: duplicate article")
        articles.add(path.resolve())
        names = set()
        for i, party in enumerate(row["parties"], 1):
            pwhere = f"{where} party {i} ({party.get('name', '?') if isinstance(party, dict) else '?'})"
            pfound = _typed(party, PARTY_REQUIRED, PARTY_OPTIONAL, pwhere, problems)
            if pfound is None or any("missing" in p or "must be" in p for p in pfound):
                continue
            if party["stance"] not in STANCE_LABELS:
                problems.append(f"{pwhere}: stance '{party['stance']}' not one of {', '.join(STANCE_LABELS)}")
            if not party["name"].strip():
                problems.append(f"{pwhere}: empty name")
            problems.extend(_evidence(party["evidence"], text, pwhere))
            if party["name"].strip().lower() in names:
                problems.append(f"{pwhere}: duplicate party in this article")
            names.add(party["name"].strip().lower())
    return problems


def validate_own_rows(rows: list[dict], article_rows: list[dict], article_dir: str | Path) -> list[str]:
    """Problems with an own-sentence file (data/<split>/own/*.jsonl) against the split's annotation rows:
    one row per gold party of its articles, each own sentence verbatim in the article, none twice."""
    parties = {(a["article"], p["name"]) for a in article_rows for p in a["parties"]}
    problems, seen, texts = [], set(), {}
    for n, row in enumerate(rows, 1):
        where = f"row {n} ({row.get('article', '?') if isinstance(row, dict) else '?'})"
        found = _typed(row, {"article": str, "party": str, "own": list}, {}, where, problems)
        if found is None or found:
            continue
        key = (row["article"], row["party"])
        if key not in parties:
            problems.append(f"{where}: '{row['party']}' is no gold party of {row['article']}")
            continue
        if key in seen:
            problems.append(f"{where}: '{row['party']}' twice")
        seen.add(key)
        if row["article"] not in texts:  # an article's parties are read against one copy of its text
            texts[row["article"]] = (Path(article_dir) / row["article"]).read_text(encoding="utf-8")
        text = texts[row["article"]]
        listed = []
        for item in row["own"]:
            if not (isinstance(item, dict) and set(item) == {"text", "supports"} and isinstance(item["text"], str)
                    and isinstance(item["supports"], bool)):
                problems.append(f"{where}: an own sentence must be {{'text': str, 'supports': bool}}")
                continue
            listed.append(item["text"])
            if item["text"] not in text:
                problems.append(f"{where}: own sentence not found verbatim: {item['text'][:60]!r}")
        if len(set(listed)) < len(listed):
            problems.append(f"{where}: an own sentence listed twice for '{row['party']}'")
    articles = {r["article"] for r in rows if isinstance(r, dict) and "article" in r}
    problems += [f"{a}: no own sentences row for '{p}'" for a, p in sorted(parties) if a in articles and (a, p) not in seen]
    return problems
