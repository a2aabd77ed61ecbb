// SPDX-License-Identifier: GPL-2.0
/*
 * Raises one kernel WARNING when loaded.  Used only by selftests/vm/selftest
 * to prove that the VM runner fails a run whose guest kernel warned, even
 * when the command itself succeeded.
 */
#include <linux/module.h>
#include <linux/bug.h>

static int __init kips_warn_test_init(void)
{
	WARN(1, "kips_warn_test: deliberate warning for the VM runner's self-test\n");
	return 0;
}

static void __exit kips_warn_test_exit(void)
{
}

module_init(kips_warn_test_init);
module_exit(kips_warn_test_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kips VM runner self-test: raises a WARNING on load");
