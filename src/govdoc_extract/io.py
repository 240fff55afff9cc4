"""File output helpers: atomic writes (temp file in the same folder + rename).

A reader, a crash, a Ctrl-C or a rerun with ``--skip-existing`` sees either the
old file or the whole new one, never a part: the text goes to a hidden temp
file next to the target (same file system, so the rename is atomic), is
flushed to disk, and only then renamed over the target. On any error or
interruption the temp file is removed.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

#: Prefix/suffix of temp files, so that leftovers of a killed process are recognisable.
TMP_PREFIX, TMP_SUFFIX = ".", ".govdoc-tmp"

_UMASK: int | None = None


def _file_mode() -> int:
    """0o666 minus the process umask: what ``open()`` would give (mkstemp gives 0o600)."""
    global _UMASK
    if _UMASK is None:
        _UMASK = os.umask(0o022)
        os.umask(_UMASK)
    return 0o666 & ~_UMASK


def write_atomic(path: str | Path, text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` so that readers see the old file or the whole new one, never a part.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> write_atomic(d / "sub" / "a.json", "{}\\n"); sorted(p.name for p in (d / "sub").iterdir())
    ['a.json']
    """
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f"{TMP_PREFIX}{p.name}.", suffix=TMP_SUFFIX, dir=p.parent)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.chmod(tmp, _file_mode())
        except OSError:
            pass
        os.replace(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
