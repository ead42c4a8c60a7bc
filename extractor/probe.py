"""Whether a pattern can match at all, asked of a cheaper pattern first.

Most rules match nothing on most pages, and ``re`` scans a page fastest when a pattern starts with characters it
can look for (a literal, a character class, alternatives of those): it then jumps from candidate to candidate.
A pattern that starts with a zero-width test (``^``, a lookbehind such as ``(?<=[\\u4e00-\\u9fff])``) or with an
optional part (``(?:诚挚|郑重)?(?:致歉|道歉)``) is tried at every position instead, and many rules start so.

The *probe* of a pattern is, where it can be read, the literal text one piece of which every match holds
(``致歉|道歉`` for ``(?:诚挚|郑重)?(?:致歉|道歉)``, ``党委|市委|县委`` for ``[\u4e00-\u9fff]{2,8}?(?:党委|[市县]委)``):
alternatives of plain words, which ``re`` jumps between. Otherwise it is the pattern less its leading zero-width
tests and optional parts (inside leading alternatives too), when what is left starts with characters ``re`` can
look for. Every match of the pattern contains a match of its probe, within the same range (a lookbehind left in
the probe sees the same characters before it), so a probe with no match proves the pattern has none. The probe
only answers "surely absent"; a probe that matches says nothing, and the caller runs the pattern itself.
"""
from __future__ import annotations

import re
import re._compiler as _compiler
import re._constants as _c
import re._parser as _parser
from functools import lru_cache

__all__ = ["absent", "any_of", "literal_probe", "literal_strings", "probe_of"]

_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT}
_MAX_STARTS = 64  # literal strings in a probe; more, and the probe costs what the pattern does


def _optional(item) -> bool:
    """A part that can match the empty string without consuming anything the rest depends on."""
    op, av = item
    if op in _ZERO_WIDTH:
        return True
    if op in _REPEATS:
        return av[0] == 0
    if op is _c.BRANCH:  # (?:(?<=，)|^): every alternative is itself optional
        return all(all(_optional(i) for i in branch) for branch in av[1])
    if op is _c.SUBPATTERN:
        return all(_optional(i) for i in av[-1])
    return False


def _strip(items: list) -> tuple[list | None, bool]:
    """``items`` less their leading optional parts (None when nothing that consumes a character is left), and
    whether anything was left out."""
    items, changed = list(items), False
    while items:
        op, av = items[0]
        if _optional(items[0]):
            items.pop(0)
            changed = True
        elif op is _c.SUBPATTERN and not av[1] and not av[2]:  # a group without flags of its own: open it
            items[0:1] = list(av[-1])
        elif op is _c.BRANCH:
            branches = [_strip(b) for b in av[1]]
            if any(b is None for b, _ in branches):
                return None, True
            if any(ch for _, ch in branches):
                items[0] = (op, (av[0], [_parser.SubPattern(av[1][0].state, b) for b, _ in branches]))
                changed = True
            return items, changed
        else:
            return items, changed
    return None, True


def _literal_start(items) -> bool:
    """Whether every match starts with one character of a known set, which ``re`` jumps between. A probe that
    starts with a repeat (``[\\w.+-]+@`` once its lookbehind ``(?<![\\w.+-])`` is left out) could be tried from
    every position of a long run, where the pattern itself was tried once per run."""
    if not items:
        return False
    op, av = items[0]
    if op in (_c.LITERAL, _c.IN):
        return True
    if op is _c.SUBPATTERN and not av[1] and not av[2]:
        return _literal_start(list(av[-1]))
    if op is _c.BRANCH:
        return all(_literal_start(list(b)) for b in av[1])
    return False


def _plain_start(items) -> bool:
    """Whether ``re`` already jumps between candidate places: every alternative starts with a literal character."""
    op, av = items[0]
    if op is _c.LITERAL:
        return True
    if op is _c.SUBPATTERN and not av[1] and not av[2] and av[-1].data:
        return _plain_start(list(av[-1]))
    if op is _c.BRANCH:
        return all(alt and alt[0][0] is _c.LITERAL for alt in av[1])
    return False


def _refers_back(items) -> bool:
    """Whether a parsed pattern holds a back reference (``\\1``, ``(?P=name)``, ``(?(1)…)``)."""
    for op, av in items:
        if op in (_c.GROUPREF, _c.GROUPREF_EXISTS):
            return True
        if op in (_c.ASSERT, _c.ASSERT_NOT):
            subs = [av[1]]
        elif op is _c.BRANCH:
            subs = av[1]
        elif op is _c.SUBPATTERN:
            subs = [av[-1]]
        elif op in _REPEATS or op is _c.POSSESSIVE_REPEAT:
            subs = [av[2]]
        elif op is _c.ATOMIC_GROUP:
            subs = [av]
        else:
            subs = []
        if any(_refers_back(sub) for sub in subs):
            return True
    return False


def _starts(items, acc: str = "") -> set[str] | None:
    """Literal strings one of which every match of ``items`` holds: ``(?:网络安全|刑侦)(?:科|大队)|警方`` -> 网络安全科,
    网络安全大队, 刑侦科, 刑侦大队, 警方; ``[\\u4e00-\\u9fff]{2,8}?(?:党委|[市县]委)`` -> 党委, 市委, 县委 (a part that
    cannot be read as literal text is passed over until some literal text begins). None when there is no such
    short set. ``acc``: the literal text right before ``items`` (then nothing may be passed over)."""
    items = list(items)
    if not acc:
        items, _ = _strip(items)
        if items is None:
            return None
    for k, (op, av) in enumerate(items):
        if op is _c.LITERAL:
            acc += chr(av)
            continue
        if op in _ZERO_WIDTH and acc:  # a test in the middle consumes nothing: the literal text goes on
            continue
        rest = items[k + 1:]
        if op is _c.SUBPATTERN and not av[1] and not av[2]:  # a group without flags of its own: read into it
            return _starts(list(av[-1]) + rest, acc)
        if op is _c.IN and 0 < len(av) <= 8 and all(o is _c.LITERAL for o, _ in av):  # [省市区县]
            alternatives = [[(_c.LITERAL, c)] for _, c in av]
        elif op is _c.BRANCH:
            alternatives = [list(alt) for alt in av[1]]
        elif not acc:
            continue  # no literal text yet: whatever this part matches, a later literal is still in the match
        else:
            break
        found = _alternatives(alternatives, rest, acc) or _alternatives(alternatives, [], acc)
        return found if found is not None else ({acc} if acc else None)
    return {acc} if acc else None


def _alternatives(alternatives: list[list], rest: list, acc: str) -> set[str] | None:
    """The literal strings of each alternative followed by ``rest``; None when one has none or they are too many."""
    out: set[str] = set()
    for alt in alternatives:
        if acc and (not alt or _optional(alt[0])):
            return None
        sub = _starts(alt + rest, acc)
        if sub is None:
            return None
        out |= sub
        if len(out) > _MAX_STARTS:
            return None
    return out


@lru_cache(maxsize=4096)
def probe_of(pattern: re.Pattern) -> re.Pattern | None:
    """The pattern's probe (see the module doc); None when it would be no cheaper (the pattern starts with literal
    characters, or at a line start) or cannot be built safely (back references into a part left out)."""
    if not isinstance(pattern.pattern, str):
        return None
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    if not parsed.data or _refers_back(parsed.data) or parsed.data[0][0] is _c.AT or _plain_start(parsed.data):
        return None  # a pattern that starts at a line start is quick already: ``re`` jumps between lines
    starts = literal_strings(pattern)
    if starts:
        return any_of(starts)
    tail, changed = _strip(parsed.data)
    if tail is None or not changed or not _literal_start(tail):
        return None
    return _compiler.compile(_parser.SubPattern(parsed.state, tail), pattern.flags)


@lru_cache(maxsize=4096)
def literal_strings(pattern: re.Pattern) -> frozenset[str] | None:
    """Literal strings one of which every match of ``pattern`` holds (``{致歉, 道歉}`` for
    ``^(?:诚挚|郑重)?(?:致歉|道歉)``), or None when there is no such short set. Unlike :func:`probe_of` they are
    read for a pattern that starts at a line start or with literal characters too. A pattern that has them
    cannot match the empty string."""
    if not isinstance(pattern.pattern, str) or pattern.flags & re.IGNORECASE:
        return None
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    if not parsed.data or _refers_back(parsed.data):
        return None
    starts = _starts(parsed.data)
    return frozenset(starts) if starts else None


def any_of(strings) -> re.Pattern:
    """A pattern of plain alternatives, the longer string first."""
    return re.compile("|".join(re.escape(s) for s in sorted(strings, key=lambda s: (-len(s), s))))


@lru_cache(maxsize=4096)
def literal_probe(pattern: re.Pattern) -> re.Pattern | None:
    """:func:`literal_strings` as one pattern, or None. It holds no zero-width test: a match of ``pattern`` in any
    piece of a text has one of the strings inside it, at the same place of the whole text."""
    strings = literal_strings(pattern)
    return any_of(strings) if strings else None


def absent(pattern: re.Pattern, text: str, pos: int = 0, endpos: int | None = None) -> bool:
    """True only when ``pattern`` surely has no match in ``text[pos:endpos]`` (its probe has none there)."""
    probe = probe_of(pattern)
    if probe is None:
        return False
    return probe.search(text, pos, len(text) if endpos is None else endpos) is None
