/*
 * The JSON-lines log (--log FILE) and the host's stderr reporting.
 *
 * Every event is one JSON object on one line, written atomically under a lock (render threads log concurrently).
 * Common keys: "event" (what happened), "instance" (instance index, or null for plugin-level events), "ts_ms"
 * (milliseconds since the host started, monotonic clock) and "seq" (0, 1, 2... in file order). The event-specific
 * keys are documented in native/README.md.
 */
#ifndef OFXHOST_LOG_H
#define OFXHOST_LOG_H

#include <stdbool.h>

#include "json.h"
#include "ofx_abi.h"

/* Opens the log file (truncating it); false with errno set when it cannot be created. */
bool log_open(const char *path);
void log_close(void);
bool log_enabled(void);

/* stderr verbosity: 0 quiet (errors only), 1 normal (plus warnings and plugin messages), 2 verbose (plus actions). */
void log_set_echo(int level);
int log_echo(void);

double log_now_ms(void);

/* Starts an event object: {"event":EVENT,"instance":INSTANCE|null,"ts_ms":...; the caller adds keys. */
void log_start(JsonBuf *jb, const char *event, int instance);
/* Closes the object, adds "seq" and writes the line; frees the buffer. Safe from any thread. */
void log_finish(JsonBuf *jb);

/* stderr plus a "warning" / "error" event with a "text" key. */
void host_warn(int instance, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void host_error(int instance, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* stderr only, at verbosity 2. */
void host_info(int instance, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* "kOfxStatOK", "kOfxStatFailed", ... or "unknown". */
const char *ofx_status_name(OfxStatus st);

#endif
