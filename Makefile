# gradbook — the two commands of the README: `make run` and `make test`.
SWIFT ?= swift
OUT ?= output
# The MNIST notebooks read ${MNIST_DIR}; use the shared copy beside the checkout
# when it is there (CI and our machines), else data/mnist (scripts/get-mnist).
MNIST_DIR ?= $(abspath $(firstword $(wildcard ../shared/datasets/mnist) data/mnist))
export MNIST_DIR

.PHONY: run test bench deps build release fuzz format clean mnist preview test-preview

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

bench: deps
	$(SWIFT) build -c release --product gradbook-bench
	$$($(SWIFT) build -c release --show-bin-path)/gradbook-bench

format:
	$(SWIFT) format -i -r Sources Tests Package.swift

clean:
	rm -rf .build
