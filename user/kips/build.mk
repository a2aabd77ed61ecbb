# user/kips: the ip-style command.
KIPS_CLI_OBJS := $(patsubst %.c,%.o,$(wildcard user/kips/*.c))
KIPS_CLI := user/kips/kips
USER_BINS += $(KIPS_CLI)

$(KIPS_CLI): $(KIPS_CLI_OBJS) $(LIBKIPS)
	$(CC) $(CFLAGS) -o $@ $^ -lmnl
