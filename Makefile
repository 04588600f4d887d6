# broadsheet: `make demo` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    ?= out
# int8 recognition (the default): built from the shipped fp32 model, sha256 pinned in models/manifest.json
INT8   := models/PP-OCRv6_rec_small_int8.onnx

.PHONY: setup demo test lint bench bench-quick bench-workers samples schema clean

setup: $(STAMP) $(INT8)

$(STAMP): pyproject.toml scripts/system_deps.sh
	bash scripts/system_deps.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,paddle]'
	# paddlex pins a GUI OpenCV build that overwrites cv2/: restore the headless build's files
	$(BIN)/python -m pip install -q --force-reinstall --no-deps opencv-python-headless
	touch $(STAMP)

$(INT8): $(STAMP) models/manifest.json pipeline/engines/quantize.py
	$(BIN)/python scripts/quantize_rec.py --out models

demo: setup
	$(BIN)/broadsheet extract samples -o $(OUT)/demo --format json,md,alto,page,mets,jsonl --overlay
	$(BIN)/broadsheet review $(OUT)/demo
	$(BIN)/python scripts/show_demo.py $(OUT)/demo

lint: setup
	$(BIN)/ruff check pipeline schemas scripts tests

test: setup lint
	$(BIN)/python -m pytest -q -n 2 tests pipeline schemas

# every section, the rec, workers and batch ones included (about an hour on 2 cores)
bench: setup
	$(BIN)/python scripts/bench.py --long

# accuracy, speed, profile, breakdown, memory, engines and summary (a few minutes)
bench-quick: setup
	$(BIN)/python scripts/bench.py

# the workers x threads table alone: 1x1, 1x2, 2x1, 2x2, two rounds, on the first three sample files
# (four pages: chenbao p1-p2 and nantong at 300 dpi, jianghai at 200 dpi; about 20 minutes on 2 cores)
bench-workers: setup
	$(BIN)/python scripts/bench.py --only workers --pages 3

samples: setup
	$(BIN)/python scripts/make_samples.py --out samples

schema: setup
	$(BIN)/broadsheet schema

clean:
	rm -rf $(OUT) .pytest_cache .ruff_cache
