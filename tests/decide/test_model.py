"""Model folders: the shipped one loads; a missing, foreign, outdated or damaged one is refused with a one-line
error naming the folder (ModelError; exit 2 on the command line), never a silent fallback."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from extractor.decide import DECISIONS, load_model
from extractor.decide.model import MODEL_FILE, SHIPPED, dumps
from extractor.errors import ModelError


def test_the_shipped_model_loads_with_every_decision():
    model = load_model()
    assert set(DECISIONS) <= set(model.decisions)
    assert model.meta["sets"] == ["seeds", "dev", "dev2"]
    assert (SHIPPED / "MODEL_CARD.md").is_file()


def test_the_shipped_file_is_what_dumps_writes():
    # the file in the package is exactly the serialisation of the model it holds: no hand edits
    assert dumps(load_model()) == (SHIPPED / MODEL_FILE).read_text(encoding="utf-8")


@pytest.fixture
def copy(tmp_path):
    folder = tmp_path / "model"
    shutil.copytree(SHIPPED, folder)
    return folder


def _edit(folder, change):
    obj = json.loads((folder / MODEL_FILE).read_text(encoding="utf-8"))
    change(obj)
    (folder / MODEL_FILE).write_text(json.dumps(obj), encoding="utf-8")


@pytest.mark.parametrize("change, message", [
    (lambda o: o.__setitem__("version", 99), "model format version 99"),
    (lambda o: o.__setitem__("feature_schema", 0), "feature schema 0"),
    (lambda o: o.__setitem__("format", "pickle"), "not an extractor model"),
    (lambda o: o["decisions"].pop("unit"), "lacks the decisions unit"),
    (lambda o: o["decisions"]["unit"].__setitem__("bias", [1.0]), "damaged"),
])
def test_incompatible_or_damaged_models_are_refused(copy, change, message):
    _edit(copy, change)
    with pytest.raises(ModelError, match=message) as err:
        load_model(copy)
    assert str(err.value).startswith(str(copy.resolve()))


def test_missing_folder_and_truncated_file_are_refused(copy, tmp_path):
    with pytest.raises(ModelError, match="no such model folder"):
        load_model(tmp_path / "absent")
    (copy / MODEL_FILE).write_text((SHIPPED / MODEL_FILE).read_text(encoding="utf-8")[:500], encoding="utf-8")
    with pytest.raises(ModelError, match="damaged"):
        load_model(copy)


def test_the_command_line_says_it_in_one_line_and_exits_2(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "extractor", "-", "--jsonl", "--model", str(tmp_path / "absent")],
                          input="测试", capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.strip().count("\n") == 0 and "absent: no such model folder" in proc.stderr
