/* SPDX-License-Identifier: GPL-2.0 */
/*
 * In-kernel self-tests of what the control plane cannot show from user
 * space before the datapath exists: SPD lookup against a linear reference,
 * the replay window, lifetime accounting, SAD selection and ACQUIRE.  Run
 * at load with the module parameter selftest=1 (selftests/kernel_selftest.sh).
 */
#ifndef _KIPS_SELFTEST_H
#define _KIPS_SELFTEST_H

/* 0 when every test passed; each result is logged. */
int kips_selftest_run(void);

#endif /* _KIPS_SELFTEST_H */
