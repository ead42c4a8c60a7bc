"""``extract PATH...``: the command line. The only module that knows about stdout, stderr and exit codes."""
from __future__ import annotations

import signal
import sys
from contextlib import closing, contextmanager
from enum import Enum
from pathlib import Path
from typing import Iterator, List, Optional

import typer

from .errors import ExtractorError, OutputError
from .output import COLUMNS, ReportWriter, TableWriter, measure_rows, write_jsonl_record, writing
from .ruleset import load_ruleset
from .run import Options, extract_loaded, iter_loaded

app = typer.Typer(add_completion=False, rich_markup_mode=None)

# Exit codes (README "Usage"): documents' problems, the user's options and the output's problems stay apart.
EXIT_OK = 0  # every document ok (or skipped on purpose)
EXIT_FAILED = 1  # some documents failed: each has a status=error row and a line on stderr
EXIT_USAGE = 2  # bad option or invalid rule file or model: nothing was read
EXIT_OUTPUT = 3  # an output could not be written (a file where the --out folder should be, no permission, full disk)
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)
EXIT_TERMINATED = 143  # SIGTERM (128 + SIGTERM)


class Segmenter(str, Enum):
    pkuseg = "pkuseg"
    char = "char"
    none = "none"


class Engine(str, Enum):
    local = "local"
    dask = "dask"


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _load_or_exit(rules: Optional[Path], model: Optional[Path]) -> None:
    """Load the rule overlay and the model before any document is read: a bad one is a usage error (exit 2)."""
    try:
        load_ruleset(rules)
        from .decide import load_model

        load_model(model)
    except ExtractorError as exc:
        _err(str(exc))
        raise typer.Exit(EXIT_USAGE)


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
    segmenter: Segmenter = typer.Option(Segmenter.none, "--segmenter",
                                        help="Word segmenter for cue checks (pkuseg loads a model: 4 s, 800 MB)."),
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
    report: Optional[Path] = typer.Option(None, "--report", help="Write the HTML review report to this file "
                                          "(with --out it is DIR/report.html unless given here)."),
    no_report: bool = typer.Option(False, "--no-report", help="With --out, do not write report.html."),
) -> None:
    """Extract remediation measures, findings, parties and hotlines from Chinese incident-response statements.

    Also: `extract draft PAGES...` writes draft annotations to correct; `extract train GOLD_DIR... --out DIR`
    trains the decisions on annotated pages (each has its own --help)."""
    formats = [f.strip() for f in fmt.split(",") if f.strip()]
    bad = [f for f in formats if f not in ("csv", "jsonl", "parquet")]
    if bad:
        _err(f"extract: unknown --format {bad[0]!r}; use csv, jsonl or parquet")
        raise typer.Exit(EXIT_USAGE)
    if sum([jsonl, csv_out, explain]) > 1:
        _err("extract: choose one of --jsonl, --csv, --explain")
        raise typer.Exit(EXIT_USAGE)
    if report is not None and no_report:
        _err("extract: choose one of --report FILE and --no-report")
        raise typer.Exit(EXIT_USAGE)
    if report is not None and engine is Engine.dask:
        _err("extract: --report needs --engine local (the Dask engine keeps no records on the client)")
        raise typer.Exit(EXIT_USAGE)
    # The report comes with every --out folder (it is how people look at the tables), unless turned off.
    report_path = report if report is not None else out / "report.html" if out is not None and not no_report else None
    _load_or_exit(rules, model)
    options = Options(segmenter=segmenter.value, rules=str(rules) if rules else None, with_text=not no_text,
                      timeout=timeout or None, model=str(model) if model else None, min_score=min_score,
                      explain=explain)
    with _interruptible():
        if engine is Engine.dask:
            raise typer.Exit(_run_dask(paths, out, options, scheduler, jobs))
        if explain:
            raise typer.Exit(_run_explain(paths, options, report_path, quiet))
        raise typer.Exit(_run_local(paths, options, jobs, out, formats, excel, jsonl, csv_out, quiet, report_path))


class _Interrupted(BaseException):
    """SIGTERM, turned into an exception so that the run can say what it leaves behind (a BaseException, as
    KeyboardInterrupt is, so that no guard for a document's bugs takes it for that document's error)."""


# Signals received during the run. Python raises a signal's exception wherever the main thread is, and where it
# cannot propagate (a finalizer or a garbage-collector callback) it is only printed and the run goes on: the flag
# lets the run stop at the next record anyway, and never finish its tables as if complete.
_received: list[int] = []


@contextmanager
def _interruptible() -> Iterator[None]:
    """SIGTERM raises _Interrupted in the block and Ctrl-C KeyboardInterrupt, both remembered in ``_received``;
    the default for SIGTERM would end the process without a word and leave half-written files."""
    def _raise(signum, frame):
        _received.append(signum)
        raise KeyboardInterrupt() if signum == signal.SIGINT else _Interrupted()

    _received.clear()
    try:
        previous = {sig: signal.signal(sig, _raise) for sig in (signal.SIGTERM, signal.SIGINT)}
    except ValueError:  # not the main thread: keep the defaults
        yield
        return
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _stop_if_interrupted() -> None:
    """Raise the exception of a signal whose own raise was lost (see ``_received``)."""
    if _received:
        raise KeyboardInterrupt() if _received[-1] == signal.SIGINT else _Interrupted()


def _run_dask(paths: list[str], out: Optional[Path], options: Options, scheduler: Optional[str], jobs: int) -> int:
    from .run.dask_engine import run_dask

    if out is None:
        _err("extract: --engine dask writes partitioned Parquet and needs --out DIR")
        return EXIT_USAGE
    if "-" in paths:
        _err("extract: --engine dask reads the files on the workers; stdin ('-') needs --engine local")
        return EXIT_USAGE
    try:
        failed = run_dask(paths, out, options, scheduler=scheduler, jobs=jobs)
    except OutputError as exc:
        _err(f"extract: {exc}")
        return EXIT_OUTPUT
    except (KeyboardInterrupt, _Interrupted) as exc:
        _err(f"extract: interrupted; unfinished tables removed, nothing written to {out}")
        return _interrupted_code(exc)
    for message in failed:
        _err(message)
    return EXIT_FAILED if failed else EXIT_OK


def _run_explain(paths: list[str], options: Options, report_path: Optional[Path], quiet: bool) -> int:
    from .output import explain_record

    failed = 0
    reporter = ReportWriter(report_path) if report_path is not None else None
    for doc in iter_loaded(paths, options):
        rec = extract_loaded(doc, options)
        failed += rec.status != "ok" and not doc.skipped
        typer.echo(explain_record(rec))
        if reporter is not None:
            reporter.write(rec.as_dict(with_text=options.with_text))
    try:
        _close_report(reporter, quiet)
    except OutputError as exc:
        _err(f"extract: {exc}")
        return EXIT_OUTPUT
    return EXIT_FAILED if failed else EXIT_OK


class _Tally:
    """What a run has produced so far (for the summary, and for the message of an interrupted run)."""

    def __init__(self) -> None:
        self.docs = self.failed = self.skipped = self.measures = self.statements = 0

    def add(self, rec: dict, quiet: bool) -> None:
        self.docs += 1
        self.measures += len(rec.get("measures") or [])
        self.statements += bool(rec.get("is_statement"))
        if rec["status"] == "error":
            self.failed += 1
            _err(rec["error"])
        elif rec["status"] == "skipped":
            self.skipped += 1
            if not quiet:
                _err(rec["error"])

    def summary(self) -> str:
        skipped = f", {self.skipped} skipped" if self.skipped else ""
        return (f"{self.docs} documents ({self.failed} failed{skipped}), {self.statements} statements, "
                f"{self.measures} measures")


def _run_local(paths: list[str], options: Options, jobs: int, out: Optional[Path], formats: list[str],
               excel: bool, jsonl: bool, csv_out: bool, quiet: bool, report_path: Optional[Path] = None) -> int:
    """Extract in this process or in worker processes; records to stdout and/or tables in ``out`` and/or the HTML
    review report."""
    tally = _Tally()
    writer = None
    reporter = ReportWriter(report_path) if report_path is not None else None
    try:
        writer = TableWriter(out, formats, excel=excel) if out is not None else None
        _write_records(paths, options, jobs, writer, jsonl, csv_out, excel, quiet, tally, reporter)
        notice = _segmenter_notice(options)
        if notice:
            _err(notice)
        written = writer.close() if writer is not None else []
    except OutputError as exc:
        if writer is not None:
            writer.discard()
        _err(f"extract: {exc}")
        return EXIT_OUTPUT
    except (KeyboardInterrupt, _Interrupted) as exc:
        left = writer.abort() if writer is not None else []
        kept = (f"unfinished tables left as {', '.join(str(p) for p in left)}" if left else
                "no tables written" if writer is not None else "output stopped")
        _err(f"extract: interrupted after {tally.docs} documents; {kept}")
        return _interrupted_code(exc)
    if written and not quiet:
        _err(f"{tally.summary()}; wrote {', '.join(str(p) for p in written)}")
    try:
        _close_report(reporter, quiet)
    except OutputError as exc:
        _err(f"extract: {exc}")
        return EXIT_OUTPUT
    return EXIT_FAILED if tally.failed else EXIT_OK


def _write_records(paths: list[str], options: Options, jobs: int, writer: Optional[TableWriter], jsonl: bool,
                   csv_out: bool, excel: bool, quiet: bool, tally: _Tally, reporter: Optional[ReportWriter] = None) -> None:
    stdout = sys.stdout
    csv_writer = None
    with writing("standard output"):
        if csv_out:
            import csv

            if excel:
                stdout.write("\ufeff")
            csv_writer = csv.DictWriter(stdout, fieldnames=COLUMNS["measures"], lineterminator="\n")
            csv_writer.writeheader()
    with closing(_records(paths, options, jobs, progress=not quiet and sys.stderr.isatty())) as records:
        for rec in records:
            with writing("standard output"):
                if jsonl or (writer is None and csv_writer is None and reporter is None):
                    write_jsonl_record(rec, stdout)
                if csv_writer is not None:
                    csv_writer.writerows(measure_rows(rec))
            if writer is not None:
                writer.write(rec)
            if reporter is not None:
                with writing(reporter.path):
                    reporter.write(rec)
            tally.add(rec, quiet)  # after writing: an interrupted run counts the documents it wrote
            _stop_if_interrupted()
    _stop_if_interrupted()
    with writing("standard output"):
        stdout.flush()  # a full disk behind stdout shows here, not after the exit code is decided


def _interrupted_code(exc: BaseException) -> int:
    return EXIT_TERMINATED if isinstance(exc, _Interrupted) else EXIT_INTERRUPTED


def _close_report(reporter: Optional[ReportWriter], quiet: bool) -> None:
    if reporter is None:
        return
    with writing(reporter.path):
        path = reporter.close()
    if not quiet:
        _err(f"report: {path} (open it in a browser)")


def _segmenter_notice(options: Options) -> str | None:
    # Documents are extracted in worker processes, whose loading notices stay there: a missing model is found
    # here without loading it; a pipeline loaded in this process (no workers) reports its own fallback.
    if options.segmenter == "none":
        return None
    from .structure import last_notice, missing_model_notice

    return (missing_model_notice() if options.segmenter == "pkuseg" else None) or last_notice()


train_app = typer.Typer(add_completion=False, rich_markup_mode=None)


@train_app.command()
def train(
    gold_dirs: List[Path] = typer.Argument(..., help="Folders of documents with <doc>.gold.json beside them."),
    out: Path = typer.Option(..., "--out", help="Model folder to write (model.json and MODEL_CARD.md)."),
    rules: Optional[Path] = typer.Option(None, "--rules", help="Folder of rule files overlaid on the shipped ones."),
    cv: int = typer.Option(5, "--cv", min=0, help="Folds of the cross-validation whose figures go into the model card (0: none)."),
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
        raise typer.Exit(EXIT_USAGE)
    try:
        model, prepared = train_model([str(d) for d in gold_dirs], rs)
    except GoldError as exc:
        for problem in exc.problems:
            _err(problem)
        _err(f"extract train: {len(exc.problems)} problem(s) in the gold folders; nothing was trained")
        raise typer.Exit(EXIT_USAGE)
    except ExtractorError as exc:
        _err(str(exc))
        raise typer.Exit(EXIT_USAGE)
    for warning in training_warnings(prepared):
        _err(f"warning: {warning}")
    figures = ""
    if cv:
        from .tools.crossval import card_figures

        figures = card_figures(prepared, rs, cv)
    written = save_model(model, out, model_card(model, prepared, [d.name for d in gold_dirs], figures))
    if not quiet:
        _err(f"trained on {len(prepared)} documents; wrote {', '.join(str(p) for p in written)}")


draft_app = typer.Typer(add_completion=False, rich_markup_mode=None)


@draft_app.command()
def draft(
    paths: List[str] = typer.Argument(..., help="Pages to annotate: files or folders (recursive)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Copy the pages into this folder and write the drafts "
                                       "beside the copies (default: beside the pages)."),
    pick: Optional[int] = typer.Option(None, "--pick", min=1, help="Draft only the N pages whose statement "
                                       "decision is least certain (the ones worth annotating first)."),
    force: bool = typer.Option(False, "--force", help="Replace existing .gold.json files (they may hold an "
                               "annotator's work: kept by default)."),
    model: Optional[Path] = typer.Option(None, "--model", help="Model folder from `extract train` (default: the shipped model)."),
    rules: Optional[Path] = typer.Option(None, "--rules", help="Folder of rule files overlaid on the shipped ones."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes."),
    timeout: float = typer.Option(120.0, "--timeout", min=0, help="Seconds per document before it is given up (0: none)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary."),
) -> None:
    """Write a draft <page>.gold.json for each page, filled with the model's decisions, for an annotator to correct
    (then delete its "draft" line) before `extract train` reads it."""
    from .run.draft import draft_annotations

    if "-" in paths:
        _err("extract draft: stdin has no file to write a gold file beside; save it to a file first")
        raise typer.Exit(EXIT_USAGE)
    _load_or_exit(rules, model)
    options = Options(rules=str(rules) if rules else None, timeout=timeout or None,
                      model=str(model) if model else None)
    run = draft_annotations(paths, options, out=out, pick=pick, force=force, jobs=jobs, progress=not quiet)
    for line in run.problems + run.output_problems:
        _err(line)
    if not quiet:
        if run.kept:
            _err(f"kept {len(run.kept)} existing gold file(s) as they were (--force replaces them), e.g. {run.kept[0]}")
        where = f" in {out}" if out is not None else " beside the pages"
        _err(f"drafted {len(run.written)} page(s){where} ({run.statements} read as statements); correct each, "
             "delete its \"draft\" line, then run `extract train`")
    raise typer.Exit(EXIT_OUTPUT if run.output_problems else EXIT_FAILED if run.problems else EXIT_OK)


def main() -> None:
    """Console-script entry point: ``extract PATH...``, ``extract train GOLD_DIR... --out DIR`` or
    ``extract draft PAGES...``."""
    if sys.argv[1:2] == ["train"]:
        train_app(args=sys.argv[2:], prog_name="extract train")
    elif sys.argv[1:2] == ["draft"]:
        draft_app(args=sys.argv[2:], prog_name="extract draft")
    else:
        app(prog_name="extract")


if __name__ == "__main__":
    main()
