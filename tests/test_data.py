"""The project's data files: leakage between splits and a current datasheet."""

from collections import Counter

from stance.annotate.datasheet import render
from stance.data import DATA_DIR, load_challenge, load_dev, load_events, load_train, split_files
from stance.annotate.leakage import cross_overlaps, near_duplicates


def test_no_training_row_shares_a_long_passage_with_dev():
    train = {r.id: r.text for r in load_train()}
    dev = {a.path.name: a.text for a in load_dev()}
    assert cross_overlaps(train, dev, n=13) == []


def test_the_challenge_set_shares_no_passage_with_training_or_dev():
    """The challenge set stands in for real text: written apart, never trained on (13-word runs)."""
    challenge = {a.path.name: a.text for a in load_challenge()}
    assert len(challenge) >= 40
    authored = {r.id: r.text for r in load_train()} | {a.path.name: a.text for a in load_dev()}
    assert cross_overlaps(authored, challenge, n=13) == []


def test_no_authored_text_shares_a_passage_with_the_seed_articles():
    """The seeds are the held-out check: no authored text may borrow from them (8-word runs)."""
    seeds = {p.name: p.read_text(encoding="utf-8") for p in sorted((DATA_DIR / "articles").glob("*.txt"))}
    authored = ({r.id: r.text for r in load_train()} | {a.path.name: a.text for a in load_dev()}
                | {a.path.name: a.text for a in load_challenge()} | {a.path.name: a.text for a in load_events()})
    assert len(seeds) == 2
    assert cross_overlaps(authored, seeds, n=8) == []


def test_same_event_groups_are_written_apart_from_every_split():
    """data/events is scored, never trained on: it shares no 13-word run with training, dev or challenge text,
    and every event is reported by two or three outlets."""
    events = {a.path.name: a.text for a in load_events()}
    others = ({r.id: r.text for r in load_train()} | {a.path.name: a.text for a in load_dev()}
              | {a.path.name: a.text for a in load_challenge()})
    assert cross_overlaps(others, events, n=13) == []
    sizes = Counter(a.event for a in load_events())
    assert len(sizes) >= 8 and set(sizes.values()) <= {2, 3}
    assert not any(str(DATA_DIR / "events") in str(p) for name in ("train", "dev") for p in split_files(name))


def test_no_near_duplicate_training_rows():
    train = {r.id: r.text for r in load_train()}
    assert near_duplicates(train, n=5, threshold=0.6) == []


def test_leakage_checks_catch_a_planted_copy():
    dev_text = "The council said on Friday that it would accept a truce only if the militia left the river port first."
    train = {"copy": "Reporters were told: " + dev_text, "clean": "A different sentence about rain in the hills."}
    assert [o.a for o in cross_overlaps(train, {"d": dev_text}, n=13)] == ["copy"]
    assert near_duplicates({"a": dev_text, "b": dev_text + " Officials agreed."}, threshold=0.6)


def test_datasheet_counts_are_current():
    path = DATA_DIR / "DATASHEET.md"
    assert path.read_text(encoding="utf-8") == render(path), "run: python scripts/datasheet.py"


def _rows(path):
    import json

    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_data_file_passes_the_validator():
    from stance.annotate.validate import validate_article_rows, validate_train_rows

    train = [r for p in sorted((DATA_DIR / "train" / "parts").glob("*.jsonl")) for r in _rows(p)]
    assert len(train) >= 1500
    assert validate_train_rows(train) == []
    dev = [r for p in sorted((DATA_DIR / "dev" / "parts").glob("*.jsonl")) for r in _rows(p)]
    assert len(dev) >= 50
    assert validate_article_rows(dev, DATA_DIR / "dev" / "articles") == []
    assert validate_article_rows(_rows(DATA_DIR / "seed" / "labels.jsonl"), DATA_DIR / "articles") == []
    challenge = [r for p in sorted((DATA_DIR / "challenge" / "parts").glob("*.jsonl")) for r in _rows(p)]
    assert len(challenge) >= 40
    assert validate_article_rows(challenge, DATA_DIR / "challenge" / "articles") == []
    events = _rows(DATA_DIR / "events" / "parts" / "events.jsonl")
    assert all(r["label_source"] == "authored" and r["event"] for r in events)
    assert validate_article_rows(events, DATA_DIR / "events" / "articles") == []


def test_own_sentence_files_cover_every_party_and_pass_the_validator():
    """The blind own-sentence pass (data/DATASHEET.md) covers every gold party of the challenge set, dev and
    the seeds, and holds each party's key evidence inside one of its own sentences."""
    from stance.annotate.validate import validate_own_rows

    for split, parts, articles in (("challenge", sorted((DATA_DIR / "challenge" / "parts").glob("*.jsonl")), "challenge/articles"),
                                   ("dev", sorted((DATA_DIR / "dev" / "parts").glob("*.jsonl")), "dev/articles"),
                                   ("seed", [DATA_DIR / "seed" / "labels.jsonl"], "articles")):
        gold = [r for p in parts for r in _rows(p)]
        own = [r for p in sorted((DATA_DIR / split / "own").glob("*.jsonl")) for r in _rows(p)]
        assert len(own) == sum(len(a["parties"]) for a in gold), split
        assert validate_own_rows(own, gold, DATA_DIR / articles) == []
    for article in load_challenge() + load_dev():
        for party in article.parties:
            assert all(any(o.start <= e.start and e.end <= o.end for o in party.own) for e in party.evidence), party.name


def test_dataset_loads_through_datasets():
    from stance.data import train_dataset

    ds = train_dataset()
    assert ds.num_rows == len(load_train()) and set(ds["label"]) == {"open", "conditional", "rejecting", "none"}
