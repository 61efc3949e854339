# gradbook — the two commands of the README: `make run` and `make test`.
SWIFT ?= swift
OUT ?= output
# The MNIST notebook reads ${MNIST_DIR}/${MNIST_SET}-*.gz. The test set (t10k) ships in
# data/mnist; when scripts/get-mnist has added the training set there, use it.
MNIST_DIR ?= $(abspath data/mnist)
MNIST_SET ?= $(if $(wildcard $(MNIST_DIR)/train-images-idx3-ubyte.gz),$(if $(wildcard $(MNIST_DIR)/train-labels-idx1-ubyte.gz),train,t10k),t10k)
export MNIST_DIR MNIST_SET

.PHONY: run test bench bench-peers deps build release fuzz format clean preview test-preview difftest

deps:
	@scripts/install-deps

# `gradbook` only: the preview program (swift-nio, several minutes on 2 cores) is `make preview`.
build: deps
	$(SWIFT) build --product gradbook

release: deps
	$(SWIFT) build -c release --product gradbook

# `gradbook preview` forwards to gradbook-preview, built beside gradbook (release).
preview: deps
	$(SWIFT) build -c release --product gradbook-preview

# The preview server's tests alone (they build the HTTP server).
test-preview: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --filter PreviewServerTests

# Builds (release) and runs every notebook into $(OUT)/.
# The worked teaching example also gets its student handout (output/<name>-student/).
run: release
	$$($(SWIFT) build -c release --show-bin-path)/gradbook run notebooks/ --out $(OUT)
	$$($(SWIFT) build -c release --show-bin-path)/gradbook run notebooks/inf721-mlp-worksheet.md --variant student --out $(OUT) --quiet

# Unit, end-to-end and browser tests, then a short fuzz run (5 s per target).
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	scripts/fuzz 5

# libFuzzer on the fence scanner, block decoding and expression parser.
FUZZ_SECONDS ?= 60
fuzz: deps
	scripts/fuzz $(FUZZ_SECONDS)

# Differential test against PyTorch (float64): random cases through the
# release build; creates .venv-difftest/ with torch and numpy on first use.
DIFFTEST_CASES ?= 2000
DIFFTEST_SEED ?= 1
difftest: release
	scripts/difftest --cases $(DIFFTEST_CASES) --seed $(DIFFTEST_SEED) \
		--gradbook $$($(SWIFT) build -c release --show-bin-path)/gradbook

bench: deps
	$(SWIFT) build -c release --product gradbook-bench
	$$($(SWIFT) build -c release --show-bin-path)/gradbook-bench

# gradbook, PyTorch, NumPy and JAX on the homework-3 workload, interleaved
# (creates .venv-bench/ with torch, numpy and jax on first use).
bench-peers: release
	scripts/bench-peers

format:
	$(SWIFT) format -i -r Sources Tests Package.swift

clean:
	rm -rf .build
