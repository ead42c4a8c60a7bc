"""Load, validate and overlay the rule files in rules/.

Two shapes of rule file, both JSON Lines with one rule per line and a stable id ``<field>.<slug>``:

* ``<name>.regex.jsonl`` — character-level rules for plain ``re``:
  ``{"id": "hotline.400", "pattern": "400[- ]?\\d{3}[- ]?\\d{4}", "kind": "service", "note": "..."}``.
  Patterns are matched against the *matching view* of a document (Simplified, full-width folded).
* ``<name>.patterns.jsonl`` — token and phrase patterns in spaCy's own shape
  ``{"id", "label", "pattern"}`` so ``nlp.add_pipe("span_ruler").add_patterns(...)`` loads them unchanged.
  A string pattern is a phrase; a list is a token pattern.

This module does not import spaCy: plain ``re`` users and the fast path must not pay for it.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

from .errors import RuleError
from .rule_schema import OPTIONAL_FILES, check_values

__all__ = ["RegexRule", "PatternRule", "RuleSet", "load_ruleset", "shipped_rules_dir", "RuleError"]

ID_RE = re.compile(r"^[a-z][a-z0-9_]*\.[a-z0-9][a-z0-9_.-]*$")
CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|\\u4e00|\\u9f")
FLAG_BITS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}

# Keys a rule may carry besides id/pattern: descriptive ones and the per-field values rules attach to matches.
COMMON_KEYS = {"id", "name", "note", "label", "pattern"}
VALUE_KEYS = {
    "flags", "kind", "scheme", "value", "role", "category", "status", "weight", "level",
    "group", "about", "context", "penalty", "list_kind", "priority", "examples", "counterexamples",
}
REGEX_KEYS = COMMON_KEYS | VALUE_KEYS
PATTERN_KEYS = COMMON_KEYS | VALUE_KEYS - {"flags"}
RULE_SUFFIXES = (".regex.jsonl", ".patterns.jsonl")
# files an overlay folder may hold beside its rule files (notes for people)
_NOT_RULES = re.compile(r"(?:readme|license|licence|changelog|notes?)(?:\.\w+)?$", re.I)


@dataclass(frozen=True)
class RegexRule:
    """One character-level rule: a regex (``pattern``, compiled on first use) plus the values it attaches to its
    matches."""

    id: str
    source: str
    file: str
    line: int
    label: str = ""
    name: str = ""
    note: str = ""
    data: dict = field(default_factory=dict, compare=False, hash=False)
    flags: int = 0

    @cached_property
    def pattern(self) -> re.Pattern:
        """The compiled regex. Compiled when first asked for: compiling all 295 shipped rules costs about 0.1 s,
        and code that meets no statement (the spaCy component on short texts, a library user's cleaning) never
        reads half of them.
        A shipped rule edited into one that does not compile says so, with its file, line and id, where it is
        first used (a user's overlay is compiled on load)."""
        try:
            return re.compile(self.source, self.flags)
        except re.error as exc:
            raise RuleError(self.file, self.line, self.id, f"regex does not compile: {exc}") from None

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


@dataclass(frozen=True)
class PatternRule:
    """One spaCy-shaped rule; ``pattern`` is a phrase string or a list of token dicts."""

    id: str
    label: str
    pattern: Any
    file: str
    line: int
    data: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_phrase(self) -> bool:
        return isinstance(self.pattern, str)

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def as_spacy(self) -> dict:
        """The rule exactly as spaCy's SpanRuler/EntityRuler take it."""
        return {"id": self.id, "label": self.label, "pattern": self.pattern}


@lru_cache(maxsize=1)
def shipped_rules_dir() -> Path:
    """The rules/ directory that ships with the package (top-level rules/ in a checkout). Cached: every
    document's cleaning asks for the rules, and the package lookup costs more than a small page's regexes."""
    return Path(str(resources.files("extractor.rules")))


def _read_jsonl(path: Path, display: str) -> Iterable[tuple[int, dict]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise RuleError(display, 0, None, f"not UTF-8 ({exc.reason})") from None
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise RuleError(display, lineno, None, f"not valid JSON: {exc.msg} at column {exc.colno}") from None
        if not isinstance(obj, dict):
            raise RuleError(display, lineno, None, "each line must be a JSON object")
        yield lineno, obj


def _check_common(obj: dict, allowed: set, display: str, lineno: int) -> str:
    rid = obj.get("id")
    if not isinstance(rid, str) or not rid:
        raise RuleError(display, lineno, None, 'missing "id": every rule needs a stable id like "hotline.400"')
    if not ID_RE.match(rid):
        raise RuleError(display, lineno, rid, 'id must read "<field>.<slug>" in lower case, e.g. "ordinal.yi_shi"')
    unknown = sorted(set(obj) - allowed)
    if unknown:
        raise RuleError(display, lineno, rid, f"unknown key {unknown[0]!r}; allowed: {', '.join(sorted(allowed))}")
    if "pattern" not in obj:
        raise RuleError(display, lineno, rid, 'missing "pattern"')
    return rid


def _regex_flags(obj: dict, rid: str, display: str, lineno: int) -> int:
    """The checked pattern's flags; RuleError for a pattern that is not a non-empty string, a \\b beside Han
    characters or an unknown flag."""
    source = obj["pattern"]
    if not isinstance(source, str) or not source:
        raise RuleError(display, lineno, rid, '"pattern" must be a non-empty string')
    if "\\b" in source and CJK_RE.search(source):
        raise RuleError(display, lineno, rid, r"\b does not separate Han characters from digits; use (?<!\d) / (?!\d)")
    flags = 0
    for ch in obj.get("flags", ""):
        if ch not in FLAG_BITS:
            raise RuleError(display, lineno, rid, f"unknown flag {ch!r}; use any of imsx")
        flags |= FLAG_BITS[ch]
    return flags


def _check_token_pattern(pattern: Any, rid: str, display: str, lineno: int) -> None:
    if isinstance(pattern, str):
        if not pattern:
            raise RuleError(display, lineno, rid, "empty phrase pattern")
        return
    if not isinstance(pattern, list) or not pattern or not all(isinstance(t, dict) and t for t in pattern):
        raise RuleError(display, lineno, rid, '"pattern" must be a phrase string or a non-empty list of token dicts')


def _make_regex_rule(obj: dict, rid: str, display: str, lineno: int, shipped: bool) -> RegexRule:
    flags = _regex_flags(obj, rid, display, lineno)
    data = {k: v for k, v in obj.items() if k not in COMMON_KEYS}
    rule = RegexRule(rid, obj["pattern"], display, lineno, obj.get("label", ""), obj.get("name", ""),
                     obj.get("note", ""), data, flags)
    # A user's rule is compiled now, so that a regex error stops the run before any document with the file, line
    # and id; the shipped rules compile on first use (tests/test_ruleset.py compiles every one of them).
    if not shipped:
        rule.pattern
    return rule


def _make_pattern_rule(obj: dict, rid: str, display: str, lineno: int, shipped: bool) -> PatternRule:
    # ``shipped`` does not matter here: a token pattern is checked whole on load, wherever it comes from
    if not isinstance(obj.get("label"), str) or not obj["label"]:
        raise RuleError(display, lineno, rid, 'missing "label" (spaCy needs one)')
    _check_token_pattern(obj["pattern"], rid, display, lineno)
    data = {k: v for k, v in obj.items() if k not in COMMON_KEYS}
    return PatternRule(rid, obj["label"], obj["pattern"], display, lineno, data)


class RuleSet:
    """All rules of one configuration: the shipped rules, optionally overlaid by a user's directory.

    An overlay file with the same name as a shipped file adds its rules; a rule whose id already exists
    replaces the shipped rule of that id (so users can fix a rule without copying the whole file). Any other
    file name in an overlay (a misspelt one) is a RuleError, as is a value of the wrong type or outside the
    vocabulary the code reads (rule_schema.py).
    """

    def __init__(self, dirs: list[Path]):
        self.dirs = dirs
        self._regex: dict[str, list[RegexRule]] = {}
        self._patterns: dict[str, list[PatternRule]] = {}
        self._load()

    def _files(self, suffix: str) -> dict[str, list[tuple[Path, str]]]:
        found: dict[str, list[tuple[Path, str]]] = {}
        for base in self.dirs:
            for path in sorted(base.glob(f"*{suffix}")):
                display = f"{base.name}/{path.name}"
                found.setdefault(path.name[: -len(suffix)], []).append((path, display))
        return found

    def _check_overlay_names(self) -> None:
        """Every file of an overlay folder must be named as a shipped rule file: a misspelt name would be ignored
        (nothing reads it) while the user believes the rules apply."""
        known = sorted({p.name for p in self.dirs[0].iterdir() if p.name.endswith(RULE_SUFFIXES)}
                       | set(OPTIONAL_FILES))
        for base in self.dirs[1:]:
            for path in sorted(base.iterdir()):
                if path.is_dir() or path.name.startswith(".") or _NOT_RULES.match(path.name):
                    continue
                if path.name not in known:
                    raise RuleError(f"{base.name}/{path.name}", 0, None, "unknown rule file; an overlay file takes "
                                    f"the name of a rule file the extractor reads: {', '.join(known)}")

    def _load(self) -> None:
        self._check_overlay_names()
        seen: dict[str, str] = {}
        for stem, files in self._files(".regex.jsonl").items():
            self._regex[stem] = self._load_files(stem, files, REGEX_KEYS, seen, _make_regex_rule, self.dirs[0])
        for stem, files in self._files(".patterns.jsonl").items():
            self._patterns[stem] = self._load_files(stem, files, PATTERN_KEYS, seen, _make_pattern_rule, self.dirs[0])

    @staticmethod
    def _load_files(stem: str, files: list[tuple[Path, str]], allowed: set, seen: dict[str, str], make,
                    shipped_dir: Path) -> list:
        """Rules of one stem: a later file (the overlay) replaces rules by id; ids are unique across stems."""
        rules: dict = {}
        for path, display in files:
            shipped = path.parent == shipped_dir
            local: set[str] = set()
            for lineno, obj in _read_jsonl(path, display):
                rid = _check_common(obj, allowed, display, lineno)
                problem = check_values(obj, stem)
                if problem:
                    raise RuleError(display, lineno, rid, problem)
                if rid in local or (rid in seen and rid not in rules):
                    raise RuleError(display, lineno, rid, f"duplicate id (first defined in {seen.get(rid, display)})")
                local.add(rid)
                seen.setdefault(rid, display)
                rules[rid] = make(obj, rid, display, lineno, shipped)
        return list(rules.values())

    def regex(self, name: str) -> list[RegexRule]:
        """Rules of ``rules/<name>.regex.jsonl`` (empty list if there is no such file)."""
        return self._regex.get(name, [])

    def patterns(self, name: str) -> list[PatternRule]:
        """Rules of ``rules/<name>.patterns.jsonl`` (empty list if there is no such file)."""
        return self._patterns.get(name, [])

    def all_ids(self) -> list[str]:
        ids = [r.id for rs in self._regex.values() for r in rs]
        ids += [r.id for rs in self._patterns.values() for r in rs]
        return sorted(ids)

    def by_id(self, rid: str) -> RegexRule | PatternRule | None:
        """The rule with this id, from any file."""
        if not hasattr(self, "_by_id"):
            self._by_id = {r.id: r for rs in (*self._regex.values(), *self._patterns.values()) for r in rs}
        return self._by_id.get(rid)


@lru_cache(maxsize=8)
def _cached(dirs: tuple[str, ...]) -> RuleSet:
    return RuleSet([Path(d) for d in dirs])


def load_ruleset(overlay: str | Path | None = None) -> RuleSet:
    """The shipped rules, validated, optionally overlaid by the rules in ``overlay``; cached per process."""
    dirs = [str(shipped_rules_dir())]
    if overlay is not None:
        path = Path(overlay)
        if not path.is_dir():
            raise RuleError(str(path), 0, None, "rules overlay is not a directory")
        dirs.append(str(path.resolve()))
    return _cached(tuple(dirs))
