# The Python package (bindings-python/): wheel, fresh-venv tests, stubs, demo, benchmark.
#
#   make test-python       build the wheel, install it into a fresh venv, pytest + mypy --strict + stubtest
#   make generated-python  regenerate the outcome block of licensekit/__init__.pyi
#   make demo-python       build the venv that scripts/demo.d/40-python.sh uses
#   make bench-python      release wheel vs requests/urllib3 and py-machineid/LicenseSpring's hwid
#
# Everything lives under build/python/ (gitignored). The wheel and the venvs are rebuilt only
# when their inputs change, so an unchanged re-run costs a cargo no-op and the tests.

PYTHON ?= python3
PY_DIR := build/python
PY_TOOLS := $(PY_DIR)/tools
PY_VENV := $(PY_DIR)/venv
PY_BENCH_VENV := $(PY_DIR)/bench-venv
PY_PKG := bindings-python/python/licensekit
PY_STUB := $(PY_PKG)/__init__.pyi
# maturin builds with PYO3_BUILD_EXTENSION_MODULE and its own PYO3_PYTHON; in the shared
# target dir that invalidates pyo3's build script for every plain `cargo build` and back
# (two ~20 s rebuilds per round). Its own target dir keeps both incremental.
PY_CARGO_TARGET := $(PY_DIR)/target
# Inputs of the wheel: the binding, the package, and the core it links.
PY_WHEEL_INPUTS := $(shell find bindings-python core/src core/Cargo.toml -type f \
	\( -name '*.rs' -o -name '*.py' -o -name '*.pyi' -o -name '*.toml' -o -name py.typed -o -name '*.md' \) \
	-not -path '*/__pycache__/*' 2>/dev/null) Cargo.toml Cargo.lock

.PHONY: test-python test-python-versions generated-python demo-python bench-python py-binaries

TEST_TARGETS += test-python test-python-versions
DEMO_TARGETS += demo-python
GENERATE_TARGETS += generated-python
GENERATED_FILES += $(PY_STUB)

$(PY_TOOLS)/.ok:
	rm -rf $(PY_TOOLS)
	$(PYTHON) -m venv $(PY_TOOLS)
	$(PY_TOOLS)/bin/pip install -q --disable-pip-version-check 'maturin>=1.16,<2'
	touch $@

# Debug wheel for tests and the demo (stripped: 21 MB of debug info buys nothing here).
$(PY_DIR)/wheel/.ok: $(PY_TOOLS)/.ok $(PY_WHEEL_INPUTS)
	rm -rf $(PY_DIR)/wheel
	cd bindings-python && CARGO_TARGET_DIR=../$(PY_CARGO_TARGET) ../$(PY_TOOLS)/bin/maturin build --quiet --strip --out ../$(PY_DIR)/wheel
	touch $@

# The test server and the CLI the suite runs (only these: a broken unrelated crate must not
# stop the Python tests).
py-binaries:
	$(CARGO) build -q -p licensekit-server -p licensekit-cli

# A fresh venv per wheel: what `pip install licensekit` gives a user, plus the test tools.
$(PY_VENV)/.ok: $(PY_DIR)/wheel/.ok
	rm -rf $(PY_VENV)
	$(PYTHON) -m venv $(PY_VENV)
	$(PY_VENV)/bin/pip install -q --disable-pip-version-check $(PY_DIR)/wheel/licensekit-*.whl \
		'pytest>=8' 'mypy>=1.10'
	touch $@

test-python: py-binaries $(PY_VENV)/.ok ## Python: fresh-venv wheel, pytest against the test server, mypy --strict, stubtest
	cd tests/python && ../../$(PY_VENV)/bin/python -m pytest -p no:cacheprovider -q
	$(PY_VENV)/bin/mypy --strict --cache-dir $(PY_DIR)/mypy-cache tests/python examples/python
	$(PY_VENV)/bin/python -m mypy.stubtest licensekit \
		--allowlist bindings-python/tools/stubtest-allowlist.txt

# The abi3 wheel's floor and the newest CPython, when this machine has them (on PATH, or
# installed by pyenv without being selected).
PY_OTHER_VERSIONS ?= 3.9 3.13

$(PY_DIR)/venv-%/.ok: $(PY_DIR)/wheel/.ok
	rm -rf $(PY_DIR)/venv-$*
	$(PY_VERSION_BIN) -m venv $(PY_DIR)/venv-$*
	$(PY_DIR)/venv-$*/bin/pip install -q --disable-pip-version-check $(PY_DIR)/wheel/licensekit-*.whl 'pytest>=8'
	touch $@

test-python-versions: py-binaries ## Python: the same wheel and suite on CPython 3.9 and 3.13
	@for v in $(PY_OTHER_VERSIONS); do \
	  bin=; for c in python$$v $$(pyenv root 2>/dev/null)/versions/$$v*/bin/python$$v; do \
	    if "$$c" -c '' >/dev/null 2>&1; then bin=$$c; break; fi; done; \
	  if [ -z "$$bin" ]; then echo "CPython $$v is not installed: skipped"; continue; fi; \
	  $(MAKE) -s $(PY_DIR)/venv-$$v/.ok PY_VERSION_BIN=$$bin || exit 1; \
	  echo "== CPython $$v ($$bin)"; \
	  (cd tests/python && ../../$(PY_DIR)/venv-$$v/bin/python -m pytest -p no:cacheprovider -q) || exit 1; \
	done

generated-python: ## regenerate the Outcome block of the Python stubs from the core's table
	$(CARGO) run -q -p licensekit-cli -- outcomes --json | $(PYTHON) bindings-python/tools/gen_stub.py $(PY_STUB)

demo-python: $(PY_VENV)/.ok

# Release wheel for the benchmark, in its own venv with the peers it is measured against.
$(PY_DIR)/wheel-release/.ok: $(PY_TOOLS)/.ok $(PY_WHEEL_INPUTS)
	rm -rf $(PY_DIR)/wheel-release
	cd bindings-python && CARGO_TARGET_DIR=../$(PY_CARGO_TARGET) ../$(PY_TOOLS)/bin/maturin build --quiet --release --strip --out ../$(PY_DIR)/wheel-release
	touch $@

$(PY_BENCH_VENV)/.ok: $(PY_DIR)/wheel-release/.ok
	rm -rf $(PY_BENCH_VENV)
	$(PYTHON) -m venv $(PY_BENCH_VENV)
	$(PY_BENCH_VENV)/bin/pip install -q --disable-pip-version-check $(PY_DIR)/wheel-release/licensekit-*.whl \
		requests urllib3 py-machineid licensespring-hardware-id-generator
	touch $@

bench-python: $(PY_BENCH_VENV)/.ok ## Python benchmark: round trip vs requests/urllib3, hardware_id vs peers
	$(CARGO) build -q --release -p licensekit-server
	$(PY_BENCH_VENV)/bin/python bench/python/bench.py
