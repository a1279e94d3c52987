"""The `stance` command line."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from enum import Enum
from typing import Annotated

import typer

from stance.aggregate import DEFAULT_THRESHOLD

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Ceasefire stance of every party quoted in war news, with the sentences that prove it.")


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


class SummaryFormat(str, Enum):
    md = "md"
    json = "json"


def fail(message: str, code: int = 2) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@app.callback()
def main() -> None:
    """Run `stance COMMAND --help` for each command's options and an example."""


@app.command()
def predict(
    inputs: Annotated[list[str], typer.Argument(help="Articles: .txt .md .html .jsonl files, directories, http(s) URLs, or - for stdin.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="table (people), json (programs), jsonl (streams).")] = Format.table,
    out: Annotated[str | None, typer.Option("--out", "-o", help="Write here (atomically) instead of stdout.")] = None,
    model: Annotated[str, typer.Option(help="Classifier: 'model' (fine-tuned default, trained and cached on first use), "
                                            "a folder from `stance train`, 'rules' (cue baseline), 'tfidf', 'embed', llm:<backend> (zero-shot LLM, e.g. llm:default).")] = "model",
    threshold: Annotated[float, typer.Option(help="Below this confidence a party is flagged low-confidence.")] = DEFAULT_THRESHOLD,
    html: Annotated[str | None, typer.Option("--html", help="Also write a self-contained HTML report here.")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="With --format jsonl --out: append, skipping articles already in --out "
                                         "(a partial last line from a crash is dropped and redone).")] = False,
    shard: Annotated[str | None, typer.Option(help="K/N: analyse only shard K of N (stable hash of each source); "
                                              "join the parts with `stance merge`.")] = None,
) -> None:
    """Label every party's ceasefire stance, with evidence.

    Example: stance predict --format json data/articles/*.txt
    Example: stance predict --html report.html data/articles/

    Large batches: stance predict -f jsonl --out part1.jsonl --resume --shard 1/4 crawl.jsonl
    """
    from stance.render import records as render
    from stance.io.atomic import atomic_open
    from stance.io.batch import BatchError, Shard, prepare_resume, skip_filter
    from stance.classify import load_classifier
    from stance.io.ingest import InputError
    from stance.pipeline import merge, run

    if not 0.0 <= threshold <= 1.0:
        fail("--threshold must be between 0 and 1")
    if resume and not (out and format == Format.jsonl):
        fail("--resume needs --format jsonl and --out FILE")
    try:
        part = Shard.parse(shard) if shard else None
        done = prepare_resume(out) if resume else set()
    except (BatchError, OSError) as err:
        fail(str(err))
    try:
        classifier = load_classifier(model)
    except (ValueError, OSError) as err:
        fail(str(err))
    results, errors, n_errors = [], [], 0
    with ExitStack() as stack:
        if resume:  # appended and flushed line by line: see stance.io.batch for the crash semantics
            stream = stack.enter_context(open(out, "a", encoding="utf-8"))
        elif format == Format.jsonl:
            stream = stack.enter_context(atomic_open(out)) if out else sys.stdout
        else:
            stream = None
        for item in run(inputs, classifier, threshold, keep=skip_filter(done, part)):
            if isinstance(item, InputError):
                n_errors += 1
                if format != Format.jsonl:
                    errors.append(str(item))
                typer.echo(f"error: {item}", err=True)
                continue
            if stream is not None:
                stream.write(render.to_jsonl_line(item) + "\n")
                stream.flush()
            if stream is None or html:
                results.append(item)
    merged = merge(results, threshold) if (format != Format.jsonl or html) else []
    events = []
    if format != Format.jsonl or html:
        from stance.summarize import stance_judge, summarize
        from stance.summarize import render as summary_render

        events = summarize(results, stance_of=stance_judge(load_classifier("rules")))
    if html:
        from stance.render.html import render_html

        with atomic_open(html) as fh:
            fh.write(render_html(results, merged, summary=summary_render.to_dict(events)))
    if format != Format.jsonl:
        if format == Format.json:
            text = render.to_json(results, merged, errors, extra={"summary": summary_render.to_dict(events)})
        else:
            text = render.to_table(results, merged) + "\n" + summary_render.to_text_section(events)
        if out:
            with atomic_open(out) as fh:
                fh.write(text + ("\n" if not text.endswith("\n") else ""))
        else:
            typer.echo(text)
    raise typer.Exit(1 if n_errors else 0)


@app.command("merge")
def merge_cmd(
    parts: Annotated[list[str], typer.Argument(help="JSONL outputs of `stance predict --format jsonl` (e.g. one per shard).")],
    out: Annotated[str | None, typer.Option("--out", "-o", help="Write here (atomically) instead of stdout.")] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="jsonl (articles, sorted by source), json (the full "
                                           "contract with parties merged across sources) or table.")] = Format.jsonl,
    threshold: Annotated[float, typer.Option(help="Below this confidence a merged party is flagged low-confidence.")] = DEFAULT_THRESHOLD,
) -> None:
    """Join JSONL parts into one output: each source once, in a stable order.

    Example: stance merge part1.jsonl part2.jsonl --format json --out all.json
    """
    import json

    from stance.render import records as render
    from stance.io.atomic import atomic_open
    from stance.io.batch import BatchError, read_results, result_from_dict
    from stance.pipeline import merge

    if not 0.0 <= threshold <= 1.0:
        fail("--threshold must be between 0 and 1")
    warn = lambda msg: typer.echo(f"warning: {msg}", err=True)  # noqa: E731
    rows: dict[str, bytes] = {}
    duplicates = 0
    try:
        for path in parts:
            for source, line in read_results(path, warn):
                if source in rows:
                    duplicates += 1
                    continue
                rows[source] = line
    except BatchError as err:
        fail(str(err))
    if duplicates:
        warn(f"{duplicates} duplicate source(s) kept once (first part wins)")
    ordered = [rows[k] for k in sorted(rows)]
    if format == Format.jsonl:
        text = "".join(line.decode("utf-8") + "\n" for line in ordered)
    else:
        results = [result_from_dict(json.loads(line)) for line in ordered]
        merged = merge(results, threshold)
        text = render.to_json(results, merged, []) if format == Format.json else render.to_table(results, merged)
    if out:
        with atomic_open(out) as fh:
            fh.write(text if not text or text.endswith("\n") else text + "\n")
    else:
        sys.stdout.write(text if not text or text.endswith("\n") else text + "\n")


@app.command()
def summarize(
    inputs: Annotated[list[str], typer.Argument(help="Articles: .txt .md .html .jsonl files, directories, or - for stdin.")],
    format: Annotated[SummaryFormat, typer.Option("--format", "-f", help="md (people) or json (programs).")] = SummaryFormat.md,
    out: Annotated[str | None, typer.Option("--out", "-o", help="Write here (atomically) instead of stdout.")] = None,
    model: Annotated[str, typer.Option(help="Stance classifier for the parties (as in predict): 'rules'.")] = "rules",
    llm: Annotated[str | None, typer.Option(help="Rewrite with this LLM backend (stance.llm spec); every generated sentence is checked against the sources and unsupported ones are dropped and listed.")] = None,
    similarity: Annotated[float, typer.Option(help="Content similarity (0-1) above which articles are one event.")] = 0.3,
    max_days: Annotated[int, typer.Option(help="Articles dated further apart than this are never one event.")] = 3,
) -> None:
    """One neutral summary per event, every sentence attributed to its outlet.

    Articles are grouped by event (content similarity and dates). The default summary is extractive and deterministic; --llm rewrites it through the faithfulness gate.

    Example: stance summarize --format md data/articles/*.txt
    """
    from stance.io.atomic import atomic_open
    from stance.classify import load_classifier
    from stance.io.ingest import InputError
    from stance.pipeline import run
    from stance.summarize import render as summary_render
    from stance.summarize import stance_judge
    from stance.summarize import summarize as build

    if not 0.0 <= similarity <= 1.0:
        fail("--similarity must be between 0 and 1")
    if max_days < 0:
        fail("--max-days must be 0 or more")
    try:
        classifier = load_classifier(model)
    except (ValueError, OSError) as err:
        fail(str(err))
    generator = embedder = None
    if llm:
        try:
            import stance.llm as llm_layer
        except ImportError:
            fail("--llm needs the LLM layer (stance.llm), which this installation does not have")
        load_backend = getattr(llm_layer, "load_backend", None) or getattr(llm_layer, "load_llm", None)
        if load_backend is None:
            fail("--llm: stance.llm has no load_backend(spec)")
        try:
            generator = load_backend(llm)
            from stance.summarize.embed import default_embedder

            embedder = default_embedder()
        except Exception as err:  # any backend failure is one line for the user, never a traceback
            fail(f"cannot load LLM backend '{llm}': {str(err).splitlines()[0] if str(err) else type(err).__name__}")
    results, errors = [], []
    for item in run(inputs, classifier):
        if isinstance(item, InputError):
            errors.append(str(item))
            typer.echo(f"error: {item}", err=True)
        else:
            results.append(item)
    if not results:
        fail("no readable article to summarize")
    try:
        events = build(results, generator=generator, embedder=embedder, stance_of=stance_judge(load_classifier("rules")),
                       threshold=similarity, max_days=max_days)
    except Exception as err:
        if generator is None:
            raise
        fail(f"LLM rewrite failed: {str(err).splitlines()[0] if str(err) else type(err).__name__}")
    text = summary_render.to_json(events, errors) if format == SummaryFormat.json else summary_render.to_markdown(events)
    if out:
        with atomic_open(out) as fh:
            fh.write(text if text.endswith("\n") else text + "\n")
    else:
        typer.echo(text.rstrip("\n"))
    raise typer.Exit(1 if errors else 0)


@app.command()
def train(
    config: Annotated[str, typer.Option("--config", "-c", help="YAML training config (see configs/default.yaml).")],
    output_dir: Annotated[str | None, typer.Option("--out", "-o", help="Model folder; overrides output_dir in the config.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only warnings in the log.")] = False,
) -> None:
    """Fine-tune the stance model, keep the best epoch by dev macro-F1, calibrate it, save it.

    Uses a CUDA GPU when there is one (bf16 where supported); multi-GPU with
    `accelerate launch -m stance.cli train --config ...` or `torchrun`.

    Example: stance train --config configs/default.yaml --out models/default
    """
    import json
    import logging

    from stance.train.args import ConfigError, load_config

    logging.basicConfig(level=logging.WARNING if quiet else logging.INFO, format="%(asctime)s %(name)s: %(message)s",
                        datefmt="%H:%M:%S")
    try:
        cfg = load_config(config)
        if output_dir:
            cfg.output_dir = output_dir
        from stance.train.trainer import train as run_training

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


@app.command()
def label(
    inputs: Annotated[list[str], typer.Argument(help="Articles: .txt .md .html .jsonl files or directories.")],
    out: Annotated[str, typer.Option("--out", "-o", help="Pre-labels (JSONL, article annotation format).")] = "prelabels.jsonl",
    llm: Annotated[str | None, typer.Option("--llm", help=LLM_HELP)] = None,
    llm_config: Annotated[str | None, typer.Option("--llm-config", help="YAML file of LLM settings (see configs/llm.yaml).")] = None,
) -> None:
    """Pre-label parties and stances of new articles with an LLM, for `stance review`.

    Extraction proposes parties and evidence (verbatim article text); the LLM chooses each stance.

    Rows are marked "label_source": "llm:<model>"; non-text inputs are saved as text beside --out.

    Example: stance label data/articles/*.txt --out prelabels.jsonl
    Example: stance label new/ --llm openai:http://127.0.0.1:8000/v1#qwen2.5-7b-instruct
    """
    import json
    from pathlib import Path

    from stance.io.atomic import atomic_open
    from stance.classify.llm import LLMClassifier
    from stance.io.ingest import InputError, read_articles
    from stance.llm import LLMError, load_llm
    from stance.pipeline import analyze
    from stance.annotate.prelabel import article_ref, to_row
    from stance.annotate.validate import validate_article_rows

    config = _llm_config(llm, llm_config)
    try:
        model = load_llm(config)
    except LLMError as err:
        fail(str(err))
    classifier = LLMClassifier(model)
    source = f"llm:{model.name}"
    out_path = Path(out)
    copies = out_path.with_name(out_path.name + ".articles")
    rows, errors = [], 0
    for item in read_articles(inputs):
        if isinstance(item, InputError):
            errors += 1
            typer.echo(f"error: {item}", err=True)
            continue
        try:
            result = analyze(item, classifier)
        except InputError as err:
            errors += 1
            typer.echo(f"error: {item.source}: {err.problem}", err=True)
            continue
        rows.append(to_row(result, article_ref(item, copies), source))
        typer.echo(f"{item.source}: {len(rows[-1]['parties'])} parties", err=True)
    problems = validate_article_rows(rows, Path("."))
    if problems:
        fail(f"pre-labels failed validation: {problems[0]}", 1)
    with atomic_open(out_path) as fh:
        fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    typer.echo(f"wrote {sum(len(r['parties']) for r in rows)} pre-labelled parties of {len(rows)} articles to {out}", err=True)
    raise typer.Exit(1 if errors else 0)


@app.command()
def review(
    prelabels: Annotated[str, typer.Argument(help="Pre-labels written by `stance label`.")],
    out: Annotated[str, typer.Option("--out", "-o", help="Training rows (JSONL, data/train format); appended to, atomically.")] = "reviewed.jsonl",
) -> None:
    """Accept, correct or reject each LLM pre-label, seeing its evidence in context.

    Keys: a accept; o / c / r correct to open / conditional / rejecting; n no position; x reject; s skip; q quit.

    Only reviewed rows are written, after each decision; a rerun resumes where you stopped.

    Example: stance review prelabels.jsonl --out my-train.jsonl
    """
    import json
    from pathlib import Path

    import click

    from stance import review as rv
    from stance.annotate.validate import validate_article_rows, validate_train_rows

    try:
        rows = [json.loads(line) for line in Path(prelabels).read_text(encoding="utf-8").splitlines() if line.strip()]
    except OSError as err:
        fail(f"{prelabels}: cannot read ({err.strerror or err})")
    except json.JSONDecodeError as err:
        fail(f"{prelabels}: malformed JSON line ({err.msg})")
    problems = validate_article_rows(rows, Path("."))
    if problems:
        fail(f"{prelabels}: {problems[0]}")
    try:
        existing = rv.read_jsonl(Path(out))
    except (OSError, json.JSONDecodeError):
        fail(f"{out}: exists but is not a readable JSONL file")
    if validate_train_rows(existing):
        fail(f"{out}: {validate_train_rows(existing)[0]}")

    def show(item: rv.Item, n: int, total: int) -> None:
        p = item.party
        prob = p.get("probabilities", {}).get(p["stance"])
        typer.echo(f"\n[{n}/{total}] {item.row['article']}")
        typer.echo(typer.style(f"{p['name']}", bold=True) + (f" ({p['role']})" if p.get("role") else "")
                   + f": proposed {typer.style(p['stance'], bold=True)}" + (f" (p={prob:.2f})" if prob is not None else "")
                   + f" by {p.get('label_source', '?')}")
        for e in p["evidence"]:
            before, ev, after = rv.in_context(item.text, e)
            typer.echo(f"  {before} " + typer.style(f"[{ev}]", fg="yellow", bold=True) + f" {after}")

    def ask(item: rv.Item) -> str:
        return click.prompt(rv.HELP, type=click.Choice(list(rv.KEYS)), show_choices=False)

    try:
        outcome = rv.review(rv.load_items(rows), Path(out), ask, show)
    except click.Abort:
        typer.echo("\nstopped; decisions so far are saved", err=True)
        raise typer.Exit(1)
    typer.echo(f"accepted {outcome.accepted}, corrected {outcome.corrected}, rejected {outcome.rejected}, "
               f"skipped {outcome.skipped}; training rows in {out}", err=True)


if __name__ == "__main__":
    app()


@app.command()
def evaluate(
    split: Annotated[str, typer.Option(help="seed (the final check) or dev (authored articles).")] = "seed",
    out: Annotated[str, typer.Option("--out", "-o", help="Folder for eval.json, eval.md and confusion.png.")] = "reports",
    model: Annotated[str, typer.Option(help="The classifier under test (default: the fine-tuned model).")] = "model",
    baselines: Annotated[str, typer.Option(help="Comma-separated baselines scored beside it, e.g. encoder,rules,tfidf,embed,llm:default (encoder: the default model without its TF-IDF mix).")] = "encoder,rules,tfidf,embed",
    check: Annotated[bool, typer.Option("--check", help="Exit 1 when a headline metric is below its floor in configs/floors.yaml.")] = False,
    floors: Annotated[str | None, typer.Option(help="Floors file (default configs/floors.yaml).")] = None,
) -> None:
    """Score extraction, stance (model and baselines side by side), calibration and summaries.

    Example: stance evaluate --split seed --out reports --check
    """
    from pathlib import Path

    from stance.eval.report import FLOORS, check_floors, load_floors, run_evaluation, write_report

    if split not in ("seed", "dev"):
        fail("--split must be seed or dev")
    floors_path = Path(floors) if floors else FLOORS
    if check and not floors_path.exists():
        fail(f"{floors_path}: no such floors file")
    try:
        report = run_evaluation(split, model, tuple(b for b in baselines.split(",") if b))
    except (ValueError, OSError) as err:
        fail(str(err))
    problems = check_floors(report, load_floors(floors_path)) if check else None
    md = write_report(report, Path(out), problems)
    typer.echo(md.read_text(encoding="utf-8"))
    raise typer.Exit(1 if problems else 0)
