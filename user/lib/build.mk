# user/lib: the netlink client and helpers shared by kips and ikev1d.
LIBKIPS_OBJS := $(patsubst %.c,%.o,$(wildcard user/lib/*.c))
LIBKIPS := user/lib/libkips.a
CLEAN_FILES += $(LIBKIPS)

$(LIBKIPS): $(LIBKIPS_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

# Host-side unit tests of the library: user/lib/tests/test_<x>.c, each one
# program that prints PASS:/FAIL: lines and exits non-zero on failure.
LIBKIPS_TESTS := $(patsubst %.c,%,$(wildcard user/lib/tests/test_*.c))
UNIT_TESTS += $(LIBKIPS_TESTS)

$(LIBKIPS_TESTS): user/lib/tests/%: user/lib/tests/%.c user/lib/tests/unit.h $(LIBKIPS)
	$(CC) $(CFLAGS) $(KIPS_CFLAGS) -Iuser/lib/tests -o $@ $< $(LIBKIPS) -lmnl
