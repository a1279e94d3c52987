"""LLM pre-labels of new articles, in the article annotation format (data/dev/parts/*.jsonl).

The extraction pipeline proposes the parties and their evidence sentences, so evidence
is always verbatim article text; the LLM only chooses each party's stance. Rows carry
``"label_source": "llm:<model>"`` so a machine label is never mistaken for a human one
until `stance review` has passed it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from stance.io.atomic import write_text
from stance.types import Article, ArticleResult


def article_ref(article: Article, copies_dir: Path) -> str:
    """The path that holds ``article.text`` exactly: the input file when it is plain text, else a saved copy."""
    path = Path(article.source)
    try:
        if path.is_file() and path.read_text(encoding="utf-8-sig") == article.text:
            return str(path)
    except (OSError, UnicodeDecodeError):
        pass
    digest = hashlib.sha256(article.text.encode("utf-8")).hexdigest()[:12]
    copy = copies_dir / f"{Path(article.source).stem[:40] or 'article'}_{digest}.txt"
    write_text(copy, article.text)
    return str(copy)


def to_row(result: ArticleResult, ref: str, source: str) -> dict:
    a = result.article
    forms = {(s.start, s.end): s.form for s in result.statements}
    parties = []
    for p in result.parties:
        evidence = list(dict.fromkeys(e.text if e.text in a.text else a.text[e.start:e.end] for e in p.evidence))
        if not evidence:
            continue
        first = p.evidence[0]
        parties.append({
            "name": p.party.name, "role": p.party.role, "aliases": p.party.aliases,
            "speaks_for": p.party.speaks_for, "stance": p.stance, "evidence": evidence,
            "attribution": p.attribution, "form": forms.get((first.start, first.end), "reported_position"),
            "probabilities": p.probabilities, "label_source": source,
        })
    return {"article": ref, "title": a.title, "outlet": a.outlet, "date": a.date, "conflict": "",
            "parties": parties, "non_parties": [], "label_source": source}


def prelabel(inputs: list[str], classifier, copies_dir: Path, echo) -> tuple[list[dict], int]:
    """Pre-label rows for every readable input and the number of inputs that failed (each reported by ``echo``)."""
    from stance.io.ingest import InputError, read_articles
    from stance.pipeline import analyze

    source = classifier.name
    rows, errors = [], 0
    for item in read_articles(inputs):
        if isinstance(item, InputError):
            errors += 1
            echo(f"error: {item}")
            continue
        try:
            result = analyze(item, classifier)
        except InputError as err:
            errors += 1
            echo(f"error: {item.source}: {err.problem}")
            continue
        rows.append(to_row(result, article_ref(item, copies_dir), source))
        echo(f"{item.source}: {len(rows[-1]['parties'])} parties")
    return rows, errors
