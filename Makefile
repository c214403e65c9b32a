# sitrep: two commands for a new user, `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= sitrep.db
SHARED ?= ../shared

.PHONY: demo test install bench bench-web vendor train-ner clean browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/sitrep ingest examples/corpus --db $(DB)
	$(BIN)/sitrep summary --db $(DB)
	@echo
	@echo "Knowledge base written to $(DB). Explore it with:"
	@echo "  $(BIN)/sitrep entities --db $(DB)"
	@echo "  $(BIN)/sitrep entity 'Qassem Soleimani' --db $(DB)"
	@echo "  $(BIN)/sitrep events --db $(DB)"
	@echo "  $(BIN)/sitrep export --format acled -o events.csv --db $(DB)   # one ACLED-style row per event"
	@echo "  $(BIN)/sitrep serve --db $(DB)     # then open http://127.0.0.1:8000"

test: $(STAMP) browser
	$(BIN)/python -m pytest -q

# Browser tests drive Debian's chromium (no browser download); they skip when it is absent.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
		(apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || \
		echo "chromium not installed: browser tests will be skipped"; }

bench: $(STAMP)
	$(BIN)/python scripts/bench.py --shared $(SHARED)

bench-web: $(STAMP)
	$(BIN)/python scripts/make_bench_corpus.py --db /tmp/sitrep-bench.db --documents 10000
	$(BIN)/python scripts/bench_web.py --db /tmp/sitrep-bench.db --requests 100

# Front-end libraries from the npm registry into src/sitrep/web/static/vendor (committed).
vendor:
	npm ci && $(BIN)/python scripts/vendor_assets.py

train-ner: $(STAMP)
	$(BIN)/python scripts/train_ner.py --data $(SHARED)/data --out src/sitrep/trained/ner --re3d-named-only

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
