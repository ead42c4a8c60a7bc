"""Every shipped rule id is covered by at least one test case (issue 3, "Bad input and edge cases").

A rule id counts as covered when one of these holds:

1. **A case file names it.** A case in ``tests/cases/*.jsonl`` lists the id under one of the keys in ``CASE_KEYS``:
   ``"rule"`` (one id: the rule that must fire on the case), ``"fires"`` (an id, or a list of ids, that must be
   among the rules firing), ``"rules"`` or ``"covers"`` (lists of ids the case exercises). Keys that name a rule
   which must *not* fire (``"not_fires"``) do not count: a negative case alone does not show the rule works.
2. **The rule carries its own examples and a test runs them.** The rule's data has a non-empty ``"examples"`` list
   and its file is in ``EXAMPLES_TESTED``, which names the test module that runs every rule of that file on its
   examples (cue rules in candidates/test_cues.py, noise rules in clean/test_noise.py, statement rules in
   fields/test_document.py).
3. **A test module names it.** The id appears as a quoted string literal in a ``tests/**/test_*.py`` module other than
   this one, e.g. in a ``pytest.mark.parametrize`` table of ``(sentence, rule id)`` rows.

To cover a new rule, add a case with a real sentence (positive, and a negative one where the rule could misfire) to
the case file of its field, or a row naming it to the field's parametrized table.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from extractor.ruleset import load_ruleset

TESTS = Path(__file__).parent
CASE_KEYS = ("rule", "fires", "rules", "covers")
EXAMPLES_TESTED = {"cues.patterns.jsonl": "candidates/test_cues.py", "noise.regex.jsonl": "clean/test_noise.py",
                   "statement.regex.jsonl": "fields/test_document.py"}


def _ids_of(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def ids_in_case_files() -> set[str]:
    """Rule ids named by the cases of tests/cases/*.jsonl (convention 1)."""
    ids: set[str] = set()
    for path in sorted((TESTS / "cases").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                case = json.loads(line)
                for key in CASE_KEYS:
                    ids.update(_ids_of(case.get(key)))
    return ids


def ids_with_tested_examples() -> set[str]:
    """Rule ids whose inline examples a test runs (convention 2)."""
    rs = load_ruleset()
    rules = [rs.by_id(rid) for rid in rs.all_ids()]
    return {r.id for r in rules if r.get("examples") and Path(r.file).name in EXAMPLES_TESTED}


def ids_named_in_tests(rule_ids: list[str]) -> set[str]:
    """Rule ids written as string literals in test modules (convention 3)."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in sorted(TESTS.rglob("test_*.py"))
                       if p.name != Path(__file__).name)
    literals = set(re.findall(r"""["']([a-z][a-z0-9_]*\.[a-z0-9][a-z0-9_.-]*)["']""", source))
    return literals & set(rule_ids)


def test_every_rule_id_is_covered_by_a_test_case():
    rule_ids = load_ruleset().all_ids()
    covered = ids_in_case_files() | ids_with_tested_examples() | ids_named_in_tests(rule_ids)
    uncovered = [rid for rid in rule_ids if rid not in covered]
    assert uncovered == [], f"{len(uncovered)} rule ids have no test case (see this module's docstring): {uncovered}"


def ids_emitted_by_code() -> set[str]:
    """Fallback ids the code writes itself (``status.default``, ``category.default``...), not rules of rules/."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in sorted((TESTS.parent / "extractor").rglob("*.py")))
    return set(re.findall(r"""["']([a-z][a-z0-9_]*\.[a-z0-9][a-z0-9_.-]*)["']""", source))


def test_case_files_name_only_existing_rules():
    # A renamed or deleted rule must take its cases along, or they silently stop covering anything.
    known = set(load_ruleset().all_ids()) | ids_emitted_by_code()
    assert sorted(ids_in_case_files() - known) == []


@pytest.mark.parametrize("rules_file, module", sorted(EXAMPLES_TESTED.items()))
def test_examples_convention_points_at_a_test_that_reads_examples(rules_file, module):
    source = (TESTS / module).read_text(encoding="utf-8")
    stem = rules_file.split(".")[0]
    assert f'"{stem}"' in source and 'get("examples"' in source, f"{module} no longer runs the examples of {rules_file}"
