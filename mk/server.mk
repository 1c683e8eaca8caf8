# The test server (server/): its Rust tests run in `test-rust` (cargo test --workspace); these are
# the extras. `make bench` already runs the server benchmark through `cargo bench --workspace`.
# `make test` also proves LicenseSpring's official SDKs work against the server (the issue's
# acceptance: "must work unmodified, re-keyed to its public key").
TEST_TARGETS += test-vendor-sdks

SERVER_PORT ?= 8080

.PHONY: bench-server serve

bench-server: ## test-server check throughput vs a bare axum handler (release, ~2 min)
	$(CARGO) bench -p licensekit-server --bench throughput

serve: ## run the test server on the demo fixture on port 8080 (SERVER_PORT=…; Ctrl-C stops it)
	$(CARGO) run -q -p licensekit-server -- --port $(SERVER_PORT)

.PHONY: test-vendor-sdks
test-vendor-sdks: build ## LicenseSpring's official Python and Node SDKs against the test server (installs them under /tmp, ~20 s)
	server/tests/sdk/run.sh
