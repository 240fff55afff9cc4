"""Read: bytes → decoded source text, with the encoding detected from the bytes.

Order of trust: a BOM (UTF-8, UTF-16 LE/BE), then strict UTF-8, then UTF-16
without BOM when the NUL pattern says so, then GB18030 (a superset of GBK and
GB2312). Text that is mostly UTF-8 with a few broken bytes is decoded with
replacement and a warning; binary data is refused.
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import W, BinaryInput, InputNotFound, InputTooLarge, NotAFile, UndecodableInput

#: Default refusal limit (bytes); the CLI exposes it as --max-bytes.
DEFAULT_MAX_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SourceText:
    """The decoded source: every span of the output points into ``text``."""

    path: str
    text: str
    encoding: str
    sha256: str
    warnings: tuple[tuple[W, dict], ...] = field(default=())


def read_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read and decode one file; raise a :class:`GovdocError` subclass on bad input."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputNotFound(name, "no such file")
    if p.is_dir():
        raise NotAFile(name, "is a directory")
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputTooLarge(name, f"file is {size} bytes, above the limit of {max_bytes}")
        data = p.read_bytes()
    except PermissionError:
        raise NotAFile(name, "permission denied", "check the file's permissions") from None
    except IsADirectoryError:
        raise NotAFile(name, "is a directory") from None
    except OSError as e:
        raise NotAFile(name, f"cannot be read ({e.strerror or e})", "check the file") from None
    return decode_bytes(data, name)


def decode_bytes(data: bytes, path: str = "-") -> SourceText:
    """Decode bytes, detecting the encoding.

    >>> decode_bytes("公报".encode("gb18030")).encoding
    'gb18030'
    >>> decode_bytes(codecs.BOM_UTF8 + "公报".encode()).text
    '公报'
    >>> decode_bytes("公报".encode("utf-16")).encoding
    'utf-16'
    """
    sha = hashlib.sha256(data).hexdigest()
    warnings: list[tuple[W, dict]] = []
    text, enc = _decode(data, path, warnings)
    if "\x00" in text:
        text = text.replace("\x00", " ")  # keep offsets stable: one char for one char
        warnings.append((W.W103, {}))
    return SourceText(path=path, text=text, encoding=enc, sha256=sha, warnings=tuple(warnings))


def _decode(data: bytes, path: str, warnings: list) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return _utf8_lenient(data[3:], path, warnings), "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise UndecodableInput(path, "starts with a UTF-16 byte-order mark but is not valid UTF-16") from None
    if not data:
        return "", "utf-8"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    bom_less16 = _utf16_without_bom(data)
    if bom_less16:
        return data.decode(bom_less16), bom_less16
    if _looks_binary(data):
        raise BinaryInput(path, "looks like binary data, not text")
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    return _utf8_lenient(data, path, warnings), "utf-8"


def _utf8_lenient(data: bytes, path: str, warnings: list) -> str:
    """UTF-8 with replacement when only a few bytes are broken; refuse otherwise."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as first:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        if bad > max(8, len(data) // 100):
            raise UndecodableInput(path, f"not UTF-8, GB18030 or UTF-16 ({bad} undecodable bytes)") from None
        warnings.append((W.W102, {"count": bad, "offset": first.start}))
        return text


def _utf16_without_bom(data: bytes) -> str | None:
    """Guess UTF-16 without BOM from where the NUL bytes fall (ASCII-heavy text)."""
    if len(data) < 4 or len(data) % 2:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    half = len(data) // 2
    for enc, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
        if zeros > 0.3 * half:
            try:
                data.decode(enc)
                return enc
            except UnicodeDecodeError:
                return None
    return None


def _looks_binary(data: bytes) -> bool:
    """Binary if the head holds NULs or many control bytes (text never does)."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    ctrl = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return ctrl > len(head) // 20
