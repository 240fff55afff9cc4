"""Library API: extract_text / extract_bytes / extract_file behave as documented."""

import pytest

from govdoc_extract import api, errors
from govdoc_extract.assemble import sentence_bounds
from govdoc_extract.text.offsets import span_is_faithful

NOTICE = (
    "荆州市人民政府办公室关于印发荆州市体育发展规划的通知\n"
    "荆政办发〔2022〕16号\n"
    "各县、市、区人民政府，市政府有关部门：\n"
    "《荆州市体育发展规划》已经市人民政府同意，现印发给你们，请认真抓好贯彻落实。\n"
    "2022年9月17日\n"
)


def test_extract_text_finds_the_notice():
    r = api.extract_text(NOTICE)
    assert r.schema_version == "1"
    assert r.source.n_chars == len(NOTICE)
    assert len(r.documents) == 1
    d = r.documents[0]
    assert d.doc_number and d.doc_number.text == "荆政办发〔2022〕16号"
    assert d.date == "2022-09-17"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_encodings_give_the_same_result(encoding):
    base = api.extract_bytes(NOTICE.encode("utf-8"))
    other = api.extract_bytes(NOTICE.encode(encoding))
    strip = lambda r: r.model_dump(exclude={"source"})
    assert strip(other) == strip(base)
    assert other.source.encoding.startswith(encoding.split("-sig")[0].replace("utf-16", "utf-16"))


def test_empty_text_is_a_valid_result_with_a_warning():
    r = api.extract_text("")
    assert r.documents == []
    assert [w.code for w in r.warnings] == ["W101"]


def test_missing_file_raises_a_govdoc_error(tmp_path):
    with pytest.raises(errors.GovdocError) as e:
        api.extract_file(tmp_path / "nope.txt")
    assert "nope.txt" in str(e.value)


def test_directory_is_refused(tmp_path):
    with pytest.raises(errors.NotAFile):
        api.extract_file(tmp_path)


def test_crlf_line_endings_keep_spans_faithful():
    text = NOTICE.replace("\n", "\r\n")
    r = api.extract_text(text)
    d = r.documents[0]
    assert d.date == "2022-09-17"
    for s in d.sections:
        assert span_is_faithful(text, s.text, s.span)


@pytest.mark.parametrize("text,start,end,want", [
    ("总则。到2025年，建成5个。另起一句", 10, 12, "到2025年，建成5个。"),
    ("第一句！第二句？第三句", 5, 6, "第二句？"),
    ("没有句号的一行\n下一行", 2, 3, "没有句号的一行"),
])
def test_sentence_bounds(text, start, end, want):
    a, b = sentence_bounds(text, start, end)
    assert text[a:b] == want


@pytest.mark.parametrize("text", [
    "力争到2025年，培育" + "1" * 40000 + "家以上企业。",
    "比例达到" + "9" * 5000 + "%，新增" + "３" * 5000 + ".5万人以上。",
], ids=["40k-digit-count", "5k-digit-percent-and-fullwidth"])
def test_huge_digit_runs_are_noise_not_a_crash(text):
    r = api.extract_text(text)
    for d in r.documents:
        assert all(len(str(t.value)) < 40 for t in d.targets)
        assert all(len(str(x.value)) < 40 for x in d.ratios)


@pytest.mark.parametrize("sentence,n_targets,n_ratios", [
    ("第六条 政府采购项目中，面向中小企业的份额应当占项目预算总额的40%以上。", 0, 1),
    ("第七条 电动自行车在道路上行驶最高时速不得超过20公里。", 0, 0),
    ("福利彩票公益金用于支持养老服务的比例不低于50%。", 0, 1),
    ("力争到2025年，养老机构护理型床位占比达到60%以上。", 1, 1),
], ids=["share-rule-yingdang", "speed-cap-bude", "share-rule-yongyu", "goal-with-year-kept"])
def test_rule_clauses_give_ratios_not_targets(sentence, n_targets, n_ratios):
    docs = api.extract_text(sentence).documents
    assert sum(len(d.targets) for d in docs) == n_targets
    assert sum(len(d.ratios) for d in docs) == n_ratios


# SentenceIndex must give exactly what sentence_bounds gives, for any text and span
from hypothesis import given, strategies as st  # noqa: E402
from govdoc_extract.assemble import SentenceIndex  # noqa: E402

_SENTENCE_ALPHABET = st.sampled_from(list("。！？!?”’」』\n，到年12ab "))


@given(st.text(_SENTENCE_ALPHABET, max_size=40), st.data())
def test_sentence_index_matches_sentence_bounds(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert SentenceIndex(text).bounds(start, end) == sentence_bounds(text, start, end)


@given(st.text(_SENTENCE_ALPHABET, max_size=40), st.data())
def test_sentence_end_pattern_matches_its_plain_form(text, data):
    # _SENTENCE_END is written for a fast scan; it must match what the plain form matches
    import regex

    from govdoc_extract.assemble import _SENTENCE_END

    plain = regex.compile(r"[。！？!?]+[”’」』]?|\n")
    pos = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(pos, len(text)))
    assert [m.span() for m in _SENTENCE_END.finditer(text, pos, end)] == [m.span() for m in plain.finditer(text, pos, end)]
    got, want = _SENTENCE_END.search(text, pos, end), plain.search(text, pos, end)
    assert (got and got.span()) == (want and want.span())


# _SectionIndex stops a long walk back early: it must answer what the full walk answers,
# for any intervals and depths (a real tree or not)
from bisect import bisect_right  # noqa: E402
from types import SimpleNamespace  # noqa: E402
from govdoc_extract.assemble import _SectionIndex  # noqa: E402


def _full_walk(index: _SectionIndex, offset: int):
    best = None
    for i in range(bisect_right(index.starts, offset) - 1, -1, -1):
        s, e, depth, nid = index.items[i]
        if s <= offset < e and (best is None or depth > best[0]):
            best = (depth, nid)
        if best is not None and e <= offset and depth <= 1:
            break
    return best[1] if best else None


_NODE = st.tuples(st.integers(0, 120), st.integers(0, 40), st.integers(1, 4))


@given(st.lists(_NODE, min_size=1, max_size=80), st.integers(0, 70))
def test_section_index_matches_full_walk(raw, chapter_articles):
    nodes = [SimpleNamespace(start=s, end=s + n, id="/".join(["d1"] + [f"n{k}"] * depth))
             for k, (s, n, depth) in enumerate(raw)]
    # and one chapter holding many articles: the walk back that used to be long
    nodes.append(SimpleNamespace(start=200, end=201 + 5 * chapter_articles, id="d1/ch1"))
    nodes += [SimpleNamespace(start=201 + 5 * k, end=205 + 5 * k, id=f"d1/ch1/a{k}") for k in range(chapter_articles)]
    index = _SectionIndex(nodes)
    index._build()
    for offset in range(0, 205 + 5 * chapter_articles):
        assert index._scan(offset) == _full_walk(index, offset)


def test_a_line_without_sentence_ends_does_not_copy_itself_into_every_record():
    # a crawl that lost its punctuation: one "sentence" of 10,000+ characters holding many records
    text = "各单位：\n" + "，".join(["到2025年比例达到10%以上"] * 800) + "\n"
    r = api.extract_text(text)
    recs = [x for d in r.documents for k in ("targets", "ratios", "deadlines") for x in getattr(d, k)]
    assert len(recs) > 100
    assert max(len(x.sentence) for x in recs) <= 600
    assert all(x.text in x.sentence for x in recs)
    assert any(w.code == "W402" for w in r.warnings)


def test_ordinary_sentences_are_not_cut():
    r = api.extract_text("各单位：\n到2025年，全市经常参加体育锻炼人数比例达到38.5%以上。\n")
    t = r.documents[0].targets[0]
    assert t.sentence == "到2025年，全市经常参加体育锻炼人数比例达到38.5%以上。"
    assert not any(w.code == "W402" for w in r.warnings)


def test_header_warning_stays_one_short_line_with_many_different_headers():
    # 40 different short lines, each standing alone between paragraphs 3 times: all are
    # running headers; the warning counts them all but names only a few
    paras = "\n".join(f"第{i}段正文内容，按照要求推进各项工作。" for i in range(120))
    lines = paras.split("\n")
    text = "\n".join(f"{ln}\n\n页眉{i % 40:02d}号\n" for i, ln in enumerate(lines))
    r = api.extract_text(text)
    (w,) = [w for w in r.warnings if w.code == "W110"]
    assert w.message.startswith("removed 120 running page header line(s)")
    assert "页眉00号" in w.message and "and 32 more" in w.message
    assert len(w.message) < 200


from govdoc_extract.assemble import _CLAUSE_WINDOW, clause_window  # noqa: E402


@given(st.text(alphabet="甲乙，；：,;。x", min_size=1, max_size=700), st.data())
def test_clause_window_cuts_at_the_nearest_clause_marks(text, data):
    n = len(text)
    a = data.draw(st.integers(0, n - 1))
    b = data.draw(st.integers(a + 1, n))
    s = data.draw(st.integers(a, b - 1))
    e = data.draw(st.integers(s + 1, b))
    # the oracle walks character by character from the record outwards
    lo = max(a, s - _CLAUSE_WINDOW)
    for i in range(s - 1, lo - 1, -1):
        if text[i] in "，；：,;":
            lo = i + 1
            break
    hi = min(b, e + _CLAUSE_WINDOW)
    for i in range(e, hi):
        if text[i] in "，；：,;":
            hi = i + 1
            break
    assert clause_window(text, (a, b), s, e) == (lo, max(hi, e))


# --------------------------------------------------------------------------- a bug in one extractor

_TWO_KINDS = "到2025年，建成体育公园5个以上，绿化覆盖率达到40%。（责任单位：市体育局）\n"


def _breaks_after_one(real):
    def broken(ctx):
        it = real(ctx)
        yield next(it)  # one draft, then the bug: none of the kind may be kept
        raise RuntimeError("boom")
    return broken


def test_a_failing_extractor_costs_its_own_records_of_that_document_only(monkeypatch):
    from govdoc_extract.extract import EXTRACTORS

    good = api.extract_text(_TWO_KINDS)
    assert good.documents[0].targets and good.documents[0].ratios
    monkeypatch.setitem(EXTRACTORS, "target", _breaks_after_one(EXTRACTORS["target"]))
    r = api.extract_text(_TWO_KINDS)
    d = r.documents[0]
    assert d.targets == []  # not the draft made before the error
    assert d.ratios == good.documents[0].ratios and d.responsibilities == good.documents[0].responsibilities
    [w] = [w for w in r.warnings if w.code == "W304"]
    assert "the target rules failed" in w.message and "RuntimeError: boom" in w.message
    assert w.span == d.span
    with pytest.raises(RuntimeError, match="boom"):
        api.extract_text(_TWO_KINDS, options=api.Options(strict=True))


# --------------------------------------------------------------------------- digits newer than this Python

# The regex module's \d follows a newer Unicode than int() of Python 3.11: Kawi digits
# (U+11F50…, Unicode 15) are digits to the patterns and not to int(). Every place that
# turned a matched number into an int raised on them (found by a crash hunt; segmentation
# ones failed the whole file). Each row reaches one of those places.
K = "\U00011F50"
NEWER_DIGITS = [
    ("ratio percent", f"{K}%"), ("ratio times", f"{K}倍"), ("ratio fraction", f"{K}分之一"),
    ("ratio colon", f"{K}:1的比例"), ("amount", f"{K}元"), ("target quantity", f"到2025年建成1{K}个"),
    ("target year mark", f"到20{K}{K}年建成5个"), ("target year range", f"2020—20{K}{K}年5个"),
    ("table cell", f"指标\t2025年\n人口\t{K}"), ("table header year", f"指标\t20{K}{K}年\t2025年\n人口\t5\t6"),
    ("table scope", f"区\t台\n2022\t2023\n{K}万\t\t3"), ("deadline within", f"{K}日内完成"),
    ("deadline after", f"2022年1月1日起{K}日后施行"), ("validity", f"有效期{K}年"), ("ahead", f"提前{K}小时"),
    ("doc number serial", f"关于的通知\n发〔2022〕{K}号"), ("doc number year", f"关于的通知\n发〔20{K}{K}〕1号"),
    ("order number", f"关于的通知\n政府令第{K}号"), ("reference", f"《关于的通知》（发〔2022〕{K}号）"),
    ("outline marker", f"1.{K}天"), ("outline top", f"1{K}则\n1{K}.1目"), ("toc page", f"政府公报\n目录\n通知{K}"),
]


@pytest.mark.parametrize("text", [t for _, t in NEWER_DIGITS], ids=[i for i, _ in NEWER_DIGITS])
def test_digits_newer_than_this_python_are_no_number_not_a_crash(text):
    r = api.extract_text(text, options=api.Options(strict=True))  # (strict: an extractor's error raises)
    assert r.source.n_chars == len(text)


def test_relative_years_past_the_calendar_give_no_date():
    from datetime import date

    r = api.extract_text("明年上半年完成。", options=api.Options(strict=True, reference_date=date(9999, 6, 1)))
    assert all(d.date is None for doc in r.documents for d in doc.deadlines)


# --------------------------------------------------------------------------- the paused collector

import gc  # noqa: E402
import threading  # noqa: E402
from pathlib import Path  # noqa: E402

from govdoc_extract import emit  # noqa: E402

SAMPLE_TEXTS = sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.txt"))


@pytest.mark.parametrize("enabled", [True, False])
def test_extraction_leaves_the_collector_as_it_found_it(enabled, monkeypatch):
    from govdoc_extract.extract import EXTRACTORS

    seen = []
    real = EXTRACTORS["target"]
    monkeypatch.setitem(EXTRACTORS, "target", lambda ctx: (seen.append(gc.isenabled()), real(ctx))[1])
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        api.extract_text(_TWO_KINDS)
        assert seen == [False]  # paused while the extractors ran
        assert gc.isenabled() is enabled
        with pytest.raises(RuntimeError):  # a failure restores it too
            monkeypatch.setitem(EXTRACTORS, "target", _breaks_after_one(real))
            api.extract_text(_TWO_KINDS, options=api.Options(strict=True))
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_threads_restore_the_collector_when_the_last_one_ends():
    errors_seen = []

    def run():
        try:
            for _ in range(5):
                api.extract_text(_TWO_KINDS * 20)
        except Exception as e:  # pragma: no cover - reported below
            errors_seen.append(e)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors_seen and gc.isenabled() and api._gc_users == 0


def test_extraction_and_rendering_make_no_reference_cycles():
    # Why pausing the collector is safe: everything an extraction builds is freed by
    # reference counting alone. A cycle added to the pipeline fails this test.
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        for p in SAMPLE_TEXTS:
            r = api.extract_file(p)
            for fmt in ("json", "yaml"):
                emit.render_one(r, fmt)
            del r
            assert gc.collect() == 0, p.name
    finally:
        if was:
            gc.enable()


def test_a_failing_extractor_makes_no_reference_cycle(monkeypatch):
    # a failure is kept as its message until its document is assembled: the exception itself
    # would hold its traceback, and through it the frame holding the exception
    from govdoc_extract.extract import EXTRACTORS

    monkeypatch.setitem(EXTRACTORS, "target", _breaks_after_one(EXTRACTORS["target"]))
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        r = api.extract_text(_TWO_KINDS * 3)
        assert [w.code for w in r.warnings].count("W304") == 1
        del r
        assert gc.collect() == 0
    finally:
        if was:
            gc.enable()


def test_the_result_is_aged_without_a_collector_pass():
    # turned back on, the collector does not start with a pass over what the extraction made:
    # the result is in the oldest generation and no pass is pending
    if not gc.isenabled() or gc.get_freeze_count():
        pytest.skip("needs the collector on and nothing frozen")
    r = api.extract_text(_TWO_KINDS * 30)
    assert gc.get_count()[0] < gc.get_threshold()[0]
    assert any(o is r for o in gc.get_objects(generation=2))
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_frozen_objects_stay_frozen():
    # the command line freezes its imports: extraction leaves them frozen (and the collector
    # runs its usual pass instead)
    if not gc.isenabled() or gc.get_freeze_count():
        pytest.skip("needs the collector on and nothing frozen")
    imported = [[]]  # (a container: tracked by the collector)
    gc.freeze()
    try:
        api.extract_text(_TWO_KINDS * 30)
        assert not any(o is imported for o in gc.get_objects())  # (frozen objects are not listed)
    finally:
        gc.unfreeze()
    assert any(o is imported for o in gc.get_objects())


def test_assemble_record_lists_name_every_record_field():
    # Assembler.document keeps one list per field of RECORD_KINDS: they must be exactly the
    # Document's list fields that hold records (a kind missing there would lose its records)
    from govdoc_extract import models as m
    from govdoc_extract.assemble import _RECORD_FIELDS

    record_fields = {name for name, f in m.Document.model_fields.items()
                     if getattr(f.annotation, "__origin__", None) is list
                     and isinstance(item := f.annotation.__args__[0], type) and issubclass(item, m.BaseModel)
                     and item is not m.Section}
    assert set(_RECORD_FIELDS) == record_fields and len(_RECORD_FIELDS) == len(record_fields)


# --------------------------------------------------------------------------- documents in batches

def _notices(n: int) -> str:
    """``n`` short notices, each its own document with records (as the hostile benchmark's)."""
    return "".join(
        NOTICE.replace("体育发展规划", f"第{i}项体育发展规划").replace("16号", f"{i}号")
        .replace("2022年9月17日", f"到2025年，第{i}类人数比例达到3{i % 10}%以上。（责任单位：市体育局）\n荆州市人民政府办公室\n"
                 f"2022年{i % 12 + 1}月{i % 28 + 1}日") + "\n"
        for i in range(1, n + 1))


@pytest.mark.parametrize("documents, chars", [(1, 10**9), (3, 10**9), (256, 600), (256, 1)])
def test_batches_do_not_change_the_output(monkeypatch, documents, chars):
    # stage by stage over a batch gives what document by document gives (one document per
    # batch is that order); batches cut by count and by size, the last one short
    texts = [_notices(11)] + [p.read_text(encoding="utf-8") for p in SAMPLE_TEXTS[:3]]
    want = [api.extract_text(t).model_dump_json() for t in texts]
    assert len(api.extract_text(texts[0]).documents) == 11
    monkeypatch.setattr(api, "BATCH_DOCUMENTS", documents)
    monkeypatch.setattr(api, "BATCH_CHARS", chars)
    assert [api.extract_text(t).model_dump_json() for t in texts] == want


def test_batch_bounds():
    from govdoc_extract.segment.types import DocumentNode

    docs = [DocumentNode(0, n, 0) for n in (100, 100, 150_000, 60_000, 100)]
    assert [(i, len(b)) for i, b in api._batches(docs)] == [(1, 3), (4, 2)]
    assert [(i, len(b)) for i, b in api._batches([DocumentNode(0, 300_000, 0)])] == [(1, 1)]  # never empty
    assert list(api._batches([])) == []


def test_warnings_keep_the_document_order_within_a_batch(monkeypatch):
    # W304 (a failing extractor) and W303 (a timeout) of each document come together, in
    # document order, as a document-by-document run gives them
    from govdoc_extract.extract import EXTRACTORS
    from govdoc_extract.text import guard

    def failing(ctx):
        raise RuntimeError(f"boom at {ctx.document.start}")
        yield  # pragma: no cover

    def timing_out(ctx):
        guard._note(ctx.document.start, ctx.document.start + 1, "test.runaway")
        return iter(())

    monkeypatch.setitem(EXTRACTORS, "target", failing)
    monkeypatch.setitem(EXTRACTORS, "ratio", timing_out)
    r = api.extract_text(_notices(3))
    got = [(w.code, w.span.start) for w in r.warnings if w.code in ("W303", "W304")]
    starts = [d.span.start for d in r.documents]
    assert len(starts) == 3
    assert got == [(code, s) for s in starts for code in ("W304", "W303")]


# --------------------------------------------------------------------------- fork while another thread extracts

import os  # noqa: E402

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


def _in_forked_child(report) -> str:
    """Fork, run ``report()`` in the child (10 s at most) and return the text it gives."""
    import signal

    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.close(r)
            signal.alarm(10)  # a deadlock ends the child, with no answer
            os.write(w, report().encode())
        finally:
            os._exit(0)
    os.close(w)
    with os.fdopen(r) as fh:
        answer = fh.read()
    os.waitpid(pid, 0)
    return answer


@needs_fork
@pytest.mark.parametrize("holding", ["a pause", "the lock"])
def test_a_child_forked_while_another_thread_extracts_gets_its_collector_back(holding):
    # A program extracting in threads and forking (multiprocessing's fork start method, a
    # server preforking workers): the child has only the forking thread. The pause (or the
    # lock) of a thread that does not exist there must not keep the collector off for good
    # (or hang the child's first extraction).
    if not gc.isenabled():
        pytest.skip("needs the collector on")
    entered, leave = threading.Event(), threading.Event()

    def hold():
        with (api.gc_paused() if holding == "a pause" else api._gc_lock):
            entered.set()
            leave.wait()

    t = threading.Thread(target=hold)
    t.start()
    entered.wait()
    try:
        def report() -> str:
            api.extract_text(_TWO_KINDS)
            return f"{gc.isenabled()} {api._gc_users}"

        answer = _in_forked_child(report)
    finally:
        leave.set()
        t.join()
    assert answer == "True 0"
    assert gc.isenabled() and api._gc_users == 0


@needs_fork
def test_a_child_forked_inside_an_extraction_keeps_its_own_pause():
    # the forking thread's own pause goes on in the child: it is still inside it
    if not gc.isenabled():
        pytest.skip("needs the collector on")

    def report() -> str:
        with api.gc_paused():
            inside = gc.isenabled()
        return f"{inside} {gc.isenabled()} {api._gc_users}"

    with api.gc_paused():
        answer = _in_forked_child(report)
    assert answer == "False False 1"


# --------------------------------------------------------------------------- Options a caller writes by hand

@pytest.mark.parametrize("field", ["only", "skip"])
def test_options_refuse_a_record_kind_they_do_not_know(field):
    # 'targets' is the Document field, 'target' the kind: the misspelt one extracted nothing
    # of anything (only) or skipped nothing (skip), without a word
    with pytest.raises(ValueError, match=r"unknown record kind\(s\) targets; known: target, deadline"):
        api.Options(**{field: frozenset({"targets"})})


def test_options_take_kinds_in_any_collection_or_a_string_as_only_takes_them():
    assert api.Options(only="ratio").kinds() == ["ratio"]
    assert api.Options(only="target, ratio").only == frozenset({"target", "ratio"})
    assert api.Options(only="").kinds() == api.Options().kinds()
    assert api.Options(only=["target", "ratio"]).only == frozenset({"target", "ratio"})
    assert api.Options(skip=("amount",)).kinds() == ["target", "deadline", "responsibility", "ratio", "reference"]
    with pytest.raises(ValueError, match="unknown record kind"):
        api.Options(only="amounts")  # (read as a substring: 'amount' in 'amounts')
    r = api.extract_text(_TWO_KINDS, options=api.Options(only="ratio"))
    assert r.documents[0].ratios and not r.documents[0].targets


def test_options_refuse_a_reference_date_that_is_not_a_date():
    # given as text it reached the rules, which failed (W304: 'a bug in govdoc') and lost records
    with pytest.raises(TypeError, match=r"reference_date must be a datetime.date.*not str"):
        api.Options(reference_date="2024-06-30")
    from datetime import date, datetime

    assert api.Options(reference_date=datetime(2024, 6, 30, 12)).reference_date.year == 2024
    assert api.Options(reference_date=date(2024, 6, 30)).reference_date == date(2024, 6, 30)


# --------------------------------------------------------------------------- arguments of the in-memory entry points

def test_extract_bytes_and_text_take_a_path_object_as_extract_file_does(tmp_path):
    # they raised AttributeError ('PosixPath' object has no attribute 'encode') after the whole extraction
    p = tmp_path / "通知.txt"
    p.write_text(NOTICE, encoding="utf-8")
    from_file = api.extract_file(p)
    assert api.extract_bytes(p.read_bytes(), p) == from_file
    assert api.extract_text(NOTICE, path=p) == from_file
    assert from_file.source.path == str(p)


@pytest.mark.parametrize("call,data,hint", [
    (api.extract_text, NOTICE.encode(), "extract_bytes"),
    (api.extract_bytes, NOTICE, "extract_text"),
])
def test_bytes_and_text_swapped_say_which_function_to_call(call, data, hint):
    with pytest.raises(TypeError, match=f"use api.{hint}"):
        call(data)


RECORDS = NOTICE + (
    "一、主要目标\n"
    "力争到2024年底前，培育3家以上国家级工业互联网平台，占比达到10%。（责任单位：市经信局、市财政局）\n"
)


@pytest.mark.parametrize("encoding,line_end,damage", [
    ("utf-8", "\r\n", b""),
    ("utf-8-sig", "\r\n", b""),
    ("gb18030", "\r\n", b""),
    ("utf-16", "\r\n", b""),
    ("utf-16-le", "\n", b""),
    ("utf-8", "\r", b"\xff"),
], ids=["utf8-crlf", "utf8-bom-crlf", "gb18030-crlf", "utf16-crlf", "utf16le-no-bom", "damaged-utf8-cr"])
def test_the_readme_recipe_reads_every_span_back_from_the_file(tmp_path, encoding, line_end, damage):
    # README: open(source.path, encoding=source.encoding, errors="replace", newline="").read()[start:end]
    path = tmp_path / "公报.txt"
    path.write_bytes(damage + RECORDS.replace("\n", line_end).encode(encoding))
    r = api.extract_file(path)
    src = open(r.source.path, encoding=r.source.encoding, errors="replace", newline="").read()
    assert len(src) == r.source.n_chars
    records = [x for d in r.documents for x in (*d.targets, *d.deadlines, *d.responsibilities, *d.ratios)]
    assert {type(x).__name__ for x in records} == {"Target", "Deadline", "Responsibility", "Ratio"}
    for x in records:
        assert span_is_faithful(src, x.text, x.span), (x.id, src[x.span.start:x.span.end], x.text)
        assert x.span.line == src.count("\n", 0, x.span.start) + src.count("\r", 0, x.span.start) \
            - src.count("\r\n", 0, x.span.start) + 1
