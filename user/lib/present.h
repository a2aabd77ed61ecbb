/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which attributes of a plain data struct are set: each struct carries a
 * bit mask `present` indexed by the attribute type of its netlink set, so
 * "absent" and "zero" stay different things all the way to the wire.
 */
#ifndef KIPS_PRESENT_H
#define KIPS_PRESENT_H

#include <stdint.h>

#define KIPS_HAS(obj, attr)	((((obj)->present) >> (attr)) & 1)
#define KIPS_SET(obj, attr)	((obj)->present |= (1ULL << (attr)))
#define KIPS_CLEAR(obj, attr)	((obj)->present &= ~(1ULL << (attr)))

#endif /* KIPS_PRESENT_H */
