"""Training pairs for the statement-level classifier: one (statement, party) pair at a time.

Each authored row is read as the product reads it (stance.features.find_parties): the
row's party's statements that overlap the row's evidence get the row's label (all of them
``none`` in a row labelled ``none``); its other statements are left out, since a row's
evidence need not list every sentence in which the party holds its position; the statements of the other parties found in the row's text are
paired with the row's party as ``none`` too (distractors: "X rejected Y's offer" says
nothing about Y). When extraction misses the row's party, its evidence sentences stand
in for its statements, as :func:`stance.features.row_input` does. The extraction of
every row is cached on disk (parsing is the slow part).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from stance.cache import cache_dir, cached_json, files_digest, input_key, key
from stance.data import TrainRow
from stance.features import find_parties
from stance.io.clean import clean_article
from stance.names import match_parties
from stance.types import Party, PartyInput, Statement

NONE = "none"


@dataclass
class Pair:
    """One statement paired with one party, and what it says about that party's stance."""

    party: str
    aliases: list[str]
    text: str
    label: str

    def as_input(self) -> PartyInput:
        return PartyInput(party=self.party, role="", statements=[self.text], aliases=list(self.aliases))


def _overlaps(statement: Statement, spans: list[tuple[int, int]], evidence: list[str]) -> bool:
    if any(s < statement.end and statement.start < e for s, e in spans if s >= 0):
        return True
    return any(ev in statement.text or statement.text in ev for ev in evidence)


def row_pairs(row: TrainRow) -> list[Pair]:
    """The (statement, party) pairs of one row (see the module docstring)."""
    article = clean_article(row.id, row.text)
    found = find_parties(article)
    party = Party(name=row.party, role=row.role, aliases=list(row.aliases))
    matched = match_parties(found, [party])
    own = matched[0][0] if matched else None
    evidence = [e.text for e in row.evidence]
    spans = [(article.text.find(t), article.text.find(t) + len(t)) for t in evidence]
    aliases = list(own[0].aliases) if own else list(row.aliases)
    pairs: list[Pair] = []
    if own is None:
        pairs += [Pair(row.party, aliases, t, row.label) for t in evidence]
    for other, statements in found:
        is_own = own is not None and other is own[0]
        for st in statements:
            hit = _overlaps(st, spans, evidence)
            if is_own and (hit or row.label == NONE):
                pairs.append(Pair(row.party, aliases, st.text, row.label))
            elif not is_own and not hit:
                pairs.append(Pair(row.party, aliases, st.text, NONE))
    if own is not None and not any(p.label == row.label for p in pairs) and row.label != NONE:
        pairs += [Pair(row.party, aliases, t, row.label) for t in evidence]
    return pairs


def _fields(row: TrainRow) -> tuple:
    return row.id, row.text, row.party, row.role, row.aliases, [e.text for e in row.evidence], row.label


_MEMO: dict[str, list[Pair]] = {}


def train_pairs(rows: list[TrainRow]) -> list[list[Pair]]:
    """:func:`row_pairs` for every row, cached on disk under the input code's key; rows already
    built in this process are reused, so a cross-validation fold is never parsed again."""
    keys = [key(*_fields(r)) for r in rows]
    missing = [(k, r) for k, r in zip(keys, rows) if k not in _MEMO]
    if missing:
        digest = input_key(files_digest([Path(__file__)]), [_fields(r) for _, r in missing])
        path = cache_dir() / "inputs" / f"pairs-{digest}.json"
        built = cached_json(path, lambda: [[asdict(p) for p in row_pairs(r)] for _, r in missing])
        _MEMO.update((k, [Pair(**p) for p in row]) for (k, _), row in zip(missing, built))
    return [_MEMO[k] for k in keys]

