# user/ikev1d: the IKEv1 daemon, ikev1ctl, unit tests, fuzzers, interop.
#
# Everything but the two programs' main files goes into a static library
# that the daemon, each unit test and the fuzzers use, so tests run the
# very code the daemon does.
IKEV1D_DIR := user/ikev1d
IKEV1D_SRCS := $(filter-out $(IKEV1D_DIR)/main.c $(IKEV1D_DIR)/ikev1ctl.c,\
	$(wildcard $(IKEV1D_DIR)/*.c))
IKEV1D_OBJS := $(IKEV1D_SRCS:.c=.o)
IKEV1D_LIB := $(IKEV1D_DIR)/libikev1d.a
IKEV1D := $(IKEV1D_DIR)/ikev1d
IKEV1CTL := $(IKEV1D_DIR)/ikev1ctl
IKEV1D_TESTS := $(patsubst %.c,%,$(wildcard $(IKEV1D_DIR)/tests/test_*.c))
IKEV1D_LIBS := $(LIBKIPS) -lcrypto -lmnl

USER_BINS += $(IKEV1D) $(IKEV1CTL)
UNIT_TESTS += $(IKEV1D_TESTS)
CLEAN_FILES += $(IKEV1D_LIB)
CFLAGS_$(IKEV1D_DIR)/tests/ := -I$(IKEV1D_DIR)

$(IKEV1D_LIB): $(IKEV1D_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

$(IKEV1D): $(IKEV1D_DIR)/main.o $(IKEV1D_LIB) $(LIBKIPS)
	$(CC) $(CFLAGS) -o $@ $(IKEV1D_DIR)/main.o $(IKEV1D_LIB) $(IKEV1D_LIBS)

$(IKEV1CTL): $(IKEV1D_DIR)/ikev1ctl.o
	$(CC) $(CFLAGS) -o $@ $^

$(IKEV1D_TESTS): %: %.o $(IKEV1D_LIB) $(LIBKIPS)
	$(CC) $(CFLAGS) -o $@ $*.o $(IKEV1D_LIB) $(IKEV1D_LIBS)

# ikev1d against strongSwan's charon in network namespaces, IKE only (root,
# strongSwan installed; not part of `make unit`).
.PHONY: ikev1d-interop
ikev1d-interop: $(IKEV1D) $(IKEV1CTL)
	$(IKEV1D_DIR)/tests/interop_charon.sh

# The fuzzers, built only on request with clang's libFuzzer:
#   make ikev1d-fuzz
#   build/fuzz_parse -max_total_time=300 build/fuzz-corpus
#   build/fuzz_conf -max_total_time=120
#   build/fuzz_engine -max_total_time=120
IKEV1D_FUZZ := build/fuzz_parse build/fuzz_conf build/fuzz_engine
.PHONY: ikev1d-fuzz
ikev1d-fuzz: $(IKEV1D_FUZZ)
$(IKEV1D_FUZZ): build/%: $(IKEV1D_DIR)/tests/%.c $(IKEV1D_SRCS) $(wildcard $(IKEV1D_DIR)/*.h)
	@mkdir -p build
	clang -g -O1 -fsanitize=fuzzer,address,undefined $(KIPS_CFLAGS) \
		-I$(IKEV1D_DIR) -o $@ $< $(IKEV1D_SRCS) $(wildcard user/lib/*.c) \
		-lcrypto -lmnl
