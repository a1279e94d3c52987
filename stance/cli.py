"""The `stance` command line."""

from __future__ import annotations

import contextlib
import io
import logging
import sys
from collections.abc import Callable
from enum import Enum
from typing import Annotated

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from stance.aggregate import DEFAULT_THRESHOLD

log = logging.getLogger("stance")


class _PlainHelp:
    """Help without typer's type placeholders (``<bool>``, ``<str>``, ``<list[str]>``): options
    show their metavar, arguments their name, flags and -h/--help nothing."""

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.metavar = ""
        return option

    def get_params(self, ctx):
        params = super().get_params(ctx)
        for param in params:
            if isinstance(param, TyperArgument):
                param.display_type_rich = _no_type
        return params


def _no_type(ctx=None) -> None:
    return None


class Command(_PlainHelp, TyperCommand):
    pass


class Group(_PlainHelp, TyperGroup):
    pass


app = typer.Typer(cls=Group, add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  context_settings={"help_option_names": ["-h", "--help"]},
                  help="Ceasefire stance of every party quoted in war news, with the sentences that prove it.")


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


class Engine(str, Enum):
    local = "local"
    ray = "ray"


class SummaryFormat(str, Enum):
    md = "md"
    json = "json"


def fail(message: str, code: int = 2) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"stance {version('stance')}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, metavar="",
                                               help="Print the version and exit.")] = False) -> None:
    """Run `stance COMMAND --help` for each command's options and an example."""


def check_outputs(*paths: str | None) -> None:
    """Fail now, before any work, when an --out/--html target is a folder or cannot be written."""
    from stance.io.atomic import OutputError, check_output

    try:
        for path in filter(None, paths):
            check_output(path)
    except OutputError as err:
        fail(str(err))


def _dash_is_stdout(value: str | None) -> str | None:
    """`-o -` means stdout, as `-` means stdin for inputs."""
    return None if value == "-" else value


MODEL_HELP = ("Classifier: 'model' (fine-tuned default, built and cached on first use), a folder from `stance train`, "
              "'rules' (cue baseline, instant), 'tfidf' (instant), 'embed', llm:<backend> (zero-shot LLM, e.g. llm:default).")
Out = Annotated[str | None, typer.Option("--out", "-o", metavar="FILE", callback=_dash_is_stdout, show_default="stdout",
                                         help="Write here (atomically) instead of stdout; - is stdout.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", metavar="", show_default="off",
                                     help="Only errors on stderr: no notes, warnings or progress.")]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", metavar="", show_default="off",
                                       help="Also log each step (INFO) on stderr.")]


def _verbosity(quiet: bool, verbose: bool) -> Callable[[str], None]:
    """Set the log level for --quiet/--verbose; the returned echo prints a stderr line unless
    --quiet silences it (lines starting "error:" always print)."""
    if quiet and verbose:
        fail("give --quiet or --verbose, not both")
    logging.basicConfig(format="%(asctime)s %(name)s: %(message)s", datefmt="%H:%M:%S")
    logging.captureWarnings(quiet)
    logging.getLogger().setLevel(logging.ERROR if quiet else logging.INFO if verbose else logging.WARNING)

    def echo(message: str) -> None:
        if not quiet or message.startswith("error:"):
            typer.echo(message, err=True)

    return echo


def emit(text: str, out: str | None) -> None:
    """The command's output, ending in one newline: to --out (atomically; - is stdout) or stdout."""
    from stance.io.atomic import atomic_open

    text = text if not text or text.endswith("\n") else text + "\n"
    if out:
        with atomic_open(out) as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)


def _classifier(model: str, quiet: bool = False, llm_config: str | None = None):
    """The classifier for --model; the default model is built once, announced unless --quiet, if this cache lacks it."""
    from stance.pipeline import load_classifier

    try:
        with contextlib.redirect_stderr(io.StringIO()) if quiet else contextlib.nullcontext():
            classifier = load_classifier(model, build=True, llm_config=llm_config)
    except (ValueError, OSError) as err:
        fail(str(err))
    log.info("classifier: %s", model)
    return classifier


@app.command(cls=Command)
def predict(
    inputs: Annotated[list[str], typer.Argument(metavar="INPUT", help="Articles: .txt .md .html .jsonl files, directories, http(s) URLs, or - for stdin.")],
    format: Annotated[Format, typer.Option("--format", "-f", metavar="table|json|jsonl", help="table (people, fitted to the terminal), json (programs), jsonl (streams).")] = Format.table,
    out: Out = None,
    model: Annotated[str, typer.Option(metavar="NAME", help=MODEL_HELP)] = "model",
    threshold: Annotated[float, typer.Option(metavar="0-1", help="Below this confidence a party is flagged low-confidence.")] = DEFAULT_THRESHOLD,
    html: Annotated[str | None, typer.Option("--html", metavar="FILE", show_default="no report", help="Also write a self-contained HTML report here.")] = None,
    resume: Annotated[bool, typer.Option("--resume", metavar="", show_default="off", help="With --format jsonl --out: append, skipping articles already in --out "
                                         "(a partial last line from a crash is dropped and redone).")] = False,
    shard: Annotated[str | None, typer.Option(metavar="K/N", show_default="all", help="Analyse only shard K of N (stable hash of each source); "
                                              "join the parts with `stance merge`.")] = None,
    llm_config: Annotated[str | None, typer.Option("--llm-config", help="YAML file of LLM settings for --model llm:... "
                                                   "(see configs/llm.yaml); a backend in --model overrides the file's.")] = None,
    engine: Annotated[Engine, typer.Option(help="local (this process) or ray (a Ray cluster; needs --format jsonl "
                                           "--out FILE and the ray extra).")] = Engine.local,
    ray_address: Annotated[str | None, typer.Option("--ray-address", help="With --engine ray: the cluster to join "
                                                    "(HEAD_IP:6379 or auto); default: a local Ray instance.")] = None,
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Label every party's ceasefire stance, with evidence.

    Example: stance predict --format json data/articles/*.txt
    Example: stance predict --html report.html data/articles/

    Large batches: stance predict -f jsonl --out part1.jsonl --resume --shard 1/4 crawl.jsonl
    """
    from stance.io.atomic import atomic_open
    from stance.io.batch import BatchError, Shard, collect, jsonl_stream, prepare_resume, skip_filter
    from stance.pipeline import merge, run, summarize
    from stance.render import records as render
    from stance.render import summary as summary_render
    from stance.render import table

    echo = _verbosity(quiet, verbose)
    if not 0.0 <= threshold <= 1.0:
        fail("--threshold must be between 0 and 1")
    if resume and not (out and out != "-" and format == Format.jsonl):
        fail("--resume needs --format jsonl and --out FILE")
    check_outputs(out, html)
    if engine == Engine.ray:
        _predict_on_ray(inputs, out, model, ray_address, threshold, format == Format.jsonl and not (resume or shard or html))
    try:
        part = Shard.parse(shard) if shard else None
        done = prepare_resume(out) if resume else set()
    except (BatchError, OSError) as err:
        fail(str(err))
    classifier = _classifier(model, quiet, llm_config)
    streaming = format == Format.jsonl
    with jsonl_stream(out if streaming else None, resume, enabled=streaming) as stream:
        results, errors = collect(run(inputs, classifier, threshold, keep=skip_filter(done, part)), stream,
                                  keep=not streaming or bool(html), echo=echo)
    n_errors = len(errors)
    log.info("%d article(s) analysed, %d input(s) failed", len(results), n_errors)
    errors = [] if streaming else errors
    merged = merge(results, threshold) if (format != Format.jsonl or html) else []
    events = summarize(results, classifier) if (format != Format.jsonl or html) else []
    if html:
        from stance.render.html import render_html

        with atomic_open(html) as fh:
            fh.write(render_html(results, merged, summary=summary_render.to_dict(events)))
    if format != Format.jsonl:
        if format == Format.json:
            text = render.to_json(results, merged, errors, extra={"summary": summary_render.to_dict(events)})
        else:
            console = table.console_for(None if out else sys.stdout)
            text = (table.to_table(results, merged, console) + "\n"
                    + summary_render.to_text_section(events, console.width))
        emit(text, out)
    raise typer.Exit(1 if n_errors else 0)


def _predict_on_ray(inputs: list[str], out: str | None, model: str, address: str | None, threshold: float,
                    plain_jsonl: bool) -> None:
    """`predict --engine ray`: the same JSONL as the local run, analysed by an actor pool (stance.distributed)."""
    if not (out and plain_jsonl):
        fail("--engine ray needs --format jsonl and --out FILE (and no --resume, --shard or --html)")
    try:
        from stance.distributed import predict_files
    except ImportError:
        fail('--engine ray needs Ray: pip install "stance[ray]"')
    try:
        problems = predict_files(inputs, out, model=model, address=address, threshold=threshold)
    except (ValueError, OSError) as err:
        fail(str(err))
    for problem in problems:
        typer.echo(f"error: {problem}", err=True)
    raise typer.Exit(1 if problems else 0)


@app.command("merge", cls=Command)
def merge_cmd(
    parts: Annotated[list[str], typer.Argument(metavar="PART", help="JSONL outputs of `stance predict --format jsonl` (e.g. one per shard).")],
    out: Out = None,
    format: Annotated[Format, typer.Option("--format", "-f", metavar="table|json|jsonl", help="jsonl (articles, sorted by source), json (the full "
                                           "contract with parties merged across sources) or table.")] = Format.jsonl,
    threshold: Annotated[float, typer.Option(metavar="0-1", help="Below this confidence a merged party is flagged low-confidence.")] = DEFAULT_THRESHOLD,
) -> None:
    """Join JSONL parts into one output: each source once, in a stable order.

    Example: stance merge part1.jsonl part2.jsonl --format json --out all.json
    """
    import json

    from stance.render import records as render
    from stance.io.batch import BatchError, gather_parts, result_from_dict
    from stance.pipeline import merge
    from stance.render import table

    if not 0.0 <= threshold <= 1.0:
        fail("--threshold must be between 0 and 1")
    check_outputs(out)
    try:
        ordered = gather_parts(parts, lambda msg: typer.echo(f"warning: {msg}", err=True))
    except BatchError as err:
        fail(str(err))
    if format == Format.jsonl:
        text = "".join(line.decode("utf-8") + "\n" for line in ordered)
    else:
        results = [result_from_dict(json.loads(line)) for line in ordered]
        merged = merge(results, threshold)
        text = (render.to_json(results, merged, []) if format == Format.json
                else table.to_table(results, merged, table.console_for(None if out else sys.stdout)))
    emit(text, out)


@app.command(cls=Command)
def summarize(
    inputs: Annotated[list[str], typer.Argument(metavar="INPUT", help="Articles: .txt .md .html .jsonl files, directories, or - for stdin.")],
    format: Annotated[SummaryFormat, typer.Option("--format", "-f", metavar="md|json", help="md (people) or json (programs).")] = SummaryFormat.md,
    out: Out = None,
    model: Annotated[str, typer.Option(metavar="NAME", help="The stance classifier that labels each party before the summary "
                                       "states its position, so the summary and `stance predict` agree. " + MODEL_HELP)] = "model",
    llm: Annotated[str | None, typer.Option(metavar="BACKEND", show_default="none: extractive summary", help="Rewrite with this LLM backend (default, hf:<id-or-dir>, gguf:<file>, llamacpp:<file>, openai:<base-url>#<model>); every generated sentence is checked against the sources and unsupported ones are dropped and listed.")] = None,
    similarity: Annotated[float, typer.Option(metavar="0-1", help="Content similarity above which articles are one event.")] = 0.3,
    max_days: Annotated[int, typer.Option(metavar="DAYS", help="Articles dated further apart than this are never one event.")] = 3,
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """One neutral summary per event, every sentence attributed to its outlet.

    Articles are grouped by event (content similarity and dates). The default summary is extractive and deterministic; --llm rewrites it through the faithfulness gate.

    Example: stance summarize --format md data/articles/*.txt
    """
    from stance.io.ingest import InputError
    from stance.pipeline import run
    from stance.pipeline import summarize as build
    from stance.render import summary as summary_render

    echo = _verbosity(quiet, verbose)
    if not 0.0 <= similarity <= 1.0:
        fail("--similarity must be between 0 and 1")
    if max_days < 0:
        fail("--max-days must be 0 or more")
    check_outputs(out)
    classifier = _classifier(model, quiet)
    generator = embedder = None
    if llm:
        from stance.embeddings import default_embedder
        from stance.llm import load_llm

        try:
            generator = load_llm(llm)

            embedder = default_embedder()
        except Exception as err:  # any backend failure is one line for the user, never a traceback
            fail(f"cannot load LLM backend '{llm}': {str(err).splitlines()[0] if str(err) else type(err).__name__}")
    results, errors = [], []
    for item in run(inputs, classifier):
        if isinstance(item, InputError):
            errors.append(str(item))
            echo(f"error: {item}")
        else:
            results.append(item)
    if not results:
        fail("no readable article to summarize", 1)
    try:
        events = build(results, classifier, generator=generator, embedder=embedder, threshold=similarity,
                       max_days=max_days)
    except Exception as err:
        if generator is None:
            raise
        fail(f"LLM rewrite failed: {str(err).splitlines()[0] if str(err) else type(err).__name__}")
    text = summary_render.to_json(events, errors) if format == SummaryFormat.json else summary_render.to_markdown(events)
    emit(text, out)
    raise typer.Exit(1 if errors else 0)


@app.command(cls=Command)
def train(
    config: Annotated[str | None, typer.Option("--config", "-c", metavar="FILE", show_default="none", help="YAML training config (see configs/default.yaml).")] = None,
    output_dir: Annotated[str | None, typer.Option("--out", "-o", metavar="DIR", show_default="output_dir of the config", help="Model folder; overrides output_dir in the config.")] = None,
    default: Annotated[bool, typer.Option("--default", metavar="", show_default="off", help="Build the default model into the cache (what `stance predict` "
                                          "uses), unless it is already there.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", metavar="", show_default="off", help="Only warnings in the log.")] = False,
) -> None:
    """Fine-tune the stance model, keep the best epoch by dev macro-F1, calibrate it, save it.

    Uses a CUDA GPU when there is one (bf16 where supported); multi-GPU with
    `accelerate launch -m stance.cli train --config ...` or `torchrun`.

    Example: stance train --config configs/default.yaml --out models/default
    """
    import json
    import logging

    from stance.config import ConfigError
    from stance.train.args import load_config
    from stance.train.run import build_default
    from stance.train.run import train as run_training

    if bool(config) == default:
        fail("give --config FILE or --default")
    logging.basicConfig(level=logging.WARNING if quiet else logging.INFO, format="%(asctime)s %(name)s: %(message)s",
                        datefmt="%H:%M:%S")
    if default:
        typer.echo(str(build_default(announce=lambda message: typer.echo(message, err=True))))
        return
    try:
        cfg = load_config(config)
        if output_dir:
            cfg.output_dir = output_dir
        metrics = run_training(cfg)
    except (ConfigError, OSError) as err:
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
    echo = _verbosity(quiet, verbose)
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
    baselines: Annotated[str, typer.Option(metavar="NAMES", help="Comma-separated baselines scored beside it, e.g. encoder,rules,tfidf,embed,llm:default (encoder: the default model without its TF-IDF mix).")] = "encoder,rules,tfidf,embed",
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
    _classifier(model)
    try:
        report = run_evaluation(split, model, names)
    except (ValueError, OSError) as err:
        fail(str(err))
    problems = check_floors(report, floor_values) if check else None
    md = write_report(report, Path(out), problems)
    typer.echo(md.read_text(encoding="utf-8"))
    raise typer.Exit(1 if problems else 0)


if __name__ == "__main__":
    app()
