/*
 * The host's object model behind the OpenFX handles.
 *
 *   OfxImageEffectHandle -> Effect (a descriptor, a context descriptor or an instance)
 *   OfxImageClipHandle   -> Clip
 *   OfxParamSetHandle    -> ParamSet, OfxParamHandle -> Param (params.h)
 *   OfxPropertySetHandle -> PropSet (props.h); an image's set is owned by a HostImage
 *
 * Every object starts with a magic number so handles coming back from the plugin are checked before use
 * (kOfxStatErrBadHandle instead of a crash on NULL or a handle of the wrong kind).
 */
#ifndef OFXHOST_HOST_H
#define OFXHOST_HOST_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "cli.h"
#include "ofx_abi.h"
#include "params.h"
#include "pixels.h"
#include "props.h"

#define EFFECT_MAGIC 0x45464654u /* "EFFT" */
#define CLIP_MAGIC 0x434C4950u   /* "CLIP" */

typedef struct Clip Clip;
typedef struct Instance Instance;

typedef struct Effect {
    uint32_t magic;
    bool is_instance;
    PropSet *props;
    ParamSet *params;
    Clip **clips;
    int nclips;
    Instance *inst;          /* NULL for descriptors */
} Effect;

struct Clip {
    uint32_t magic;
    char *name;
    PropSet *props;
    Effect *effect;
    bool is_output;
    /* Instance clips only. */
    bool connected;
    char *pattern;           /* input frames; NULL for the output and unconnected clips */
    int first, last;         /* frames that exist */
    int width, height;       /* canonical size = the first frame's size in pixels */
    Depth depth;             /* after clip preferences */
    Comps comps;
    double *needed;          /* frames-needed ranges for the current frame: pairs (min, max) */
    int nneeded;
};

/* An image handed to the plugin: its property set plus the pixels (owned, or the render's output buffer). */
typedef struct HostImage {
    PropSet *props;
    PixelBuf *buf;
    bool owns_buf;
    Clip *clip;
    double time;
    struct HostImage *next;
} HostImage;

typedef struct CachedFrame {
    const Clip *clip;
    int frame;
    Frame f;
    unsigned long long used;
} CachedFrame;

struct Instance {
    int index;
    const InstanceConfig *cfg;
    Effect *effect;
    pthread_mutex_t lock;    /* the plugin may fetch images from its own worker threads */
    bool created;
    /* The action in progress (for the log) and the render state. */
    const char *action;
    double scale;            /* render scale of the action in progress (1 outside the render path) */
    bool in_render;
    double render_time;      /* the current time: the time of the action in progress, else of the last one */
    PixelBuf *output;
    OfxRectD rod;
    double rod_time;
    bool has_rod;
    HostImage *live;         /* images not yet released */
    CachedFrame *cache;
    int ncache;
    unsigned long long clock;
    /* Parameters the plugin changed itself, reported back with kOfxChangePluginEdited after the action. */
    char **edited;
    int nedited;
    /* Progress and abort (--abort-after-progress). */
    int progress_updates;
    bool abort_armed;
    bool abort_now;
    int abort_polls;
    /* Render times and results. */
    double *times;
    int ntimes;
    int failures;
    int rendered, failed, aborted, identity;
};

Effect *effect_from_handle(OfxImageEffectHandle h);
Clip *clip_from_handle(OfxImageClipHandle h);
Clip *effect_find_clip(const Effect *e, const char *name);
/* Creates a descriptor clip on e (NULL when the name exists). */
Clip *effect_define_clip(Effect *e, const char *name);

/* An instance clip made from a descriptor clip (its properties plus the instance ones). */
Clip *effect_add_instance_clip(Effect *e, const Clip *desc, int instance);

Effect *effect_new_descriptor(const char *bundle_path);
/* A deep copy of a descriptor for one context (properties, clips and parameters). */
Effect *effect_clone_descriptor(const Effect *src, const char *context);
void effect_free(Effect *e);

/* Host-wide settings the suites need. */
typedef struct HostSettings {
    unsigned threads;
    bool question_yes;
    bool strict;                    /* --strict: also drop messages on descriptor handles (suite_message.c) */
    const char *const *refused;     /* --refuse names; with strict, handed to propdefs_configure */
    int nrefused;
} HostSettings;

void host_init(const char *host_name, const HostSettings *settings);
void host_shutdown(void);
OfxHost *host_struct(void);
const HostSettings *host_settings(void);
PropSet *host_props(void);

/* Suites (suite_*.c). */
const OfxImageEffectSuiteV1 *image_effect_suite(void);
const OfxParameterSuiteV1 *parameter_suite(void);
const OfxMemorySuiteV1 *memory_suite(void);
const OfxMultiThreadSuiteV1 *multithread_suite(void);
const void *message_suite(int version);
const void *progress_suite(int version);

/* Instance index for the log, from any handle a suite receives (-1 when none). */
int handle_instance(const void *handle);

#endif
