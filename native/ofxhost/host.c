/*
 * The host object handed to plugins (OfxHost: host property set + fetchSuite) and the effect/clip objects.
 */
#include "host.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "propdefs.h"

static OfxHost g_host;
static PropSet *g_host_props;
static HostSettings g_settings;

static const void *fetch_suite(OfxPropertySetHandle host, const char *name, int version)
{
    const void *suite = NULL;
    if (name) {
        if (strcmp(name, kOfxPropertySuite) == 0 && version == 1)
            suite = property_suite();
        else if (strcmp(name, kOfxImageEffectSuite) == 0 && version == 1)
            suite = image_effect_suite();
        else if (strcmp(name, kOfxParameterSuite) == 0 && version == 1)
            suite = parameter_suite();
        else if (strcmp(name, kOfxMemorySuite) == 0 && version == 1)
            suite = memory_suite();
        else if (strcmp(name, kOfxMultiThreadSuite) == 0 && version == 1)
            suite = multithread_suite();
        else if (strcmp(name, kOfxMessageSuite) == 0)
            suite = message_suite(version);
        else if (strcmp(name, kOfxProgressSuite) == 0)
            suite = progress_suite(version);
    }
    JsonBuf jb;
    log_start(&jb, "suite_fetch", -1);
    jb_kstr(&jb, "suite", name);
    jb_kint(&jb, "version", version);
    jb_kbool(&jb, "found", suite != NULL);
    jb_kbool(&jb, "host_handle_ok", host == g_host.host);
    log_finish(&jb);
    return suite;
}

void host_init(const char *host_name, const HostSettings *settings)
{
    g_settings = *settings;
    propdefs_configure(settings->strict, settings->refused, settings->nrefused);
    g_host_props = propset_new(PSK_HOST, "host", NULL, -1);
    HostIdentity id = { host_name ? host_name : "tdm.ofxhost", "TDM headless OpenFX host" };
    propdefs_host(g_host_props, &id);
    g_host.host = (OfxPropertySetHandle)g_host_props;
    g_host.fetchSuite = fetch_suite;
}

void host_shutdown(void)
{
    propset_free(g_host_props);
    g_host_props = NULL;
}

OfxHost *host_struct(void) { return &g_host; }
const HostSettings *host_settings(void) { return &g_settings; }
PropSet *host_props(void) { return g_host_props; }

Effect *effect_from_handle(OfxImageEffectHandle h)
{
    Effect *e = (Effect *)h;
    return (e && e->magic == EFFECT_MAGIC) ? e : NULL;
}

Clip *clip_from_handle(OfxImageClipHandle h)
{
    Clip *c = (Clip *)h;
    return (c && c->magic == CLIP_MAGIC) ? c : NULL;
}

int handle_instance(const void *handle)
{
    const Effect *e = effect_from_handle((OfxImageEffectHandle)handle);
    return (e && e->inst) ? e->inst->index : -1;
}

Clip *effect_find_clip(const Effect *e, const char *name)
{
    if (!e || !name)
        return NULL;
    for (int i = 0; i < e->nclips; i++)
        if (strcmp(e->clips[i]->name, name) == 0)
            return e->clips[i];
    return NULL;
}

static Clip *add_clip(Effect *e, const char *name)
{
    Clip **nc = realloc(e->clips, (size_t)(e->nclips + 1) * sizeof *nc);
    Clip *c = calloc(1, sizeof *c);
    if (!nc || !c)
        abort();
    e->clips = nc;
    e->clips[e->nclips++] = c;
    c->magic = CLIP_MAGIC;
    c->name = strdup(name);
    c->effect = e;
    c->is_output = strcmp(name, kOfxImageEffectOutputClipName) == 0;
    return c;
}

static char *clip_label(const char *name)
{
    size_t n = strlen(name) + 8;
    char *s = malloc(n);
    if (!s)
        abort();
    snprintf(s, n, "clip:%s", name);
    return s;
}

Clip *effect_define_clip(Effect *e, const char *name)
{
    if (effect_find_clip(e, name))
        return NULL;
    Clip *c = add_clip(e, name);
    char *label = clip_label(name);
    c->props = propset_new(PSK_CLIP, label, c, -1);
    free(label);
    propdefs_clip_descriptor(c->props, name);
    return c;
}

Clip *effect_add_instance_clip(Effect *e, const Clip *desc, int instance)
{
    Clip *c = add_clip(e, desc->name);
    char *label = clip_label(desc->name);
    c->props = propset_clone(desc->props, PSK_CLIP, label, c, instance);
    free(label);
    propdefs_clip_instance(c->props);
    return c;
}

static Effect *effect_alloc(void)
{
    Effect *e = calloc(1, sizeof *e);
    if (!e)
        abort();
    e->magic = EFFECT_MAGIC;
    return e;
}

Effect *effect_new_descriptor(const char *bundle_path)
{
    Effect *e = effect_alloc();
    e->props = propset_new(PSK_EFFECT, "effect-desc", e, -1);
    propdefs_effect_descriptor(e->props, bundle_path);
    e->params = paramset_new(e, -1);
    return e;
}

Effect *effect_clone_descriptor(const Effect *src, const char *context)
{
    Effect *e = effect_alloc();
    char label[128];
    snprintf(label, sizeof label, "effect-desc:%s", context);
    e->props = propset_clone(src->props, PSK_EFFECT, label, e, -1);
    e->params = paramset_copy_descriptors(src->params, e);
    for (int i = 0; i < src->nclips; i++) {
        Clip *c = add_clip(e, src->clips[i]->name);
        char *cl = clip_label(c->name);
        c->props = propset_clone(src->clips[i]->props, PSK_CLIP, cl, c, -1);
        free(cl);
    }
    return e;
}

void effect_free(Effect *e)
{
    if (!e)
        return;
    for (int i = 0; i < e->nclips; i++) {
        Clip *c = e->clips[i];
        propset_free(c->props);
        free(c->name);
        free(c->pattern);
        free(c->needed);
        c->magic = 0;
        free(c);
    }
    free(e->clips);
    paramset_free(e->params);
    propset_free(e->props);
    e->magic = 0;
    free(e);
}
