"""A trained model: the decisions of one training run, kept together in one JSON file with a model card beside it.

``MODEL_DIR/model.json`` holds a header (format, version, the feature schema it was trained on, the training
sets) and one :class:`~extractor.decide.linear.LinearModel` per decision. It is plain data: loading it runs no
code (no pickle). A folder that is missing, from another format version or feature schema, or damaged raises
:class:`~extractor.errors.ModelError` naming the folder; there is no silent fallback to another model.

The model shipped with the package lives in ``extractor/decide/data/`` (``make train`` rebuilds it).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import ModelError
from .features import FEATURE_SCHEMA
from .linear import LinearModel

FORMAT = "extractor-model"
VERSION = 1
MODEL_FILE = "model.json"
CARD_FILE = "MODEL_CARD.md"
SHIPPED = Path(__file__).parent / "data"

# The decisions a model holds, and what each one decides.
DECISIONS = {
    "statement": "is the document an organization's response to an incident",
    "apology": "does the responding organization apologise",
    "unit": "is a clause part of a measure (M), of a finding (F) or neither (O); findings are runs of F clauses",
    "span": "is a run of clauses within a sentence one measure of the responding organization, whole",
    "item": "is a whole list item a measure, a finding or neither",
    "category": "the category of a measure",
    "hotline": "is a phone-like number offered to the public by the responder",
    "company": "is an organization-name candidate the responding organization",
    "party": "is a party candidate a person, post or unit of the response (disciplined, responsible, acting)",
}


@dataclass(frozen=True)
class Model:
    """The trained decisions, their thresholds and where they came from."""

    decisions: dict[str, LinearModel]
    thresholds: dict[str, float] = field(default_factory=dict)
    meta: dict = field(default_factory=dict)
    path: str = ""

    def __getitem__(self, name: str) -> LinearModel:
        return self.decisions[name]

    def threshold(self, name: str, default: float = 0.5) -> float:
        return float(self.thresholds.get(name, default))

    def to_json(self) -> dict:
        return {
            "format": FORMAT,
            "version": VERSION,
            "feature_schema": FEATURE_SCHEMA,
            "meta": self.meta,
            "thresholds": {k: round(v, 6) for k, v in sorted(self.thresholds.items())},
            "decisions": {k: self.decisions[k].to_json() for k in sorted(self.decisions)},
        }


def dumps(model: Model) -> str:
    """The text of model.json: sorted keys, rounded floats, one line per feature (readable diffs between models)."""
    obj = model.to_json()

    def one(v) -> str:
        return json.dumps(v, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))

    lines = ["{"]
    for key in ("format", "version", "feature_schema", "meta", "thresholds"):
        lines.append(f" {one(key)}: {one(obj[key])},")
    lines.append(' "decisions": {')
    names = sorted(obj["decisions"])
    for k, name in enumerate(names):
        d = obj["decisions"][name]
        lines.append(f"  {one(name)}: {{")
        lines.append(f"   \"name\": {one(d['name'])}, \"classes\": {one(d['classes'])}, \"bias\": {one(d['bias'])},")
        lines.append('   "weights": {')
        rows = [f"    {one(f)}: {one(w)}" for f, w in d["weights"].items()]
        lines.append(",\n".join(rows))
        lines.append("   }")
        lines.append("  }" + ("," if k < len(names) - 1 else ""))
    lines.append(" }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def save_model(model: Model, folder: str | Path, card: str) -> list[Path]:
    """Write model.json and the model card into ``folder`` (created if needed); returns the files written."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / MODEL_FILE, out / CARD_FILE]
    paths[0].write_text(dumps(model), encoding="utf-8")
    paths[1].write_text(card, encoding="utf-8")
    return paths


def load_model(folder: str | Path | None = None) -> Model:
    """The model in ``folder`` (the shipped one when None); ModelError when it cannot be used."""
    where = Path(folder) if folder is not None else SHIPPED
    return _load(str(where.resolve()) if where.exists() else str(where))


@lru_cache(maxsize=4)
def _load(where: str) -> Model:
    folder = Path(where)
    if not folder.is_dir():
        raise ModelError(where, "no such model folder (train one with `extract train GOLD_DIR... --out DIR`)")
    path = folder / MODEL_FILE
    if not path.is_file():
        raise ModelError(where, f"no {MODEL_FILE} in this folder; is it a model folder?")
    try:
        obj = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(where, f"{MODEL_FILE} is damaged: {exc}") from None
    if not isinstance(obj, dict) or obj.get("format") != FORMAT:
        raise ModelError(where, f"{MODEL_FILE} is not an extractor model")
    if obj.get("version") != VERSION:
        raise ModelError(where, f"model format version {obj.get('version')} but this extractor reads version "
                                f"{VERSION}; retrain it with `extract train`")
    if obj.get("feature_schema") != FEATURE_SCHEMA:
        raise ModelError(where, f"model trained on feature schema {obj.get('feature_schema')} but this extractor "
                                f"computes schema {FEATURE_SCHEMA}; retrain it with `extract train`")
    decisions_obj = obj.get("decisions")
    if not isinstance(decisions_obj, dict):
        raise ModelError(where, f"{MODEL_FILE} has no decisions")
    missing = [d for d in DECISIONS if d not in decisions_obj]
    if missing:
        raise ModelError(where, f"{MODEL_FILE} lacks the decisions {', '.join(missing)}")
    try:
        decisions = {k: LinearModel.from_json(v) for k, v in decisions_obj.items()}
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(where, f"{MODEL_FILE} is damaged: {exc}") from None
    thresholds = obj.get("thresholds") or {}
    if not isinstance(thresholds, dict) or not all(isinstance(v, (int, float)) for v in thresholds.values()):
        raise ModelError(where, f"{MODEL_FILE} has malformed thresholds")
    return Model(decisions, {k: float(v) for k, v in thresholds.items()}, obj.get("meta") or {}, where)
