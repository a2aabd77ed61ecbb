/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Logging of ikev1d: one line per event, with a level, to stderr (or
 * syslog, or a test's collector).  Never pass a key to these.
 */
#ifndef IKEV1D_LOG_H
#define IKEV1D_LOG_H

enum ike_log_level {
	IKE_LOG_ERROR,
	IKE_LOG_WARN,
	IKE_LOG_INFO,
	IKE_LOG_DEBUG,
};

typedef void (*ike_log_sink)(void *ctx, enum ike_log_level level,
			     const char *line);

/* Lines above @level are dropped; @sink NULL means stderr. */
void ike_log_setup(enum ike_log_level level, ike_log_sink sink, void *ctx);
/* Whether @level would be logged (to skip work for debug dumps). */
int ike_log_enabled(enum ike_log_level level);

void ike_log(enum ike_log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define log_error(...)	ike_log(IKE_LOG_ERROR, __VA_ARGS__)
#define log_warn(...)	ike_log(IKE_LOG_WARN, __VA_ARGS__)
#define log_info(...)	ike_log(IKE_LOG_INFO, __VA_ARGS__)
#define log_debug(...)	ike_log(IKE_LOG_DEBUG, __VA_ARGS__)

#endif /* IKEV1D_LOG_H */
