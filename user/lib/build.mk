# user/lib: the netlink client and helpers shared by kips and ikev1d.
LIBKIPS_OBJS := user/lib/nl.o user/lib/json.o
LIBKIPS := user/lib/libkips.a
CLEAN_FILES += $(LIBKIPS)

$(LIBKIPS): $(LIBKIPS_OBJS)
	$(AR) rcs $@ $^
