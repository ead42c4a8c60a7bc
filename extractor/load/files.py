"""Reading a file's bytes: only regular files, never more than the size limit.

Named pipes, devices and sockets are refused without being opened for reading (opening a pipe blocks until a
writer comes; a device may never end), and every problem is an InputError naming the file.
"""
from __future__ import annotations

import os
import stat
import sys

from ..errors import InputError

__all__ = ["read_bytes", "size_text", "special_kind"]


def special_kind(mode: int) -> str:
    """What a file that is not a regular file or a folder is ("named pipe", "socket", ...), "" otherwise."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return ""
    for test, kind in ((stat.S_ISFIFO, "named pipe"), (stat.S_ISCHR, "character device"),
                       (stat.S_ISBLK, "block device"), (stat.S_ISSOCK, "socket")):
        if test(mode):
            return kind
    return "special file"


def size_text(n: int) -> str:
    """A byte count for messages: "120 bytes", "2.6 MB"."""
    mb = n / 1_000_000
    if mb < 0.1:
        return f"{n} bytes"
    return f"{mb:.1f}".removesuffix(".0") + " MB"  # 20.3 MB > 20 MB limit, not 20 MB > 20 MB


def read_bytes(path: str, open_path: str, max_bytes: int) -> bytes:
    """The bytes of ``open_path`` ("-": stdin); InputError naming ``path`` (the path as shown) for every problem:
    a special file, a folder, no permission, over ``max_bytes``."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        size = len(data)
    else:
        try:
            size, data = _read_regular(open_path, max_bytes)
        except _SpecialFile as err:
            raise InputError(path, f"special file ({err}): not read") from None
        except IsADirectoryError:
            raise InputError(path, "is a folder, not a file") from None
        except PermissionError:
            raise InputError(path, "permission denied") from None
        except FileNotFoundError:
            raise InputError(path, "path not found") from None
        except OSError as err:
            raise InputError(path, f"cannot read file ({err.strerror or err})") from None
    if size > max_bytes:
        raise InputError(path, f"file too large ({size_text(size)} > {size_text(max_bytes)} limit)")
    return data


class _SpecialFile(Exception):
    """The path is a named pipe, device or socket (the message is its kind)."""


def _read_regular(path: str, max_bytes: int) -> tuple[int, bytes]:
    """(size, bytes) of a regular file (no bytes when it is over ``max_bytes``); special files are refused.

    Opening a named pipe for reading blocks until a writer comes, so the type is checked before opening, and the
    open is non-blocking so that a file swapped for a pipe in between cannot block either (fstat refuses it).
    """
    mode = os.stat(path).st_mode
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(path)
    if special_kind(mode):
        raise _SpecialFile(special_kind(mode))
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if special_kind(st.st_mode):
            raise _SpecialFile(special_kind(st.st_mode))
        if st.st_size > max_bytes:
            return st.st_size, b""
        data = fh.read(max_bytes + 1)
    return len(data), data
