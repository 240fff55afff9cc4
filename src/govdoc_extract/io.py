"""File output helpers: atomic writes (temp file in the same folder + rename).

A reader, a crash, a Ctrl-C or a rerun with ``--skip-existing`` sees either the
old file or the whole new one, never a part: the text goes to a hidden temp
file next to the target (same file system, so the rename is atomic), is
flushed to disk, and only then renamed over the target. On any error or
interruption the temp file is removed.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

#: Prefix/suffix of temp files, so that leftovers of a killed process are recognisable.
TMP_PREFIX, TMP_SUFFIX = ".", ".govdoc-tmp"
#: Longest file name, in bytes, on the usual Linux file systems (ext4, XFS, btrfs).
NAME_MAX = 255

_UMASK: int | None = None


def _file_mode() -> int:
    """0o666 minus the process umask: what ``open()`` would give (mkstemp gives 0o600)."""
    global _UMASK
    if _UMASK is None:
        _UMASK = os.umask(0o022)
        os.umask(_UMASK)
    return 0o666 & ~_UMASK


class AtomicFile:
    """A file that takes the place of ``path`` only at :meth:`commit`, whole.

    Text is streamed to a hidden temp file next to ``path``; :meth:`abort` (or
    leaving the ``with`` block by an exception) removes it and leaves the old file.
    Used for ``-o``, so a batch written to one file is never held in memory.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with AtomicFile(d / "out.jsonl") as f:
    ...     _ = f.write("{}\\n")
    ...     f.commit()
    >>> (d / "out.jsonl").read_text()
    '{}\\n'
    """

    def __init__(self, path: str | Path, *, encoding: str = "utf-8", binary: bool = False) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(prefix=_temp_prefix(self.path.name), suffix=TMP_SUFFIX,
                                        dir=self.path.parent)
        try:
            self.fh = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding=encoding, newline="")
        except BaseException:
            os.close(fd)
            self._unlink()
            raise
        self.done = False

    def write(self, data):
        return self.fh.write(data)

    def commit(self) -> None:
        """Flush to disk and rename over ``path``; on failure the temp file is removed."""
        try:
            self.fh.flush()
            os.fsync(self.fh.fileno())
            self.fh.close()
            try:
                os.chmod(self.tmp, _file_mode())
            except OSError:
                pass
            os.replace(self.tmp, self.path)
            self.done = True
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        """Drop what was written; ``path`` keeps its old content (or stays absent)."""
        if self.done:
            return
        self.done = True
        try:
            self.fh.close()
        except OSError:
            pass
        self._unlink()

    def _unlink(self) -> None:
        try:
            os.unlink(self.tmp)
        except OSError:
            pass

    def __enter__(self) -> "AtomicFile":
        return self

    def __exit__(self, *exc) -> None:
        self.abort()  # a no-op after commit()


def _temp_prefix(name: str) -> str:
    """``.<name>.``, the name cut short enough for the temp file's whole name to fit in NAME_MAX bytes.

    mkstemp adds 8 characters and the suffix: without the cut, an output whose own name
    fits (a document title as file name: 80 Chinese characters are 240 bytes) could not
    be written, its temp file's name being too long.
    """
    room = NAME_MAX - len(TMP_PREFIX) - 1 - 8 - len(TMP_SUFFIX)
    while len(os.fsencode(name)) > room:  # by characters, so that none is cut in half
        name = name[:-1]
    return f"{TMP_PREFIX}{name}."


class InPlaceFile:
    """``path`` opened and written as it is, with :class:`AtomicFile`'s interface: for what is no file to replace.

    ``commit`` only flushes and closes; ``abort`` closes (what was written has gone through).
    """

    def __init__(self, path: str | Path, *, binary: bool = False) -> None:
        self.path = Path(path)
        self.fh = open(path, "wb") if binary else open(path, "w", encoding="utf-8", newline="")
        self.done = False

    def write(self, data):
        return self.fh.write(data)

    def commit(self) -> None:
        self.done = True
        self.fh.close()

    def abort(self) -> None:
        if not self.done:
            self.done = True
            try:
                self.fh.close()
            except OSError:
                pass


def output_file(path: str | Path, *, binary: bool = False) -> AtomicFile | InPlaceFile:
    """The file that ``-o path`` writes: an :class:`AtomicFile`, except where a rename would do harm.

    * ``path`` is not a regular file (``/dev/null``, ``/dev/stdout`` on a pipe or a terminal,
      a named pipe): it is written in place. There is nothing to replace, and a rename would
      put a regular file where the device or pipe was (root may rename over ``/dev/null``).
    * ``path`` is a symbolic link to a file (``/dev/stdout`` redirected to a file, a
      ``latest.json`` link): the file it points to is replaced, as ``open()`` would write
      it; the link stays.
    """
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):  # absent (the usual case), or unreachable: AtomicFile reports it
        return AtomicFile(path, binary=binary)
    if not stat.S_ISREG(mode):
        return InPlaceFile(path, binary=binary)
    return AtomicFile(os.path.realpath(path), binary=binary)


def write_atomic(path: str | Path, text: str | bytes, *, encoding: str = "utf-8") -> None:
    """Write ``text`` (or ready-encoded bytes) so that readers see the old file or the whole new one, never a part.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> write_atomic(d / "sub" / "a.json", "{}\\n"); sorted(p.name for p in (d / "sub").iterdir())
    ['a.json']
    """
    with AtomicFile(path, encoding=encoding, binary=isinstance(text, bytes)) as f:
        f.write(text)
        f.commit()
