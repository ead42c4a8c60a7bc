"""Word segmentation: a spaCy Chinese pipeline using the pkuseg model, with a per-character fallback.

spaCy is imported only inside functions, so ``import extractor.structure.segmenter`` stays cheap, and the model
(about 4 s to load) is loaded once per process, on the first :func:`get_nlp` call.

Where the model comes from: the environment variable ``EXTRACTOR_PKUSEG_MODEL`` (a directory holding
``features.pkl`` and ``weights.npz``) or else ``<sys.prefix>/share/extractor/pkuseg/default``, filled by
``python -m extractor.tools.provision`` (``make model``). The location (:func:`default_model_dir`, :func:`has_model`)
is defined here, so the library never imports the provisioning tool.

If the model is missing or fails to load, :func:`get_nlp` returns a pipeline that splits text into single
characters and records a notice. This module never prints: the CLI calls :func:`last_notice` after loading and
prints the message to stderr once.

pkuseg was trained on Simplified text; segment the Simplified ``CleanText.view`` (same length as ``.text``, so
offsets carry over) rather than Traditional ``.text``.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from spacy.language import Language

ENV_VAR = "EXTRACTOR_PKUSEG_MODEL"
SEGMENTERS = ("pkuseg", "char")
MODEL_FILES = ("features.pkl", "weights.npz")
# The real files are 77 MB and 106 MB; anything much smaller is a truncated or wrong file.
MIN_FILE_BYTES = 10_000_000

# Cache key: (segmenter asked for, model directory or where it was missing), so pointing ENV_VAR elsewhere
# loads afresh while repeated calls reuse one pipeline.
_pipelines: dict[tuple[str, str], "Language"] = {}
_notices: dict[tuple[str, str], str] = {}
_last_key: tuple[str, str] | None = None


def default_model_dir() -> Path:
    """Return the default model directory, inside the running environment (``<sys.prefix>/share/...``)."""
    return Path(sys.prefix) / "share" / "extractor" / "pkuseg" / "default"


def has_model(dest: Path) -> bool:
    """Return True if ``dest`` holds both model files with plausible sizes."""
    return all((dest / name).is_file() and (dest / name).stat().st_size >= MIN_FILE_BYTES for name in MODEL_FILES)


def model_dir() -> Path | None:
    """Return the pkuseg model directory, or None if it does not hold the model files.

    ``EXTRACTOR_PKUSEG_MODEL`` wins when set (even if it is empty, so a test or a user can force the fallback);
    otherwise the provisioned default directory is used.
    """
    configured = os.environ.get(ENV_VAR)
    path = Path(configured) if configured else default_model_dir()
    return path if has_model(path) else None


def _model_source() -> str:
    """Describe where the model was looked for, for the fallback notice."""
    configured = os.environ.get(ENV_VAR)
    return f"{ENV_VAR}={configured}" if configured else str(default_model_dir())


def _load_pkuseg(path: Path) -> "Language":
    """Build a spaCy zh pipeline whose tokenizer runs pkuseg with the model in ``path``."""
    import spacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
    # spacy-pkuseg prints "WARNING: features.msgpack does not exist ..." while loading the .pkl model; keep
    # it out of stdout (which may carry --jsonl data) and out of the user's terminal.
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        nlp.tokenizer.initialize(pkuseg_model=str(path))
    return nlp


def _load_char() -> "Language":
    """Build a spaCy zh pipeline that makes one token per character (spaCy's default for zh)."""
    import spacy

    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})


def get_nlp(segmenter: str = "pkuseg") -> "Language":
    """Return the shared spaCy ``zh`` pipeline for ``segmenter`` ("pkuseg" or "char"), loading it on first use.

    With "pkuseg" and no usable model, returns the "char" pipeline instead and records a notice, available
    from :func:`last_notice`. Raises ValueError for an unknown segmenter name.
    """
    global _last_key
    if segmenter not in SEGMENTERS:
        raise ValueError(f"unknown segmenter {segmenter!r}; choose one of {', '.join(SEGMENTERS)}")
    path = model_dir() if segmenter == "pkuseg" else None
    location = str(path) if path else ("missing:" + _model_source() if segmenter == "pkuseg" else "")
    key = (segmenter, location)
    _last_key = key
    if key in _pipelines:
        return _pipelines[key]
    if segmenter == "char":
        nlp = _load_char()
    elif path is None:
        nlp = _load_char()
        _notices[key] = missing_model_notice()
    else:
        try:
            nlp = _load_pkuseg(path)
        except Exception as exc:  # a corrupt model or a broken spacy-pkuseg install: degrade, do not die
            nlp = _load_char()
            _notices[key] = (f"pkuseg model in {path} failed to load ({type(exc).__name__}: {exc}); "
                             f"segmenting per character.")
    _pipelines[key] = nlp
    return nlp


def missing_model_notice() -> str | None:
    """The notice for a missing pkuseg model, found without loading anything (a process that forks its workers
    learns it before they start; a model that is present but fails to load is reported by :func:`last_notice`)."""
    if model_dir() is not None:
        return None
    return (f"pkuseg model not found ({_model_source()}); segmenting per character. "
            f"Run `make model` or `python -m extractor.tools.provision`.")


def last_notice() -> str | None:
    """Return the fallback notice for the pipeline most recently returned by :func:`get_nlp`, or None.

    None means pkuseg is in use (or "char" was asked for). The CLI prints a non-None notice once to stderr.
    """
    return _notices.get(_last_key) if _last_key else None


def segment(text: str, segmenter: str = "pkuseg") -> list[tuple[int, int]]:
    """Return ``(start, end)`` character offsets of the words of ``text``, skipping whitespace-only tokens.

    ``text[start:end]`` is the token text. Uses :func:`get_nlp`, so it may fall back to single characters.
    """
    doc = get_nlp(segmenter).make_doc(text)
    return [(tok.idx, tok.idx + len(tok.text)) for tok in doc if not tok.is_space]


def clear_cache() -> None:
    """Forget loaded pipelines and notices (for tests that change the model location)."""
    global _last_key
    _pipelines.clear()
    _notices.clear()
    _last_key = None


Tokens = list[tuple[int, int]]


class LazyTokens:
    """Tokens of a span, segmented on first use: most candidate sentences are rejected by a regex check
    before their tokens are looked at, and those never reach the segmenter."""

    __slots__ = ("_segment", "_text", "_tokens")

    def __init__(self, segment: Callable[[str], Tokens], text: str):
        self._segment, self._text, self._tokens = segment, text, None

    def _get(self) -> Tokens:
        if self._tokens is None:
            self._tokens = self._segment(self._text)
        return self._tokens

    def __iter__(self):
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())

    def __getitem__(self, i):
        return self._get()[i]


def lazy_segmenter(segmenter: str) -> Callable[[str], LazyTokens]:
    """A segment function for candidates/prose.py that defers the work until the tokens are read, and resolves the
    spaCy pipeline once (per document) instead of once per sentence."""
    cut = []  # loaded on the first span that needs tokens: a document may need none

    def segment(text: str) -> Tokens:
        if not cut:
            cut.append(_token_spans(get_nlp(segmenter)))
        return cut[0](text)

    return lambda text: LazyTokens(segment, text)


def _token_spans(nlp) -> Callable[[str], Tokens]:
    """Non-space token spans as ``nlp.make_doc`` would give them. With pkuseg, the words are aligned to the
    text here the way spaCy aligns them, without building a ``Doc`` (a third of the segmentation time)."""
    def via_doc(text: str) -> Tokens:
        return [(tok.idx, tok.idx + len(tok.text)) for tok in nlp.make_doc(text) if not tok.is_space]

    tokenizer = nlp.tokenizer
    pkuseg = getattr(tokenizer, "pkuseg_seg", None)
    if getattr(tokenizer, "segmenter", None) != "pkuseg" or pkuseg is None:
        return via_doc

    def via_words(text: str) -> Tokens:
        words = pkuseg.cut(text)
        if "".join("".join(words).split()) != "".join(text.split()):
            return via_doc(text)  # spaCy's own error path
        out, pos = [], 0
        for word in words:
            if word.isspace():
                continue
            start = text.index(word, pos)
            pos = start + len(word)
            out.append((start, pos))
            if pos < len(text) and text[pos] == " ":
                pos += 1
        return out

    return via_words
