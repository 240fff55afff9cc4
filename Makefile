# Two commands do everything on a fresh machine:
#   make demo   — create .venv, install govdoc, extract a sample bulletin
#   make test   — create .venv, install govdoc with test extras, run the whole suite
VENV   ?= .venv
PYTHON ?= python3
PY      = $(VENV)/bin/python
SAMPLE ?= samples/000_928dc353425f6f36.txt

.PHONY: demo test bench diffcheck schema golden score clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(VENV)/bin/govdoc extract $(SAMPLE) --format yaml -o out/demo.yaml
	$(VENV)/bin/govdoc extract $(SAMPLE) --summary
	@echo "full output: out/demo.yaml" >&2

test: $(VENV)/.installed
	$(PY) -m pytest
	@# regenerate the sample outputs, validate them, and compare with the committed expected outputs
	rm -rf out/ci
	$(VENV)/bin/govdoc extract samples/*.txt --output-dir out/ci --quiet
	$(VENV)/bin/govdoc validate out/ci
	diff -r samples/expected out/ci
	@echo "sample outputs match samples/expected" >&2

bench: $(VENV)/.installed
	$(PY) benchmarks/bench.py

diffcheck: $(VENV)/.installed
	$(PY) benchmarks/diffcheck.py

schema: $(VENV)/.installed
	$(PY) scripts/gen_schema.py

golden: $(VENV)/.installed
	$(PY) scripts/update_golden.py

score: $(VENV)/.installed
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH ../shared/tools/score-seeds

clean:
	rm -rf $(VENV) out .pytest_cache .hypothesis
