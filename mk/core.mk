# Core client (licensekit-core): the shared vectors alone, and the client benchmark.
.PHONY: test-vectors bench-client

test-vectors: ## run the shared test vectors (tests/vectors/vectors.json) against the test server
	$(CARGO) test -p licensekit-core --test vectors

bench-client: ## client round trip vs bare reqwest, and the outcome mapping (release)
	$(CARGO) bench -p licensekit-core --bench client
