"""The rules and every module of every subpackage ship inside the wheel (issue 3: other tools import them from
the installed package)."""
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).parent.parent


def _source_copy(dest: Path) -> Path:
    """The project's source files copied to ``dest``: building in a copy leaves no build/ behind in the
    checkout (a stale build/ would ship modules that were moved or deleted since)."""
    import shutil

    skip = shutil.ignore_patterns(".venv", "build", "dist", "out", "*.egg-info", "__pycache__", ".git", ".pytest_cache")
    shutil.copytree(ROOT, dest, ignore=skip)
    return dest


def test_wheel_contains_every_rule_file(tmp_path):
    src = _source_copy(tmp_path / "src")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                           "-w", str(tmp_path), str(src)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    wheel = next(tmp_path.glob("*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {f"extractor/rules/{p.name}" for p in (ROOT / "rules").glob("*.jsonl")}
    assert shipped and shipped <= names
    assert "extractor/rules/README.md" in names
    assert {"extractor/decide/data/model.json", "extractor/decide/data/MODEL_CARD.md"} <= names
    # the HTML report's style sheets, page script and palette are data files of extractor.output
    assets = {f"extractor/output/report_assets/{p.name}" for p in (ROOT / "extractor/output/report_assets").iterdir()}
    assert assets and assets <= names
    # Every module of every subpackage ships (pyproject lists the packages one by one), and nothing else.
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "extractor").rglob("*.py")}
    shipped = {n for n in names if n.startswith("extractor/") and n.endswith(".py") and not n.startswith("extractor/rules/")}
    assert shipped == modules, (sorted(modules - shipped), sorted(shipped - modules))
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "remediation_measures = extractor.spacy_component:make_remediation_measures" in text
