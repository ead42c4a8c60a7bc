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


# An HTML page of 300,000 nested elements and 7 characters of text: about 3 s of HTML conversion on the
# 2-core test machine, nothing to extract. Under a 0.5 s limit it must fail while being converted.
NESTED_PAGE = "<html><body>" + "<div><span></span></div>" * 300_000 + "我们深表歉意。</body></html>"


def copy_corpus(root: Path) -> Path:
    """Copy the corpus documents into ``root`` (tests then add broken files beside them)."""
    for path in sorted(CORPUS.glob("*.txt")):
        shutil.copy(path, root / path.name)
    return root
