"""File names as valid UTF-8 text, with the exact bytes kept beside them.

POSIX file names are bytes. Python hands a name that is not UTF-8 over as a string holding lone surrogates
(``surrogateescape``: byte 0xFF becomes U+DCFF), which no UTF-8 writer accepts: a single such name used to
crash a whole ``--out`` run. Every name the loader reports is therefore *shown* with each undecodable byte
written as ``\\xNN`` (``b"\\xff.txt"`` -> ``"\\\\xff.txt"``), and the name as opened is kept apart; when the two
differ, ``path_hex`` gives the raw bytes in hex, so the file can always be found again:
``bytes.fromhex(path_hex)``.
"""
from __future__ import annotations

import os

__all__ = ["shown_name", "name_hex"]


def _is_clean(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _raw(name: str) -> bytes:
    try:
        return os.fsencode(name)
    except UnicodeEncodeError:  # a surrogate the file system encoding cannot have made (a name built in Python)
        return name.encode("utf-8", errors="surrogatepass")


def shown_name(name: str) -> str:
    """``name`` (a path as the OS gave it) as valid UTF-8 text: undecodable bytes become ``\\xNN``."""
    if name.isascii() or _is_clean(name):
        return name
    return _raw(name).decode("utf-8", errors="backslashreplace")


def name_hex(name: str) -> str:
    """The bytes of ``name`` in hex when it is not valid UTF-8 (so ``shown_name`` escaped it), else ""."""
    if name.isascii() or _is_clean(name):
        return ""
    return _raw(name).hex()
