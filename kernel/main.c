// SPDX-License-Identifier: GPL-2.0
/*
 * kips: an IPsec (ESP and AH) implementation on the kernel crypto API, with
 * its own security association and policy databases per network namespace,
 * configured over the "kips" generic-netlink family.
 */
#include <linux/module.h>

#include "compat.h"
#include "netlink.h"
#include "netns.h"

static int __init kips_init(void)
{
	int ret;

	ret = kips_netns_register();
	if (ret)
		goto err;
	ret = kips_genl_register();
	if (ret)
		goto err_netns;

	pr_info("kips %s loaded\n", KIPS_VERSION);
	return 0;

err_netns:
	kips_netns_unregister();
err:
	return ret;
}

static void __exit kips_exit(void)
{
	/* Netlink first, so no request can reach state being torn down. */
	kips_genl_unregister();
	kips_netns_unregister();
}

module_init(kips_init);
module_exit(kips_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kips: IPsec ESP and AH with its own SA and policy databases");
MODULE_VERSION(KIPS_VERSION);
MODULE_ALIAS_GENL_FAMILY(KIPS_GENL_NAME);
