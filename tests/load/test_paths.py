"""Paths to sources (load/paths.py): every path reached is listed, ids are unique, special files are never opened.

Folders are built in tmp_path with real named pipes, sockets, links and non-UTF-8 file names.
"""
from __future__ import annotations

import os
import signal
import socket
from pathlib import Path

import pytest

from extractor.load import LoadedDoc, Source, iter_sources, load_source

TEXT = "公司对此深表歉意，一是全面退还相关费用。"


@pytest.fixture()
def deadline():
    """Fail (instead of hanging the suite) if the test blocks for 10 s, as opening a named pipe would."""
    def _expired(signum, frame):
        raise TimeoutError("blocked for 10 s")

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _listing(paths: list) -> list[tuple[str, str, str]]:
    """(doc_id, kind, problem) per source: kind is "read", "error" or "skipped"."""
    out = []
    for s in iter_sources([str(p) for p in paths]):
        if isinstance(s, Source):
            out.append((s.doc_id, "read", ""))
        else:
            out.append((s.doc_id, "skipped" if s.skipped else "error", s.error.split(": ", 1)[1]))
    return out


def _write(path: Path, text: str = TEXT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- special files ---------------------------------------------------------------------------------------

def test_named_pipe_in_a_folder_is_listed_and_never_opened(tmp_path, deadline):
    _write(tmp_path / "a.txt")
    os.mkfifo(tmp_path / "b.txt")
    assert _listing([tmp_path]) == [("a.txt", "read", ""), ("b.txt", "error", "special file (named pipe): not read")]


def test_named_pipe_given_by_name_is_not_opened(tmp_path, deadline):
    os.mkfifo(tmp_path / "pipe")
    assert _listing([tmp_path / "pipe"]) == [(str(tmp_path / "pipe"), "error", "special file (named pipe): not read")]


def test_loading_a_named_pipe_source_refuses_it(tmp_path, deadline):
    os.mkfifo(tmp_path / "swapped.txt")  # listed as a file, then replaced by a pipe before it was read
    (doc,) = load_source(Source("swapped.txt", str(tmp_path / "swapped.txt")))
    assert doc.error == f"{tmp_path / 'swapped.txt'}: special file (named pipe): not read"


def test_socket_and_device_are_special_files(tmp_path, deadline):
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "s.txt"))
    try:
        assert _listing([tmp_path, "/dev/null"]) == [
            ("s.txt", "error", "special file (socket): not read"),
            ("/dev/null", "error", "special file (character device): not read")]
    finally:
        sock.close()


# --- links, loops, unreadable folders ----------------------------------------------------------------------

def test_symlinked_folder_is_followed(tmp_path):
    _write(tmp_path / "elsewhere" / "x.txt")
    (tmp_path / "crawl").mkdir()
    os.symlink(tmp_path / "elsewhere", tmp_path / "crawl" / "linked")
    assert _listing([tmp_path / "crawl"]) == [("linked/x.txt", "read", "")]


def test_link_loop_is_listed_as_skipped(tmp_path):
    _write(tmp_path / "a" / "x.txt")
    os.symlink(tmp_path / "a", tmp_path / "a" / "back")
    assert _listing([tmp_path / "a"]) == [
        ("back", "skipped", "symbolic link loop (to an enclosing folder): not followed"), ("x.txt", "read", "")]


def test_broken_link_is_an_error(tmp_path):
    _write(tmp_path / "x.txt")
    os.symlink(tmp_path / "gone.txt", tmp_path / "y.txt")
    assert _listing([tmp_path]) == [("x.txt", "read", ""),
                                    ("y.txt", "error", f"broken symbolic link (to {tmp_path / 'gone.txt'})")]


def test_unreadable_folder_is_an_error(tmp_path, monkeypatch):
    _write(tmp_path / "a.txt")
    _write(tmp_path / "locked" / "b.txt")
    real = os.scandir

    def scandir(path):  # root reads any folder, so the refusal is simulated for that one folder
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert _listing([tmp_path]) == [("a.txt", "read", ""), ("locked", "error", "permission denied: folder not read")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads folders without read permission")
def test_folder_without_read_permission_is_an_error(tmp_path):
    _write(tmp_path / "locked" / "b.txt")
    (tmp_path / "locked").chmod(0)
    try:
        assert _listing([tmp_path]) == [("locked", "error", "permission denied: folder not read")]
    finally:
        (tmp_path / "locked").chmod(0o755)


# --- unique ids ----------------------------------------------------------------------------------------------

def test_same_folder_twice_is_read_once_with_unique_ids(tmp_path):
    _write(tmp_path / "x.txt")
    listing = _listing([tmp_path, tmp_path])
    assert listing == [("x.txt", "read", ""), (str(tmp_path / "x.txt"), "skipped", "same file as x.txt: not read twice")]


def test_file_reached_through_a_link_is_read_where_it_is(tmp_path):
    _write(tmp_path / "x.txt")
    os.symlink(tmp_path / "x.txt", tmp_path / "a_link.txt")
    assert _listing([tmp_path]) == [("a_link.txt", "skipped", "same file as x.txt: not read twice"),
                                    ("x.txt", "read", "")]


def test_same_file_name_in_two_folders_given_gets_two_ids(tmp_path):
    one, two = _write(tmp_path / "a" / "x.txt"), _write(tmp_path / "b" / "x.txt", TEXT + "二是开通热线。")
    assert [s.doc_id for s in iter_sources([str(one), str(two)])] == ["x.txt", str(two)]


def test_id_taken_by_an_earlier_path_gets_a_number(tmp_path):
    _write(tmp_path / "x.txt")
    ids = [s.doc_id for s in iter_sources([str(tmp_path / "x.txt"), "no/x.txt", "no/x.txt"])]
    assert ids == ["x.txt", "no/x.txt", "no/x.txt~2"]


# --- names that are not UTF-8 ------------------------------------------------------------------------------

def test_non_utf8_file_name_is_escaped_and_its_bytes_kept(tmp_path):
    raw = os.fsencode(tmp_path) + b"/\xb2\xe2\xca\xd4.txt"  # 测试.txt in GBK
    with open(raw, "wb") as fh:
        fh.write(TEXT.encode("utf-8"))
    (src,) = iter_sources([str(tmp_path)])
    assert (src.doc_id, src.path) == ("\\xb2\\xe2\\xca\\xd4.txt", f"{tmp_path}/\\xb2\\xe2\\xca\\xd4.txt")
    assert bytes.fromhex(src.path_hex) == raw
    (doc,) = load_source(src)
    assert (doc.error, doc.text, doc.path_hex) == (None, TEXT, src.path_hex)
    assert isinstance(doc, LoadedDoc) and doc.path.encode("utf-8")


def test_jsonl_record_id_that_is_another_line_number_keeps_its_line_key(tmp_path):
    path = _write(tmp_path / "feed.jsonl", '{"id": "3", "text": "一是退款。"}\n{"id": "b", "text": "二是整改。"}\n'
                                           '{"text": "三是问责。"}\n')
    ids = [d.doc_id for d in load_source(Source("feed.jsonl", str(path)))]
    assert ids == ["feed.jsonl#1", "feed.jsonl#b", "feed.jsonl#3"]
