"""Ray Data batch prediction gives exactly the local pipeline's results, bad rows included."""

import json
from pathlib import Path

import pytest

ray = pytest.importorskip("ray")
pytestmark = pytest.mark.slow  # 80-100 s on 2 shared cores: Ray start-up, two actor pools, the local reference run

from stance.data import load_dev  # noqa: E402
from stance.pipeline import load_classifier  # noqa: E402
from stance.distributed import predict_dataset, predict_files  # noqa: E402
from stance.io.ingest import InputError  # noqa: E402
from stance.pipeline import run  # noqa: E402
from stance.render.records import to_jsonl_line  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEV, SEEDS = ROOT / "data" / "dev" / "articles", ROOT / "data" / "articles"
ARTICLES = sorted(DEV.glob("*.txt")) + sorted(SEEDS.glob("*.txt"))
MODEL = "tfidf"


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, log_to_driver=False, include_dashboard=False)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def local_lines() -> dict[str, str]:
    """source -> the `stance predict --format jsonl` line of the plain local run."""
    assert len(ARTICLES) == len(load_dev()) + 2  # every dev article and both seeds
    results = list(run([str(p) for p in ARTICLES], load_classifier(MODEL)))
    return {r.article.source: to_jsonl_line(r) for r in results}


def stances(parties: list[dict]) -> list[tuple[str, str]]:
    return [(p["name"], p["stance"]) for p in parties]


def test_predict_dataset_matches_the_local_run_and_reports_a_bad_row(local_ray, local_lines):
    rows = [{"id": str(p), "text": p.read_text(encoding="utf-8")} for p in ARTICLES]
    rows.insert(7, {"id": "bad-row", "text": "   "})
    out = predict_dataset(ray.data.from_items(rows), model=MODEL, concurrency=2).take_all()
    assert len(out) == len(rows)
    errors = {r["source"]: r["error"] for r in out if r["error"] is not None}
    assert errors == {"bad-row": "JSONL line has no non-empty 'text' or 'html' field"}
    good = {r["source"]: r for r in out if r["error"] is None}
    assert good.keys() == local_lines.keys()
    for source, line in local_lines.items():
        local = json.loads(line)["parties"]
        assert json.loads(good[source]["parties"]) == local, source
        assert good[source]["jsonl"] == line
    assert sum(len(json.loads(r["parties"])) for r in good.values()) > 100  # the comparison is not vacuous
    assert {s for r in good.values() for _, s in stances(json.loads(r["parties"]))} >= {"open", "rejecting"}


def test_predict_files_writes_the_local_jsonl(local_ray, local_lines, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    german = tmp_path / "german.txt"
    german.write_text("Waffenruhe im Norden\n\nDer Außenminister sagte am Dienstag, die Regierung sei zu einer "
                      "Waffenruhe bereit, wenn die Gefangenen freigelassen würden. Die Opposition lehnte das ab.\n",
                      encoding="utf-8")
    inputs = [str(DEV), str(german), str(SEEDS), str(empty)]
    out = tmp_path / "out.jsonl"
    errors = predict_files(inputs, out, model=MODEL)
    assert out.read_text(encoding="utf-8") == "".join(local_lines[str(p)] + "\n" for p in ARTICLES)
    local_errors = list(run([str(german), str(empty)], load_classifier(MODEL)))
    assert all(isinstance(e, InputError) for e in local_errors)
    assert sorted(map(str, errors)) == sorted(map(str, local_errors))
    assert len(errors) == 2
