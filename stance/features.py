"""What a classifier reads for one party, built by one function for training, evaluation and prediction.

:func:`party_input` turns a party and the statements the extractor attributes to it
into a :class:`PartyInput`. The product calls it on every extracted party; evaluation
calls it on the extracted party matched to each gold party (so the stance numbers
measure the product's own input); training calls it on the party extracted from each
authored row (the row's evidence only when extraction misses the party). The encoder
then sees ``"<party> (<role>)"`` paired with the statements, the party's mentions
marked (:func:`encode`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from stance.classify.rules import recalled
from stance.cache import cache_dir, cached_json, input_key, key
from stance.data import DATA_DIR, GoldArticle, TrainRow, data_hashes, load_split
from stance.extract import extract
from stance.io.clean import clean_article
from stance.names import match_parties, mention_pattern
from stance.nlp import get_nlp, parse_bodies
from stance.types import Article, Party, PartyInput, Statement

MARK_OPEN, MARK_CLOSE = "[", "]"
Found = list[tuple[Party, list[Statement]]]


@dataclass(frozen=True)
class InputStyle:
    """How a PartyInput is rendered as text (chosen by measurement; see the model card)."""

    mark_party: bool = True
    with_role: bool = True
    with_context: bool = False
    max_statements: int = 8


def find_parties(article: Article) -> Found:
    """Parties and their statements in one article (plain values only, no spaCy objects)."""
    found = find_parties_many([article])[0]
    if isinstance(found, Exception):
        raise found
    return found


def find_parties_many(articles: list[Article], jobs: int | None = 1) -> list[Found | Exception]:
    """:func:`find_parties` for a chunk of articles, parsed together (stance.nlp.parse_bodies);
    an article whose extraction fails gets its exception in its place, the others go on;
    ``jobs``: the processes that parse (stance.nlp.parse_processes).

    Parsing runs inside a spaCy memory zone: the strings a chunk adds to the vocabulary
    are freed afterwards, so a batch of any length runs in flat memory.
    """
    nlp = get_nlp()
    out: list[Found | Exception] = []
    with nlp.memory_zone():
        for article, parsed in zip(articles, parse_bodies(articles, nlp, jobs)):
            try:
                out.append(extract(article, parsed))
            except Exception as err:  # noqa: BLE001 - isolate the failure to this article
                out.append(err)
    return out


SPOKEN = ("direct_quote", "indirect_speech", "dash_colon")  # the party's own words, not a report about it


def current_statements(statements: list[Statement]) -> list[Statement]:
    """A party's statements less those recalling its position from before the article's events,
    when a relevant one of its own is current (the current position decides: issue 15 kind 13),
    then less what a source says of it when its own words are there (issue 16: evidence is the
    party's own); what is dropped is neither read by the classifier nor shown as evidence."""
    now = [s for s in statements if not recalled(s.text)]
    now = now if any(s.relevant for s in now) else statements
    spoken = [s for s in now if s.relevant and s.form in SPOKEN]
    return [s for s in now if s.form != "source_describes"] if spoken else now


def party_input(party: Party, statements: list[Statement], title: str = "") -> PartyInput:
    """The classifier input for one party: its own current statements, in text order."""
    ordered = sorted(current_statements(statements), key=lambda s: s.start)
    return PartyInput(party=party.name, role=party.role, statements=[s.text for s in ordered],
                      aliases=list(party.aliases), context=title)


def matched_inputs(found: Found, gold: list, title: str = "") -> list[tuple[object, PartyInput]]:
    """(gold party, the product's input for the extracted party matched to it), in gold order."""
    pairs = {id(g): (p, sts) for (p, sts), g in match_parties(found, gold)}
    return [(g, party_input(*pairs[id(g)], title)) for g in gold if id(g) in pairs]


def encode(item: PartyInput, style: InputStyle = InputStyle()) -> tuple[str, str]:
    """The (first, second) segment pair the tokenizer sees for one party."""
    head = item.party
    if style.with_role and item.role:
        head = f"{head} ({item.role})"
    if style.with_context and item.context:
        head = f"{head} | {item.context}"
    statements = item.statements[: style.max_statements] if style.max_statements else item.statements
    body = " ".join(statements)
    if style.mark_party:
        pattern = mention_pattern(item.party, item.aliases)
        if pattern is not None:
            body = pattern.sub(lambda m: f"{MARK_OPEN}{m.group(0)}{MARK_CLOSE}", body)
    return head, body or "(no statement)"


def gold_article(gold: GoldArticle) -> Article:
    """A labelled article read as the product reads the file."""
    return clean_article(str(gold.path), gold.text)


def row_input(row: TrainRow) -> PartyInput:
    """A training row as the product would read it: the party extracted from the row's text,
    or, when extraction misses it, the row's evidence sentences as its statements."""
    party = Party(name=row.party, role=row.role, aliases=list(row.aliases))
    matched = matched_inputs(find_parties(clean_article(row.id, row.text)), [party])
    if matched:
        return matched[0][1]
    evidence = [Statement(party=row.party, text=e.text, start=e.start, end=e.end, form=row.form,
                          attribution=row.attribution) for e in row.evidence]
    return party_input(party, evidence)


def _row_fields(row: TrainRow) -> tuple:
    return row.id, row.text, row.party, row.role, row.aliases, [e.text for e in row.evidence]


_ROW_MEMO: dict[str, PartyInput] = {}


def row_inputs(rows: list[TrainRow]) -> list[PartyInput]:
    """:func:`row_input` for every row, cached on disk (parsing is the slow part).

    Rows already built in this process are reused, so a subset of the training rows
    (a cross-validation fold) is never parsed again.
    """
    keys = [key(*_row_fields(r)) for r in rows]
    missing = [(k, r) for k, r in zip(keys, rows) if k not in _ROW_MEMO]
    if missing:
        digest = input_key([_row_fields(r) for _, r in missing])
        path = cache_dir() / "inputs" / f"train-{digest}.json"
        built = cached_json(path, lambda: [asdict(row_input(r)) for _, r in missing])
        _ROW_MEMO.update((k, PartyInput(**d)) for (k, _), d in zip(missing, built))
    return [_ROW_MEMO[k] for k in keys]


def split_inputs(split: str, data_dir: Path = DATA_DIR) -> tuple[list[PartyInput], list[str]]:
    """The product's inputs for the gold parties it finds in a labelled split, with their labels (cached)."""
    path = cache_dir() / "inputs" / f"{split}-{input_key(data_hashes((split,), data_dir))}.json"

    def build() -> list[dict]:
        rows = []
        for gold in load_split(split, data_dir):
            article = gold_article(gold)
            for gp, item in matched_inputs(find_parties(article), gold.parties, article.title):
                rows.append({"input": asdict(item), "label": gp.stance})
        return rows

    rows = cached_json(path, build)
    return [PartyInput(**r["input"]) for r in rows], [r["label"] for r in rows]
