# Hardware fingerprint (core/src/fingerprint, `licensekit hwid`). Its tests run in test-rust.
.PHONY: bench-fingerprint hwid

bench-fingerprint: ## fingerprint cost vs node-machine-id, py-machineid, machine-uid, sysinfo (also with 500 idle processes)
	bench/fingerprint/run.sh
	bench/fingerprint/run.sh --procs 500 --quick

hwid: ## print this machine's hardware ID with its explained components and environment evidence
	$(CARGO) run -q -p licensekit-cli -- hwid --explain

# The Windows (registry MachineGuid) and macOS (IOPlatformUUID) sources cannot run here; this
# type-checks the fingerprint module for those targets in a scratch crate under /tmp (the
# full core would need a C cross-compiler for ring). Needs the two std targets installed.
FP_CHECK_DIR ?= /tmp/licensekit-fingerprint-platforms
FP_CHECK_TARGETS ?= x86_64-pc-windows-gnu aarch64-apple-darwin
.PHONY: check-fingerprint-platforms
check-fingerprint-platforms: ## type-check the fingerprint module for Windows and macOS (rustup target add …)
	@mkdir -p $(FP_CHECK_DIR)/src
	@printf '%s\n' '[package]' 'name = "fingerprint-platform-check"' 'version = "0.0.0"' 'edition = "2024"' 'publish = false' \
	  '[dependencies]' 'serde = { version = "1", features = ["derive"] }' 'serde_json = "1"' 'sha2 = "0.10"' '[workspace]' \
	  > $(FP_CHECK_DIR)/Cargo.toml
	@printf '%s\n' '//! Type-check of licensekit-core/src/fingerprint for other targets.' \
	  '#[path = "$(CURDIR)/core/src/fingerprint/mod.rs"]' 'pub mod fingerprint;' > $(FP_CHECK_DIR)/src/lib.rs
	@cp Cargo.lock $(FP_CHECK_DIR)/Cargo.lock
	@for t in $(FP_CHECK_TARGETS); do \
	  rustup target list --installed | grep -qx "$$t" || { echo "target $$t is not installed: rustup target add $$t"; exit 1; }; \
	  echo "clippy fingerprint for $$t"; \
	  (cd $(FP_CHECK_DIR) && $(CARGO) clippy -q --target $$t -- -D warnings) || exit 1; \
	done
