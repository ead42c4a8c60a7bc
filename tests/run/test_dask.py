"""The Dask engine on a LocalCluster: one frame per table, the same rows as the local engine, Parquet folders."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("distributed")
pytest.importorskip("dask.dataframe")

from distributed import Client, LocalCluster  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from conftest import NESTED_PAGE, copy_corpus  # noqa: E402
from extractor.cli import app  # noqa: E402
from extractor.output import TABLES, to_frames  # noqa: E402
from extractor.run import Options, dask_engine, iter_records  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
OPTIONS = Options(segmenter="none", with_text=False)
KEYS = {"documents": ["doc_id", "status", "is_statement"], "measures": ["doc_id", "index", "text", "start"],
        "findings": ["doc_id", "index", "text"], "parties": ["doc_id", "name", "role", "start"],
        "hotlines": ["doc_id", "number", "start"]}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    root = copy_corpus(tmp_path_factory.mktemp("dask_in"))
    (root / "empty.txt").write_bytes(b"")
    return root


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0") as cluster:
        with Client(cluster) as c:
            yield c


@pytest.fixture(scope="module")
def written(inputs: Path, client, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dask_out")
    frames = dask_engine.extract_to_dask([str(inputs)], OPTIONS, sources_per_partition=2)
    dask_engine.write_parquet(frames, out)
    return out


@pytest.fixture(scope="module")
def local_frames(inputs: Path) -> dict[str, pd.DataFrame]:
    return to_frames(iter_records([str(inputs)], OPTIONS))


@pytest.mark.parametrize("table", TABLES)
def test_parquet_folder_has_the_local_rows(written: Path, local_frames, table: str) -> None:
    got = pd.read_parquet(written / table)
    assert len(list((written / table).glob("*.parquet"))) >= 1
    want = local_frames[table]
    keys = KEYS[table]
    norm = lambda f: f[keys].astype("string").sort_values(keys).reset_index(drop=True)  # noqa: E731
    pd.testing.assert_frame_equal(norm(got), norm(want), check_dtype=False)


def test_every_partition_has_the_table_types(inputs: Path, client) -> None:
    frames = dask_engine.extract_to_dask([str(inputs)], OPTIONS, sources_per_partition=4)
    assert list(frames) == list(TABLES)
    measures = frames["measures"].compute()
    assert dict(measures.dtypes.astype(str)) == dask_engine.table_dtypes("measures")
    assert frames["documents"].npartitions == 2


def test_tables_share_one_extraction_per_partition(inputs: Path, client, monkeypatch) -> None:
    calls = []
    real = dask_engine.extract_partition

    def counting(sources, options):
        calls.append(len(sources))
        return real(sources, options)

    monkeypatch.setattr(dask_engine, "extract_partition", counting)
    frames = dask_engine.extract_to_dask([str(inputs)], OPTIONS, sources_per_partition=3)
    import dask

    dask.compute(*frames.values())
    assert sorted(calls) == [3, 3]


def test_cli_engine_dask_writes_parquet_and_reports_errors(inputs: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, [str(inputs), "--engine", "dask", "--out", str(tmp_path), "--segmenter",
                                      "none", "-q"])
    assert result.exit_code == 1  # empty.txt failed
    docs = pd.read_parquet(tmp_path / "documents")
    assert sorted(docs["doc_id"])[0] == "000_96c7af21cd661f14.txt" and len(docs) == 6


def test_cli_engine_dask_needs_out(inputs: Path) -> None:
    result = CliRunner().invoke(app, [str(inputs), "--engine", "dask"])
    assert result.exit_code == 2


def test_cli_engine_dask_refuses_stdin(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["-", "--engine", "dask", "--out", str(tmp_path)], input="整改措施如下：")
    assert result.exit_code == 2


def test_the_time_limit_covers_loading_on_dask_workers(client, tmp_path: Path) -> None:
    (tmp_path / "nested.html").write_text(NESTED_PAGE, encoding="utf-8")
    (tmp_path / "ok.txt").write_text("公司对此深表歉意，一是全面退还相关费用。", encoding="utf-8")
    options = Options(segmenter="none", with_text=False, timeout=0.5)
    docs = dask_engine.extract_to_dask([str(tmp_path)], options)["documents"].compute()
    assert list(zip(docs["doc_id"], docs["status"])) == [("nested.html", "error"), ("ok.txt", "ok")]
    assert docs["error"][0] == f"{tmp_path / 'nested.html'}: time limit of 0.5 s exceeded; raise it with --timeout"


@pytest.fixture(scope="module")
def twelve(tmp_path_factory) -> Path:
    """Twelve one-document partitions: part 10 sorts before part 2 unless the names are padded."""
    root = tmp_path_factory.mktemp("twelve")
    for i in range(12):
        (root / f"{i:02d}.txt").write_text(f"公司对此深表歉意，一是全面退还相关费用（第{i}批）。", encoding="utf-8")
    return root


def test_dask_parquet_reads_back_in_input_order(twelve: Path, client, tmp_path: Path) -> None:
    dask_engine.write_parquet(dask_engine.extract_to_dask([str(twelve)], OPTIONS, sources_per_partition=1), tmp_path)
    assert list(pd.read_parquet(tmp_path / "documents")["doc_id"]) == [f"{i:02d}.txt" for i in range(12)]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(TABLES)  # the .part folders were renamed


@pytest.mark.parametrize("table", TABLES)
def test_dask_and_local_parquet_share_one_schema(written: Path, inputs: Path, tmp_path: Path, table: str) -> None:
    import pyarrow.parquet as pq

    result = CliRunner().invoke(app, [str(inputs), "--out", str(tmp_path), "--format", "parquet", "--segmenter",
                                      "none", "-q"])
    assert result.exit_code == 1  # empty.txt
    local = pq.read_schema(tmp_path / f"{table}.parquet")
    for part in sorted((written / table).glob("*.parquet")):
        assert pq.read_schema(part).remove_metadata() == local.remove_metadata()
    assert dict(pd.read_parquet(written / table).dtypes.astype(str)) == dask_engine.table_dtypes(table)
    assert dict(pd.read_parquet(tmp_path / f"{table}.parquet").dtypes.astype(str)) == dask_engine.table_dtypes(table)
