"""`stance predict`, `stance merge` and `stance summarize`: articles in, stances and summaries out."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from stance.aggregate import DEFAULT_THRESHOLD
from stance.cli.app import (MODEL_HELP, Command, Engine, Format, Out, Quiet, SummaryFormat, Verbose, classifier_for,
                            verbosity, app, check_outputs, emit, fail, log)


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
    llm_config: Annotated[str | None, typer.Option("--llm-config", metavar="FILE", show_default="built-in settings", help="YAML file of LLM settings for --model llm:... "
                                                   "(see configs/llm.yaml); a backend in --model overrides the file's.")] = None,
    engine: Annotated[Engine, typer.Option(metavar="local|ray", help="local (this process) or ray (a Ray cluster; needs --format jsonl "
                                           "--out FILE and the ray extra).")] = Engine.local,
    ray_address: Annotated[str | None, typer.Option("--ray-address", metavar="ADDRESS", show_default="a local Ray instance", help="With --engine ray: the cluster to join "
                                                    "(HEAD_IP:6379 or auto).")] = None,
    jobs: Annotated[int | None, typer.Option(min=1, metavar="N", show_default="one per core, at most 4", help="Processes that parse "
                                             "articles (spaCy); 1 keeps everything in this process. Small inputs always use one.")] = None,
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

    echo = verbosity(quiet, verbose)
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
    classifier = classifier_for(model, quiet, llm_config)
    streaming = format == Format.jsonl
    with jsonl_stream(out if streaming else None, resume, enabled=streaming) as stream:
        results, errors = collect(run(inputs, classifier, threshold, keep=skip_filter(done, part), jobs=jobs), stream,
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
    similarity: Annotated[float, typer.Option(metavar="0-1", help="Similarity (wording and names) above which articles are one event.")] = 0.4,
    max_days: Annotated[int, typer.Option(metavar="DAYS", help="Articles dated further apart than this are never one event.")] = 3,
    max_sentences: Annotated[int, typer.Option(metavar="N", help="At most this many sentences per event (the lead and each party's position first).")] = 8,
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

    echo = verbosity(quiet, verbose)
    if not 0.0 <= similarity <= 1.0:
        fail("--similarity must be between 0 and 1")
    if max_days < 0:
        fail("--max-days must be 0 or more")
    if max_sentences < 1:
        fail("--max-sentences must be 1 or more")
    check_outputs(out)
    classifier = classifier_for(model, quiet)
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
                       max_days=max_days, max_sentences=max_sentences)
    except Exception as err:
        if generator is None:
            raise
        fail(f"LLM rewrite failed: {str(err).splitlines()[0] if str(err) else type(err).__name__}")
    text = summary_render.to_json(events, errors) if format == SummaryFormat.json else summary_render.to_markdown(events)
    emit(text, out)
    raise typer.Exit(1 if errors else 0)
