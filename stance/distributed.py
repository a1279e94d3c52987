"""Batch prediction on a Ray cluster: a pool of actors, each loading the classifier once.

``predict_dataset`` maps a ``ray.data.Dataset`` of article rows (the fields of the JSONL
input: ``text`` or ``html``, optional ``id``, ``title``, ``outlet``, ``url``, ``date``)
to one result row per input row (in input order where the Dataset's context sets
``execution_options.preserve_order``, as ``predict_files`` does):

- ``source``: the row's ``id`` (a row without one is named ``sha256:`` + a hash of the
  row, so the name is the same however the input is split);
- ``parties``: the party records of the JSON contract, as a JSON string: Arrow struct
  inference over these records is fragile (an article with no party gives a list of
  nulls, a probability missing from one classifier changes the struct), and a string
  keeps the records, floats included, exactly as ``stance predict`` writes them;
- ``jsonl``: the line ``stance predict --format jsonl`` writes for this article;
- ``error``: null, or the one-line problem of a bad row (``parties`` and ``jsonl`` are
  then null). A bad row never stops the job.

Each batch goes through ``stance.pipeline.run`` as JSONL, so reading, validation,
cleaning, language checks and error isolation are those of a local run, line for line.
Ray is imported only here (the ``ray`` extra): ``stance`` itself runs without it, and
importing this module without Ray is the ImportError the CLI reports.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import ray
import ray.data

from stance.aggregate import DEFAULT_THRESHOLD
from stance.io.atomic import atomic_open
from stance.io.ingest import InputError, Raw, iter_raw
from stance.pipeline import load_classifier, run
from stance.render.records import article_dict, to_jsonl_line

INPUT_SCHEMA = pa.schema([(name, pa.string()) for name in ("id", "text", "html", "title", "outlet", "url", "date")])
"""For ``ray.data.read_json(..., parse_options=pyarrow.json.ParseOptions(explicit_schema=INPUT_SCHEMA))``:
Arrow would otherwise read a ``date`` as a timestamp (``2024-03-01 00:00:00``, not the local run's
``2024-03-01``). The values must then be JSON strings: a number in one of these fields fails the read."""
OUTPUT_SCHEMA = pa.schema([("source", pa.string()), ("parties", pa.string()), ("jsonl", pa.string()),
                           ("error", pa.string())])
DEFAULT_BATCH_SIZE = 16


def _source(row: dict) -> str:
    """The row's ``id``, else a hash of the row: stable across splits and machines."""
    if row.get("id"):
        return str(row["id"])
    return "sha256:" + hashlib.sha256(json.dumps(row, sort_keys=True, default=str).encode()).hexdigest()[:16]


class _Predictor:
    """The ``map_batches`` callable: one instance per actor, so the model loads once per actor."""

    def __init__(self, model: str, threshold: float):
        self.classifier = load_classifier(model)
        self.threshold = threshold

    def __call__(self, batch: pa.Table) -> pa.Table:
        rows = batch.to_pylist()
        if not rows:
            return OUTPUT_SCHEMA.empty_table()
        sources = [_source(row) for row in rows]
        data = "".join(json.dumps({**row, "id": source}, ensure_ascii=False, default=str) + "\n"
                       for row, source in zip(rows, sources))
        stdin = io.BytesIO(data.encode("utf-8", "surrogatepass"))
        out = {name: [] for name in OUTPUT_SCHEMA.names}
        # pipeline.run yields exactly one result or InputError per JSONL line, in order; Ray
        # gives each actor its CPUs, so an actor parses in its own process only.
        for source, item in zip(sources, run(["-"], self.classifier, self.threshold, stdin=stdin, jobs=1), strict=True):
            bad = isinstance(item, InputError)
            out["source"].append(source)
            out["parties"].append(None if bad else json.dumps(article_dict(item)["parties"], ensure_ascii=False))
            out["jsonl"].append(None if bad else to_jsonl_line(item))
            out["error"].append(item.problem if bad else None)
        return pa.table(out, schema=OUTPUT_SCHEMA)


def predict_dataset(ds: ray.data.Dataset, model: str = "model", concurrency: int | tuple[int, int] | None = None,
                    num_gpus: float = 0, batch_size: int = DEFAULT_BATCH_SIZE,
                    threshold: float = DEFAULT_THRESHOLD) -> ray.data.Dataset:
    """Result rows for article rows (see the module docstring), lazily, on an actor pool.

    ``concurrency``: actors (``n``, or ``(min, max)`` to autoscale; default from 1 up to
    what the cluster has). ``num_gpus`` per actor (1 puts each model on its own GPU).
    """
    if isinstance(concurrency, tuple):
        compute = ray.data.ActorPoolStrategy(min_size=concurrency[0], max_size=concurrency[1])
    else:
        compute = ray.data.ActorPoolStrategy(size=concurrency) if concurrency else None
    return ds.map_batches(_Predictor, fn_constructor_args=(model, threshold), batch_format="pyarrow",
                          batch_size=batch_size, compute=compute, num_gpus=num_gpus,
                          udf_modifying_row_count=False)


def _row(raw: Raw) -> dict:
    """A read input as a JSONL-style row; ``id`` keeps its local source name."""
    text, html = (None, raw.content) if raw.is_html else (raw.content, None)
    return {"id": raw.source, "text": text, "html": html, "title": raw.title, "outlet": raw.outlet,
            "date": raw.date, "url": raw.url}


def predict_files(inputs: Iterable[str], out: str | Path, model: str = "model", address: str | None = None,
                  threshold: float = DEFAULT_THRESHOLD, concurrency: int | tuple[int, int] | None = None,
                  num_gpus: float = 0, stdin=None) -> list[InputError]:
    """``stance predict --engine ray --format jsonl --out OUT``: the local run's lines, written atomically.

    Inputs are read here (files, directories, JSONL, URLs, stdin) but cleaned and analysed
    on the cluster. The classifier is loaded here once first, so a bad name fails before
    the job and the default model is trained (and cached) once, not by every actor.
    Without ``address`` a local Ray instance is started (and stopped); a running one is
    reused. Returns the problems: unreadable inputs first, then bad articles, each in order.
    """
    load_classifier(model, build=True)
    errors: list[InputError] = []
    rows = []
    for raw in iter_raw(inputs, stdin=stdin):
        if isinstance(raw, InputError):
            errors.append(raw)
        else:
            rows.append(_row(raw))
    started = not ray.is_initialized()
    if started:
        ray.init(address=address, log_to_driver=False)
    try:
        with atomic_open(out) as fh:
            if rows:
                results = predict_dataset(ray.data.from_items(rows), model, concurrency, num_gpus, threshold=threshold)
                results.context.execution_options.preserve_order = True
                for row in results.iter_rows():
                    if row["error"] is None:
                        fh.write(row["jsonl"] + "\n")
                    else:
                        errors.append(InputError(row["source"], row["error"]))
    finally:
        if started:
            ray.shutdown()
    return errors

