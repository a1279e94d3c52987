"""The evaluation harness and its floor check: a worse model must fail CI."""

import json

import pytest
from typer.testing import CliRunner

from stance.cli import app
import stance.pipeline as pipeline
from stance.eval.report import Report, check_floors, load_floors, run_evaluation, to_markdown, write_report


class AlwaysOpen:
    """A deliberately bad classifier: every party is 'open'."""

    name = "always-open"

    def predict(self, items):
        return [{"open": 0.9, "conditional": 0.05, "rejecting": 0.05} for _ in items]


@pytest.fixture()
def with_bad_model(monkeypatch):
    real = pipeline.load_classifier

    def load(spec="model", build=False, llm_config=None):
        return AlwaysOpen() if spec == "always-open" else real(spec, build, llm_config)

    monkeypatch.setattr(pipeline, "load_classifier", load)


def test_floor_check_names_each_metric_below_its_floor():
    report = Report(split="seed", model="m", extraction={"precision": 0.5, "recall": 1.0, "f1": 0.66},
                    stance={"m": {"macro_f1": 0.2, "accuracy": 0.3}})
    problems = check_floors(report, {"seed": {"party_recall": 0.9, "party_precision": 0.8, "stance_macro_f1": 0.6,
                                              "summary_rouge1": 0.1}})
    assert any(p.startswith("party_precision: 0.500") for p in problems)
    assert any(p.startswith("stance_macro_f1: 0.200") for p in problems)
    assert any(p.startswith("summary_rouge1: missing") for p in problems)
    assert not any(p.startswith("party_recall") for p in problems)
    assert "FAIL stance_macro_f1" in to_markdown(report, problems)


def test_a_worse_model_fails_the_project_floors(with_bad_model, tmp_path):
    report = run_evaluation("seed", "always-open", baselines=("rules",))
    bad = report.stance["always-open"]
    assert bad["macro_f1"] < report.stance["rules"]["macro_f1"]
    problems = check_floors(report, load_floors())
    assert any(p.startswith("stance_macro_f1") for p in problems)
    md = write_report(report, tmp_path, problems)
    saved = json.loads((tmp_path / "eval.json").read_text(encoding="utf-8"))
    assert saved["floor_failures"] == problems and md.exists() and (tmp_path / "confusion.png").stat().st_size > 1000


def test_cli_check_exits_1_for_the_worse_model(with_bad_model, tmp_path):
    result = CliRunner().invoke(app, ["evaluate", "--model", "always-open", "--baselines", "", "--out", str(tmp_path), "--check"])
    assert result.exit_code == 1, result.output
    assert "FAIL stance_macro_f1" in result.stdout
