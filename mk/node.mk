# Node (bindings-node/): the napi addon, its npm tooling, the node --test suite with the
# TypeScript check, the generated index.js/index.d.ts, the example and the benchmark.
#
# Fast path (BUILD_NOTES 5): cargo builds the addon once in the shared target dir and we copy
# it to where napi's loader looks; `npx napi build` (which rebuilds everything for an explicit
# --target) runs only to regenerate the committed index.js/index.d.ts.

NODE_DIR := bindings-node
NODE_TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)
NODE_ADDON := $(NODE_DIR)/licensekit.linux-x64-gnu.node
NODE_INSTALLED := $(NODE_DIR)/node_modules/.licensekit-installed
NODE_BIN := $(NODE_DIR)/node_modules/.bin
# Where tests and examples find `licensekit` by name, as an installed package (gitignored).
NODE_LINKS := tests/node/node_modules/licensekit examples/node/node_modules/licensekit

TEST_TARGETS += test-node
DEMO_TARGETS += demo-node
GENERATE_TARGETS += generated-node
GENERATED_FILES += $(NODE_DIR)/index.js $(NODE_DIR)/index.d.ts

.PHONY: node-addon test-node demo-node generated-node bench-node

node-addon: ## build the Node addon (debug) with the test server and CLI its tests use
	$(CARGO) build -p licensekit-node -p licensekit-server -p licensekit-cli
	cp $(NODE_TARGET_DIR)/debug/liblicensekit_node.so $(NODE_ADDON)

# npm install when node_modules is missing or package.json changed (`npm ci` fails with this
# npm and @napi-rs/cli: BUILD_NOTES 6).
$(NODE_INSTALLED): $(NODE_DIR)/package.json
	cd $(NODE_DIR) && npm install --no-audit --no-fund
	touch $@

$(NODE_LINKS):
	mkdir -p $(dir $@)
	ln -sfn ../../../$(NODE_DIR) $@

test-node: node-addon $(NODE_INSTALLED) $(NODE_LINKS) ## the node --test suite against the real server, and tsc on tests/node
	node --test tests/node/
	$(NODE_BIN)/tsc --noEmit -p tests/node

generated-node: $(NODE_INSTALLED) ## regenerate bindings-node/index.js and index.d.ts with napi build
	cd $(NODE_DIR) && $(abspath $(NODE_BIN))/napi build --platform --no-const-enum

demo-node: node-addon $(NODE_LINKS) ## build the addon for scripts/demo.d/50-node.sh (examples/node/check.mjs)

# The benchmark loads the release addon through the package's loader
# (NAPI_RS_NATIVE_LIBRARY_PATH), leaving the debug addon in bindings-node alone.
bench-node: ## addon round trip vs fetch, hardwareId vs node-machine-id (release addon and server)
	$(CARGO) build --release -p licensekit-node -p licensekit-server
	node bench/node/bench.mjs
