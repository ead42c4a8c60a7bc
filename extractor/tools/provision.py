"""Fetch the pretrained pkuseg word-segmentation model into a venv-local directory.

Usage: ``python -m extractor.tools.provision [--dest DIR] [--sdist FILE]``

The model is not on PyPI as a model package: the ``pkuseg==0.0.25`` source distribution ships it as
``pkuseg/models/default/{features.pkl,weights.npz}``. We download that sdist with pip (no install, no build) and
extract only those two files. spacy-pkuseg can load them. Running this twice does nothing the second time.

This is a CLI module: progress and errors go to stderr. Library code should call :func:`provision_model`.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from ..structure import MODEL_FILES, default_model_dir, has_model

PKUSEG_REQUIREMENT = "pkuseg==0.0.25"
_MEMBER_RE = re.compile(r"pkuseg-[^/]+/pkuseg/models/default/(features\.pkl|weights\.npz)")


class ProvisionError(RuntimeError):
    """The model could not be downloaded or extracted; the message says what to do."""


def download_sdist(workdir: Path) -> Path:
    """Download the pkuseg sdist into ``workdir`` with pip and return the path of the .tar.gz.

    pip still runs the sdist's setup.py to read its metadata, and that setup.py imports numpy; with
    ``--no-build-isolation`` it uses the numpy and wheel already installed here instead of building a new env.
    """
    missing = [mod for mod in ("numpy", "wheel") if importlib.util.find_spec(mod) is None]
    if missing:
        raise ProvisionError(f"{' and '.join(missing)} must be installed first: pip install numpy wheel")
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
           "--no-build-isolation", PKUSEG_REQUIREMENT, "-d", str(workdir)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        lines = [ln.strip() for ln in (proc.stderr or proc.stdout).splitlines() if ln.strip()]
        reason = lines[-1] if lines else f"pip exited with {proc.returncode}"
        raise ProvisionError(f"pip download {PKUSEG_REQUIREMENT} failed: {reason}")
    found = sorted(workdir.glob("pkuseg-*.tar.gz"))
    if not found:
        raise ProvisionError(f"pip download {PKUSEG_REQUIREMENT} produced no pkuseg-*.tar.gz in {workdir}")
    return found[0]


def extract_model(sdist: Path, dest: Path) -> None:
    """Copy ``features.pkl`` and ``weights.npz`` out of the sdist into ``dest``.

    Each file is written under a temporary name and renamed at the end, so an interrupted run never leaves a
    half-written file that :func:`has_model` would accept.
    """
    dest.mkdir(parents=True, exist_ok=True)
    written: set[str] = set()
    try:
        with tarfile.open(sdist, "r:gz") as tar:
            for member in tar:
                match = _MEMBER_RE.fullmatch(member.name)
                if not match or not member.isfile():
                    continue
                name = match.group(1)
                source = tar.extractfile(member)
                if source is None:
                    continue
                partial = dest / (name + ".part")
                with source, open(partial, "wb") as out:
                    shutil.copyfileobj(source, out, 1 << 20)
                partial.replace(dest / name)
                written.add(name)
    except (tarfile.TarError, OSError) as exc:
        raise ProvisionError(f"cannot extract the model from {sdist}: {exc}") from exc
    missing = sorted(set(MODEL_FILES) - written)
    if missing:
        raise ProvisionError(f"{sdist} does not contain pkuseg/models/default/{', '.join(missing)}")


def provision_model(dest: Path | None = None, sdist: Path | None = None, log=None) -> Path:
    """Make sure the pkuseg model is in ``dest`` (default :func:`default_model_dir`) and return ``dest``.

    ``sdist`` is an already-downloaded ``pkuseg-0.0.25.tar.gz`` to use instead of downloading. ``log`` is an
    optional callable taking one progress message. Raises :class:`ProvisionError`.
    """
    dest = Path(dest) if dest is not None else default_model_dir()
    say = log or (lambda message: None)
    if has_model(dest):
        say(f"pkuseg model already present in {dest}")
        return dest
    with tempfile.TemporaryDirectory(prefix="extractor-pkuseg-") as tmp:
        if sdist is None:
            say(f"downloading the {PKUSEG_REQUIREMENT} sdist (about 49 MB) from PyPI ...")
            sdist = download_sdist(Path(tmp))
        say(f"extracting pkuseg/models/default from {sdist.name} into {dest} ...")
        extract_model(Path(sdist), dest)
    if not has_model(dest):
        raise ProvisionError(f"model files in {dest} are smaller than expected; delete them and run again")
    say(f"pkuseg model ready in {dest}")
    return dest


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the process exit code."""
    parser = argparse.ArgumentParser(prog="python -m extractor.tools.provision", description=__doc__.splitlines()[0])
    parser.add_argument("--dest", type=Path, default=None,
                        help=f"model directory (default: {default_model_dir()})")
    parser.add_argument("--sdist", type=Path, default=None,
                        help="use this local pkuseg-0.0.25.tar.gz instead of downloading it")
    args = parser.parse_args(argv)
    try:
        provision_model(args.dest, args.sdist, log=lambda message: print(message, file=sys.stderr))
    except ProvisionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
