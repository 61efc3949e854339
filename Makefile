# gradbook — the two commands of the README: `make run` and `make test`.
SWIFT ?= swift
OUT ?= output
# The MNIST notebooks read ${MNIST_DIR}; use the shared copy beside the checkout
# when it is there (CI and our machines), else data/mnist (scripts/get-mnist).
MNIST_DIR ?= $(abspath $(firstword $(wildcard ../shared/datasets/mnist) data/mnist))
export MNIST_DIR

.PHONY: run test bench deps build release fuzz format clean mnist difftest

deps:
	@scripts/install-deps

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# The MNIST notebook needs the IDX files: fetch them when they are missing
# (scripts/get-mnist says what to do when the machine is offline).
mnist:
	@if [ ! -f "$(MNIST_DIR)/t10k-images-idx3-ubyte.gz" ]; then scripts/get-mnist || true; fi

# Builds (release) and runs every notebook into $(OUT)/.
run: release mnist
	$$($(SWIFT) build -c release --show-bin-path)/gradbook run notebooks/ --out $(OUT)

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

bench: release
	$$($(SWIFT) build -c release --show-bin-path)/gradbook-bench

format:
	$(SWIFT) format -i -r Sources Tests Package.swift

clean:
	rm -rf .build
