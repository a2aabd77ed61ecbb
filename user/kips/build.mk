# user/kips: the ip-style command.
KIPS_CLI_OBJS := $(patsubst %.c,%.o,$(wildcard user/kips/*.c))
# Everything but main(): what the unit tests link against.
KIPS_CLI_LIB_OBJS := $(filter-out user/kips/main.o,$(KIPS_CLI_OBJS))
KIPS_CLI := user/kips/kips
USER_BINS += $(KIPS_CLI)

$(KIPS_CLI): $(KIPS_CLI_OBJS) $(LIBKIPS)
	$(CC) $(CFLAGS) -o $@ $^ -lmnl

# Host-side unit tests: user/kips/tests/test_<x>.c, each one program that
# prints PASS:/FAIL: lines and exits non-zero on failure.
KIPS_CLI_TESTS := $(patsubst %.c,%,$(wildcard user/kips/tests/test_*.c))
UNIT_TESTS += $(KIPS_CLI_TESTS)

$(KIPS_CLI_TESTS): user/kips/tests/%: user/kips/tests/%.c user/lib/tests/unit.h $(KIPS_CLI_LIB_OBJS) $(LIBKIPS)
	$(CC) $(CFLAGS) $(KIPS_CFLAGS) -Iuser/kips -Iuser/lib/tests -o $@ $< $(KIPS_CLI_LIB_OBJS) $(LIBKIPS) -lmnl
