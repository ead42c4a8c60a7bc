"""Tables to files in an output folder, where nothing looks complete until it is.

Each table file is written as ``<table>.<ext>.part`` and renamed to ``<table>.<ext>`` only by ``close()``, once
every record is in: an interrupted run (Ctrl-C, SIGTERM, a crash, a full disk) leaves ``.part`` files and never
a file under a final name that holds part of a run. CSV and JSON Lines are written row by row; Parquet in row
groups of ``ROW_GROUP`` rows with the fixed schema of output/schema.py, so memory does not grow with the run.
Every failure to write becomes one :class:`OutputError` naming the file and the reason.
"""
from __future__ import annotations

import csv
import errno
import json
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import OutputError
from .export import ROWS
from .organizations import OrganizationIndex
from .schema import COLUMNS, OUTPUT_TABLES, TABLES, arrow_schema, typed_frame

ROW_GROUP = 10_000  # Parquet rows held per table before they are written as one row group
PART = ".part"

_REASONS = {
    errno.ENOSPC: "no space left on device", errno.EDQUOT: "disk quota exceeded",
    errno.EFBIG: "file too large (file system or file size limit)", errno.EROFS: "read-only file system",
    errno.EACCES: "permission denied", errno.EPERM: "permission denied",
    errno.EEXIST: "a file is in the way: not a folder", errno.ENOTDIR: "a file is in the way: not a folder",
}


def output_problem(err: OSError) -> str:
    """One line saying why a write failed."""
    return f"cannot write ({_REASONS.get(err.errno) or err.strerror or err})"


@contextmanager
def writing(path: Path | str) -> Iterator[None]:
    """Turn an OSError in the block into an OutputError naming ``path``."""
    try:
        yield
    except OSError as err:
        raise OutputError(str(path), output_problem(err)) from None


class _ParquetTable:
    """One table's Parquet file, written a row group at a time."""

    def __init__(self, path: Path, table: str):
        import pyarrow.parquet as pq

        self.path, self.table = path, table
        self.schema = arrow_schema(table)
        self.rows: list[dict] = []
        self.writer = pq.ParquetWriter(str(path), self.schema)

    def add(self, rows: list[dict]) -> None:
        self.rows.extend(rows)
        if len(self.rows) >= ROW_GROUP:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            import pyarrow as pa

            frame = typed_frame(self.rows, self.table)
            self.writer.write_table(pa.Table.from_pandas(frame, schema=self.schema, preserve_index=False))
            self.rows = []

    def close(self) -> None:
        self.flush()
        self.writer.close()


class TableWriter:
    """Streams records into one file per table and format in ``out_dir`` (see the module docstring).

    Raises OutputError when the folder or a file cannot be written (a file where the folder should be, no
    permission, a full disk).
    """

    def __init__(self, out_dir: str | Path, formats: Iterable[str] = ("csv",), excel: bool = False):
        self.out = Path(out_dir)
        self.formats = list(formats)
        self.parts: list[Path] = []  # every file being written, under its temporary name
        self._csv: dict[str, tuple] = {}
        self._jsonl: dict = {}
        self._parquet: dict[str, _ParquetTable] = {}
        self._orgs = OrganizationIndex()  # the organizations table groups every record: written at close
        with writing(self.out):
            self.out.mkdir(parents=True, exist_ok=True)
        try:
            for table in OUTPUT_TABLES:
                if "csv" in self.formats:
                    path = self._part(table, "csv")
                    with writing(path):
                        fh = open(path, "w", encoding="utf-8-sig" if excel else "utf-8", newline="")
                        writer = csv.DictWriter(fh, fieldnames=COLUMNS[table])
                        self._csv[table] = (fh, writer, path)
                        writer.writeheader()
                if "jsonl" in self.formats:
                    path = self._part(table, "jsonl")
                    with writing(path):
                        self._jsonl[table] = (open(path, "w", encoding="utf-8"), path)
                if "parquet" in self.formats:
                    path = self._part(table, "parquet")
                    with writing(path):
                        self._parquet[table] = _ParquetTable(path, table)
        except OutputError:
            self.discard()
            raise

    def _part(self, table: str, ext: str) -> Path:
        path = self.out / f"{table}.{ext}{PART}"
        self.parts.append(path)
        return path

    def write(self, rec: dict) -> None:
        """Add one record's rows to every table."""
        for table in TABLES:
            self._write_rows(table, ROWS[table](rec))
        self._orgs.add(rec)

    def _write_rows(self, table: str, rows: list[dict]) -> None:
        if not rows:
            return
        if table in self._csv:
            fh, writer, path = self._csv[table]
            with writing(path):
                writer.writerows(rows)
        if table in self._jsonl:
            fh, path = self._jsonl[table]
            with writing(path):
                fh.write("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows))
        if table in self._parquet:
            with writing(self._parquet[table].path):
                self._parquet[table].add(rows)

    def close(self) -> list[Path]:
        """Finish every file and give it its name; returns the final paths. On failure nothing is renamed and
        the temporary files are removed."""
        try:
            self._write_rows("organizations", self._orgs.rows())
            self._close_handles()
        except OutputError:
            self.discard()
            raise
        final = []
        for part in self.parts:
            target = part.with_name(part.name[: -len(PART)])
            with writing(target):
                part.replace(target)
            final.append(target)
        self.parts = []
        return final

    def abort(self) -> list[Path]:
        """Stop writing (an interrupted run): close what can be closed and keep the ``.part`` files, which hold
        the records written so far; returns them."""
        try:
            self._close_handles()
        except OutputError:
            pass
        return [p for p in self.parts if p.exists()]

    def discard(self) -> None:
        """Stop writing and remove the temporary files (their content cannot be trusted)."""
        try:
            self._close_handles()
        except OutputError:
            pass
        for part in self.parts:
            part.unlink(missing_ok=True)
        self.parts = []

    def _close_handles(self) -> None:
        """Close every open file; the first failure is raised after all were tried."""
        first: OutputError | None = None
        handles = [(fh, path) for fh, _w, path in self._csv.values()] + list(self._jsonl.values())
        for fh, path in handles:
            try:
                with writing(path):
                    fh.close()
            except OutputError as err:
                first = first or err
        for pq_table in self._parquet.values():
            try:
                with writing(pq_table.path):
                    pq_table.close()
            except OutputError as err:
                first = first or err
            except Exception:  # noqa: BLE001 - a writer closed twice or left broken by an earlier failure
                pass
        self._csv, self._jsonl, self._parquet = {}, {}, {}
        if first is not None:
            raise first
