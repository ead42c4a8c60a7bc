"""Model provisioning: extraction from the sdist, size checks, idempotence. Uses small synthetic tarballs."""

import io
import sys
import tarfile

import pytest

from extractor.tools import provision
from extractor.structure import segmenter

MODEL_DIR = "pkuseg-0.0.25/pkuseg/models/default/"


def make_sdist(path, members):
    """Write a .tar.gz at ``path`` with ``members`` ({name: bytes})."""
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


@pytest.fixture
def small_files(monkeypatch):
    """Accept tiny files as a model so the tests need not write 180 MB."""
    monkeypatch.setattr(segmenter, "MIN_FILE_BYTES", 4)


def test_extract_model_takes_only_the_two_model_files(tmp_path, small_files):
    sdist = make_sdist(tmp_path / "pkuseg-0.0.25.tar.gz", {
        MODEL_DIR + "features.pkl": b"features",
        MODEL_DIR + "weights.npz": b"weights!",
        MODEL_DIR + "__init__.py": b"",
        "pkuseg-0.0.25/setup.py": b"import numpy",
        "pkuseg-0.0.25/pkuseg/dicts/default.pkl": b"dictionary",
    })
    dest = tmp_path / "model"
    provision.extract_model(sdist, dest)
    assert sorted(p.name for p in dest.iterdir()) == ["features.pkl", "weights.npz"]
    assert (dest / "weights.npz").read_bytes() == b"weights!"


def test_extract_model_reports_a_missing_file(tmp_path):
    sdist = make_sdist(tmp_path / "pkuseg-0.0.25.tar.gz", {MODEL_DIR + "features.pkl": b"features"})
    with pytest.raises(provision.ProvisionError, match="weights.npz"):
        provision.extract_model(sdist, tmp_path / "model")


def test_extract_model_reports_a_broken_archive(tmp_path):
    sdist = tmp_path / "pkuseg-0.0.25.tar.gz"
    sdist.write_bytes(b"not a tarball")
    with pytest.raises(provision.ProvisionError, match="cannot extract"):
        provision.extract_model(sdist, tmp_path / "model")


@pytest.mark.parametrize("sizes, expected", [
    ({"features.pkl": 10, "weights.npz": 10}, True),
    ({"features.pkl": 10, "weights.npz": 2}, False),
    ({"features.pkl": 10}, False),
    ({}, False),
])
def test_has_model_needs_both_files_with_sane_sizes(tmp_path, small_files, sizes, expected):
    for name, size in sizes.items():
        (tmp_path / name).write_bytes(b"x" * size)
    assert provision.has_model(tmp_path) is expected


def test_provision_model_skips_download_when_present(tmp_path, small_files, monkeypatch):
    for name in provision.MODEL_FILES:
        (tmp_path / name).write_bytes(b"present")

    def no_download(workdir):
        raise AssertionError("must not download when the model is present")

    monkeypatch.setattr(provision, "download_sdist", no_download)
    assert provision.provision_model(tmp_path) == tmp_path


def test_main_prints_one_line_error_and_exit_code(tmp_path, capsys):
    code = provision.main(["--dest", str(tmp_path / "model"), "--sdist", str(tmp_path / "absent.tar.gz")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert err[-1].startswith("error: cannot extract")


def test_default_model_dir_is_inside_the_environment():
    assert provision.default_model_dir().is_relative_to(sys.prefix)
