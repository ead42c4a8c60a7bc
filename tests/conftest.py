"""Helpers shared by test modules."""
import json
import shutil
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
CASES = Path(__file__).resolve().parent / "cases"


def read_cases(name: str) -> list[dict]:
    """The cases of tests/cases/``name``, one JSON object per non-blank line."""
    return [json.loads(line) for line in (CASES / name).read_text("utf-8").splitlines() if line.strip()]


def case_params(cases: list[dict], kind: str) -> list:
    """The cases that hold the key ``kind``, as pytest params named by their index and first characters."""
    return [pytest.param(c, id=f"{i}:{c['text'][:16]}") for i, c in enumerate(cases) if kind in c]


def copy_corpus(root: Path) -> Path:
    """Copy the corpus documents into ``root`` (tests then add broken files beside them)."""
    for path in sorted(CORPUS.glob("*.txt")):
        shutil.copy(path, root / path.name)
    return root
