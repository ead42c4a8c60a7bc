"""``extract PATH...``: the command line. The only module that knows about stdout, stderr and exit codes."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Iterator, List, Optional

import typer

from .errors import ExtractorError
from .output import TableWriter, measure_rows, write_jsonl_record, COLUMNS
from .ruleset import load_ruleset
from .run import Options, extract_loaded, iter_loaded

app = typer.Typer(add_completion=False, rich_markup_mode=None)


class Segmenter(str, Enum):
    pkuseg = "pkuseg"
    char = "char"
    none = "none"


class Engine(str, Enum):
    local = "local"
    dask = "dask"


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _records(paths: list[str], options: Options, jobs: int, progress: bool) -> Iterator[dict]:
    from .run import iter_records

    yield from iter_records(paths, options, jobs=jobs, progress=progress)


@app.command()
def extract(
    paths: List[str] = typer.Argument(..., help="Files or folders (recursive); '-' reads stdin."),
    jsonl: bool = typer.Option(False, "--jsonl", help="Print one JSON object per document on stdout."),
    csv_out: bool = typer.Option(False, "--csv", help="Print the measures table as CSV on stdout."),
    out: Optional[Path] = typer.Option(None, "--out", help="Write all tables to this folder."),
    fmt: str = typer.Option("csv", "--format", help="Table formats for --out: any of csv,jsonl,parquet."),
    excel: bool = typer.Option(False, "--excel", help="CSV with a UTF-8 BOM so Excel reads Chinese correctly."),
    segmenter: Segmenter = typer.Option(Segmenter.pkuseg, "--segmenter", help="Word segmenter for cue checks."),
    rules: Optional[Path] = typer.Option(None, "--rules", help="Folder of rule files overlaid on the shipped ones."),
    explain: bool = typer.Option(False, "--explain", help="Print every extracted value with its rule and offsets."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes."),
    engine: Engine = typer.Option(Engine.local, "--engine", help="local processes, or a Dask cluster."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address (with --engine dask)."),
    no_text: bool = typer.Option(False, "--no-text", help="Leave the clean text out of --jsonl records."),
    timeout: float = typer.Option(120.0, "--timeout", min=0, help="Seconds per document before it is given up (0: none)."),
    model: Optional[Path] = typer.Option(None, "--model", help="Model folder from `extract train` (default: the shipped model)."),
    min_score: float = typer.Option(0.0, "--min-score", min=0.0, max=1.0, help="Leave out measures, findings and hotlines scored below this."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary."),
) -> None:
    """Extract remediation measures, findings, parties and hotlines from Chinese incident-response statements."""
    formats = [f.strip() for f in fmt.split(",") if f.strip()]
    bad = [f for f in formats if f not in ("csv", "jsonl", "parquet")]
    if bad:
        _err(f"extract: unknown --format {bad[0]!r}; use csv, jsonl or parquet")
        raise typer.Exit(2)
    if sum([jsonl, csv_out, explain]) > 1:
        _err("extract: choose one of --jsonl, --csv, --explain")
        raise typer.Exit(2)
    try:
        load_ruleset(rules)
        from .decide import load_model

        load_model(model)
    except ExtractorError as exc:
        _err(str(exc))
        raise typer.Exit(2)
    options = Options(segmenter=segmenter.value, rules=str(rules) if rules else None, with_text=not no_text,
                      timeout=timeout or None, model=str(model) if model else None, min_score=min_score,
                      explain=explain)
    if engine is Engine.dask:
        from .run.dask_engine import run_dask

        if out is None:
            _err("extract: --engine dask writes partitioned Parquet and needs --out DIR")
            raise typer.Exit(2)
        if "-" in paths:
            _err("extract: --engine dask reads the files on the workers; stdin ('-') needs --engine local")
            raise typer.Exit(2)
        failed = run_dask(paths, out, options, scheduler=scheduler, jobs=jobs)
        for message in failed:
            _err(message)
        raise typer.Exit(1 if failed else 0)

    if explain:
        from .output import explain_record

        failed = 0
        for doc in iter_loaded(paths, options):
            rec = extract_loaded(doc, options)
            failed += rec.status != "ok" and not doc.skipped
            typer.echo(explain_record(rec))
        raise typer.Exit(1 if failed else 0)

    writer = TableWriter(out, formats, excel=excel) if out is not None else None
    stdout = sys.stdout
    csv_writer = None
    if csv_out:
        import csv

        if excel:
            stdout.write("\ufeff")
        csv_writer = csv.DictWriter(stdout, fieldnames=COLUMNS["measures"], lineterminator="\n")
        csv_writer.writeheader()
    n_docs = n_failed = n_skipped = n_measures = n_statements = 0
    for rec in _records(paths, options, jobs, progress=not quiet and sys.stderr.isatty()):
        n_docs += 1
        n_measures += len(rec.get("measures") or [])
        n_statements += bool(rec.get("is_statement"))
        if rec["status"] == "error":
            n_failed += 1
            _err(rec["error"])
        elif rec["status"] == "skipped":
            n_skipped += 1
            if not quiet:
                _err(rec["error"])
        if jsonl or (writer is None and csv_writer is None):
            write_jsonl_record(rec, stdout)
        if csv_writer is not None:
            csv_writer.writerows(measure_rows(rec))
        if writer is not None:
            writer.write(rec)
    notice = _segmenter_notice(options)
    if notice:
        _err(notice)
    if writer is not None:
        written = writer.close()
        if not quiet:
            skipped = f", {n_skipped} skipped" if n_skipped else ""
            _err(f"{n_docs} documents ({n_failed} failed{skipped}), {n_statements} statements, {n_measures} measures; "
                 f"wrote {', '.join(str(p) for p in written)}")
    raise typer.Exit(1 if n_failed else 0)


def _segmenter_notice(options: Options) -> str | None:
    # The segmenter has a notice only once a pipeline was loaded (get_nlp); until then last_notice() is None.
    if options.segmenter == "none":
        return None
    from .structure import last_notice

    return last_notice()


train_app = typer.Typer(add_completion=False, rich_markup_mode=None)


@train_app.command()
def train(
    gold_dirs: List[Path] = typer.Argument(..., help="Folders of documents with <doc>.gold.json beside them."),
    out: Path = typer.Option(..., "--out", help="Model folder to write (model.json and MODEL_CARD.md)."),
    rules: Optional[Path] = typer.Option(None, "--rules", help="Folder of rule files overlaid on the shipped ones."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress messages."),
) -> None:
    """Train the decisions on annotated documents; use the result with `extract ... --model DIR`."""
    from .decide.model import save_model
    from .decide.train import model_card, train as train_model, training_warnings
    from .errors import GoldError

    try:
        rs = load_ruleset(rules)
    except ExtractorError as exc:
        _err(str(exc))
        raise typer.Exit(2)
    try:
        model, prepared = train_model([str(d) for d in gold_dirs], rs)
    except GoldError as exc:
        for problem in exc.problems:
            _err(problem)
        _err(f"extract train: {len(exc.problems)} problem(s) in the gold folders; nothing was trained")
        raise typer.Exit(2)
    except ExtractorError as exc:
        _err(str(exc))
        raise typer.Exit(2)
    for warning in training_warnings(prepared):
        _err(f"warning: {warning}")
    written = save_model(model, out, model_card(model, prepared, [d.name for d in gold_dirs]))
    if not quiet:
        _err(f"trained on {len(prepared)} documents; wrote {', '.join(str(p) for p in written)}")


def main() -> None:
    """Console-script entry point: ``extract PATH...``, or ``extract train GOLD_DIR... --out DIR``."""
    if sys.argv[1:2] == ["train"]:
        train_app(args=sys.argv[2:], prog_name="extract train")
    else:
        app(prog_name="extract")


if __name__ == "__main__":
    main()
