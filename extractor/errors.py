"""Errors raised by the library; the CLI turns them into one line on stderr and an exit code."""
from __future__ import annotations


class ExtractorError(Exception):
    """Base class of every error this package raises on purpose."""


class InputError(ExtractorError):
    """A document could not be read: names the file and the problem.

    ``str(err)`` is the one-line message the CLI prints, e.g.
    ``corpus/a.md: malformed front matter: no closing '---' line``.
    """

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class OutputError(ExtractorError):
    """An output file or folder cannot be written: ``out/measures.csv.part: cannot write (no space left on
    device)``. The CLI exits with code 3 (its own, apart from failed documents)."""

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class RuleError(ExtractorError):
    """A rule file is invalid: ``rules/file:line: [rule id] what is wrong``."""

    def __init__(self, file: str, line: int, rule_id: str | None, problem: str):
        self.file = file
        self.line = line
        self.rule_id = rule_id
        self.problem = problem
        where = f"{file}:{line}: " if line else f"{file}: "
        tag = f"[{rule_id}] " if rule_id else ""
        super().__init__(f"{where}{tag}{problem}")


class ModelError(ExtractorError):
    """A trained model folder cannot be used: ``MODEL_DIR: what is wrong`` (missing, another version, damaged)."""

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class GoldError(ExtractorError):
    """Gold annotations that cannot be trained on: one ``file: problem`` line per problem found."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))
