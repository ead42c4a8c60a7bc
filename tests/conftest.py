"""Helpers shared by test modules."""
import shutil
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def copy_corpus(root: Path) -> Path:
    """Copy the corpus documents into ``root`` (tests then add broken files beside them)."""
    for path in sorted(CORPUS.glob("*.txt")):
        shutil.copy(path, root / path.name)
    return root
