#include "actions.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "log.h"

bool status_ok(OfxStatus st)
{
    return st == kOfxStatOK || st == kOfxStatReplyDefault;
}

PropSet *args_new(const char *action, const char *which, int instance)
{
    char label[160];
    const char *shortname = strncmp(action, "OfxImageEffectAction", 20) == 0 ? action + 20
                            : strncmp(action, "OfxAction", 9) == 0           ? action + 9
                                                                             : action;
    snprintf(label, sizeof label, "%s.%s", shortname, which);
    return propset_new(PSK_ARGS, label, NULL, instance);
}

void props_json(JsonBuf *jb, const PropSet *ps)
{
    jb_obj_begin(jb);
    for (int i = 0; ps && i < ps->count; i++) {
        const Prop *p = &ps->props[i];
        jb_key(jb, p->name);
        jb_arr_begin(jb);
        for (int k = 0; k < p->count; k++) {
            switch (p->type) {
            case PROP_INT: jb_int(jb, p->v[k].i); break;
            case PROP_DOUBLE: jb_num(jb, p->v[k].d); break;
            case PROP_STRING: jb_str(jb, p->v[k].s); break;
            case PROP_POINTER:
                if (p->v[k].p) {
                    char b[32];
                    snprintf(b, sizeof b, "%p", p->v[k].p);
                    jb_str(jb, b);
                } else {
                    jb_null(jb);
                }
                break;
            }
        }
        jb_arr_end(jb);
    }
    jb_obj_end(jb);
}

OfxStatus action_run(const OfxPlugin *p, const char *action, Effect *e, PropSet *in, PropSet *out)
{
    Instance *inst = e ? e->inst : NULL;
    int index = inst ? inst->index : -1;
    const char *outer = NULL;
    if (inst) {
        pthread_mutex_lock(&inst->lock);
        outer = inst->action;
        inst->action = action;
        pthread_mutex_unlock(&inst->lock);
    }
    host_info(index, "-> %s", action);
    double t0 = log_now_ms();
    OfxStatus st = p->mainEntry(action, e, (OfxPropertySetHandle)in, (OfxPropertySetHandle)out);
    double ms = log_now_ms() - t0;
    if (inst) {
        pthread_mutex_lock(&inst->lock);
        inst->action = outer;
        pthread_mutex_unlock(&inst->lock);
    }
    host_info(index, "<- %s: %s (%.1f ms)", action, ofx_status_name(st), ms);
    JsonBuf jb;
    log_start(&jb, "action", index);
    jb_kstr(&jb, "action", action);
    const Prop *t = in ? propset_find(in, kOfxPropTime) : NULL;
    if (t && t->type == PROP_DOUBLE && t->count == 1)
        jb_knum(&jb, "time", t->v[0].d);
    else
        jb_knull(&jb, "time");
    jb_key(&jb, "in");
    if (in)
        props_json(&jb, in);
    else
        jb_null(&jb);
    jb_key(&jb, "out");
    if (out)
        props_json(&jb, out);
    else
        jb_null(&jb);
    jb_kint(&jb, "status", st);
    jb_kstr(&jb, "status_name", ofx_status_name(st));
    jb_knum(&jb, "duration_ms", round(ms * 1000.0) / 1000.0);
    log_finish(&jb);
    return st;
}
