"""The stance model: config validation, training a tiny random BERT, save/load round trip, calibrated probabilities."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from stance.types import PartyInput
from stance.classify.calibrate import fit_temperature, softmax
from stance.train.args import ConfigError, config_from_dict, load_config
from stance.types import LABELS

transformers = pytest.importorskip("transformers")


def test_config_rejects_unknown_keys_and_wrong_types(tmp_path):
    with pytest.raises(ConfigError, match="unknown key epoch"):
        config_from_dict({"epoch": 3})
    with pytest.raises(ConfigError, match="epochs: expected an integer"):
        config_from_dict({"epochs": "3"})
    with pytest.raises(ConfigError, match="input: unknown key foo"):
        config_from_dict({"input": {"foo": True}})
    with pytest.raises(ConfigError, match="method"):
        config_from_dict({"method": "magic"})
    bad = tmp_path / "bad.yaml"
    bad.write_text("epochs: [1\n")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(bad)
    assert config_from_dict({"learning_rate": 1}).learning_rate == 1.0


def test_default_yaml_matches_the_default_config():
    from pathlib import Path

    from stance.train.default import default_config

    repo = Path(__file__).resolve().parent.parent
    assert load_config(repo / "configs" / "default.yaml").to_dict() == default_config().to_dict()


def test_temperature_scaling_lowers_nll_on_overconfident_logits():
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 3, 300)
    logits = rng.normal(0, 1, (300, 3))
    logits[np.arange(300), labels] += 1.0
    logits *= 6  # overconfident
    t = fit_temperature(logits, labels)
    assert t > 1.5
    p = softmax(logits, t)
    assert np.allclose(p.sum(-1), 1.0)
    assert (p.argmax(-1) == softmax(logits).argmax(-1)).all()


def _tiny_base(tmp_path, layers: int = 1):
    """A random-weight BERT with the bundled MiniLM tokenizer: no download, trains in seconds."""
    from transformers import AutoTokenizer, BertConfig, BertModel

    from stance.embeddings import BUNDLED_MINILM, resolve_base_model

    tok = AutoTokenizer.from_pretrained(resolve_base_model(BUNDLED_MINILM))
    cfg = BertConfig(vocab_size=tok.vocab_size, hidden_size=32, num_hidden_layers=layers, num_attention_heads=2,
                     intermediate_size=64, max_position_embeddings=256)
    base = tmp_path / "tiny-base"
    BertModel(cfg).save_pretrained(base)
    tok.save_pretrained(base)
    return base


def test_length_buckets_cover_every_row_once_with_little_padding():
    from stance.train.sampler import LengthBucketSampler

    rng = np.random.default_rng(0)
    lengths = rng.integers(10, 200, size=1000).tolist()
    sampler = LengthBucketSampler(lengths, batch_size=16, seed=13)
    first, second = list(sampler), list(sampler)
    assert sorted(first) == sorted(second) == list(range(1000))
    assert first != second  # a new order every epoch
    assert first == list(LengthBucketSampler(lengths, batch_size=16, seed=13))  # reproducible from the seed
    batches = [first[i:i + 16] for i in range(0, 1000, 16)]
    padded = sum(max(lengths[i] for i in b) * len(b) for b in batches)
    assert padded / sum(lengths) < 1.5  # random batches of these lengths pad to about 1.8x
    firsts = [max(lengths[i] for i in b) for b in batches[:-1]]
    assert firsts != sorted(firsts, reverse=True) and firsts != sorted(firsts)  # no long-to-short sweep


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    from stance.data import load_train
    from stance.features import row_input
    from stance.train.examples import Examples
    from stance.train.run import train

    tmp = tmp_path_factory.mktemp("model")
    base = _tiny_base(tmp)
    rows = load_train()
    train_rows = [r for r in rows if r.label == "none"][:16] + [r for r in rows if r.label in LABELS][:96]
    dev_rows = [r for r in rows if r.label in LABELS][96:144]
    ex = Examples([row_input(r) for r in train_rows], [r.label for r in train_rows],
                  [row_input(r) for r in dev_rows], [r.label for r in dev_rows])
    cfg = config_from_dict({"epochs": 2, "batch_size": 16, "max_length": 64, "output_dir": str(tmp / "out"),
                            "learning_rate": 0.001, "statements": True})
    metrics = train(cfg, examples=ex, base_model=str(base))
    return tmp / "out", metrics, ex


def test_training_saves_a_complete_safetensors_model(tiny_model):
    out, metrics, _ = tiny_model
    names = {p.name for p in out.iterdir()}
    # the default recipe trains the top layer(s) only: the folder holds just those tensors, the TF-IDF arrays, JSON
    assert {"trained.safetensors", "tfidf.safetensors", "tfidf.json", "statements.safetensors", "statements.json",
            "stance_model.json", "README.md", "config.json"} == names
    meta = json.loads((out / "stance_model.json").read_text())
    assert meta["labels"] == [*LABELS, "none"]  # 'none' rows are a 4th training class (use_none)
    assert meta["stance_labels"] == list(LABELS)
    assert meta["mix"]["weights"] == {"encoder": 0.0, "tfidf": 0.5, "rules": 0.5}  # the recipe's weights
    assert meta["mix"]["temperature"] > 0
    assert set(meta["statements"]) == {"rules_weight", "decided_share", "mix_weight", "temperature"}
    config = json.loads((out / "config.json").read_text())
    assert {int(k): v for k, v in config["id2label"].items()} == dict(enumerate(meta["labels"]))
    assert len(metrics["epochs"]) == 2
    assert meta["temperature"] == metrics["temperature"] > 0
    assert set(meta["provenance"]) == {"data", "config_sha256", "code"}
    assert "train/parts/t1.jsonl" in meta["provenance"]["data"]
    card = (out / "README.md").read_text()
    assert "train/parts/t1.jsonl" in card and "macro_f1" in card and meta["provenance"]["config_sha256"] in card


def test_a_partial_model_saves_only_the_trained_tensors_in_fp16(tiny_model):
    from safetensors import safe_open

    out, _, _ = tiny_model
    meta = json.loads((out / "stance_model.json").read_text())
    assert meta["trainable_layers"] == 1 and len(meta["base_model"]["sha256"]) == 64
    with safe_open(str(out / "trained.safetensors"), "pt") as fh:
        names = set(fh.keys())
        assert {str(fh.get_tensor(k).dtype) for k in names} == {"torch.float16"}
    assert names and all(k.startswith(("bert.encoder.layer.0.", "bert.pooler.", "classifier.")) for k in names)
    assert "classifier.weight" in names and not any("embeddings" in k for k in names)


def test_lora_adapters_below_the_top_layer_are_saved_small_and_merged_at_load(tiny_model, tmp_path):
    import torch
    from safetensors.torch import load_file
    from transformers import AutoModel

    from stance.classify.lora import LORA_WEIGHTS
    from stance.classify.transformer import TransformerClassifier
    from stance.train.run import train

    _, _, ex = tiny_model
    base = _tiny_base(tmp_path, layers=2)
    cfg = config_from_dict({"epochs": 1, "batch_size": 16, "max_length": 64, "output_dir": str(tmp_path / "out"),
                            "learning_rate": 0.01, "lora_rank": 2, "lora_targets": ["query", "value"]})
    train(cfg, examples=ex, base_model=str(base))
    out = tmp_path / "out"
    meta = json.loads((out / "stance_model.json").read_text())
    assert meta["lora"]["layers_to_transform"] == [0] and meta["lora"]["r"] == 2
    adapters = load_file(str(out / LORA_WEIGHTS))
    assert sorted(adapters) == sorted(f"bert.encoder.layer.0.attention.self.{m}.lora_{ab}.weight"
                                      for m in ("query", "value") for ab in "AB")
    assert {v.dtype for v in adapters.values()} == {torch.float16}
    trained = load_file(str(out / "trained.safetensors"))
    assert not any(k.startswith("bert.encoder.layer.0.") for k in trained)  # the adapted layer is not saved whole
    loaded = TransformerClassifier(out, mix=False).model
    prefix = "bert.encoder.layer.0.attention.self.query"
    delta = (adapters[f"{prefix}.lora_B.weight"].float() @ adapters[f"{prefix}.lora_A.weight"].float()) * (16.0 / 2)
    assert delta.abs().max() > 0  # the adapters learnt something
    original = AutoModel.from_pretrained(base).state_dict()["encoder.layer.0.attention.self.query.weight"]
    merged = loaded.bert.encoder.layer[0].attention.self.query.base_layer.weight
    assert torch.allclose(merged, original + delta, atol=1e-5)
    assert TransformerClassifier(out).predict(ex.dev[:4]) == TransformerClassifier(out).predict(ex.dev[:4])


def test_a_saved_model_never_reads_data_and_loads_from_any_path(tiny_model, tmp_path, monkeypatch):
    import shutil

    import stance.classify.tfidf as tfidf
    import stance.data
    from stance.classify.transformer import TransformerClassifier

    out, _, ex = tiny_model
    before = TransformerClassifier(out).predict(ex.dev[:8])
    moved = tmp_path / "elsewhere" / "my-model"
    shutil.copytree(out, moved)

    def no_data(*args, **kwargs):
        pytest.fail("a saved model read data/")

    monkeypatch.setattr(stance.data, "load_train", no_data)
    monkeypatch.setattr(tfidf, "fit_on_train", no_data)
    monkeypatch.setattr(tfidf, "_baseline", no_data)
    assert TransformerClassifier(moved).predict(ex.dev[:8]) == before


def test_a_tampered_base_model_is_refused(tiny_model, tmp_path):
    import shutil

    from stance.classify.transformer import ModelError, TransformerClassifier

    out, _, _ = tiny_model
    bad = tmp_path / "bad"
    shutil.copytree(out, bad)
    meta = json.loads((bad / "stance_model.json").read_text())
    meta["base_model"]["sha256"] = "0" * 64
    (bad / "stance_model.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="other base weights"):
        TransformerClassifier(bad, mix=False)  # the encoder alone: its base weights load


def test_a_hub_model_id_loads_offline_from_the_hub_cache_quietly(tiny_model, tmp_path):
    """A folder in Hugging Face cache layout stands for a model downloaded once with network."""
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    from stance.classify.transformer import TransformerClassifier

    out, _, ex = tiny_model
    repo = tmp_path / "hub" / "models--stance-test--tiny"
    shutil.copytree(out, repo / "snapshots" / "0123456789abcdef0123456789abcdef01234567")
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text("0123456789abcdef0123456789abcdef01234567")
    item = ex.dev[0]
    code = ("import json, sys; from stance.classify import load_classifier; from stance.types import PartyInput; "
            "item = PartyInput(**json.loads(sys.argv[1])); "
            "print(json.dumps(load_classifier('stance-test/tiny').predict([item])))")
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "HF_HUB_CACHE": str(tmp_path / "hub"), "HF_HUB_OFFLINE": "1",
           "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", code, json.dumps(item.to_dict())], capture_output=True,
                          text=True, env=env, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no load report, warning or progress bar
    assert json.loads(done.stdout) == [pytest.approx(p) for p in TransformerClassifier(out).predict([item])]
    missing = subprocess.run([sys.executable, "-c", "from stance.classify import load_classifier; "
                              "load_classifier('stance-test/absent')"], capture_output=True, text=True, env=env,
                             cwd=tmp_path, timeout=300)
    assert missing.returncode != 0 and "neither a local folder nor in the Hugging Face cache" in missing.stderr


def test_round_trip_gives_the_same_probabilities(tiny_model):
    from stance.classify.transformer import TransformerClassifier

    out, _, ex = tiny_model
    items = ex.dev[:12]
    a = TransformerClassifier(out, quantize=False).predict(items)
    b = TransformerClassifier(out, quantize=False).predict(items)
    assert a == b
    for probs in a:
        assert set(probs) == set(LABELS)
        assert all(0.0 <= v <= 1.0 for v in probs.values())
        assert math.isclose(sum(probs.values()), 1.0, abs_tol=1e-6)
    q = TransformerClassifier(out, quantize=True).predict(items)
    assert all(math.isclose(sum(p.values()), 1.0, abs_tol=1e-6) for p in q)


def test_temperature_from_the_card_is_applied(tiny_model, tmp_path):
    import shutil

    from stance.classify.transformer import TransformerClassifier

    out, _, ex = tiny_model
    hot = tmp_path / "hot"
    shutil.copytree(out, hot)
    meta = json.loads((hot / "stance_model.json").read_text())
    meta["temperature"] = 1000.0
    (hot / "stance_model.json").write_text(json.dumps(meta))
    probs = TransformerClassifier(hot, quantize=False, mix=False).predict(ex.dev[:3])
    assert all(abs(v - 1 / 3) < 0.01 for p in probs for v in p.values())
    meta["temperature"], meta["mix"] = 1.0, {"encoder_weight": 0.5, "temperature": 1000.0}
    statements = meta.pop("statements")
    (hot / "stance_model.json").write_text(json.dumps(meta))
    probs = TransformerClassifier(hot, quantize=False).predict(ex.dev[:3])  # the mixture's own temperature
    assert all(abs(v - 1 / 3) < 0.01 for p in probs for v in p.values())
    meta["statements"] = {**statements, "temperature": 1000.0}  # mixed with statements: their temperature
    (hot / "stance_model.json").write_text(json.dumps(meta))
    probs = TransformerClassifier(hot, quantize=False).predict(ex.dev[:3])
    assert all(abs(v - 1 / 3) < 0.01 for p in probs for v in p.values())


def test_loading_refuses_folders_without_safetensors(tmp_path):
    from stance.classify.transformer import ModelError, TransformerClassifier

    (tmp_path / "stance_model.json").write_text("{}")
    with pytest.raises(ModelError, match="safetensors"):
        TransformerClassifier(tmp_path)
    with pytest.raises(ModelError, match="not a stance model"):
        TransformerClassifier(tmp_path / "missing")


def test_encode_marks_the_party_but_never_pronouns():
    from stance.features import encode
    from stance.names import mention_names

    item = PartyInput(party="Ana Veld", role="minister", aliases=["Veld", "she", "the minister"],
                      statements=["Veld said she would talk.", "The minister refused a pause."])
    head, body = encode(item)
    assert head == "Ana Veld (minister)"
    assert "[Veld]" in body and "[she]" not in body and "[The minister]" in body
    assert "she" not in [n.lower() for n in mention_names("Ana Veld", ["she", "her"])]


def test_stance_scores_and_ece():
    from stance.eval.stance import stance_scores

    y = ["open", "conditional", "rejecting", "open"]
    s = stance_scores(y, y, [{"open": 1.0, "conditional": 0.0, "rejecting": 0.0}] * 4)
    assert s["macro_f1"] == 1.0 and s["accuracy"] == 1.0
    assert s["ece"] == pytest.approx(0.5)  # two right answers given confidence 0: half the rows off by 1
    s = stance_scores(["open", "open"], ["open", "rejecting"])
    assert s["per_class"]["open"]["recall"] == 0.5
    assert s["confusion"]["open"]["rejecting"] == 1
    assert s["macro_f1"] == pytest.approx((2 / 3 + 0) / 2)


def test_unknown_classifier_is_a_clear_error():
    from stance.classify import load_classifier

    with pytest.raises(ValueError, match="unknown classifier"):
        load_classifier("nope")


def test_a_training_rows_input_is_the_partys_own_statements_not_its_evidence_field():
    from stance.data import TrainRow
    from stance.features import row_input
    from stance.types import Evidence

    text = ("Foreign Minister Ilse Kaarna said on Monday that Vessia would not accept a truce this winter. "
            "Markets in the capital were calm. The Orvan delegation said it was ready to talk at any time.")
    planted = "This sentence is only in the evidence field."
    row = TrainRow(id="r1", conflict="", form="indirect_speech", party="Ilse Kaarna", role="foreign minister",
                   aliases=["Kaarna"], text=text, evidence=[Evidence(planted, 0, len(planted))], label="rejecting",
                   attribution="")
    item = row_input(row)
    assert item.party == "Ilse Kaarna"
    assert any("would not accept a truce" in s for s in item.statements)
    assert not any("Markets" in s or "Orvan" in s or planted in s for s in item.statements)


def test_distractors_plant_the_party_into_other_rows_sentences():
    from stance.data import load_train
    from stance.train.augment import add_distractors
    from stance.features import row_input

    rows = [r for r in load_train() if r.label in LABELS][:60]
    items = [row_input(r) for r in rows]
    assert add_distractors(items, rows, 0.0, seed=1) == items
    first = add_distractors(items, rows, 1.0, seed=1)
    assert first == add_distractors(items, rows, 1.0, seed=1)  # seeded
    changed = [(old, new) for old, new in zip(items, first) if old != new]
    assert len(changed) > 40
    own = {e.text for r in rows for e in r.evidence}
    planted = []
    for old, new in changed:
        assert len(new.statements) == len(old.statements) + 1
        planted.append(next(s for s in new.statements if s not in old.statements))
        assert any(n in planted[-1] for n in [new.party, *new.aliases, new.party.split()[-1]])
    assert sum(p not in own for p in planted) > 0.9 * len(planted)  # an entity of the donor was replaced


def test_mix_weight_follows_the_better_model_and_stays_calibrated():
    from stance.classify.calibrate import fit_temperature
    from stance.classify.mix import fit_encoder_weight, log_weighted, weighted_probs

    rng = np.random.default_rng(3)
    gold = rng.integers(0, 3, 200)
    good = np.full((200, 3), 0.1)
    good[np.arange(200), gold] = 0.8
    noise = softmax(rng.normal(0, 1, (200, 3)))
    weight = fit_encoder_weight(good, noise, gold)
    assert weight >= 0.5
    assert fit_encoder_weight(noise, good, gold) <= 0.5  # arguments swapped: the weight follows the good model
    parts, weights = {"encoder": good, "tfidf": noise}, {"encoder": weight, "tfidf": 1 - weight}
    temperature = fit_temperature(log_weighted(parts, weights), gold)
    assert temperature > 0
    p = weighted_probs(parts, weights, temperature)
    assert np.allclose(p.sum(-1), 1.0) and (p >= 0).all()
    assert (p.argmax(-1) == gold).mean() > 0.95


def test_a_mixture_never_computes_a_component_of_weight_zero():
    from stance.classify.mix import mix_weights, weighted

    p = np.array([[0.6, 0.3, 0.1]])
    assert np.allclose(weighted({"tfidf": p, "rules": p[:, ::-1]}, {"encoder": 0.0, "tfidf": 0.5, "rules": 0.5}),
                       [[0.35, 0.3, 0.35]])
    assert mix_weights({"encoder_weight": 0.3, "temperature": 1.0}) == {"encoder": 0.3, "tfidf": 0.7, "rules": 0.0}


def test_mention_names_do_not_depend_on_string_hashing():
    """Training inputs are built from this order; a hash-seeded set order made training unreproducible."""
    import os
    import subprocess
    import sys

    code = "from stance.names import mention_names; print(mention_names('Ana Bel', ['Kyiv', 'Bel', 'Ukraine', 'Moscow']))"
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(6)}
    assert len(outs) == 1
    assert outs.pop().strip() == "['Ana Bel', 'Ukraine', 'Moscow', 'Kyiv', 'Bel']"


def test_setfit_recipe_trains_with_the_none_class_and_predicts_three_stances(tmp_path):
    pytest.importorskip("setfit")
    from stance.data import load_train
    from stance.features import row_input
    from stance.classify.setfit import SetFitClassifier
    from stance.train.examples import Examples
    from stance.train.run import train

    rows = load_train()
    train_rows = [r for r in rows if r.label == "none"][:4] + [r for r in rows if r.label in LABELS][:12]
    dev_rows = [r for r in rows if r.label in LABELS][12:24]
    ex = Examples([row_input(r) for r in train_rows], [r.label for r in train_rows],
                  [row_input(r) for r in dev_rows], [r.label for r in dev_rows])
    cfg = config_from_dict({"method": "setfit", "setfit_pairs": 1, "setfit_max_steps": 2, "batch_size": 8,
                            "max_length": 64, "output_dir": str(tmp_path / "setfit")})
    metrics = train(cfg, examples=ex)
    meta = json.loads((tmp_path / "setfit" / "stance_model.json").read_text())
    assert meta["labels"] == [*LABELS, "none"] and meta["stance_labels"] == list(LABELS)
    assert metrics["temperature"] > 0
    for probs in SetFitClassifier(tmp_path / "setfit").predict(ex.dev[:4]):
        assert set(probs) == set(LABELS) and math.isclose(sum(probs.values()), 1.0, abs_tol=1e-6)


def test_entailment_pairs_ask_each_stance_of_the_same_evidence_and_the_most_entailed_wins():
    from stance.classify.entail import entail_pairs, entail_targets, stance_logits
    from stance.features import InputStyle

    item = PartyInput(party="Rebels", role="armed group", statements=["The Rebels refused any truce."])
    pairs = entail_pairs([item, item], InputStyle())
    assert len(pairs) == 6 and len({b for _, b in pairs}) == 1 and "[Rebels]" in pairs[0][1]
    assert [a for a, _ in pairs[:3]] == ["Rebels is open to a ceasefire.",
                                         "Rebels accepts a ceasefire only on conditions.", "Rebels rejects a ceasefire."]
    assert entail_targets(["rejecting", "none"]) == [0, 0, 1, 0, 0, 0]
    pair_logits = np.array([[0.0, 1.0], [2.0, 0.0], [0.0, 3.0], [1.0, 0.0], [0.0, 0.5], [0.0, 0.0]])
    assert stance_logits(pair_logits).argmax(-1).tolist() == [LABELS.index("rejecting"), LABELS.index("conditional")]


def test_entail_recipe_trains_a_two_way_pair_head_and_predicts_three_stances(tiny_model, tmp_path):
    from stance.classify.registry import load_classifier
    from stance.train.run import train

    _, _, ex = tiny_model
    base = _tiny_base(tmp_path)
    cfg = config_from_dict({"method": "entail", "epochs": 1, "batch_size": 16, "max_length": 64,
                            "output_dir": str(tmp_path / "entail"), "learning_rate": 0.001,
                            "mix_weights": {"encoder": 1.0, "tfidf": 0.0, "rules": 0.0}})
    metrics = train(cfg, examples=ex, base_model=str(base))
    meta = json.loads((tmp_path / "entail" / "stance_model.json").read_text())
    config = json.loads((tmp_path / "entail" / "config.json").read_text())
    assert meta["method"] == "entail" and meta["labels"] == list(LABELS)
    assert list(config["id2label"].values()) == ["not_entailed", "entailed"]
    assert len(metrics["epochs"]) == 1 and 0.0 <= metrics["epochs"][0]["macro_f1"] <= 1.0
    probs = load_classifier(str(tmp_path / "entail")).predict(ex.dev[:5])
    assert len(probs) == 5
    for p in probs:
        assert set(p) == set(LABELS) and math.isclose(sum(p.values()), 1.0, abs_tol=1e-6)
