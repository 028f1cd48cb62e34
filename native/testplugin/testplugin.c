/*
 * A small OpenFX plugin for testing the host: "org.tdm.test.TemporalAverage".
 *
 * Output(t) = gain * mean of Source(t - radius .. t + radius) over the frames the host can serve (RGB; alpha is
 * averaged without gain), or only the first/last of them (mode), sampled nearest-neighbour at 1/upscale so the
 * output can be larger than the input (upscale 2: a region of definition twice the source's). enable = false makes
 * it an identity effect. It uses most suites on purpose: multiThread over rows, progress with abort polling
 * (work_steps), messages, parameter setters (the "reset" button sets gain and note), keyframes, and a "fault"
 * choice that misbehaves: fail (Render fails at fault_frame), leak (source images not released), bad_calls (calls
 * with bad handles, names and indices, checking the statuses the host returns; the result is a message).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testplugin.h"

#define EXPORT __attribute__((visibility("default")))

OfxHost *g_host;
const OfxPropertySuiteV1 *P;
const OfxImageEffectSuiteV1 *E;
const OfxParameterSuiteV1 *Q;
const OfxMultiThreadSuiteV1 *T;
const OfxMessageSuiteV2 *M;
const OfxProgressSuiteV2 *G;
const OfxMemorySuiteV1 *MEM;

static void set_host(OfxHost *h) { g_host = h; }

Data *data_of(OfxImageEffectHandle fx)
{
    OfxPropertySetHandle ps;
    void *d = NULL;
    if (E->getPropertySet(fx, &ps) == kOfxStatOK)
        P->propGetPointer(ps, kOfxPropInstanceData, 0, &d);
    return d;
}

int get_int(OfxParamHandle p, double t)
{
    int v = 0;
    Q->paramGetValueAtTime(p, t, &v);
    return v;
}

double get_double(OfxParamHandle p, double t)
{
    double v = 0;
    Q->paramGetValueAtTime(p, t, &v);
    return v;
}

static OfxStatus load(void)
{
    P = g_host->fetchSuite(g_host->host, kOfxPropertySuite, 1);
    E = g_host->fetchSuite(g_host->host, kOfxImageEffectSuite, 1);
    Q = g_host->fetchSuite(g_host->host, kOfxParameterSuite, 1);
    T = g_host->fetchSuite(g_host->host, kOfxMultiThreadSuite, 1);
    M = g_host->fetchSuite(g_host->host, kOfxMessageSuite, 2);
    G = g_host->fetchSuite(g_host->host, kOfxProgressSuite, 2);
    MEM = g_host->fetchSuite(g_host->host, kOfxMemorySuite, 1);
    return (P && E && Q && T && M && G && MEM) ? kOfxStatOK : kOfxStatErrMissingHostFeature;
}

static OfxStatus describe(OfxImageEffectHandle fx)
{
    OfxPropertySetHandle ps;
    E->getPropertySet(fx, &ps);
    P->propSetString(ps, kOfxPropLabel, 0, "Temporal Average (test)");
    P->propSetString(ps, kOfxImageEffectPluginPropGrouping, 0, "TDM/Test");
    P->propSetString(ps, kOfxPropPluginDescription, 0, "Averages neighbouring frames; exercises the host.");
    P->propSetString(ps, kOfxImageEffectPropSupportedContexts, 0, kOfxImageEffectContextFilter);
    P->propSetString(ps, kOfxImageEffectPropSupportedContexts, 1, kOfxImageEffectContextGeneral);
    const char *depths[] = { kOfxBitDepthByte, kOfxBitDepthShort, kOfxBitDepthHalf, kOfxBitDepthFloat };
    P->propSetStringN(ps, kOfxImageEffectPropSupportedPixelDepths, 4, depths);
    P->propSetInt(ps, kOfxImageEffectPropSupportsTiles, 0, 0);
    P->propSetInt(ps, kOfxImageEffectPropSupportsMultiResolution, 0, 1);
    P->propSetInt(ps, kOfxImageEffectPropTemporalClipAccess, 0, 1);
    P->propSetString(ps, kOfxImageEffectPluginRenderThreadSafety, 0, kOfxImageEffectRenderInstanceSafe);
    P->propSetInt(ps, kOfxImageEffectPluginPropHostFrameThreading, 0, 0);
    return kOfxStatOK;
}

static OfxPropertySetHandle define(OfxParamSetHandle set, const char *type, const char *name, const char *label,
                                   const char *parent)
{
    OfxPropertySetHandle ps = NULL;
    Q->paramDefine(set, type, name, &ps);
    P->propSetString(ps, kOfxPropLabel, 0, label);
    if (parent)
        P->propSetString(ps, kOfxParamPropParent, 0, parent);
    return ps;
}

static OfxStatus describe_in_context(OfxImageEffectHandle fx)
{
    OfxPropertySetHandle cp;
    E->clipDefine(fx, kOfxImageEffectSimpleSourceClipName, &cp);
    P->propSetString(cp, kOfxImageEffectPropSupportedComponents, 0, kOfxImageComponentRGBA);
    P->propSetString(cp, kOfxImageEffectPropSupportedComponents, 1, kOfxImageComponentRGB);
    P->propSetInt(cp, kOfxImageEffectPropTemporalClipAccess, 0, 1);
    E->clipDefine(fx, kOfxImageEffectOutputClipName, &cp);
    P->propSetString(cp, kOfxImageEffectPropSupportedComponents, 0, kOfxImageComponentRGBA);
    P->propSetString(cp, kOfxImageEffectPropSupportedComponents, 1, kOfxImageComponentRGB);

    OfxParamSetHandle set;
    E->getParamSet(fx, &set);
    OfxPropertySetHandle ps = define(set, kOfxParamTypeInteger, "radius", "Radius", NULL);
    P->propSetInt(ps, kOfxParamPropDefault, 0, 1);
    P->propSetInt(ps, kOfxParamPropMin, 0, 0);
    P->propSetInt(ps, kOfxParamPropMax, 0, 3);
    P->propSetInt(ps, kOfxParamPropDisplayMin, 0, 0);
    P->propSetInt(ps, kOfxParamPropDisplayMax, 0, 3);
    ps = define(set, kOfxParamTypeDouble, "gain", "Gain", NULL);
    P->propSetDouble(ps, kOfxParamPropDefault, 0, 1.0);
    P->propSetDouble(ps, kOfxParamPropMin, 0, 0.0);
    P->propSetDouble(ps, kOfxParamPropMax, 0, 4.0);
    P->propSetDouble(ps, kOfxParamPropDisplayMin, 0, 0.0);
    P->propSetDouble(ps, kOfxParamPropDisplayMax, 0, 2.0);
    P->propSetString(ps, kOfxParamPropHint, 0, "Multiplies \"RGB\"\tafter averaging");
    ps = define(set, kOfxParamTypeBoolean, "enable", "Enable", NULL);
    P->propSetInt(ps, kOfxParamPropDefault, 0, 1);
    ps = define(set, kOfxParamTypeChoice, "mode", "Mode", NULL);
    const char *modes[] = { "average", "first", "last" };
    P->propSetStringN(ps, kOfxParamPropChoiceOption, 3, modes);
    ps = define(set, kOfxParamTypeString, "note", "Note", NULL);
    P->propSetString(ps, kOfxParamPropDefault, 0, "hello");
    define(set, kOfxParamTypePushButton, "reset", "Reset gain", NULL);
    ps = define(set, kOfxParamTypeInteger, "upscale", "Upscale", NULL);
    P->propSetInt(ps, kOfxParamPropDefault, 0, 1);
    P->propSetInt(ps, kOfxParamPropMin, 0, 1);
    P->propSetInt(ps, kOfxParamPropMax, 0, 4);
    ps = define(set, kOfxParamTypeDouble2D, "offset", "Offset", NULL);
    define(set, kOfxParamTypeGroup, "advanced", "Advanced", NULL);
    ps = define(set, kOfxParamTypeChoice, "fault", "Fault", "advanced");
    const char *faults[] = { "none", "fail", "leak", "bad_calls" };
    P->propSetStringN(ps, kOfxParamPropChoiceOption, 4, faults);
    ps = define(set, kOfxParamTypeInteger, "fault_frame", "Fault frame", "advanced");
    P->propSetInt(ps, kOfxParamPropDefault, 0, -1);
    ps = define(set, kOfxParamTypeInteger, "work_steps", "Work steps", "advanced");
    P->propSetInt(ps, kOfxParamPropMin, 0, 0);
    ps = define(set, kOfxParamTypePage, "Main", "Main", NULL);
    /* ofxParam.h: no groups on pages; the group's parameters are listed, the host nests them by their parent. */
    const char *children[] = { "radius", "gain", "enable", "mode", "note", "reset", "upscale", "offset",
                               "fault", "fault_frame", "work_steps" };
    P->propSetStringN(ps, kOfxParamPropPageChild, 11, children);
    OfxPropertySetHandle sp;
    Q->paramSetGetPropertySet(set, &sp);
    P->propSetString(sp, kOfxPluginPropParamPageOrder, 0, "Main");
    return kOfxStatOK;
}

static OfxStatus create_instance(OfxImageEffectHandle fx)
{
    Data *d = NULL;
    if (MEM->memoryAlloc(fx, sizeof *d, (void **)&d) != kOfxStatOK || !d)
        return kOfxStatErrMemory;
    memset(d, 0, sizeof *d);
    E->clipGetHandle(fx, kOfxImageEffectSimpleSourceClipName, &d->src, NULL);
    E->clipGetHandle(fx, kOfxImageEffectOutputClipName, &d->out, NULL);
    OfxParamSetHandle set;
    E->getParamSet(fx, &set);
    struct { const char *name; OfxParamHandle *h; } params[] = {
        { "radius", &d->radius }, { "gain", &d->gain }, { "enable", &d->enable }, { "mode", &d->mode },
        { "note", &d->note }, { "reset", &d->reset }, { "fault", &d->fault }, { "fault_frame", &d->fault_frame },
        { "work_steps", &d->work_steps }, { "upscale", &d->upscale }, { "offset", &d->offset },
    };
    for (size_t i = 0; i < sizeof params / sizeof *params; i++)
        if (Q->paramGetHandle(set, params[i].name, params[i].h, NULL) != kOfxStatOK)
            return kOfxStatFailed;
    OfxPropertySetHandle ps;
    E->getPropertySet(fx, &ps);
    P->propSetPointer(ps, kOfxPropInstanceData, 0, d);
    return kOfxStatOK;
}

static OfxStatus destroy_instance(OfxImageEffectHandle fx)
{
    Data *d = data_of(fx);
    if (d)
        MEM->memoryFree(d);
    return kOfxStatOK;
}

static OfxStatus instance_changed(OfxImageEffectHandle fx, OfxPropertySetHandle in)
{
    Data *d = data_of(fx);
    char *name = NULL, *reason = NULL;
    P->propGetString(in, kOfxPropName, 0, &name);
    P->propGetString(in, kOfxPropChangeReason, 0, &reason);
    if (!d || !name || !reason)
        return kOfxStatFailed;
    if (strcmp(name, "reset") == 0) {
        /* Varargs setters: a double and a string. */
        Q->paramSetValue(d->gain, 1.0);
        Q->paramSetValue(d->note, "reset");
        M->message(fx, kOfxMessageLog, "test.reset", "gain reset to %g", 1.0);
    } else if (strcmp(name, "fault") == 0 && strcmp(reason, kOfxChangeUserEdited) == 0 &&
               get_int(d->fault, 0) == FAULT_BAD_CALLS) {
        run_param_checks(fx, d);
    }
    return kOfxStatOK;
}

static OfxStatus region_of_definition(OfxImageEffectHandle fx, OfxPropertySetHandle in, OfxPropertySetHandle out)
{
    Data *d = data_of(fx);
    double t = 0;
    P->propGetDouble(in, kOfxPropTime, 0, &t);
    OfxRectD r;
    if (!d || E->clipGetRegionOfDefinition(d->src, t, &r) != kOfxStatOK)
        return kOfxStatFailed;
    int up = get_int(d->upscale, t);
    double rod[4] = { r.x1 * up, r.y1 * up, r.x2 * up, r.y2 * up };
    P->propSetDoubleN(out, kOfxImageEffectPropRegionOfDefinition, 4, rod);
    return kOfxStatOK;
}

static OfxStatus frames_needed(OfxImageEffectHandle fx, OfxPropertySetHandle in, OfxPropertySetHandle out)
{
    Data *d = data_of(fx);
    double t = 0;
    P->propGetDouble(in, kOfxPropTime, 0, &t);
    int r = d ? get_int(d->radius, t) : 0;
    double range[2] = { t - r, t + r };
    P->propSetDoubleN(out, "OfxImageClipPropFrameRange_Source", 2, range);
    return kOfxStatOK;
}

static OfxStatus is_identity(OfxImageEffectHandle fx, OfxPropertySetHandle in, OfxPropertySetHandle out)
{
    Data *d = data_of(fx);
    double t = 0;
    P->propGetDouble(in, kOfxPropTime, 0, &t);
    if (!d || get_int(d->enable, t))
        return kOfxStatReplyDefault;
    P->propSetString(out, kOfxPropName, 0, kOfxImageEffectSimpleSourceClipName);
    P->propSetDouble(out, kOfxPropTime, 0, t);
    return kOfxStatOK;
}

static OfxStatus main_entry(const char *action, const void *handle, OfxPropertySetHandle in,
                            OfxPropertySetHandle out)
{
    OfxImageEffectHandle fx = (OfxImageEffectHandle)handle;
    if (strcmp(action, kOfxActionLoad) == 0) return load();
    if (strcmp(action, kOfxActionDescribe) == 0) return describe(fx);
    if (strcmp(action, kOfxImageEffectActionDescribeInContext) == 0) return describe_in_context(fx);
    if (strcmp(action, kOfxActionCreateInstance) == 0) return create_instance(fx);
    if (strcmp(action, kOfxActionDestroyInstance) == 0) return destroy_instance(fx);
    if (strcmp(action, kOfxActionInstanceChanged) == 0) return instance_changed(fx, in);
    if (strcmp(action, kOfxImageEffectActionGetRegionOfDefinition) == 0) return region_of_definition(fx, in, out);
    if (strcmp(action, kOfxImageEffectActionGetFramesNeeded) == 0) return frames_needed(fx, in, out);
    if (strcmp(action, kOfxImageEffectActionIsIdentity) == 0) return is_identity(fx, in, out);
    if (strcmp(action, kOfxImageEffectActionRender) == 0) return render(fx, in);
    if (strcmp(action, kOfxImageEffectActionBeginSequenceRender) == 0) return kOfxStatOK;
    if (strcmp(action, kOfxImageEffectActionEndSequenceRender) == 0) return kOfxStatOK;
    if (strcmp(action, kOfxActionPurgeCaches) == 0) return kOfxStatOK;
    if (strcmp(action, kOfxActionUnload) == 0) return kOfxStatOK;
    return kOfxStatReplyDefault;
}

static OfxPlugin g_plugin = {
    kOfxImageEffectPluginApi, 1, "org.tdm.test.TemporalAverage", 1, 0, set_host, main_entry,
};

EXPORT int OfxGetNumberOfPlugins(void) { return 1; }
EXPORT OfxPlugin *OfxGetPlugin(int nth) { return nth == 0 ? &g_plugin : NULL; }
EXPORT OfxStatus OfxSetHost(const OfxHost *host) { (void)host; return kOfxStatOK; }
