"""`stance train`, `stance evaluate`, `stance label` and `stance review`: models and labelled data."""

from __future__ import annotations

from typing import Annotated

import typer

from stance.cli.app import Command, Quiet, Verbose, app, check_outputs, classifier_for, fail, verbosity


@app.command(cls=Command)
def train(
    config: Annotated[str | None, typer.Option("--config", "-c", metavar="FILE", show_default="none", help="YAML training config (see configs/default.yaml).")] = None,
    output_dir: Annotated[str | None, typer.Option("--out", "-o", metavar="DIR", show_default="output_dir of the config", help="Model folder; overrides output_dir in the config.")] = None,
    release: Annotated[bool, typer.Option("--release", metavar="", show_default="off", help="Build the packaged default model: train the default recipe (or --config) "
                                          "into stance/resources/model (or --out), score it on dev, challenge and seed, write the scores into its card.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", metavar="", show_default="off", help="Only warnings in the log.")] = False,
) -> None:
    """Fine-tune the stance model, keep the best epoch by dev macro-F1, calibrate it, save it.

    Uses a CUDA GPU when there is one (bf16 where supported); multi-GPU with
    `accelerate launch -m stance.cli train --config ...` or `torchrun`.

    Example: stance train --config configs/default.yaml --out models/default
    Release a new packaged default: stance train --release
    """
    import json
    import logging
    from pathlib import Path

    from stance.config import ConfigError
    from stance.train.args import load_config
    from stance.train.run import release as run_release
    from stance.train.run import train as run_training

    if not (config or release):
        fail("give --config FILE, or --release")
    logging.basicConfig(level=logging.WARNING if quiet else logging.INFO, format="%(asctime)s %(name)s: %(message)s",
                        datefmt="%H:%M:%S")
    try:
        cfg = load_config(config) if config else None
        if release:
            done = run_release(**({"out": Path(output_dir)} if output_dir else {}), cfg=cfg)
            typer.echo(json.dumps({k: done[k] for k in ("output_dir", "release_seconds", "train_seconds", "size_bytes")}
                                  | {"stance_macro_f1": {s: round(v["stance_macro_f1"], 4) for s, v in done["scores"].items()}},
                                  indent=2))
            typer.echo(f"released in {done['release_seconds']:.0f} s", err=True)
            return
        if output_dir:
            cfg.output_dir = output_dir
        metrics = run_training(cfg)
    except (ConfigError, OSError, ValueError) as err:
        fail(str(err))
    typer.echo(json.dumps({"output_dir": cfg.output_dir, "dev": metrics.get("dev"),
                           "dev_uncalibrated": metrics.get("dev_uncalibrated"), "temperature": metrics.get("temperature"),
                           "train_seconds": metrics.get("train_seconds")}, indent=2))


def _llm_config(llm: str | None, llm_config: str | None):
    from stance.llm import load_config

    try:
        return load_config(llm_config, backend=llm)
    except ValueError as err:
        fail(str(err))


LLM_HELP = ("LLM backend: default (bundled SmolLM2-135M), hf:<id-or-dir>, gguf:<file>, llamacpp:<file>, "
            "openai:<base-url>#<model> (key from $STANCE_LLM_API_KEY). Overrides --llm-config.")


@app.command(cls=Command)
def label(
    inputs: Annotated[list[str], typer.Argument(metavar="INPUT", help="Articles: .txt .md .html .jsonl files or directories.")],
    out: Annotated[str, typer.Option("--out", "-o", metavar="FILE", help="Pre-labels (JSONL, article annotation format).")] = "prelabels.jsonl",
    llm: Annotated[str | None, typer.Option("--llm", metavar="BACKEND", show_default="default, or the --llm-config backend", help=LLM_HELP)] = None,
    llm_config: Annotated[str | None, typer.Option("--llm-config", metavar="FILE", show_default="built-in settings", help="YAML file of LLM settings (see configs/llm.yaml).")] = None,
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Pre-label parties and stances of new articles with an LLM, for `stance review`.

    Extraction proposes parties and evidence (verbatim article text); the LLM chooses each stance.

    Rows are marked "label_source": "llm:<model>"; non-text inputs are saved as text beside --out.

    Example: stance label data/articles/*.txt --out prelabels.jsonl
    Example: stance label new/ --llm openai:http://127.0.0.1:8000/v1#qwen2.5-7b-instruct
    """
    import json
    from pathlib import Path

    from stance.annotate.prelabel import prelabel
    from stance.annotate.validate import validate_article_rows
    from stance.classify.llm import LLMClassifier
    from stance.io.atomic import atomic_open
    from stance.llm import LLMError, load_llm

    check_outputs(out)
    echo = verbosity(quiet, verbose)
    config = _llm_config(llm, llm_config)
    try:
        model = load_llm(config)
    except LLMError as err:
        fail(str(err))
    out_path = Path(out)
    rows, errors = prelabel(inputs, LLMClassifier(model), out_path.with_name(out_path.name + ".articles"),
                            echo)
    problems = validate_article_rows(rows, Path("."))
    if problems:
        fail(f"pre-labels failed validation: {problems[0]}", 1)
    with atomic_open(out_path) as fh:
        fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    echo(f"wrote {sum(len(r['parties']) for r in rows)} pre-labelled parties of {len(rows)} articles to {out}")
    raise typer.Exit(1 if errors else 0)


@app.command(cls=Command)
def review(
    prelabels: Annotated[str, typer.Argument(metavar="PRELABELS", help="Pre-labels written by `stance label`.")],
    out: Annotated[str, typer.Option("--out", "-o", metavar="FILE", help="Training rows (JSONL, data/train format); appended to, atomically.")] = "reviewed.jsonl",
) -> None:
    """Accept, correct or reject each LLM pre-label, seeing its evidence in context.

    Keys: a accept; o / c / r correct to open / conditional / rejecting; n no position; x reject; s skip; q quit.

    Only reviewed rows are written, after each decision; a rerun resumes where you stopped.

    Example: stance review prelabels.jsonl --out my-train.jsonl
    """
    from pathlib import Path

    import click

    from stance.annotate import review as rv

    try:
        rows = rv.load_review(Path(prelabels), Path(out))
    except ValueError as err:
        fail(str(err))
    try:
        outcome = rv.terminal_review(rows, Path(out))
    except click.Abort:
        typer.echo("\nstopped; decisions so far are saved", err=True)
        raise typer.Exit(1)
    typer.echo(f"accepted {outcome.accepted}, corrected {outcome.corrected}, rejected {outcome.rejected}, "
               f"skipped {outcome.skipped}; training rows in {out}", err=True)


def _baselines(spec: str) -> tuple[str, ...]:
    """The --baselines names, each checked now rather than after the long evaluation."""
    from pathlib import Path

    from stance.classify.registry import CLASSIFIERS

    names = tuple(b for b in spec.split(",") if b)
    unknown = [b for b in names if b not in CLASSIFIERS and not b.startswith("llm:") and not Path(b).is_dir()]
    if unknown:
        fail(f"--baselines: unknown classifier {', '.join(unknown)} (expected: {', '.join(CLASSIFIERS)}, "
             "llm:<backend> or a model folder)")
    return names


@app.command(cls=Command)
def evaluate(
    split: Annotated[str, typer.Option(metavar="seed|dev|challenge", help="seed (the final check), dev (authored articles) or challenge "
                                            "(real-style articles, never trained on).")] = "seed",
    out: Annotated[str, typer.Option("--out", "-o", metavar="DIR", help="Folder for eval.json, eval.md and confusion.png.")] = "reports",
    model: Annotated[str, typer.Option(metavar="NAME", help="The classifier under test ('model': the fine-tuned default; see `stance predict --help`).")] = "model",
    baselines: Annotated[str, typer.Option(metavar="NAMES", help="Comma-separated baselines scored beside it, e.g. encoder,rules,tfidf,embed,llm:default (encoder: the default model's fine-tuned encoder alone).")] = "encoder,rules,tfidf,embed",
    check: Annotated[bool, typer.Option("--check", metavar="", show_default="off", help="Exit 1 when a headline metric is below its floor in configs/floors.yaml.")] = False,
    floors: Annotated[str | None, typer.Option(metavar="FILE", show_default="configs/floors.yaml", help="Floors file.")] = None,
) -> None:
    """Score extraction, stance (model and baselines side by side), calibration and summaries.

    Example: stance evaluate --split seed --out reports --check
    """
    from pathlib import Path

    from stance.eval.report import FLOORS, check_floors, load_floors, run_evaluation, write_report

    if split not in ("seed", "dev", "challenge"):
        fail("--split must be seed, dev or challenge")
    floors_path = Path(floors) if floors else FLOORS
    if check and not floors_path.exists():
        fail(f"{floors_path}: no such floors file")
    names = _baselines(baselines)
    try:
        floor_values = load_floors(floors_path) if check else None
    except ValueError as err:
        fail(str(err))
    classifier_for(model)
    try:
        report = run_evaluation(split, model, names)
    except (ValueError, OSError) as err:
        fail(str(err))
    problems = check_floors(report, floor_values) if check else None
    md = write_report(report, Path(out), problems)
    typer.echo(md.read_text(encoding="utf-8"))
    raise typer.Exit(1 if problems else 0)


@app.command(cls=Command)
def crossval(
    recipe: Annotated[str, typer.Option("--recipe", metavar="tfidf|rules|tfidf+rules|statements|FILE", help="What to train in each fold: tfidf, rules, tfidf+rules (mixed half and half, as the default), statements (each statement classified, aggregated by rule 3), or a training config (e.g. configs/default.yaml).")] = "tfidf+rules",
    folds: Annotated[int, typer.Option("--folds", "-k", metavar="K", min=2, help="Number of folds; every conflict is tested in exactly one.")] = 5,
    out: Annotated[str, typer.Option("--out", "-o", metavar="DIR", help="Folder for cv.json and cv.md.")] = "reports/cv",
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Cross-validate a training recipe with folds grouped by conflict (no war in both train and test).

    Example: stance crossval --recipe configs/default.yaml --folds 5
    """
    import json
    from pathlib import Path

    from stance.config import ConfigError
    from stance.eval.cv import RECIPES, cross_validate
    from stance.io.atomic import write_text

    if recipe not in RECIPES and not Path(recipe).is_file():
        fail(f"--recipe {recipe}: not {', '.join(RECIPES)} or a training config file")
    check_outputs(str(Path(out) / "cv.json"))
    say = verbosity(quiet, verbose)
    try:
        result = cross_validate(recipe, folds, progress=say)
    except (ConfigError, ValueError, OSError) as err:
        fail(str(err))
    lines = [f"# Cross-validation grouped by conflict: {recipe}", "",
             f"{result['conflicts']} conflict labels in {result['groups']} groups, {folds} folds.", "",
             "| fold | conflict groups | rows | macro-F1 |", "|---:|---:|---:|---:|"]
    lines += [f"| {f['fold']} | {f['groups']} | {f['rows']} | {f['macro_f1']:.3f} |" for f in result["folds"]]
    pooled = result["pooled"]
    lines += ["", f"Pooled over every held-out row: macro-F1 **{pooled['macro_f1']:.3f}**, "
                  f"accuracy {pooled['accuracy']:.3f}, ECE {pooled['ece']:.3f}."]
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    write_text(folder / "cv.json", json.dumps(result, indent=2) + "\n")
    write_text(folder / "cv.md", "\n".join(lines) + "\n")
    typer.echo("\n".join(lines))
