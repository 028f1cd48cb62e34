#include "log.h"

#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static FILE *g_log;
static pthread_mutex_t g_log_lock = PTHREAD_MUTEX_INITIALIZER;
static long long g_seq;
static int g_echo = 1;
static double g_t0 = -1.0;

static double mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1.0e6;
}

double log_now_ms(void)
{
    if (g_t0 < 0)
        g_t0 = mono_ms();
    return mono_ms() - g_t0;
}

bool log_open(const char *path)
{
    log_now_ms(); /* fixes the time origin */
    g_log = fopen(path, "w");
    return g_log != NULL;
}

void log_close(void)
{
    pthread_mutex_lock(&g_log_lock);
    if (g_log)
        fclose(g_log);
    g_log = NULL;
    pthread_mutex_unlock(&g_log_lock);
}

bool log_enabled(void) { return g_log != NULL; }
void log_set_echo(int level) { g_echo = level; }
int log_echo(void) { return g_echo; }

void log_start(JsonBuf *jb, const char *event, int instance)
{
    jb_init(jb);
    jb_obj_begin(jb);
    jb_kstr(jb, "event", event);
    if (instance >= 0)
        jb_kint(jb, "instance", instance);
    else
        jb_knull(jb, "instance");
    jb_knum(jb, "ts_ms", round(log_now_ms() * 1000.0) / 1000.0);
}

void log_finish(JsonBuf *jb)
{
    pthread_mutex_lock(&g_log_lock);
    if (g_log) {
        jb_kint(jb, "seq", g_seq++);
        jb_obj_end(jb);
        fputs(jb->s, g_log);
        fputc('\n', g_log);
        /* Flushed per line so a crash inside the plugin still leaves every event before it on disk. */
        fflush(g_log);
    }
    pthread_mutex_unlock(&g_log_lock);
    jb_free(jb);
}

static void report(const char *event, const char *prefix, int min_echo, int instance, const char *fmt, va_list ap)
{
    char text[2048];
    vsnprintf(text, sizeof text, fmt, ap);
    if (g_echo >= min_echo) {
        if (instance >= 0)
            fprintf(stderr, "ofxhost: %s[instance %d] %s\n", prefix, instance, text);
        else
            fprintf(stderr, "ofxhost: %s%s\n", prefix, text);
    }
    if (event) {
        JsonBuf jb;
        log_start(&jb, event, instance);
        jb_kstr(&jb, "text", text);
        log_finish(&jb);
    }
}

void host_warn(int instance, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report("warning", "warning: ", 1, instance, fmt, ap);
    va_end(ap);
}

void host_error(int instance, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report("error", "error: ", 0, instance, fmt, ap);
    va_end(ap);
}

void host_info(int instance, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(NULL, "", 2, instance, fmt, ap);
    va_end(ap);
}

const char *ofx_status_name(OfxStatus st)
{
    switch (st) {
    case kOfxStatOK: return "kOfxStatOK";
    case kOfxStatFailed: return "kOfxStatFailed";
    case kOfxStatErrFatal: return "kOfxStatErrFatal";
    case kOfxStatErrUnknown: return "kOfxStatErrUnknown";
    case kOfxStatErrMissingHostFeature: return "kOfxStatErrMissingHostFeature";
    case kOfxStatErrUnsupported: return "kOfxStatErrUnsupported";
    case kOfxStatErrExists: return "kOfxStatErrExists";
    case kOfxStatErrFormat: return "kOfxStatErrFormat";
    case kOfxStatErrMemory: return "kOfxStatErrMemory";
    case kOfxStatErrBadHandle: return "kOfxStatErrBadHandle";
    case kOfxStatErrBadIndex: return "kOfxStatErrBadIndex";
    case kOfxStatErrValue: return "kOfxStatErrValue";
    case kOfxStatReplyYes: return "kOfxStatReplyYes";
    case kOfxStatReplyNo: return "kOfxStatReplyNo";
    case kOfxStatReplyDefault: return "kOfxStatReplyDefault";
    case kOfxStatUnlicensed: return "kOfxStatUnlicensed";
    case kOfxStatErrImageFormat: return "kOfxStatErrImageFormat";
    default: return "unknown";
    }
}
