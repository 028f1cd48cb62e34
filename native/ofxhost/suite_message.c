/*
 * OfxMessageSuiteV1/V2 and OfxProgressSuiteV1/V2: everything is logged ("message" and "progress" events) and
 * messages are echoed to stderr. Progress also drives --abort-after-progress: after N progressUpdate calls in a
 * render whose time is selected, abort() returns 1 and progressUpdate returns kOfxStatReplyNo.
 *
 * --strict answers messages as openfx's HostSupport does: it treats every handle as an effect instance, so a message
 * on a descriptor handle never reaches the user (here: dropped, kOfxStatFailed), a NULL handle's message is printed
 * but answered kOfxStatErrBadHandle, and persistent messages need an instance.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "host.h"
#include "log.h"

/* What a message's handle is: the log's "target". */
typedef enum { TARGET_NONE, TARGET_INSTANCE, TARGET_DESCRIPTOR, TARGET_INVALID } Target;

static const char *const g_target_names[] = { "none", "instance", "descriptor", "invalid" };

static Target target_of(const void *handle)
{
    if (!handle)
        return TARGET_NONE;
    const Effect *e = effect_from_handle((OfxImageEffectHandle)handle);
    if (!e)
        return TARGET_INVALID;
    return e->inst ? TARGET_INSTANCE : TARGET_DESCRIPTOR;
}

/* The status a strict host answers for a message to `target` (kOfxStatOK: shown as usual). */
static OfxStatus strict_refusal(bool persistent, Target target, bool *shown)
{
    *shown = true;
    if (!host_settings()->strict || target == TARGET_INSTANCE)
        return kOfxStatOK;
    if (persistent || target != TARGET_NONE)
        *shown = false;
    return target == TARGET_DESCRIPTOR && !persistent ? kOfxStatFailed : kOfxStatErrBadHandle;
}

static OfxStatus post(int version, const char *kind, void *handle, const char *type, const char *id,
                      const char *fmt, va_list ap)
{
    char text[4096] = "";
    if (fmt)
        vsnprintf(text, sizeof text, fmt, ap);
    int instance = handle_instance(handle);
    Target target = target_of(handle);
    bool shown;
    OfxStatus st = strict_refusal(strcmp(kind, "persistent") == 0, target, &shown);
    JsonBuf jb;
    log_start(&jb, "message", instance);
    jb_kint(&jb, "suite_version", version);
    jb_kstr(&jb, "kind", kind);
    jb_kstr(&jb, "type", type);
    jb_kstr(&jb, "id", id);
    jb_kstr(&jb, "text", text);
    jb_kstr(&jb, "target", g_target_names[target]);
    jb_kbool(&jb, "shown", shown);
    if (shown && log_echo() >= 1) {
        const char *t = type ? type : "(no type)";
        if (instance >= 0)
            fprintf(stderr, "ofxhost: [instance %d] plugin %s: %s\n", instance, t, text);
        else
            fprintf(stderr, "ofxhost: plugin %s: %s\n", t, text);
    }
    if (shown && st == kOfxStatOK && type && strcmp(type, kOfxMessageQuestion) == 0)
        st = host_settings()->question_yes ? kOfxStatReplyYes : kOfxStatReplyNo;
    jb_kstr(&jb, "returned", ofx_status_name(st));
    log_finish(&jb);
    return st;
}

static OfxStatus message_v1(void *handle, const char *type, const char *id, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    OfxStatus st = post(1, "message", handle, type, id, fmt, ap);
    va_end(ap);
    return st;
}

static OfxStatus message_v2(void *handle, const char *type, const char *id, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    OfxStatus st = post(2, "message", handle, type, id, fmt, ap);
    va_end(ap);
    return st;
}

static OfxStatus set_persistent(void *handle, const char *type, const char *id, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    OfxStatus st = post(2, "persistent", handle, type, id, fmt, ap);
    va_end(ap);
    return st;
}

static OfxStatus clear_persistent(void *handle)
{
    Target target = target_of(handle);
    bool shown;
    OfxStatus st = strict_refusal(true, target, &shown);
    JsonBuf jb;
    log_start(&jb, "message", handle_instance(handle));
    jb_kint(&jb, "suite_version", 2);
    jb_kstr(&jb, "kind", "clear_persistent");
    jb_kstr(&jb, "target", g_target_names[target]);
    jb_kstr(&jb, "returned", ofx_status_name(st));
    log_finish(&jb);
    return st;
}

static const OfxMessageSuiteV1 g_message_v1 = { message_v1 };
static const OfxMessageSuiteV2 g_message_v2 = { message_v2, set_persistent, clear_persistent };

const void *message_suite(int version)
{
    return version == 1 ? (const void *)&g_message_v1 : version == 2 ? (const void *)&g_message_v2 : NULL;
}

/* ---- progress ---- */

static Instance *progress_instance(void *handle)
{
    Effect *e = effect_from_handle((OfxImageEffectHandle)handle);
    return e ? e->inst : NULL;
}

static void log_progress(Instance *inst, int version, const char *op, const char *label, const char *id,
                         const double *value, OfxStatus st)
{
    JsonBuf jb;
    log_start(&jb, "progress", inst ? inst->index : -1);
    jb_kint(&jb, "suite_version", version);
    jb_kstr(&jb, "op", op);
    if (label)
        jb_kstr(&jb, "label", label);
    if (id)
        jb_kstr(&jb, "message_id", id);
    if (value)
        jb_knum(&jb, "value", *value);
    if (inst)
        jb_kstr(&jb, "action", inst->action);
    jb_kstr(&jb, "returned", ofx_status_name(st));
    log_finish(&jb);
}

static OfxStatus start(int version, void *handle, const char *label, const char *id)
{
    Instance *inst = progress_instance(handle);
    OfxStatus st = inst ? kOfxStatOK : kOfxStatErrBadHandle;
    log_progress(inst, version, "start", label ? label : "", id, NULL, st);
    if (inst)
        host_info(inst->index, "progress: %s", label ? label : "");
    return st;
}

static OfxStatus start_v1(void *handle, const char *label)
{
    return start(1, handle, label, NULL);
}

static OfxStatus start_v2(void *handle, const char *message, const char *id)
{
    return start(2, handle, message, id ? id : "");
}

static OfxStatus update(int version, void *handle, double value)
{
    Instance *inst = progress_instance(handle);
    if (!inst) {
        log_progress(NULL, version, "update", NULL, NULL, &value, kOfxStatErrBadHandle);
        return kOfxStatErrBadHandle;
    }
    bool triggered = false;
    pthread_mutex_lock(&inst->lock);
    if (inst->in_render) {
        inst->progress_updates++;
        if (inst->abort_armed && !inst->abort_now && inst->progress_updates >= inst->cfg->abort_after_progress) {
            inst->abort_now = true;
            triggered = true;
        }
    }
    bool abort_now = inst->abort_now;
    int updates = inst->progress_updates;
    pthread_mutex_unlock(&inst->lock);
    if (triggered) {
        JsonBuf jb;
        log_start(&jb, "abort_triggered", inst->index);
        jb_knum(&jb, "time", inst->render_time);
        jb_kint(&jb, "progress_updates", updates);
        log_finish(&jb);
    }
    OfxStatus st = abort_now ? kOfxStatReplyNo : kOfxStatOK;
    log_progress(inst, version, "update", NULL, NULL, &value, st);
    return st;
}

static OfxStatus update_v1(void *handle, double value) { return update(1, handle, value); }
static OfxStatus update_v2(void *handle, double value) { return update(2, handle, value); }

static OfxStatus end(int version, void *handle)
{
    Instance *inst = progress_instance(handle);
    OfxStatus st = inst ? kOfxStatOK : kOfxStatErrBadHandle;
    log_progress(inst, version, "end", NULL, NULL, NULL, st);
    return st;
}

static OfxStatus end_v1(void *handle) { return end(1, handle); }
static OfxStatus end_v2(void *handle) { return end(2, handle); }

static const OfxProgressSuiteV1 g_progress_v1 = { start_v1, update_v1, end_v1 };
static const OfxProgressSuiteV2 g_progress_v2 = { start_v2, update_v2, end_v2 };

const void *progress_suite(int version)
{
    return version == 1 ? (const void *)&g_progress_v1 : version == 2 ? (const void *)&g_progress_v2 : NULL;
}
