// SPDX-License-Identifier: GPL-2.0
/*
 * kips: an IPsec (ESP and AH) implementation on the kernel crypto API, with
 * its own security association and policy databases per network namespace,
 * configured over the "kips" generic-netlink family.
 */
#include <linux/module.h>

#include "compat.h"
#include "dp.h"
#include "netlink.h"
#include "netns.h"
#include "selftest.h"
#include "work.h"

struct workqueue_struct *kips_wq __read_mostly;

static bool selftest;
module_param(selftest, bool, 0444);
MODULE_PARM_DESC(selftest, "run the in-kernel self-tests at load; fail the load if one fails");

static int __init kips_init(void)
{
	int ret;

	kips_wq = alloc_workqueue("kips", 0, 0);
	if (!kips_wq)
		return -ENOMEM;
	ret = kips_sa_cache_init();
	if (ret)
		goto err_wq;
	ret = kips_policy_cache_init();
	if (ret)
		goto err_sa;
	ret = kips_dp_init();
	if (ret)
		goto err_policy;
	ret = kips_netns_register();
	if (ret)
		goto err_dp;
	ret = kips_genl_register();
	if (ret)
		goto err_netns;
	/* Last: the tests use the caches, the workqueue and the family. */
	if (selftest) {
		ret = kips_selftest_run();
		if (ret)
			goto err_genl;
	}

	pr_info("kips %s loaded\n", KIPS_VERSION);
	return 0;

err_genl:
	kips_genl_unregister();
err_netns:
	kips_netns_unregister();
err_dp:
	kips_dp_exit();
err_policy:
	kips_policy_cache_exit();
err_sa:
	kips_sa_cache_exit();
err_wq:
	destroy_workqueue(kips_wq);
	return ret;
}

static void __exit kips_exit(void)
{
	/* Netlink first, so no request can reach state being torn down. */
	kips_genl_unregister();
	kips_netns_unregister();
	kips_dp_exit();
	/* Each waits for what is still being freed, then checks for leaks. */
	kips_policy_cache_exit();
	kips_sa_cache_exit();
	destroy_workqueue(kips_wq);
}

module_init(kips_init);
module_exit(kips_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kips: IPsec ESP and AH with its own SA and policy databases");
MODULE_VERSION(KIPS_VERSION);
MODULE_ALIAS_GENL_FAMILY(KIPS_GENL_NAME);
