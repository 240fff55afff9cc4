"""Patterns compiled on first use, so that start-up pays only for what a file needs.

The ``regex`` module compiles in Python: the ~330 rule patterns of govdoc took
about 0.3 s at import, more than the rest of a one-page run. A one-page notice
uses about a third of them. :func:`compile` returns a :class:`LazyPattern` that
compiles at its first use and then binds the compiled pattern's methods onto
itself, so later calls cost the same as on a plain compiled pattern (no extra
Python frame).

>>> p = compile(r"第[一二三]条")
>>> p.pattern
'第[一二三]条'
>>> p.search("依照第二条规定").group()
'第二条'
>>> [m.group() for m in p.finditer("第一条、第三条")]
['第一条', '第三条']
"""

from __future__ import annotations

import re
from functools import lru_cache

import regex

__all__ = ["compile", "compile_std", "LazyPattern", "drop_spaces", "group_numbers", "bmp_twin", "beyond_bmp"]

# The compiled pattern's attributes copied onto the lazy one at first use.
_BOUND = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "splititer",
          "scanner", "flags", "groups", "groupindex", "named_lists")


class LazyPattern:
    """A pattern that compiles when first used (see the module docstring): a ``regex`` one, or
    one of the standard ``re`` engine (:func:`compile_std`)."""

    def __init__(self, pattern: str, flags: int = 0, kwargs: dict | None = None, engine: str = "regex") -> None:
        self.pattern = pattern
        self._flags = flags
        self._kwargs = kwargs or {}
        self._engine = engine

    def compiled(self) -> regex.Pattern:
        """The compiled pattern (compiling it now if needed)."""
        p = self.__dict__.get("_compiled")
        if p is None:
            p = _ENGINES[self._engine].compile(self.pattern, self._flags, **self._kwargs)
            self._compiled = p
            for name in _BOUND:
                if hasattr(p, name):  # (re patterns have no named_lists, no splititer)
                    setattr(self, name, getattr(p, name))
        return p

    def __getattr__(self, name: str):
        # Only reached before the first use: afterwards the names are instance attributes.
        if name.startswith("__") or name in ("_compiled", "_flags", "_kwargs", "_engine"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})" if self._engine == "regex" else f"LazyPattern({self.pattern!r}, re)"

    def __reduce__(self):
        # Pickles (for worker processes) as the recipe, not the compiled program.
        return (LazyPattern, (self.pattern, self._flags, self._kwargs, self._engine))


_ENGINES = {"regex": regex, "re": re}


def compile(pattern: str, flags: int = 0, **kwargs) -> LazyPattern:  # noqa: A001 — mirrors regex.compile
    """Like ``regex.compile``, compiled at first use."""
    return LazyPattern(pattern, flags, kwargs)


def compile_std(pattern: str, flags: int = 0) -> LazyPattern:
    """Like ``re.compile``, compiled at first use: for a hot pattern of literals and explicit
    character classes, which the standard engine matches as ``regex`` does at about a third
    of the cost per call (README: "two engines, one meaning").

    >>> compile_std("[。！？]").search("建成。").start()
    2
    """
    return LazyPattern(pattern, flags, None, "re")


SPACES = compile(r"\s+")


def drop_spaces(s: str) -> str:
    """``s`` without its whitespace (what ``\\s`` matches), as PDF text often spaces words out.

    >>> drop_spaces("荆州市 人民\\u3000政府\\n办公室"), drop_spaces("荆州市人民政府")
    ('荆州市人民政府办公室', '荆州市人民政府')
    """
    # the only printable character \s matches is the space: most strings need no regex call
    if " " in s or not s.isprintable():
        return SPACES.sub("", s)
    return s


@lru_cache(maxsize=None)
def group_numbers(pattern: LazyPattern, names: tuple[str, ...]) -> tuple[int, ...]:
    """The numbers of ``pattern``'s named groups ``names``: ``m.group(*numbers)`` in a hot
    loop spares the ``regex`` module a name look-up (about 1 µs) per group.

    >>> group_numbers(compile(r"(?P<y>\\d{4})年(?P<m>\\d{1,2})月"), ("m", "y"))
    (2, 1)
    """
    index = pattern.groupindex
    return tuple(index[n] for n in names)


# What the regex module's \s matches (White_Space); stdlib re's \s also takes \x1c-\x1f.
# Within the BMP, \d is the same set in both (tests/text/test_rx.py checks both claims).
WHITE_SPACE_CHARS = "\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"  # (a class body)
WHITE_SPACE = f"[{WHITE_SPACE_CHARS}]"


def beyond_bmp(text: str) -> bool:
    """Does ``text`` hold a character beyond the BMP (where a stdlib twin may not be used)?

    >>> beyond_bmp("建成5个"), beyond_bmp("建成\U0001d7d3个")
    (False, True)
    """
    # (each such character is two UTF-16 units: one C-level pass, no Python step per character)
    return len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)


def twin_source(pattern: str) -> str:
    """``pattern`` for stdlib ``re``, matching as the ``regex`` module does on BMP text: ``\\s``
    (outside a class) spelled out; any other letter escape (``\\p``, ``\\w``, ``\\b`` …, whose
    Unicode data differ between the modules) is refused.

    >>> twin_source(r"附\\s*件[\\d.]") == "附" + WHITE_SPACE + r"*件[\\d.]"
    True
    """
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            e = pattern[i:i + 2]
            if e == "\\s" and not in_class:
                e = WHITE_SPACE
            elif e[1:].isalnum() and e != "\\d":
                raise ValueError(f"no stdlib twin for {e!r} in {pattern!r}")
            out.append(e)
            i += 2
            continue
        if c == "[":
            in_class = True
        elif c == "]":
            in_class = False
        out.append(c)
        i += 1
    return "".join(out)


@lru_cache(maxsize=16)
def bmp_twin(pattern: LazyPattern) -> re.Pattern:
    """A stdlib ``re`` pattern that matches as ``pattern`` does on text without characters
    beyond the BMP (see :func:`twin_source`): a call costs about a third of a ``regex`` call,
    which counts for short anchored patterns tried on many lines.

    >>> bmp_twin(compile(r"\\d{1,3}、")).match("12、总则").group()
    '12、'
    """
    if pattern._flags & ~regex.X or pattern._kwargs:
        raise ValueError(f"no stdlib twin for the flags of {pattern!r}")
    return re.compile(twin_source(pattern.pattern), re.X if pattern._flags else 0)
