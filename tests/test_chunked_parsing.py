"""Articles are parsed in chunks (one nlp.pipe per chunk): the same parties and evidence as one at a time,
input order kept, and a failure still costs only the article that caused it."""

import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

import stance.features as features
import stance.nlp as nlp_module
import stance.pipeline as pipeline
from stance.classify import load_classifier
from stance.features import find_parties, find_parties_many
from stance.io.clean import clean_article
from stance.io.ingest import InputError
from stance.pipeline import run

ROOT = Path(__file__).resolve().parent.parent
TEXT = ("Truce talks stall\n\nInterior Minister Dana Voss said the government was open to a ceasefire at once. "
        "\"There will be no truce while troops remain,\" rebel commander Ilya Marsh told reporters.\n")


@pytest.fixture(scope="module")
def rules():
    return load_classifier("rules")


def articles():
    paths = sorted((ROOT / "data" / "articles").glob("*.txt")) + sorted((ROOT / "data" / "dev" / "articles").glob("*.txt"))[:6]
    return [clean_article(str(p), p.read_text(encoding="utf-8")) for p in paths]


def test_a_chunk_finds_exactly_what_one_article_at_a_time_finds():
    chunk = articles()
    together = find_parties_many(chunk)
    assert len(together) == len(chunk) and any(together)
    assert together == [find_parties(a) for a in chunk]


WORKERS_SCRIPT = """
import sys
sys.path.insert(0, sys.argv[1])
import stance.nlp as nlp_module
from stance.features import find_parties_many
from test_chunked_parsing import articles
nlp_module.MIN_PER_PROCESS = 1  # so a few articles already fill two workers
chunk = articles()
assert nlp_module.parse_processes(2, sum(len(a.body) for a in chunk)) == 2
assert find_parties_many(chunk, jobs=2) == find_parties_many(chunk, jobs=1)
print("same")
"""


def test_worker_processes_find_exactly_what_one_process_finds():
    # In a fresh interpreter: once an earlier test has loaded torch, this process never forks workers.
    proc = subprocess.run([sys.executable, "-c", WORKERS_SCRIPT, str(Path(__file__).parent)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0 and proc.stdout.strip() == "same", proc.stderr[-2000:]


def test_parsing_stays_in_process_when_workers_would_not_pay_or_are_unsafe(monkeypatch):
    monkeypatch.delitem(sys.modules, "torch", raising=False)  # as if no earlier test had loaded it
    many = 100 * nlp_module.MIN_PER_PROCESS
    assert nlp_module.parse_processes(1, many) == 1
    assert nlp_module.parse_processes(4, nlp_module.MIN_PER_PROCESS - 1) == 1  # too little to share out
    assert nlp_module.parse_processes(4, 3 * nlp_module.MIN_PER_PROCESS) == 3
    assert 1 <= nlp_module.parse_processes(None, many) <= nlp_module.MAX_PROCESSES
    monkeypatch.setitem(sys.modules, "torch", types.ModuleType("torch"))  # a loaded torch: forking could hang
    assert nlp_module.parse_processes(4, many) == 1


def rows(tmp_path, texts):
    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in texts), encoding="utf-8")
    return str(path)


def test_results_and_errors_keep_input_order_across_chunk_boundaries(tmp_path, monkeypatch, rules):
    monkeypatch.setattr(pipeline, "CHUNK_ARTICLES", 2)
    batch = [{"id": "a0", "text": TEXT}, {"id": "bad", "text": ""}, {"id": "a1", "text": TEXT},
             {"id": "a2", "text": TEXT}, {"id": "a3", "text": TEXT.replace("Voss", "Brandt")}]
    items = list(run([rows(tmp_path, batch)], rules))
    assert [getattr(x, "source", None) or x.article.source for x in items] == ["a0", f"{tmp_path}/rows.jsonl:2", "a1", "a2", "a3"]
    assert isinstance(items[1], InputError)
    names = [[p.party.name for p in x.parties] for x in items if not isinstance(x, InputError)]
    assert names[0] == names[1] == names[2] and "Dana Voss" in names[0] and "Dana Brandt" in names[3]


def test_a_text_the_parser_fails_on_costs_only_its_own_article(tmp_path, monkeypatch, rules):
    real = features.parse_bodies

    def fragile(chunk, nlp=None, jobs=1):
        if any("EXPLODE" in a.text for a in chunk):
            raise RuntimeError("parser bug")
        return real(chunk, nlp, jobs)

    monkeypatch.setattr(features, "parse_bodies", fragile)
    batch = [{"id": f"a{i}", "text": TEXT + ("EXPLODE\n" if i == 1 else "")} for i in range(3)]
    items = list(run([rows(tmp_path, batch)], rules))
    assert [type(x).__name__ for x in items] == ["ArticleResult", "InputError", "ArticleResult"]
    assert "a1" in str(items[1]) and "parser bug" in str(items[1])
    assert [p.party.name for p in items[0].parties] == [p.party.name for p in items[2].parties] != []


class Recording:
    """The rules classifier, recording each call; it fails on any batch holding a party named Marsh."""

    name = "recording"

    def __init__(self, inner, fail_on: str | None = None):
        self.inner, self.fail_on, self.calls = inner, fail_on, []

    def predict(self, items):
        self.calls.append(len(items))
        if self.fail_on and any(self.fail_on in i.party for i in items):
            raise RuntimeError("classifier bug")
        return self.inner.predict(items)


def test_a_chunk_is_classified_in_one_call_with_the_same_results(tmp_path, rules):
    batch = [{"id": f"a{i}", "text": TEXT.replace("Voss", name)} for i, name in enumerate(["Voss", "Brandt", "Keller"])]
    clf = Recording(rules)
    chunked = list(run([rows(tmp_path, batch)], clf))
    alone = [pipeline.analyze(r.article, rules) for r in chunked]
    assert clf.calls == [sum(len(r.parties) for r in chunked)]
    assert [[(p.party.name, p.stance, p.probabilities) for p in r.parties] for r in chunked] == \
        [[(p.party.name, p.stance, p.probabilities) for p in r.parties] for r in alone]


def test_a_classifier_failure_costs_only_the_article_it_fails_on(tmp_path, rules):
    other = TEXT.replace("rebel commander Ilya Marsh", "rebel commander Ilya Lind")
    batch = [{"id": "a0", "text": other}, {"id": "a1", "text": TEXT}, {"id": "a2", "text": other}]
    items = list(run([rows(tmp_path, batch)], Recording(rules, fail_on="Marsh")))
    assert [type(x).__name__ for x in items] == ["ArticleResult", "InputError", "ArticleResult"]
    assert "a1" in str(items[1]) and "classifier bug" in str(items[1])
