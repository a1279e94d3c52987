"""Property-based tests (issue 21): the writers, the JSONL reader, the config loader and
event grouping hold their contract on any input hypothesis can think of."""

import json
import os
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stance.config import ConfigError, load_config
from stance.io.atomic import atomic_open, write_text
from stance.io.ingest import MAX_JSON_DEPTH, InputError, Raw, iter_raw
from stance.summarize.grouping import dates_compatible, event_vectors, group_events
from stance.train.args import TrainConfig
from stance.types import Article

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(text=st.text(), through_link=st.booleans(), existed=st.booleans())
def test_atomic_writes_leave_the_whole_text_and_nothing_else(text, through_link, existed):
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "out.txt"
        if existed:
            target.write_text("old", encoding="utf-8")
        path = Path(tmp) / "link.txt" if through_link else target
        if through_link:
            path.symlink_to(target)
        write_text(path, text)
        with open(target, encoding="utf-8", newline="") as fh:
            assert fh.read() == text
        assert path.is_symlink() == through_link
        assert sorted(p.name for p in Path(tmp).iterdir()) == sorted({"out.txt", path.name})


@FAST
@given(text=st.text(min_size=1))
def test_a_failed_write_never_changes_the_old_file(text):
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "out.txt"
        target.write_text("old", encoding="utf-8")
        try:
            with atomic_open(target) as fh:
                fh.write(text)
                raise KeyboardInterrupt
        except KeyboardInterrupt:
            pass
        assert target.read_text(encoding="utf-8") == "old" and os.listdir(tmp) == ["out.txt"]


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                           max_leaves=20)
lines = st.one_of(json_values.map(json.dumps).map(str.encode), st.binary(max_size=60).map(lambda b: b.replace(b"\n", b"")),
                  st.integers(0, 3 * MAX_JSON_DEPTH).map(lambda d: ("[" * d + "]" * d).encode()),
                  st.text(max_size=200).map(lambda t: json.dumps({"text": t}).encode()))


def not_blank(index: int, row: bytes) -> bool:
    """A line the reader must answer for: anything but whitespace (undecodable counts)."""
    try:
        return bool(row.decode("utf-8-sig" if index == 0 else "utf-8").strip())
    except UnicodeDecodeError:
        return True


@FAST
@given(rows=st.lists(lines, max_size=8))
def test_the_jsonl_reader_gives_one_item_per_line_and_never_raises(rows):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "rows.jsonl"
        path.write_bytes(b"\n".join(rows) + b"\n")
        items = list(iter_raw([str(path)]))
    assert len(items) == sum(not_blank(i, row) for i, row in enumerate(rows))
    for item in items:
        assert isinstance(item, InputError | Raw)
        if isinstance(item, InputError):
            assert "\n" not in str(item)


@FAST
@given(lists=st.integers(1, 4 * MAX_JSON_DEPTH))
def test_json_nesting_is_refused_exactly_beyond_the_limit(lists):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "rows.jsonl"
        path.write_text('{"text": "x [[", "meta": ' + "[" * lists + "]" * lists + "}\n", encoding="utf-8")
        (item,) = iter_raw([str(path)])
    assert isinstance(item, InputError) == (1 + lists > MAX_JSON_DEPTH)


yaml_keys = st.text(max_size=12) | st.integers() | st.booleans() | st.none()
yaml_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(yaml_keys, inner, max_size=3),
                           max_leaves=15)
train_like = st.dictionaries(st.sampled_from(["epochs", "seed", "learning_rate", "input", "method", "output_dir", "nope", 7]),
                             yaml_values, max_size=4)


@FAST
@given(data=train_like | yaml_values)
def test_the_config_loader_builds_or_says_one_line(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "train.yaml"
        path.write_text(yaml.safe_dump(data), encoding="utf-8")
        try:
            cfg = load_config(TrainConfig, path)
        except ConfigError as err:
            assert "\n" not in str(err) and len(str(err)) < 1000
        else:
            assert isinstance(cfg, TrainConfig)


@FAST
@given(raw=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_the_config_loader_survives_any_bytes(raw):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "train.yaml"
        path.write_bytes(raw)
        try:
            load_config(TrainConfig, path)
        except ConfigError as err:
            assert "\n" not in str(err)


def all_pairs_grouping(articles, threshold, max_days):
    """The former cubic algorithm, kept as the oracle: merge the best average-link pair each round."""
    vecs = event_vectors(articles)
    sim = [[sum(x * v.get(t, 0.0) for t, x in u.items()) for v in vecs] for u in vecs]
    groups = [[i] for i in range(len(articles))]

    def link(g, h):
        if any(not dates_compatible(articles[i], articles[j], max_days) for i in g for j in h):
            return -1.0
        return sum(sim[i][j] for i in g for j in h) / (len(g) * len(h))

    while len(groups) > 1:
        best, pair = threshold, None
        for x in range(len(groups)):
            for y in range(x + 1, len(groups)):
                if (score := link(groups[x], groups[y])) >= best:
                    best, pair = score, (x, y)
        if pair is None:
            break
        x, y = pair
        groups[x] = sorted(groups[x] + groups[y])
        del groups[y]
    return sorted(groups, key=lambda g: g[0])


VOCAB = ["truce", "Arvel", "Brisk", "shelling", "Voss", "Marsh", "prisoners", "talks", "envoy", "Calder", "rebels", "army"]
articles = st.lists(st.tuples(st.lists(st.sampled_from(VOCAB), min_size=1, max_size=8),
                              st.sampled_from(["", "2025-03-01", "2025-03-03", "2025-03-09"])), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(docs=articles, threshold=st.sampled_from([0.1, 0.3, 0.6]), max_days=st.sampled_from([0, 3]))
def test_indexed_grouping_equals_the_all_pairs_oracle(docs, threshold, max_days):
    arts = [Article(source=f"a{i}", text=" ".join(ws), date=d) for i, (ws, d) in enumerate(docs)]
    assert group_events(arts, threshold, max_days) == all_pairs_grouping(arts, threshold, max_days)
