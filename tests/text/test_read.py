"""Reading bytes: encodings, line endings, damage, binary data and bad paths.

Every row is one kind of file seen in the wild (PDF converters, web crawls,
old Windows machines); each ends in a decoded text (plus warnings) or in one
:class:`~govdoc_extract.errors.GovdocError` with a clear message.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from govdoc_extract import api, errors
from govdoc_extract.errors import W
from govdoc_extract.text.offsets import span_is_faithful
from govdoc_extract.text.read import decode_bytes, read_path

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
LINE = "第一条　为了规范工程建设领域农民工工资支付行为，制定本办法。\n"

# (id, bytes, expected encoding, expected text, expected warning codes)
DECODE_ROWS = [
    ("utf8", LINE.encode("utf-8"), "utf-8", LINE, []),
    ("utf8-bom", codecs.BOM_UTF8 + LINE.encode(), "utf-8-sig", LINE, []),  # BOM not part of the text
    ("gb18030", LINE.encode("gb18030"), "gb18030", LINE, []),
    ("gbk", LINE.encode("gbk"), "gb18030", LINE, []),  # GB18030 is a superset of GBK
    ("gb2312", "荆州市人民政府公报\n".encode("gb2312"), "gb18030", "荆州市人民政府公报\n", []),
    ("gb18030-4byte", "㐀䶵€\n".encode("gb18030"), "gb18030", "㐀䶵€\n", []),  # chars outside GBK
    ("utf16-le-bom", codecs.BOM_UTF16_LE + LINE.encode("utf-16-le"), "utf-16", LINE, []),
    ("utf16-be-bom", codecs.BOM_UTF16_BE + LINE.encode("utf-16-be"), "utf-16", LINE, []),
    ("utf32-le-bom", codecs.BOM_UTF32_LE + LINE.encode("utf-32-le"), "utf-32", LINE, []),
    ("utf16-le-no-bom-ascii", "Article 1\r\n".encode("utf-16-le"), "utf-16-le", "Article 1\r\n", []),
    # a UTF-16 file cut short by one byte: damage, as in UTF-8 (it was refused, with the hint to save it as UTF-16)
    ("utf16-bom-cut-short", codecs.BOM_UTF16_LE + (LINE * 3).encode("utf-16-le")[:-1], "utf-16",
     (LINE * 3)[:-1] + "\ufffd", ["W102"]),
    ("utf16-be-bom-cut-short", codecs.BOM_UTF16_BE + (LINE * 3).encode("utf-16-be")[:-1], "utf-16",
     (LINE * 3)[:-1] + "\ufffd", ["W102"]),
    # Chinese in UTF-16 has a NUL byte only beside ASCII: it used to be refused as binary data
    ("utf16-le-no-bom-chinese", LINE.encode("utf-16-le"), "utf-16-le", LINE, []),
    ("utf16-be-no-bom-chinese", LINE.encode("utf-16-be"), "utf-16-be", LINE, []),
    ("utf16-le-no-bom-no-nul", LINE.rstrip().encode("utf-16-le"), "utf-16-le", LINE.rstrip(), []),
    # line endings are kept as written (spans index the decoded text)
    ("crlf", "第一条\r\n第二条\r\n".encode(), "utf-8", "第一条\r\n第二条\r\n", []),
    ("cr-only", "第一条\r第二条\r".encode(), "utf-8", "第一条\r第二条\r", []),
    ("mixed-eol", "一\r\n二\r三\n".encode(), "utf-8", "一\r\n二\r三\n", []),
    # NUL bytes become one space each: offsets do not shift
    ("nul-bytes", "第一条\x00本办法\x00\n".encode(), "utf-8", "第一条 本办法 \n", ["W103"]),
    ("gb18030-with-nul", LINE.encode("gb18030") + b"\x00" + LINE.encode("gb18030"), "gb18030", LINE + " " + LINE, ["W103"]),
    # a damaged download: a few broken bytes among valid UTF-8
    ("broken-utf8", "第一条".encode() + b"\xff\xfe" + "本办法。\n".encode(), "utf-8", "第一条\ufffd\ufffd本办法。\n", ["W102"]),
    ("broken-utf8-bom", codecs.BOM_UTF8 + "第一条".encode() + b"\x80" + "本办法\n".encode(), "utf-8-sig",
     "第一条\ufffd本办法\n", ["W102"]),
    ("broken-gbk", LINE.encode("gb18030") * 20 + b"\xff" + LINE.encode("gb18030"), "gb18030",
     LINE * 20 + "\ufffd" + LINE, ["W102"]),
    # a literal U+FFFD written in the file is text, not damage
    ("literal-fffd", "替换符\ufffd\n".encode(), "utf-8", "替换符\ufffd\n", []),
    ("empty", b"", "utf-8", "", []),
    ("whitespace-only", " \r\n\u3000\n\t\n".encode(), "utf-8", " \r\n\u3000\n\t\n", []),
    ("form-feed-and-esc", "第一页\f第二页\x1b\n".encode(), "utf-8", "第一页\f第二页\x1b\n", []),
]


@pytest.mark.parametrize("data, enc, text, codes", [r[1:] for r in DECODE_ROWS], ids=[r[0] for r in DECODE_ROWS])
def test_decode(data, enc, text, codes):
    src = decode_bytes(data, "f.txt")
    assert src.encoding == enc
    assert src.text == text
    assert [c.name for c, _ in src.warnings] == codes


def test_ids_unique():
    ids = [r[0] for r in DECODE_ROWS]
    assert len(ids) == len(set(ids))


def test_broken_bytes_warning_gives_offsets_and_span():
    data = "第一条".encode() + b"\xff" + "本办法".encode() + b"\xc0" + "施行。".encode()
    src = decode_bytes(data)
    (code, fields), = src.warnings
    assert code is W.W102
    assert fields["count"] == 2
    assert fields["offsets"] == (9, 19)  # byte offsets of the broken bytes
    assert "9, 19" in code.format(**fields)
    span = fields["span"]
    assert (span.start, span.end, span.line) == (3, 4, 1)
    assert src.text[span.start] == "\ufffd"


# (id, bytes, error class, words the one-line message must contain)
REFUSE_ROWS = [
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, errors.BinaryInput, "binary"),
    ("zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 4, errors.BinaryInput, "binary"),
    ("random-bytes", bytes((i * 97 + 13) % 256 for i in range(4096)), errors.BinaryInput, "binary"),
    # valid UTF-8, but mostly NULs and control characters
    ("valid-utf8-mostly-nul", b"\x00" * 500 + "公报".encode(), errors.BinaryInput, "binary"),
    ("valid-utf8-controls", bytes(range(1, 9)) * 100 + b"text", errors.BinaryInput, "binary"),
    ("utf16-bom-mostly-broken", codecs.BOM_UTF16_LE + b"\x00\xdc" * 200, errors.UndecodableInput, "undecodable"),
    # neither UTF-8 nor GB18030 and far too many broken bytes to be damage
    ("latin1-noise", ("café naïve résumé " * 50).encode("latin-1") + b"\x80\xff" * 200, errors.UndecodableInput,
     "undecodable"),
]


@pytest.mark.parametrize("text", [
    "thequickbrownfoxjumpsoverthelazydogé",  # two lowercase letters read as UTF-16 make one ideograph
    "le café de la société générale à paris, réunion du comité économique et social. ",
])
def test_latin1_text_is_not_taken_for_utf16_without_bom(text):
    data = (text * 40).encode("latin-1")
    data = data[:len(data) // 2 * 2]
    try:
        assert not decode_bytes(data, "latin1.txt").encoding.startswith("utf-16")
    except errors.UndecodableInput:
        pass


@pytest.mark.parametrize("data, exc, word", [r[1:] for r in REFUSE_ROWS], ids=[r[0] for r in REFUSE_ROWS])
def test_refuse(data, exc, word):
    with pytest.raises(exc) as ei:
        decode_bytes(data, "bad.bin")
    msg = str(ei.value)
    assert msg.startswith("bad.bin: ") and word in msg and "\n" not in msg
    assert isinstance(ei.value, errors.GovdocError) and ei.value.hint


def test_missing_path(tmp_path):
    with pytest.raises(errors.InputNotFound, match="no such file"):
        read_path(tmp_path / "nope.txt")


def test_directory(tmp_path):
    with pytest.raises(errors.NotAFile, match="is a directory"):
        read_path(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path):
    p = tmp_path / "locked.txt"
    p.write_text("第一条", encoding="utf-8")
    p.chmod(0)
    try:
        with pytest.raises(errors.NotAFile, match="permission denied"):
            read_path(p)
    finally:
        p.chmod(0o644)


def test_device_is_not_read():
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    with pytest.raises(errors.NotAFile, match="not a regular file"):
        read_path("/dev/zero")  # would never end


def test_fifo_is_not_read(tmp_path):
    p = tmp_path / "pipe"
    os.mkfifo(p)
    with pytest.raises(errors.NotAFile, match="not a regular file"):
        read_path(p)  # opening would block


def test_too_large(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes(b"x" * 100)
    with pytest.raises(errors.InputTooLarge, match="limit"):
        read_path(p, max_bytes=99)


def test_read_path_reads_and_hashes(tmp_path):
    p = tmp_path / "gb.txt"
    data = LINE.encode("gb18030")
    p.write_bytes(data)
    src = read_path(p)
    assert src.encoding == "gb18030" and src.text == LINE
    import hashlib

    assert src.sha256 == hashlib.sha256(data).hexdigest()


# ---- through the API: empty input is a valid result with W101 ----

@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t", "\u3000\u3000\n".encode(), codecs.BOM_UTF8],
                         ids=["empty", "spaces", "ideographic-spaces", "bom-only"])
def test_empty_input_is_a_valid_result(data):
    r = api.extract_bytes(data, "empty.txt")
    assert r.documents == []
    assert "W101" in [w.code for w in r.warnings]


# ---- the same bulletin in three encodings gives the same records and spans ----

def _sample_slice() -> str:
    text = (SAMPLES / "000_928dc353425f6f36.txt").read_text(encoding="utf-8")
    return text[:30000]


def _strip_source(r):
    d = r.model_dump()
    d.pop("source")
    return d


@pytest.mark.parametrize("enc", ["gb18030", "utf-16", "utf-8-sig", "utf-16-le", "utf-16-be"])
def test_same_bulletin_in_other_encodings_gives_the_same_result(enc):
    text = _sample_slice()
    ref = api.extract_bytes(text.encode("utf-8"), "s.txt")
    other = api.extract_bytes(text.encode(enc), "s.txt")
    assert other.source.encoding == {"utf-8-sig": "utf-8-sig"}.get(enc, enc)
    assert other.source.n_chars == ref.source.n_chars == len(text)
    assert _strip_source(other) == _strip_source(ref)


def test_crlf_version_spans_stay_faithful():
    text = _sample_slice()
    crlf = text.replace("\n", "\r\n")
    r = api.extract_bytes(crlf.encode("gb18030"), "s.txt")
    for d in r.documents:
        assert span_is_faithful(crlf, crlf[d.span.start:d.span.end], d.span)
        for rec in [*d.targets, *d.deadlines, *d.responsibilities, *d.ratios]:
            assert span_is_faithful(crlf, rec.text, rec.span), rec


# --------------------------------------------------------------------------- file names in the output

from hypothesis import given, strategies as st  # noqa: E402

from govdoc_extract.text.read import path_from_printable, printable_path  # noqa: E402

# file names as the file system holds them: any bytes but NUL and "/" (a part of a path)
_NAME_BYTES = st.binary(min_size=1, max_size=24).filter(lambda b: b"\x00" not in b and b"/" not in b)


@given(_NAME_BYTES)
def test_printable_path_can_be_written_as_utf8_and_gives_the_name_back(raw):
    name = raw.decode("utf-8", "surrogateescape")  # what os.listdir gives on Linux
    shown = printable_path(name)
    shown.encode("utf-8")  # JSON, YAML and CSV can hold it (raises otherwise)
    if raw.decode("utf-8", "replace") == raw.decode("utf-8", "surrogateescape"):  # valid UTF-8
        assert shown == name
    if b"\\" not in raw:  # (a name that spells "\xNN" itself is tried both ways by validate)
        assert path_from_printable(shown) == name


@pytest.mark.parametrize("name, shown", [
    ("通知.txt", "通知.txt"),
    ("公告".encode("gbk").decode("utf-8", "surrogateescape") + ".txt", "\\xb9\\xab\\xb8\\xe6.txt"),
    ("x\udcff\ud800", "x\\udcff\\ud800"),  # a surrogate no file name gives (a caller's own string): code points
])
def test_printable_path(name, shown):
    assert printable_path(name) == shown


def test_the_result_records_a_name_that_is_not_utf8_escaped_with_w104():
    name = "公告".encode("gbk").decode("utf-8", "surrogateescape") + ".txt"
    r = api.extract_text(LINE, path=name)
    assert r.source.path == "\\xb9\\xab\\xb8\\xe6.txt"
    plain = api.extract_text(LINE, path="通知.txt")
    assert [w.code for w in r.warnings] == ["W104"] + [w.code for w in plain.warnings]
    assert "W104" not in [w.code for w in plain.warnings]
