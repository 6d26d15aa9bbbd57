# mod_authgate - build, test and demo.
#
#   make demo    install what is missing, build, run a demo site on :8080
#   make check   install what is missing, build, run every test
#   make check-asan   the integration tests again, with a sanitized module
#                     under each MPM, and valgrind (make valgrind)
#   make deb     the Debian package, build/libapache2-mod-authgate_*.deb
#   make screenshots  the README's pictures (docs/*.png), taken from the demo
#
# Both install missing Debian packages themselves (make deps, as root).

APXS      ?= apxs
CC        ?= cc
PYTHON    ?= /usr/bin/python3
BUILD     := build

# Debian packages the build, the tests and the demo need.
DEB_PKGS  := apache2 apache2-dev apache2-utils libapr1-dev libaprutil1-dev \
             libcrypt-dev libssl-dev check pkg-config gcc make \
             python3 python3-pytest python3-requests whois curl chromium \
             memcached redis-server fail2ban python3-pytest-xdist \
             clang libclang-rt-14-dev llvm-14 man-db groff-base \
             debhelper dpkg-dev lintian

CORE_SRCS := $(wildcard src/ag_*.c)
GLUE_SRCS := mod_authgate.c $(wildcard src/mod_authgate_*.c)
HEADERS   := $(wildcard include/*.h src/*.h)
UNIT_SRCS := $(wildcard tests/unit/*.c)
CLI_SRCS  := $(wildcard cli/*.c)
CLI_HDRS  := $(wildcard cli/*.h)

WARN      := -Wall -Wextra -Werror
APR_CFLAGS = $(shell apr-1-config --cflags --cppflags --includes) \
             $(shell apu-1-config --includes)
APR_LIBS   = $(shell apu-1-config --link-ld) $(shell apr-1-config --link-ld)
CHECK_LIBS = $(shell pkg-config --libs check)
CORE_LIBS := -lcrypt -lcrypto

# The release, from include/ag_version.h (its one home).
VERSION   := $(shell sed -n 's/^\#define AUTHGATE_VERSION "\(.*\)"/\1/p' \
                 include/ag_version.h)

MODULE    := $(BUILD)/mod_authgate.so
CLI       := $(BUILD)/authgate

.PHONY: all deps build unit unit-asan purity integration check demo install \
        bench bench-memory soak fuzz fuzz-smoke clean check-asan \
        integration-asan integration-asan-serial integration-parallel \
        integration-serial valgrind docs-test uninstall deb deb-version \
        package-test screenshots

all: build

# Debian packages, then Node.js (any install that gives node and npm will
# do), then the browser-test packages pinned in package-lock.json.
deps:
	@scripts/deps.sh $(DEB_PKGS)
	@command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 \
	    || scripts/deps.sh nodejs npm
	@if [ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ]; \
	then echo "deps: npm packages present"; \
	else npm ci --no-audit --no-fund; fi

build: $(MODULE) $(CLI)

$(MODULE): $(GLUE_SRCS) $(CORE_SRCS) $(HEADERS)
	@mkdir -p $(BUILD)
	$(APXS) -c -o $(BUILD)/mod_authgate.la \
	    $(addprefix -Wc$(comma),$(WARN) $(CPPFLAGS) $(CFLAGS)) \
	    -Wc,-std=gnu11 $(addprefix -Wl$(comma),$(LDFLAGS)) \
	    -I include -I src $(GLUE_SRCS) $(CORE_SRCS) $(CORE_LIBS)
	cp $(BUILD)/.libs/mod_authgate.so $@

comma := ,

# The authgate command links the same core as the module.  Both take
# CPPFLAGS, CFLAGS and LDFLAGS from the environment (the Debian package
# passes dpkg-buildflags' hardening flags that way).
$(CLI): $(CLI_SRCS) $(CLI_HDRS) $(CORE_SRCS) $(HEADERS)
	@mkdir -p $(BUILD)
	$(CC) -std=gnu11 -g -O2 $(WARN) $(CPPFLAGS) $(CFLAGS) $(APR_CFLAGS) \
	    -I include -I cli $(LDFLAGS) \
	    -o $@ $(CLI_SRCS) $(CORE_SRCS) $(APR_LIBS) $(CORE_LIBS)

# Unit tests of the httpd-free core, plain and under ASan + UBSan.
$(BUILD)/unit/test_core: $(CORE_SRCS) $(UNIT_SRCS) $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -g -O1 $(WARN) $(APR_CFLAGS) -I include -I tests/unit \
	    -o $@ $(UNIT_SRCS) $(CORE_SRCS) $(APR_LIBS) $(CORE_LIBS) $(CHECK_LIBS)

SAN := -fsanitize=address,undefined -fno-sanitize-recover=all \
       -fno-omit-frame-pointer
$(BUILD)/unit-asan/test_core: $(CORE_SRCS) $(UNIT_SRCS) $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -g -O1 $(SAN) $(WARN) $(APR_CFLAGS) -I include \
	    -I tests/unit -o $@ $(UNIT_SRCS) $(CORE_SRCS) $(APR_LIBS) \
	    $(CORE_LIBS) $(CHECK_LIBS)

# libFuzzer: one target per reader of outside input, tests/fuzz/fuzz_*.c
# (see tests/fuzz/README.md), each with ASan + UBSan.  make fuzz runs every
# target FUZZ_SECONDS on a working copy of its corpus in
# build/fuzz/corpus/<target> (seeded from tests/fuzz/corpus/<target>),
# FUZZ_JOBS at a time, then replays that corpus through a coverage build
# for each target's line coverage of the core (when llvm-cov is there).
FUZZ_SECONDS ?= 60
FUZZ_JOBS    ?= 2
FUZZ_TARGETS := $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS    := $(addprefix $(BUILD)/fuzz/,$(FUZZ_TARGETS))
FUZZ_COV_BINS := $(addprefix $(BUILD)/fuzz-cov/,$(FUZZ_TARGETS))
FUZZ_OBJS    := $(patsubst src/%.c,$(BUILD)/fuzz/obj/%.o,$(CORE_SRCS))
FUZZ_COV_OBJS := $(patsubst src/%.c,$(BUILD)/fuzz-cov/obj/%.o,$(CORE_SRCS))
FUZZ_HARNESS := tests/fuzz/harness.c tests/fuzz/harness.h
FUZZ_CFLAGS  := -std=gnu11 -g -O1 $(WARN) -I include -I tests/fuzz
FUZZ_SAN     := address,undefined -fno-sanitize-recover=all
FUZZ_COV     := -fprofile-instr-generate -fcoverage-mapping
LLVM_COV     := $(shell command -v llvm-cov-14 || command -v llvm-cov)

$(FUZZ_OBJS): $(BUILD)/fuzz/obj/%.o: src/%.c $(HEADERS)
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,$(FUZZ_SAN) \
	    $(APR_CFLAGS) -c -o $@ $<

$(FUZZ_BINS): $(BUILD)/fuzz/%: tests/fuzz/%.c $(FUZZ_HARNESS) $(FUZZ_OBJS)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer,$(FUZZ_SAN) $(APR_CFLAGS) \
	    -o $@ $< tests/fuzz/harness.c $(FUZZ_OBJS) $(APR_LIBS) \
	    $(CORE_LIBS)

# The same targets without sanitizers, for line coverage only.
$(FUZZ_COV_OBJS): $(BUILD)/fuzz-cov/obj/%.o: src/%.c $(HEADERS)
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) $(FUZZ_COV) $(APR_CFLAGS) -c -o $@ $<

$(FUZZ_COV_BINS): $(BUILD)/fuzz-cov/%: tests/fuzz/%.c $(FUZZ_HARNESS) \
                  $(FUZZ_COV_OBJS)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer $(FUZZ_COV) $(APR_CFLAGS) \
	    -o $@ $< tests/fuzz/harness.c $(FUZZ_COV_OBJS) $(APR_LIBS) \
	    $(CORE_LIBS)

fuzz: $(FUZZ_BINS) $(if $(LLVM_COV),$(FUZZ_COV_BINS))
	FUZZ_JOBS=$(FUZZ_JOBS) scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-smoke:
	$(MAKE) fuzz FUZZ_SECONDS=20

unit: $(BUILD)/unit/test_core
	$(BUILD)/unit/test_core

unit-asan: $(BUILD)/unit-asan/test_core
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    CK_FORK=no $(BUILD)/unit-asan/test_core

# The core must stay free of httpd: nothing in src/ag_* or include/ may
# include an httpd header.
purity:
	@if grep -nE '#include *[<"](httpd|http_[a-z_]*|ap_[a-z_]*|mod_[a-z_]*|util_[a-z_]*)\.h' \
	    $(CORE_SRCS) include/*.h; then \
	    echo "purity: the core includes httpd headers (above)"; exit 1; \
	else echo "purity: core is httpd-free"; fi

# The integration tests run TEST_JOBS at a time (pytest-xdist: they wait
# on httpd far more than they compute, and each has its own httpd, port
# and directory), except those marked serial (timing, floods), which run
# one at a time afterwards.  make check-asan runs the same with the
# sanitized module, under each MPM.
TEST_JOBS ?= 3
PYTEST    := $(PYTHON) -m pytest -p no:cacheprovider -q -rfE --durations=10
integration: integration-parallel integration-serial
integration-parallel: $(MODULE) $(CLI)
	$(PYTEST) -n $(TEST_JOBS) -m "not serial" tests/integration
integration-serial: $(MODULE) $(CLI)
	$(PYTEST) -m serial tests/integration

# The documentation: the manual pages render without a warning (man-db's
# man and groff), and the README and man/mod_authgate.8 name every
# directive, reason, template value and variable of the sources, and
# nothing outside the repository (tests/docs, no httpd needed).
docs-test:
	$(PYTEST) tests/docs

# make check and make check-asan print each runner's own summary line and
# end with one table (suite, passed, failed, time); everything else each
# suite writes goes to build/logs/.  Every suite runs even when one before
# it failed, and the table's verdict is the target's.
SUITE     := scripts/suite.sh
SUBMAKE   := $(MAKE) --no-print-directory

check: deps
	@$(SUITE) --reset
	@$(SUITE) build step $(SUBMAKE) build; \
	$(SUITE) purity step $(SUBMAKE) purity; \
	$(SUITE) "docs" pytest $(SUBMAKE) docs-test; \
	$(SUITE) "unit" check $(SUBMAKE) unit; \
	$(SUITE) "unit (ASan+UBSan)" check $(SUBMAKE) unit-asan; \
	$(SUITE) "fuzz" fuzz $(SUBMAKE) fuzz-smoke; \
	$(SUITE) "integration" pytest $(SUBMAKE) integration-parallel; \
	$(SUITE) "integration (serial)" pytest $(SUBMAKE) integration-serial; \
	$(SUITE) "package (deb)" pytest $(SUBMAKE) package-test; \
	$(SUITE) --table

# The module built with AddressSanitizer and UndefinedBehaviorSanitizer
# (gcc's, as httpd's own modules are built), loaded into Debian's httpd
# with the ASan runtime preloaded, for the whole integration suite under
# the event MPM and again under prefork (MPM=event or MPM=prefork for
# one of them alone), then make valgrind.  Any report fails the test
# that was running (tests/integration/conftest.py); reports are kept in
# build/asan/reports-MPM/WORKER/.
ASAN_MODULE := $(BUILD)/asan/mod_authgate.so
$(ASAN_MODULE): $(GLUE_SRCS) $(CORE_SRCS) $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) -shared -fPIC -std=gnu11 -g -O1 $(SAN) $(WARN) \
	    $(shell $(APXS) -q EXTRA_CPPFLAGS) -I$(shell $(APXS) -q INCLUDEDIR) \
	    $(APR_CFLAGS) -I include -I src -o $@ $(GLUE_SRCS) $(CORE_SRCS) \
	    $(CORE_LIBS)

MPM      ?= event
ASAN_ENV = AUTHGATE_TEST_MODULE=$(CURDIR)/$(ASAN_MODULE) \
           AUTHGATE_TEST_MPM=$(MPM) \
           AUTHGATE_SANITIZER_LOGS=$(CURDIR)/$(BUILD)/asan/reports-$(MPM)
integration-asan: $(ASAN_MODULE) $(CLI)
	rm -rf $(BUILD)/asan/reports-$(MPM)
	$(ASAN_ENV) $(PYTEST) -n $(TEST_JOBS) -m "not serial" tests/integration
integration-asan-serial: $(ASAN_MODULE) $(CLI)
	$(ASAN_ENV) $(PYTEST) -m serial tests/integration

# valgrind's memcheck of httpd -X with the module under a short mixed load
# (tests/memcheck/memcheck.py): zero errors, zero bytes definitely lost.
valgrind: deps $(MODULE) $(CLI)
	@scripts/deps.sh valgrind
	$(PYTHON) tests/memcheck/memcheck.py

check-asan: deps
	@$(SUITE) --reset
	@$(SUITE) "build (ASan+UBSan)" step $(SUBMAKE) build $(ASAN_MODULE); \
	for mpm in event prefork; do \
	    $(SUITE) "integration (ASan, $$mpm)" pytest \
	        $(SUBMAKE) integration-asan MPM=$$mpm; \
	    $(SUITE) "integration (ASan, $$mpm, serial)" pytest \
	        $(SUBMAKE) integration-asan-serial MPM=$$mpm; \
	done; \
	$(SUITE) "valgrind (httpd -X)" step $(SUBMAKE) valgrind; \
	$(SUITE) --table

demo: deps
	$(MAKE) build
	scripts/demo.sh

# The README's pictures (docs/401.png, 401-phone.png, 403.png,
# 403-phone.png), taken in Chromium from make demo's own site
# (tests/browser/screenshots.mjs starts scripts/demo.sh on a free port).
screenshots: deps
	$(MAKE) build
	node tests/browser/screenshots.mjs docs

# Throughput against a no-auth baseline (wrk on loopback), then the same
# under password guessing and lockout (a second wrk, a redis-server on a
# free loopback port); and the memory check (ab, 1,000,000 requests).
bench: deps $(MODULE)
	@scripts/deps.sh wrk redis-server
	$(PYTHON) bench/bench.py
	$(PYTHON) bench/flood.py

bench-memory: deps $(MODULE)
	$(PYTHON) bench/memory.py

# The soak test: ten minutes of mixed load (wrk, 256
# connections) through one httpd restarted gracefully every 30 s while
# its files are rewritten every 10 s; exits non-zero when a criterion
# fails.  SOAK_SECONDS=60 make soak for a short run.
soak: deps $(MODULE) $(CLI)
	@scripts/deps.sh wrk
	$(PYTHON) bench/soak.py

# Install the module, the authgate command and its manual page and, on
# Debian, the module's a2enmod files.
LIBEXECDIR = $(shell $(APXS) -q LIBEXECDIR)
BINDIR    ?= /usr/local/bin
MANDIR    ?= /usr/local/share/man
install: $(MODULE) $(CLI)
	@$(NOT_DPKG_OWNED)
	install -d $(DESTDIR)$(LIBEXECDIR)
	install -m 644 $(MODULE) $(DESTDIR)$(LIBEXECDIR)/mod_authgate.so
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man8
	install -m 755 $(CLI) $(DESTDIR)$(BINDIR)/authgate
	install -m 644 man/authgate.1 $(DESTDIR)$(MANDIR)/man1/authgate.1
	install -m 644 man/mod_authgate.8 $(DESTDIR)$(MANDIR)/man8/mod_authgate.8
	@if [ -d $(DESTDIR)/etc/apache2/mods-available ]; then \
	    m=$(DESTDIR)/etc/apache2/mods-available; \
	    echo "install -m 644 conf/authgate.load $$m/"; \
	    install -m 644 conf/authgate.load $$m/; \
	    if [ -f $$m/authgate.conf ] && \
	        ! cmp -s conf/authgate.conf $$m/authgate.conf; then \
	        echo "make install: $$m/authgate.conf differs from" \
	            "conf/authgate.conf (edited?): kept it; the shipped" \
	            "one is $$m/authgate.conf.dist"; \
	        install -m 644 conf/authgate.conf $$m/authgate.conf.dist; \
	    else \
	        echo "install -m 644 conf/authgate.conf $$m/"; \
	        install -m 644 conf/authgate.conf $$m/; \
	        rm -f $$m/authgate.conf.dist; fi; fi

# Remove what make install installed (same DESTDIR, BINDIR, MANDIR),
# after a2dismod when the module is enabled on this machine (without
# DESTDIR), and a2dismod's record of it, as apt-get purge does.  An
# authgate.conf that differs from conf/authgate.conf (edited) stays.
# Directories stay.  a2dismod leaves socache_shmcb enabled, which
# a2enmod authgate enabled with it (see the README).  A site that still
# uses the module's directives stops apache2 from starting: said, with
# the file and line apache2ctl configtest names.
uninstall:
	@$(NOT_DPKG_OWNED)
	@if [ -z "$(DESTDIR)" ] && command -v a2query >/dev/null && \
	    a2query -q -m authgate; then echo "a2dismod -q authgate"; \
	    a2dismod -q authgate; fi
	@if [ -z "$(DESTDIR)" ] && command -v a2dismod >/dev/null && \
	    [ -e /etc/apache2/mods-available/authgate.load ]; then \
	    echo "a2dismod -q -p authgate"; a2dismod -q -p authgate; fi
	rm -f $(DESTDIR)$(LIBEXECDIR)/mod_authgate.so \
	    $(DESTDIR)$(BINDIR)/authgate \
	    $(DESTDIR)$(MANDIR)/man1/authgate.1 \
	    $(DESTDIR)$(MANDIR)/man8/mod_authgate.8 \
	    $(DESTDIR)/etc/apache2/mods-available/authgate.load \
	    $(DESTDIR)/etc/apache2/mods-available/authgate.conf.dist
	@c=$(DESTDIR)/etc/apache2/mods-available/authgate.conf; \
	if [ -f $$c ]; then \
	    if cmp -s conf/authgate.conf $$c; then echo "rm -f $$c"; \
	        rm -f $$c; \
	    else echo "make uninstall: $$c differs from" \
	        "conf/authgate.conf (edited?): kept it"; fi; fi
	@if [ -z "$(DESTDIR)" ] && command -v apache2ctl >/dev/null && \
	    [ -d /etc/apache2 ] && ! apache2ctl configtest >/dev/null 2>&1; \
	    then echo "make uninstall: apache2ctl configtest fails now:" \
	        "a site or .conf still uses AuthGate directives (a2dissite" \
	        "it, or take them out) before apache2 restarts:" >&2; \
	    apache2ctl configtest 2>&1 | grep -v AH00558 >&2 || true; fi

# make install and make uninstall keep off a module that the Debian
# package installed: dpkg owns those files.
NOT_DPKG_OWNED = if [ -z "$(DESTDIR)" ] && \
    dpkg-query -S $(LIBEXECDIR)/mod_authgate.so >/dev/null 2>&1; then \
    echo "$(LIBEXECDIR)/mod_authgate.so belongs to a Debian package" \
        "($(DEB_NAME)): remove it with apt-get purge $(DEB_NAME)," \
        "or give DESTDIR" >&2; exit 1; fi

# The Debian package (debian/), built with debhelper and dh_apache2 from
# a copy of the tree in build/deb/, so that dpkg-buildpackage writes the
# .deb (and its -dbgsym, .buildinfo, .changes) to build/.  The release
# in debian/changelog must be the one in include/ag_version.h.
DEB_NAME  := libapache2-mod-authgate
DEB_ARCH  := $(shell dpkg --print-architecture 2>/dev/null)
DEB       := $(BUILD)/$(DEB_NAME)_$(VERSION)_$(DEB_ARCH).deb
DEB_SRC   := $(BUILD)/deb
DEB_INPUT := $(GLUE_SRCS) $(CORE_SRCS) $(HEADERS) $(CLI_SRCS) $(CLI_HDRS) \
             $(UNIT_SRCS) Makefile README.md LICENSE \
             $(shell find debian conf man -type f 2>/dev/null)

deb: $(DEB)

deb-version:
	@v=$$(dpkg-parsechangelog -l debian/changelog -S Version); \
	if [ "$$v" != "$(VERSION)" ]; then \
	    echo "deb: debian/changelog is at $$v but include/ag_version.h" \
	        "at $(VERSION): add a changelog entry (dch -v $(VERSION))" >&2; \
	    exit 1; fi

$(DEB): $(DEB_INPUT) | deb-version
	rm -rf $(DEB_SRC) $(BUILD)/$(DEB_NAME)_* $(BUILD)/$(DEB_NAME)-dbgsym_*
	mkdir -p $(DEB_SRC)
	tar -cf - --exclude-vcs --exclude=./build --exclude=./node_modules \
	    --exclude=.libs --exclude='*.o' --exclude='*.lo' \
	    --exclude='*.slo' --exclude='*.la' --exclude=__pycache__ . | \
	    tar -xf - -C $(DEB_SRC)
	cd $(DEB_SRC) && dpkg-buildpackage -us -uc -b
	@ls -l $@

# Build the package, lint it, install it on this machine (as root),
# start httpd with it, a2enmod and a2dismod it, purge it, and
# make install / make uninstall (tests/package/, which leaves this
# machine's apache2 set-up as it found it).
package-test: $(DEB) $(MODULE) $(CLI)
	$(PYTEST) tests/package

clean:
	rm -rf $(BUILD) .libs src/.libs *.lo *.slo *.la src/*.lo src/*.slo \
	    src/*.o *.o
