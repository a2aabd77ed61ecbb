# kips: `make` builds kips.ko and the user-space programs.
#
#   make                 build everything (KDIR=... picks the kernel headers)
#   make check           install what tests need, build, run every test
#   make demo            install what it needs, build, show kips in a VM
#   make deps            install build and test dependencies from Debian
#   make unit            host-side unit tests only
#   make clean
VERSION := $(shell cat VERSION)
KDIR ?= $(shell scripts/kdir)

CC ?= cc
CFLAGS ?= -O2 -g
KIPS_CFLAGS := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror \
	-Wformat=2 -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Iinclude/uapi -Iuser/lib -DKIPS_VERSION='"$(VERSION)"'

USER_BINS :=
UNIT_TESTS :=
CLEAN_FILES :=

.PHONY: all module user check demo deps unit clean
all: module user

include user/lib/build.mk
include user/kips/build.mk
-include user/ikev1d/build.mk

module:
	@if [ -z "$(KDIR)" ] || [ ! -e "$(KDIR)/Makefile" ]; then \
		echo "no kernel headers found: run 'make deps' (installs linux-headers-amd64) or set KDIR=" >&2; \
		exit 1; fi
	$(MAKE) -C $(KDIR) M=$(CURDIR) KIPS_VERSION=$(VERSION) modules

user: $(USER_BINS)

user/%.o: user/%.c $(wildcard include/uapi/linux/*.h) $(wildcard user/lib/*.h)
	$(CC) $(CFLAGS) $(KIPS_CFLAGS) $(CFLAGS_$(dir $@)) -MMD -MP -c -o $@ $<

-include $(shell find user -name '*.d' 2>/dev/null)

deps:
	@scripts/deps all

unit: $(UNIT_TESTS)
	@selftests/unit $(UNIT_TESTS)

check:
	@scripts/deps all
	@$(MAKE) --no-print-directory all
	@selftests/check

demo:
	@scripts/deps all
	@$(MAKE) --no-print-directory all
	@selftests/vm/run -- selftests/demo.sh

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null
	rm -f $(USER_BINS) $(UNIT_TESTS) $(CLEAN_FILES)
	find user -name '*.[od]' -delete
	rm -rf build
