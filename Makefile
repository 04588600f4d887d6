# broadsheet: `make demo` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    ?= out
# int8 recognition (the default): built from the shipped fp32 model, sha256 pinned in models/manifest.json
INT8   := models/PP-OCRv6_rec_small_int8.onnx

.PHONY: setup demo test lint bench bench-quick samples schema clean

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

# every section, the batch one included (about 40 minutes on 2 cores)
bench: setup
	$(BIN)/python scripts/bench.py --long

# accuracy, speed, memory and engines only (a few minutes)
bench-quick: setup
	$(BIN)/python scripts/bench.py

samples: setup
	$(BIN)/python scripts/make_samples.py --out samples

schema: setup
	$(BIN)/broadsheet schema

clean:
	rm -rf $(OUT) .pytest_cache .ruff_cache
