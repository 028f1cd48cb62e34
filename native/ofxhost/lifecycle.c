#include "lifecycle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "actions.h"
#include "describe.h"
#include "host.h"
#include "images.h"
#include "instance.h"
#include "log.h"
#include "plugin.h"
#include "render.h"

typedef struct Run {
    const HostConfig *cfg;
    HostPlugin hp;
    Effect *desc;
    Effect *ctx;
    const char *context;
    Effect **inst;
    int ninst;
    int failures;
} Run;

/* Load, Describe, context choice, DescribeInContext. Returns EXIT_OK or the exit status to stop with. */
static int describe(Run *r)
{
    const OfxPlugin *p = r->hp.p;
    OfxStatus st = action_run(p, kOfxActionLoad, NULL, NULL, NULL);
    if (!status_ok(st)) {
        host_error(-1, "Load failed (%s): the plugin refuses to load", ofx_status_name(st));
        return EXIT_LOAD;
    }
    r->desc = effect_new_descriptor(r->hp.bundle_dir);
    st = action_run(p, kOfxActionDescribe, r->desc, NULL, NULL);
    describe_log_effect(r->desc, NULL);
    if (st != kOfxStatOK) {
        host_error(-1, "Describe returned %s; it must be trapped and succeed", ofx_status_name(st));
        return EXIT_LOAD;
    }
    const PropSet *dp = r->desc->props;
    bool filter = ps_has_str(dp, kOfxImageEffectPropSupportedContexts, kOfxImageEffectContextFilter);
    bool general = ps_has_str(dp, kOfxImageEffectPropSupportedContexts, kOfxImageEffectContextGeneral);
    const char *want = r->cfg->context;
    if (want) {
        r->context = strcmp(want, "filter") == 0 ? kOfxImageEffectContextFilter : kOfxImageEffectContextGeneral;
        if (!ps_has_str(dp, kOfxImageEffectPropSupportedContexts, r->context)) {
            host_error(-1, "the plugin does not support the %s context (--context %s)", r->context, want);
            return EXIT_USAGE;
        }
    } else if (filter || general) {
        r->context = filter ? kOfxImageEffectContextFilter : kOfxImageEffectContextGeneral;
    } else {
        host_error(-1, "the plugin supports neither the filter nor the general context, the only ones this host has");
        return EXIT_LOAD;
    }
    r->ctx = effect_clone_descriptor(r->desc, r->context);
    PropSet *in = args_new(kOfxImageEffectActionDescribeInContext, "inArgs", -1);
    PS_STR1(in, kOfxImageEffectPropContext, r->context);
    st = action_run(p, kOfxImageEffectActionDescribeInContext, r->ctx, in, NULL);
    propset_free(in);
    describe_log_effect(r->ctx, r->context);
    describe_log_context(r->ctx, r->context);
    describe_check_pages(r->ctx);
    if (st != kOfxStatOK) {
        host_error(-1, "DescribeInContext(%s) returned %s", r->context, ofx_status_name(st));
        return EXIT_LOAD;
    }
    if (!effect_find_clip(r->ctx, kOfxImageEffectOutputClipName) ||
        (strcmp(r->context, kOfxImageEffectContextFilter) == 0 &&
         !effect_find_clip(r->ctx, kOfxImageEffectSimpleSourceClipName))) {
        host_error(-1, "the %s context needs the clips %s; the plugin did not define them", r->context,
                   strcmp(r->context, kOfxImageEffectContextFilter) == 0 ? "Source and Output" : "Output");
        return EXIT_LOAD;
    }
    return EXIT_OK;
}

/* Builds every instance's objects and checks the command line against the description before any instance
 * action, so a typo costs no plugin time. */
static int build_instances(Run *r)
{
    const HostConfig *cfg = r->cfg;
    const PropSet *cp = r->ctx->props;
    if (cfg->ninst > 1 && ps_int(cp, kOfxImageEffectPluginPropSingleInstance, 0, 0)) {
        host_error(-1, "the plugin allows a single instance; %d were asked for", cfg->ninst);
        return EXIT_USAGE;
    }
    r->inst = calloc((size_t)cfg->ninst, sizeof *r->inst);
    if (!r->inst)
        abort();
    for (int i = 0; i < cfg->ninst; i++) {
        char err[1024];
        const InstanceConfig *ic = &cfg->inst[i];
        if (ps_count(cp, kOfxImageEffectPropSupportedPixelDepths) > 0 &&
            !ps_has_str(cp, kOfxImageEffectPropSupportedPixelDepths, depth_ofx(ic->depth))) {
            host_error(i, "the plugin does not support %s pixels (--depth %s)", depth_ofx(ic->depth),
                       depth_short_name(ic->depth));
            return EXIT_USAGE;
        }
        r->inst[i] = instance_new(r->ctx, r->context, i, ic, err, sizeof err);
        if (r->inst[i])
            r->ninst = i + 1;
        if (!r->inst[i] || !instance_check_config(r->inst[i], err, sizeof err)) {
            host_error(i, "%s", err);
            return EXIT_USAGE;
        }
    }
    return EXIT_OK;
}

typedef struct RenderJob {
    const RenderShared *rs;
    Effect *e;
} RenderJob;

static void *render_thread(void *arg)
{
    RenderJob *job = arg;
    render_instance(job->rs, job->e);
    return NULL;
}

static void render_all(Run *r)
{
    static pthread_mutex_t unsafe = PTHREAD_MUTEX_INITIALIZER;
    const PropSet *cp = r->ctx->props;
    const char *safety = ps_str(cp, kOfxImageEffectPluginRenderThreadSafety, 0, kOfxImageEffectRenderInstanceSafe);
    RenderShared rs = {
        .plugin = r->hp.p,
        .unsafe_lock = strcmp(safety, kOfxImageEffectRenderUnsafe) == 0 ? &unsafe : NULL,
        .multi_resolution = ps_int(cp, kOfxImageEffectPropSupportsMultiResolution, 0, 1) != 0,
        .temporal = ps_int(cp, kOfxImageEffectPropTemporalClipAccess, 0, 0) != 0,
    };
    if (rs.unsafe_lock && r->ninst > 1 && !r->cfg->sequential)
        host_warn(-1, "the plugin is render-unsafe: the instances' Render actions run one at a time");
    RenderJob *jobs = calloc((size_t)r->ninst, sizeof *jobs);
    pthread_t *tids = calloc((size_t)r->ninst, sizeof *tids);
    bool *started = calloc((size_t)r->ninst, sizeof *started);
    if (!jobs || !tids || !started)
        abort();
    for (int i = 0; i < r->ninst; i++) {
        jobs[i] = (RenderJob){ &rs, r->inst[i] };
        if (!r->inst[i]->inst->created)
            continue;
        /* Render threads, as in an editor; --sequential keeps everything on the main thread. */
        if (r->cfg->sequential || pthread_create(&tids[i], NULL, render_thread, &jobs[i]) != 0)
            render_thread(&jobs[i]);
        else
            started[i] = true;
    }
    for (int i = 0; i < r->ninst; i++)
        if (started[i])
            pthread_join(tids[i], NULL);
    free(jobs);
    free(tids);
    free(started);
}

static void finish(Run *r, int exit_code)
{
    int frames[4] = { 0, 0, 0, 0 };
    for (int i = 0; i < r->ninst; i++) {
        Instance *inst = r->inst[i]->inst;
        frames[0] += inst->rendered;
        frames[1] += inst->identity;
        frames[2] += inst->aborted;
        frames[3] += inst->failed;
    }
    JsonBuf jb;
    log_start(&jb, "host_end", -1);
    jb_kint(&jb, "exit_code", exit_code);
    jb_kint(&jb, "failures", r->failures);
    jb_kint(&jb, "instances", r->ninst);
    jb_key(&jb, "frames");
    jb_obj_begin(&jb);
    jb_kint(&jb, "rendered", frames[0]);
    jb_kint(&jb, "identity", frames[1]);
    jb_kint(&jb, "aborted", frames[2]);
    jb_kint(&jb, "failed", frames[3]);
    jb_obj_end(&jb);
    log_finish(&jb);
    if (log_echo() >= 1 && r->ninst > 0 && (exit_code == EXIT_OK || exit_code == EXIT_FAILED))
        fprintf(stderr, "ofxhost: %d rendered, %d identity, %d aborted, %d failed; %d failure%s in all\n", frames[0],
                frames[1], frames[2], frames[3], r->failures, r->failures == 1 ? "" : "s");
}

static void teardown(Run *r, bool unload)
{
    for (int i = 0; i < r->ninst; i++) {
        Effect *e = r->inst[i];
        Instance *inst = e->inst;
        if (inst->created) {
            if (inst->cfg->purge_caches && !status_ok(action_run(r->hp.p, kOfxActionPurgeCaches, e, NULL, NULL)))
                inst->failures++;
            if (!status_ok(action_run(r->hp.p, kOfxActionDestroyInstance, e, NULL, NULL)))
                inst->failures++;
            instance_release_leaks(inst);
        }
        r->failures += inst->failures;
    }
    if (unload && !status_ok(action_run(r->hp.p, kOfxActionUnload, NULL, NULL, NULL)))
        r->failures++;
}

static void free_run(Run *r)
{
    for (int i = 0; i < r->ninst; i++)
        instance_free(r->inst[i]);
    free(r->inst);
    effect_free(r->ctx);
    effect_free(r->desc);
    plugin_close(&r->hp);
}

int lifecycle_run(const HostConfig *cfg)
{
    Run r = { .cfg = cfg };
    char err[1024];
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    HostSettings settings = { (unsigned)(cfg->threads > 0 ? cfg->threads : (cpus > 0 ? cpus : 1)),
                              cfg->question_yes, cfg->strict, (const char *const *)cfg->refused, cfg->nrefused };
    host_init(cfg->host_name, &settings);
    int code = EXIT_OK;
    if (!plugin_open(cfg->bundle, &r.hp, err, sizeof err)) {
        host_error(-1, "%s", err);
        code = EXIT_LOAD;
    } else if (cfg->list_plugins) {
        plugin_list_json(&r.hp, stdout);
    } else if (!plugin_pick(&r.hp, cfg->plugin, err, sizeof err)) {
        host_error(-1, "%s", err);
        code = EXIT_LOAD;
    } else {
        code = describe(&r);
        bool loaded = code != EXIT_LOAD || r.desc != NULL; /* Load succeeded: Unload is owed */
        if (code == EXIT_OK && cfg->list_params)
            describe_params_document(r.ctx, r.hp.p->pluginIdentifier, r.context, stdout);
        else if (code == EXIT_OK)
            code = build_instances(&r);
        if (code == EXIT_OK && !cfg->list_params) {
            for (int i = 0; i < r.ninst; i++)
                instance_start(r.hp.p, r.inst[i], r.context);
            render_all(&r);
        }
        if (code != EXIT_OK)
            for (int i = 0; i < r.ninst; i++)
                r.inst[i]->inst->created = false; /* never created: nothing to destroy */
        teardown(&r, loaded);
        if (code == EXIT_OK && r.failures > 0)
            code = EXIT_FAILED;
    }
    finish(&r, code);
    free_run(&r);
    host_shutdown();
    return code;
}
