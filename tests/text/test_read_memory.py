"""Reading does not allocate for the --max-bytes limit, only for the file (issue 5, item 3)."""

from __future__ import annotations

import tracemalloc

from govdoc_extract.text.read import read_path


def test_small_file_with_a_huge_limit_allocates_little(tmp_path):
    # read(n) pre-allocates n bytes: asking for the limit instead of the size cost
    # 512 MB of address space for every file under the default limit.
    f = tmp_path / "notice.txt"
    f.write_text("关于印发荆州市体育发展规划的通知\n" * 50, encoding="utf-8")
    tracemalloc.start()
    try:
        src = read_path(f, max_bytes=1 << 30)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert src.text.startswith("关于印发")
    assert peak < 1 << 20, f"peak {peak} bytes while reading a {f.stat().st_size}-byte file"
