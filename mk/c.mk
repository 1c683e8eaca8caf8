# The C ABI (ffi-c/): header generation, the C test suites (shared and static library, C and
# C++, all under valgrind), the C example, `make install` and the C benchmark.

C_PROFILE_DIR := target/debug
C_BUILD := target/c
C_CC := gcc
C_CXX := g++
C_CFLAGS := -std=c99 -pedantic -Wall -Wextra -Werror -g -O1 -Iinclude -pthread
C_CXXFLAGS := -std=c++11 -pedantic -Wall -Wextra -Werror -g -O1 -Iinclude -pthread
# What the staticlib needs from the system: `cargo rustc -p licensekit-ffi --lib --crate-type
# staticlib -- --print native-static-libs` prints this list (checked on this machine).
C_NATIVE_LIBS := -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc
C_SHARED_LINK := -L$(C_PROFILE_DIR) -llicensekit -Wl,-rpath,$(abspath $(C_PROFILE_DIR))
C_STATIC_LINK := $(C_PROFILE_DIR)/liblicensekit.a $(C_NATIVE_LIBS)
# Definite and indirect leaks and every invalid access fail the run. "Possibly lost" and
# "still reachable" blocks are process-lifetime caches (the fingerprint cache, the Rust
# runtime's thread records) and are neither shown nor errors. No suppression file is needed.
# The fork test's child reports through a pipe; its own exit is not checked (it holds the
# parent's copied heap, including memory only the parent's threads pointed to).
C_VALGRIND := valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect \
	--errors-for-leak-kinds=definite,indirect --error-exitcode=1 --child-silent-after-fork=yes
C_TEST_SOURCES := $(wildcard tests/c/*.c)
C_TEST_OBJECTS := $(patsubst tests/c/%.c,$(C_BUILD)/%.o,$(C_TEST_SOURCES)) $(C_BUILD)/test_cpp.o

TEST_TARGETS += test-c
DEMO_TARGETS += c-lib
GENERATE_TARGETS += generated-c
GENERATED_FILES += include/licensekit.h ffi-c/src/outcome_enum.rs

.PHONY: c-lib test-c test-c-install example-c generated-c install bench-c

c-lib: ## build liblicensekit (.so and .a) and the test server
	$(CARGO) build -p licensekit-ffi -p licensekit-server
	@# Programs linked to the .so ask for its SONAME at run time.
	ln -sf liblicensekit.so $(C_PROFILE_DIR)/liblicensekit.so.$(C_ABI)

generated-c: ## regenerate ffi-c/src/outcome_enum.rs and include/licensekit.h
	LICENSEKIT_BLESS=1 $(CARGO) test -q -p licensekit-ffi --test generated -- --test-threads=1

$(C_BUILD)/%.o: tests/c/%.c tests/c/*.h include/licensekit.h
	@mkdir -p $(C_BUILD)
	$(C_CC) $(C_CFLAGS) -c $< -o $@

$(C_BUILD)/test_cpp.o: tests/c/test_cpp.cpp tests/c/*.h include/licensekit.h
	@mkdir -p $(C_BUILD)
	$(C_CXX) $(C_CXXFLAGS) -c $< -o $@

$(C_BUILD)/test-shared: $(C_TEST_OBJECTS) c-lib
	$(C_CXX) -pthread $(C_TEST_OBJECTS) $(C_SHARED_LINK) -o $@

$(C_BUILD)/test-static: $(C_TEST_OBJECTS) c-lib
	$(C_CXX) -pthread $(C_TEST_OBJECTS) $(C_STATIC_LINK) -o $@

test-c: $(C_BUILD)/test-shared $(C_BUILD)/test-static test-c-install ## the C/C++ suites against the real server, under valgrind
	LICENSEKIT_SERVER=$(C_PROFILE_DIR)/licensekit-server $(C_VALGRIND) $(C_BUILD)/test-shared
	LICENSEKIT_SERVER=$(C_PROFILE_DIR)/licensekit-server $(C_VALGRIND) $(C_BUILD)/test-static

# `make install` into a scratch prefix, then the example built from it through pkg-config, once
# against the .so (found through its SONAME link) and once statically, and run against the server.
C_TEST_PREFIX := $(abspath $(C_BUILD)/prefix)
test-c-install: c-lib
	rm -rf $(C_TEST_PREFIX)
	$(MAKE) -s install PREFIX=$(C_TEST_PREFIX) C_INSTALL_PROFILE=debug
	PKG_CONFIG_PATH=$(C_TEST_PREFIX)/lib/pkgconfig $(C_CC) $(C_CFLAGS) examples/c/check.c \
		$$(PKG_CONFIG_PATH=$(C_TEST_PREFIX)/lib/pkgconfig pkg-config --cflags --libs licensekit) \
		-Wl,-rpath,$(C_TEST_PREFIX)/lib -o $(C_BUILD)/check-installed
	PKG_CONFIG_PATH=$(C_TEST_PREFIX)/lib/pkgconfig $(C_CC) $(C_CFLAGS) examples/c/check.c \
		$$(PKG_CONFIG_PATH=$(C_TEST_PREFIX)/lib/pkgconfig pkg-config --cflags licensekit) \
		$(C_TEST_PREFIX)/lib/liblicensekit.a \
		$$(PKG_CONFIG_PATH=$(C_TEST_PREFIX)/lib/pkgconfig pkg-config --libs-only-l --static licensekit | sed 's/-llicensekit//') \
		-o $(C_BUILD)/check-installed-static
	readelf -d $(C_BUILD)/check-installed | grep -q 'NEEDED.*liblicensekit.so.$(C_ABI)'
	LICENSEKIT_SERVER=$(C_PROFILE_DIR)/licensekit-server tests/c/with-server.sh $(C_BUILD)/check-installed
	LICENSEKIT_SERVER=$(C_PROFILE_DIR)/licensekit-server tests/c/with-server.sh $(C_BUILD)/check-installed-static
	@# The README's 10-line C example, exactly as printed there.
	$(C_CC) $(C_CFLAGS) examples/c/readme.c $(C_SHARED_LINK) -o $(C_BUILD)/readme
	LICENSEKIT_SERVER=$(C_PROFILE_DIR)/licensekit-server tests/c/with-server.sh $(C_BUILD)/readme

$(C_BUILD)/check: examples/c/check.c include/licensekit.h c-lib
	@mkdir -p $(C_BUILD)
	$(C_CC) $(C_CFLAGS) $< $(C_SHARED_LINK) -o $@

example-c: $(C_BUILD)/check ## build examples/c/check.c (run by scripts/demo.d/30-c.sh)

# ---- make install PREFIX=... ----
PREFIX ?= /usr/local
C_INSTALL_PROFILE ?= release
C_VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
C_ABI := $(shell echo $(C_VERSION) | awk -F. '{ print ($$1 == 0) ? "0." $$2 : $$1 }')
C_INSTALL_DIR := target/$(if $(filter release,$(C_INSTALL_PROFILE)),release,debug)

install: ## install the header, liblicensekit.so/.a and licensekit.pc under PREFIX (default /usr/local)
	$(CARGO) build -p licensekit-ffi $(if $(filter release,$(C_INSTALL_PROFILE)),--release)
	install -d $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 644 include/licensekit.h $(DESTDIR)$(PREFIX)/include/licensekit.h
	install -m 755 $(C_INSTALL_DIR)/liblicensekit.so $(DESTDIR)$(PREFIX)/lib/liblicensekit.so.$(C_VERSION)
	ln -sf liblicensekit.so.$(C_VERSION) $(DESTDIR)$(PREFIX)/lib/liblicensekit.so.$(C_ABI)
	ln -sf liblicensekit.so.$(C_ABI) $(DESTDIR)$(PREFIX)/lib/liblicensekit.so
	install -m 644 $(C_INSTALL_DIR)/liblicensekit.a $(DESTDIR)$(PREFIX)/lib/liblicensekit.a
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(C_VERSION)|' -e 's|@NATIVE_LIBS@|$(C_NATIVE_LIBS)|' \
		ffi-c/licensekit.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/licensekit.pc

# ---- make bench-c: the C ABI's overhead (release builds; libcurl is the round-trip peer) ----
C_BENCH_CFLAGS := -std=c99 -Wall -Wextra -Werror -O2 -Iinclude -pthread
bench-c: ## C ABI overhead over the Rust core (local ops) and a check round trip vs libcurl
	@dpkg -s libcurl4-openssl-dev >/dev/null 2>&1 || apt-get install -y libcurl4-openssl-dev
	$(CARGO) build --release -p licensekit-ffi -p licensekit-server
	ln -sf liblicensekit.so target/release/liblicensekit.so.$(C_ABI)
	@mkdir -p $(C_BUILD)
	$(C_CC) $(C_BENCH_CFLAGS) tests/c/bench/bench.c tests/c/harness.c -o $(C_BUILD)/bench \
		-Ltarget/release -llicensekit -Wl,-rpath,$(abspath target/release) -lcurl
	$(CARGO) bench --no-run -q -p licensekit-ffi --bench core_baseline
	LICENSEKIT_SERVER=target/release/licensekit-server tests/c/with-server.sh sh -c \
		'LICENSEKIT_URL=$$0 $(C_BUILD)/bench $$($(CARGO) bench -q -p licensekit-ffi --bench core_baseline -- $$0)'
