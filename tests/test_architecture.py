"""The package's layout and its one-way contracts: no import cycles, one input builder, honest cache keys."""

import ast
import json
import shutil
from pathlib import Path

import pytest

import stance
from stance import cache
from stance.features import find_parties, party_input, split_inputs

PACKAGE = Path(stance.__file__).resolve().parent


def _module_graph() -> dict[str, set[str]]:
    """Every import between the package's modules, those inside functions included."""
    mods = {".".join(f.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__"): f
            for f in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for m, f in mods.items():
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            for target in names:
                while target and target not in mods:
                    target = target.rpartition(".")[0]
                if target and target != m and not m.startswith(target + "."):
                    graph[m].add(target)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return []


def test_imports_run_one_way():
    assert _cycle(_module_graph()) == []


def test_the_cycle_finder_finds_a_planted_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]


def test_no_module_is_over_400_lines():
    long = {str(f.relative_to(PACKAGE)): n for f in PACKAGE.rglob("*.py")
            if (n := len(f.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}


def test_evaluation_reads_the_input_the_product_builds(seed_paths):
    """For every seed party it finds, the evaluation's input is the one `stance predict` gives the classifier."""

    class Recorder:
        name = "recorder"
        seen: list = []

        def predict(self, items):
            self.seen.extend(items)
            return [{"open": 1.0, "conditional": 0.0, "rejecting": 0.0} for _ in items]

    recorder = Recorder()
    for path in seed_paths:
        stance.analyze(str(path), recorder)
    evaluated, labels = split_inputs("seed")
    assert len(evaluated) >= 6 and len(labels) == len(evaluated)
    product = [json.dumps(i.to_dict(), sort_keys=True) for i in recorder.seen]
    assert all(json.dumps(i.to_dict(), sort_keys=True) in product for i in evaluated)


def test_party_input_holds_only_the_partys_own_statements_in_text_order():
    article = stance.read("Oskar Halvard, the prime minister, said the army would fight on until victory. "
                          "Paulo Ferrante, the envoy, urged both sides to accept an immediate truce.")
    found = {p.name: (p, sts) for p, sts in find_parties(article)}
    item = party_input(*found["Paulo Ferrante"], article.title)
    assert item.party == "Paulo Ferrante" and all("Ferrante" in s for s in item.statements)
    assert not any("Halvard" in s for s in item.statements)


def _copy_package(tmp_path: Path) -> Path:
    copy = tmp_path / "stance"
    for path in cache.training_files():
        target = copy / path.relative_to(PACKAGE)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return copy


def test_every_file_behind_a_cached_result_is_in_its_key(tmp_path):
    names = {str(p.relative_to(PACKAGE)) for p in cache.training_files()}
    assert {"resources/places.yaml", "io/clean.py", "classify/tfidf.py", "features.py", "names.py",
            "train/trainer.py", "extract/statements.py"} <= names
    copy = _copy_package(tmp_path)
    base_input, base_train = cache.input_key(package=copy), cache.training_key(package=copy)
    for path in sorted(copy.rglob("*.*")):
        original = path.read_bytes()
        path.write_bytes(original + b"\n")
        in_inputs = path in cache.input_files(copy)
        assert (cache.input_key(package=copy) != base_input) == in_inputs, path
        assert cache.training_key(package=copy) != base_train, path
        path.write_bytes(original)
    assert cache.input_key(package=copy) == base_input


def test_the_spacy_model_and_the_settings_are_in_the_key(monkeypatch):
    base = cache.training_key({"epochs": 3})
    assert cache.training_key({"epochs": 4}) != base
    monkeypatch.setenv("STANCE_SPACY_MODEL", "en_core_web_md")
    assert cache.training_key({"epochs": 3}) != base


def test_loading_a_classifier_never_trains(tmp_path, monkeypatch):
    import stance.train.run as run
    from stance.classify import DefaultModelMissing
    from stance.classify.registry import load_classifier

    monkeypatch.setattr(run, "train", lambda *a, **k: pytest.fail("loading trained a model"))
    monkeypatch.setattr(run, "release", lambda *a, **k: pytest.fail("loading released a model"))
    for spec in ("model", "encoder"):
        with pytest.raises(DefaultModelMissing, match="stance train --release"):
            load_classifier(spec, default_dir=tmp_path)
    assert not any(tmp_path.rglob("stance_model.json"))


def test_the_summary_gives_each_party_the_stance_predict_gives(seed_paths):
    results = [r for r in stance.run([str(p) for p in seed_paths], "tfidf") if isinstance(r, stance.ArticleResult)]
    merged = {m.name: m.stance for m in stance.merge(results)}
    positions = [pos for event in stance.summarize(results, "tfidf") for pos in event.positions]
    assert positions and all(merged[pos.party] == pos.stance for pos in positions)


def test_the_public_api_takes_text_and_gives_typed_records():
    text = ("Ceasefire talks stall\n\nThe rebel commander Ilya Marsk said on Monday his fighters would never accept "
            "a truce while the army shelled their villages, and vowed to fight on until victory.")
    result = stance.analyze(text, "rules")
    assert [p.stance for p in result.parties] == ["rejecting"]
    record = result.to_dict()
    assert record["parties"][0]["party"]["name"] == "Ilya Marsk"
    evidence = record["parties"][0]["evidence"][0]
    assert record["article"]["text"][evidence["start"]:evidence["end"]] == evidence["text"]
    bare = stance.analyze(stance.Article(source="bare", text=text), "rules")
    assert [p.party.name for p in bare.parties] == ["Ilya Marsk"]
