// SPDX-License-Identifier: GPL-2.0
/* ikev1d: the IKEv1 daemon (placeholder while the core is built). */
#include <stdio.h>

int main(void)
{
	fprintf(stderr, "ikev1d: not yet\n");
	return 1;
}
