"""Errors and the coded warning catalogue.

Every warning in a ``Result`` comes from :class:`W`; codes are stable so that
scripts can filter them. W1xx read/clean, W2xx segment, W3xx extract, W4xx assemble.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Sequence


class GovdocError(ValueError):
    """A problem with an input that the user can fix; the CLI prints one line, no traceback."""

    hint: str = ""

    def __init__(self, path: str, reason: str, hint: str = "") -> None:
        self.path = path
        self.reason = reason
        self.hint = hint or self.hint
        super().__init__(f"{path}: {reason}" + (f" ({self.hint})" if self.hint else ""))


class InputNotFound(GovdocError):
    hint = "check the path"


class NotAFile(GovdocError):
    hint = "pass a file, or a folder to process every *.txt in it"


class BinaryInput(GovdocError):
    hint = "govdoc reads plain text; extract the text from PDF/Word first"


class UndecodableInput(GovdocError):
    hint = "save the file as UTF-8, GB18030 or UTF-16 with BOM"


class OutputNotWritten(GovdocError):
    hint = "check free space and write permission of the output folder; the input is fine"


class InputTooLarge(GovdocError):
    hint = "raise --max-bytes or split the file"


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def one_line(text: str) -> str:
    r"""``text`` as one line that a terminal shows as it is: for a diagnostic naming a file.

    A file name may hold control characters (a line break, the ESC that starts a terminal
    sequence): written raw, they would break the line in two or drive the terminal. Each
    is written as a Python string writes it (``\n``, ``\x1b``), as ``ls -b`` does; the bytes
    of a name that is not UTF-8 as ``\xNN``, as ``source.path`` has them
    (:func:`~govdoc_extract.text.read.printable_path`).

    >>> print(one_line("in/bad\nname\x1b[31m.txt: looks like binary data"))
    in/bad\nname\x1b[31m.txt: looks like binary data
    >>> print(one_line("in/a\udcb9.txt: looks like binary data"))
    in/a\xb9.txt: looks like binary data
    """
    from .text.read import printable_path  # (here: text.read imports this module)

    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), printable_path(text))


class W(str, Enum):
    """Warning catalogue: code → message template (``str.format`` fields)."""

    W101 = "file is empty or holds only whitespace"
    W102 = "replaced {count} undecodable byte run(s) with U+FFFD, at byte offset(s) {offset}"
    W103 = "replaced NUL byte(s) with spaces (one for one: offsets do not shift)"
    W104 = "the file name is not valid UTF-8: source.path writes its undecodable bytes as \\xNN"
    W110 = "removed {count} running page header line(s): {text!r}"
    W111 = "collapsed doubled text from bold-font extraction"
    W112 = "removed {count} web-page/legal-database boilerplate or repeated line(s)"
    W201 = "no recognisable official document in the text"
    W202 = "document has no 成文日期"
    W203 = "table row has {got} cells where the header has {want}"
    W301 = "relative deadline not resolved: no reference date in the text"
    W302 = "unparsed numeral {text!r}"
    W303 = "pattern timed out on a hostile input; the rest of the block was skipped"
    W304 = ("the {kind} rules failed on this document ({error}); its {kind} records are missing, the rest "
            "is complete. This is a bug in govdoc: please report it (--debug raises it with the traceback)")
    W401 = "record dropped: its span could not be mapped to the source"
    W402 = "{count} record(s) sit in a 'sentence' longer than {limit} characters (no sentence end): their sentence is cut to the clauses around them"

    def message(self, **fields: object) -> str:
        """The message with its fields filled in (``str.format`` of the catalogue text)."""
        return self.value.format(**fields)


def examples(items: Sequence[str], limit: int = 8, sep: str = "、") -> str:
    """``items`` joined for a warning, at most ``limit`` of them: a warning stays one
    readable line even when a huge file repeats thousands of different lines.

    >>> examples(["武汉市人民政府公报"])
    '武汉市人民政府公报'
    >>> examples(["甲", "乙", "丙"], limit=2)
    '甲、乙 … and 1 more'
    """
    shown = sep.join(items[:limit])
    return shown if len(items) <= limit else f"{shown} … and {len(items) - limit} more"
