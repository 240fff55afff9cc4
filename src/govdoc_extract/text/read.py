"""Read: bytes → decoded source text, with the encoding detected from the bytes.

Order of trust:

1. a byte-order mark (UTF-8, UTF-32 LE/BE, UTF-16 LE/BE); a few broken bytes after a
   UTF-8 or UTF-16 one (a file cut short) are replaced as in 5.;
2. strict UTF-8 (after 3. when the head holds NUL bytes);
3. UTF-16 without BOM when the NUL bytes fall on every other byte (checked
   first when there are NULs, since NULs are valid UTF-8);
4. binary data (NULs or many control bytes) is refused (:class:`BinaryInput`),
   unless it reads as Chinese text in UTF-16 without BOM (which has NULs only
   beside ASCII, and whose bytes look binary);
5. UTF-8 with a *few* broken bytes (a damaged download): decoded with U+FFFD
   replacement and warning W102 giving the byte offsets;
6. GB18030 (a superset of GBK and GB2312), strict, then with replacement when
   only a few bytes are broken (W102 again);
7. anything else is refused (:class:`UndecodableInput`).

What "the decoded text" is (every span of the output indexes it): the
characters decoded from the bytes, without the BOM, with line endings kept as
written (``\\r\\n``, ``\\r`` and ``\\n`` all count as line ends downstream), with
each undecodable byte run replaced by U+FFFD, and with each NUL character
replaced by one space (W103) — one character for one character, so nothing
shifts. A text that decodes but is mostly NULs or control characters is binary.
"""

from __future__ import annotations

import codecs
import hashlib
import stat
import threading
from dataclasses import dataclass, field
from pathlib import Path


from . import rx

from ..errors import W, BinaryInput, InputNotFound, InputTooLarge, NotAFile, UndecodableInput

#: Default refusal limit (bytes); the CLI exposes it as --max-bytes. Peak memory is
#: about 23-27 bytes per input byte (measured: 62 MB → 1.47 GB with the JSON written as
#: bytes, 1.7-1.8 GB before; 200 MB → 5.6 GB before), so the default keeps a run at the
#: limit under 7 GB; a 200 MB file passes.
DEFAULT_MAX_BYTES = 256 * 1024 * 1024

#: At most this share of the bytes may be undecodable before a file is refused
#: (a few broken bytes in a long text are damage; more is the wrong encoding).
MAX_BAD_SHARE = 0.01
#: ... but a short file may always have this many.
MIN_BAD_ALLOWED = 8
#: Control characters (other than tab, line ends, form feed, escape) above this
#: share of the text mean binary data, even when the bytes decode.
MAX_CONTROL_SHARE = 0.05

# C0 controls that never occur in text (NUL included; \t \n \v \f \r ESC excluded),
# DEL and the C1 block.
_CONTROL = rx.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class SourceText:
    """The decoded source: every span of the output points into ``text``."""

    path: str
    text: str
    encoding: str
    sha256: str
    #: (code, fields) pairs; a ``span`` field becomes the warning's span.
    warnings: tuple[tuple[W, dict], ...] = field(default=())


def printable_path(path: str) -> str:
    r"""``path`` as text that UTF-8 (hence JSON, YAML and CSV) can hold: what ``source.path`` records.

    A file name that is not UTF-8 (a GBK name from an archive zipped on Chinese
    Windows and unpacked on Linux) reaches Python with its bad bytes as lone
    surrogates, which no UTF-8 output can encode: each such byte is written as
    ``\xNN`` (warning W104). Any other name comes back unchanged;
    :func:`path_from_printable` goes back.

    >>> printable_path("通知.txt")
    '通知.txt'
    >>> print(printable_path("公告".encode("gbk").decode("utf-8", "surrogateescape") + ".txt"))
    \xb9\xab\xb8\xe6.txt
    """
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        pass
    try:
        raw = path.encode("utf-8", "surrogateescape")  # the bytes the file system holds
    except UnicodeEncodeError:  # a surrogate no file name decodes to (from a caller's own string)
        return path.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


# \x80-\xff: the bytes printable_path escapes (an ASCII byte is always valid UTF-8)
_BYTE_ESCAPE = rx.compile_std(r"\\x([89a-f][0-9a-f])")


def path_from_printable(text: str) -> str:
    r"""The file name that :func:`printable_path` wrote as ``text``: its ``\xNN`` bytes put back.

    >>> name = "公告".encode("gbk").decode("utf-8", "surrogateescape") + ".txt"
    >>> path_from_printable(printable_path(name)) == name
    True
    >>> path_from_printable("通知.txt")
    '通知.txt'
    """
    if "\\x" not in text:
        return text
    raw = _BYTE_ESCAPE.sub(lambda m: chr(0xDC00 + int(m.group(1), 16)), text)  # surrogateescape's own form
    return raw.encode("utf-8", "surrogateescape").decode("utf-8", "surrogateescape")


def read_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read and decode one file; raise a :class:`GovdocError` subclass on bad input.

    >>> read_path("/no/such/file.txt")
    Traceback (most recent call last):
    ...
    govdoc_extract.errors.InputNotFound: /no/such/file.txt: no such file (check the path)
    """
    p = Path(path)
    name = str(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputNotFound(name, "no such file") from None
    except PermissionError:
        raise NotAFile(name, "permission denied", "check the permissions of the file and its folder") from None
    except (OSError, ValueError) as e:  # ValueError: a NUL in the path
        raise InputNotFound(name, f"cannot be opened ({getattr(e, 'strerror', None) or e})") from None
    if stat.S_ISDIR(st.st_mode):
        raise NotAFile(name, "is a directory")
    if not stat.S_ISREG(st.st_mode):
        # a FIFO or a device (/dev/zero) could block or never end
        raise NotAFile(name, "is not a regular file (a device, pipe or socket)", "save the text to a file first")
    if st.st_size > max_bytes:
        raise InputTooLarge(name, f"file is {st.st_size} bytes, above the limit of {max_bytes}")
    try:
        with p.open("rb") as fh:
            # Ask for the size stat() gave, not max_bytes: read(n) allocates n bytes up front.
            data = fh.read(min(st.st_size, max_bytes) + 1)
            if len(data) > st.st_size:  # the file grew since stat(): read on, up to the limit
                data += fh.read(max_bytes + 1 - len(data))
    except PermissionError:
        raise NotAFile(name, "permission denied", "check the file's permissions") from None
    except IsADirectoryError:
        raise NotAFile(name, "is a directory") from None
    except OSError as e:
        raise NotAFile(name, f"cannot be read ({e.strerror or e})", "check the file") from None
    if len(data) > max_bytes:
        raise InputTooLarge(name, f"file is over {max_bytes} bytes, the limit")
    return decode_bytes(data, name)


def decode_bytes(data: bytes, path: str = "-") -> SourceText:
    """Decode bytes, detecting the encoding.

    >>> decode_bytes("公报".encode("gb18030")).encoding
    'gb18030'
    >>> decode_bytes(codecs.BOM_UTF8 + "公报".encode()).text
    '公报'
    >>> decode_bytes("公报".encode("utf-16")).encoding
    'utf-16'
    >>> src = decode_bytes("第一条".encode() + b"\\xff" + "本办法".encode())
    >>> src.text, src.warnings[0][0].name
    ('第一条\\ufffd本办法', 'W102')
    >>> decode_bytes(b"\\x00\\x01\\x02\\x03\\x00\\x00\\x00\\x07" * 8)
    Traceback (most recent call last):
    ...
    govdoc_extract.errors.BinaryInput: -: looks like binary data, not text (mostly control characters) (govdoc reads plain text; extract the text from PDF/Word first)
    """
    sha = hashlib.sha256(data).hexdigest()
    warnings: list[tuple[W, dict]] = []
    text, enc = _decode(data, path, warnings)
    if text and _is_binary_text(text):
        raise BinaryInput(path, "looks like binary data, not text (mostly control characters)")
    if "\x00" in text:
        text = text.replace("\x00", " ")  # keep offsets stable: one char for one char
        warnings.append((W.W103, {}))
    return SourceText(path=path, text=text, encoding=enc, sha256=sha, warnings=tuple(warnings))


def _decode(data: bytes, path: str, warnings: list) -> tuple[str, str]:
    if not data:
        return "", "utf-8"
    if data.startswith(codecs.BOM_UTF8):
        return _lenient(data, 3, "utf-8", path, warnings), "utf-8-sig"
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")):
        if data.startswith(bom) and len(data) % 4 == 0:  # before UTF-16: FF FE 00 00 starts both
            try:
                return data[4:].decode(enc), "utf-32"
            except UnicodeDecodeError:
                break
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        # a few broken units (a download cut short by a byte) are damage, as in UTF-8: U+FFFD and W102
        order = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        return _lenient(data, 2, order, path, warnings), "utf-16"
    if b"\x00" in data[:8192]:
        # NULs are valid UTF-8, so look for BOM-less UTF-16 (NUL every other byte) first
        bom_less16 = _utf16_without_bom(data)
        if bom_less16:
            return data.decode(bom_less16), bom_less16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _looks_binary(data):
        chinese16 = _utf16_chinese_without_bom(data)
        if chinese16:
            return chinese16
        raise BinaryInput(path, "looks like binary data, not text")
    # Damaged UTF-8 before GB18030, because UTF-8 Chinese often also "decodes"
    # as GB18030 gibberish: many valid multi-byte characters and few bad bytes.
    bad, good = _utf8_quality(data)
    if bad <= _allowed_bad(data) and good >= 10 * bad:
        return _lenient(data, 0, "utf-8", path, warnings), "utf-8"
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    if bad <= _allowed_bad(data):
        return _lenient(data, 0, "utf-8", path, warnings), "utf-8"
    chinese16 = _utf16_chinese_without_bom(data)  # (its bytes need not look binary)
    if chinese16:
        return chinese16
    return _lenient(data, 0, "gb18030", path, warnings), "gb18030"


def _allowed_bad(data: bytes) -> int:
    return max(MIN_BAD_ALLOWED, int(len(data) * MAX_BAD_SHARE))


def _utf8_quality(data: bytes) -> tuple[int, int]:
    """(undecodable UTF-8 byte runs, valid non-ASCII characters).

    >>> _utf8_quality("公报".encode() + b"\\xff")
    (1, 2)
    """
    t = data.decode("utf-8", errors="replace")
    bad = t.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    return bad, len(t) - len(t.encode("ascii", "ignore")) - t.count("\ufffd")


def _lenient(data: bytes, skip: int, enc: str, path: str, warnings: list) -> str:
    """Decode with replacement when only a few bytes are broken (W102 with their offsets); refuse otherwise."""
    body = data[skip:]
    try:
        return body.decode(enc)
    except UnicodeDecodeError:
        pass
    limit = _allowed_bad(body)
    _noted.offsets, _noted.limit = [], limit
    try:
        text = body.decode(enc, errors="govdoc-note")
        offsets = [skip + o for o in _noted.offsets]
    finally:
        _noted.offsets = []
    if len(offsets) > limit:
        raise UndecodableInput(path, f"not UTF-8, GB18030 or UTF-16 (over {len(offsets) - 1} undecodable byte runs)") from None
    shown = ", ".join(map(str, offsets[:10])) + (", …" if len(offsets) > 10 else "")
    first = text.find("\ufffd")
    from .offsets import CleanText  # the one place spans are made

    span = CleanText.identity(text).span(first, first + 1) if first >= 0 else None
    warnings.append((W.W102, {"count": len(offsets), "offset": shown, "offsets": tuple(offsets), "span": span}))
    return text


_noted = threading.local()


def _note_bad_bytes(err: UnicodeError) -> tuple[str, int]:
    """Codec error handler: replace like ``errors="replace"`` and note where (up to a limit)."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    if len(_noted.offsets) <= _noted.limit:
        _noted.offsets.append(err.start)
    return "\ufffd", err.end


codecs.register_error("govdoc-note", _note_bad_bytes)


def _utf16_without_bom(data: bytes) -> str | None:
    """Guess UTF-16 without BOM from where the NUL bytes fall (ASCII-heavy text)."""
    if len(data) < 4 or len(data) % 2:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    half = len(data) // 2
    for enc, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        # NULs on one side only: text; on both sides: binary (or UTF-32)
        if zeros > 0.3 * half and other < 0.05 * half:
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                return None
            return None if _is_binary_text(text) else enc
    return None


#: What Chinese text is made of: CJK ideographs (and extension A), CJK, general and fullwidth
#: punctuation, circled numbers, shapes (○ □), Latin-1 (· × °), printable ASCII, whitespace.
_CHINESE_TEXT = rx.compile_std(r"[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2000-\u206f"
                               r"\u2460-\u24ff\u25a0-\u25ff\u00a0-\u00ff\x20-\x7e\t\n\r\f]")
#: At least this share of a BOM-less UTF-16 reading must be such characters. Other bytes read as
#: UTF-16 give characters spread over the whole 16-bit range (a third of them ideographs).
MIN_UTF16_TEXT_SHARE = 0.95
#: ... and, unless the reading holds ASCII (from the NUL bytes beside it), at least this share of
#: its ideographs must lie in U+8000–U+9FFF (the seeds: 13-18 %). A Latin-1 text read as UTF-16
#: (two lowercase letters make one ideograph of U+6000–U+7Fxx) has no NUL byte and none there.
MIN_UTF16_HIGH_IDEOGRAPHS = 0.08
_IDEOGRAPH = rx.compile_std(r"[\u4e00-\u9fff]")
_HIGH_IDEOGRAPH = rx.compile_std(r"[\u8000-\u9fff]")
_ASCII = rx.compile_std(r"[\x00-\x7f]")


def _utf16_chinese_without_bom(data: bytes) -> tuple[str, str] | None:
    """The text and encoding of ``data`` as UTF-16 without BOM, when its head reads as Chinese text
    in one byte order; None otherwise.

    Chinese in UTF-16 has a NUL byte only beside ASCII characters, too few for
    :func:`_utf16_without_bom`, and half its bytes are spread over all values, so it
    looks binary; read in the right byte order it is almost all ideographs and punctuation
    (in the wrong one, mostly Hangul and ASCII).

    >>> _utf16_chinese_without_bom("第一条　为了规范工资支付，制定本办法。".encode("utf-16-be"))
    ('第一条\u3000为了规范工资支付，制定本办法。', 'utf-16-be')
    >>> _utf16_chinese_without_bom("第一条".encode("gb18030") * 4) is None
    True
    >>> _utf16_chinese_without_bom("thequickbrownfoxjumpsoverthelazydog".encode("latin-1")[:34] * 4) is None
    True
    """
    if len(data) < 4 or len(data) % 2:
        return None
    head = data[:8192]  # 4,096 characters: plenty to tell text from bytes, and cheap for every GB18030 file
    # (the head may end inside a surrogate pair)
    samples = {enc: head.decode(enc, errors="replace") for enc in ("utf-16-le", "utf-16-be")}
    share = {enc: len(_CHINESE_TEXT.findall(t)) / len(t) for enc, t in samples.items()}
    enc = max(share, key=share.__getitem__)
    if share[enc] < MIN_UTF16_TEXT_SHARE:
        return None
    sample = samples[enc]
    if _ASCII.search(sample) is None:  # no NUL byte where ASCII would be: Chinese or Latin-1 text?
        ideographs = len(_IDEOGRAPH.findall(sample))
        if len(_HIGH_IDEOGRAPH.findall(sample)) < MIN_UTF16_HIGH_IDEOGRAPHS * ideographs:
            return None
    try:
        return data.decode(enc), enc
    except UnicodeDecodeError:
        return None


def _looks_binary(data: bytes) -> bool:
    """Binary if the head holds many NUL or control bytes (text has none, or a stray few).

    >>> _looks_binary("公报".encode("gb18030") * 50 + b"\\x00"), _looks_binary(bytes(range(64)) * 4)
    (False, True)
    """
    head = data[:8192]
    ctrl = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return ctrl > max(2, len(head) * MAX_CONTROL_SHARE)


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))


def _is_binary_text(text: str) -> bool:
    """Decoded text that is mostly control characters (or NULs) is binary data.

    >>> _is_binary_text("第一条\\x00本办法"), _is_binary_text("\\x00\\x01\\x02ab")
    (False, True)
    """
    sample = text if len(text) <= 200_000 else text[:100_000] + text[-100_000:]
    return len(_CONTROL.findall(sample)) > max(2, MAX_CONTROL_SHARE * len(sample))
