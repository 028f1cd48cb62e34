/* fault = bad_calls: the test plugin calls the host with bad handles, names, indices and types and checks the
 * statuses the specification promises. The outcome is one message: "host checks (KIND): all N passed" or
 * "host checks (KIND): K of N failed: name, name". */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "testplugin.h"

typedef struct Tally {
    int run, failed;
    char names[1024];
} Tally;

static void check(Tally *t, const char *name, int ok)
{
    t->run++;
    if (ok)
        return;
    t->failed++;
    size_t n = strlen(t->names);
    snprintf(t->names + n, sizeof t->names - n, "%s%s", n ? ", " : "", name);
}

static void report(OfxImageEffectHandle fx, const char *kind, const Tally *t)
{
    if (t->failed == 0)
        M->message(fx, kOfxMessageMessage, "test.checks", "host checks (%s): all %d passed", kind, t->run);
    else
        M->message(fx, kOfxMessageError, "test.checks", "host checks (%s): %d of %d failed: %s", kind, t->failed,
                   t->run, t->names);
}

static int near(double a, double b) { return fabs(a - b) < 1e-9; }

void run_param_checks(OfxImageEffectHandle fx, Data *d)
{
    Tally t = { 0, 0, "" };
    OfxPropertySetHandle ps;
    E->getPropertySet(fx, &ps);
    int i = 0;
    double v = 0, xy[2] = { 0, 0 };
    char *s = NULL;
    check(&t, "unknown property", P->propGetInt(ps, "NoSuchProperty", 0, &i) == kOfxStatErrUnknown);
    check(&t, "set unknown property", P->propSetInt(ps, "NoSuchProperty", 0, 1) == kOfxStatErrUnknown);
    check(&t, "type mismatch", P->propGetInt(ps, kOfxImageEffectPropContext, 0, &i) == kOfxStatErrValue);
    check(&t, "bad index", P->propGetString(ps, kOfxImageEffectPropContext, 3, &s) == kOfxStatErrBadIndex);
    check(&t, "negative index", P->propGetString(ps, kOfxImageEffectPropContext, -1, &s) == kOfxStatErrBadIndex);
    check(&t, "NULL property set", P->propSetInt(NULL, kOfxPropTime, 0, 1) == kOfxStatErrBadHandle);
    check(&t, "fixed dimension", P->propSetDouble(ps, kOfxImageEffectPropProjectSize, 2, 1.0) ==
                                     kOfxStatErrBadIndex);
    int dim = 0;
    check(&t, "dimension", P->propGetDimension(ps, kOfxImageEffectPropProjectSize, &dim) == kOfxStatOK && dim == 2);
    check(&t, "unknown suite", g_host->fetchSuite(g_host->host, "NoSuchSuite", 1) == NULL);
    check(&t, "unknown suite version", g_host->fetchSuite(g_host->host, kOfxPropertySuite, 99) == NULL);
    OfxImageClipHandle clip;
    check(&t, "unknown clip", E->clipGetHandle(fx, "NoSuchClip", &clip, NULL) == kOfxStatErrUnknown);
    check(&t, "NULL clip image", E->clipGetImage(NULL, 0, NULL, &ps) == kOfxStatErrBadHandle);
    check(&t, "NULL release", E->clipReleaseImage(NULL) == kOfxStatErrBadHandle);
    OfxParamSetHandle set;
    OfxParamHandle p;
    E->getParamSet(fx, &set);
    check(&t, "unknown param", Q->paramGetHandle(set, "nosuch", &p, NULL) == kOfxStatErrUnknown);
    check(&t, "define on instance", Q->paramDefine(set, kOfxParamTypeInteger, "late", NULL) != kOfxStatOK);
    check(&t, "button value", Q->paramGetValue(d->reset, &i) != kOfxStatOK);
    /* Keyframes on the 2D double: linear between keys, derivative and integral of that line. */
    Q->paramSetValueAtTime(d->offset, 0.0, 0.0, 0.0);
    Q->paramSetValueAtTime(d->offset, 10.0, 10.0, 20.0);
    unsigned int nkeys = 0;
    check(&t, "num keys", Q->paramGetNumKeys(d->offset, &nkeys) == kOfxStatOK && nkeys == 2);
    Q->paramGetValueAtTime(d->offset, 5.0, &xy[0], &xy[1]);
    check(&t, "interpolation", near(xy[0], 5.0) && near(xy[1], 10.0));
    Q->paramGetDerivative(d->offset, 5.0, &xy[0], &xy[1]);
    check(&t, "derivative", near(xy[0], 1.0) && near(xy[1], 2.0));
    Q->paramGetIntegral(d->offset, 0.0, 10.0, &xy[0], &xy[1]);
    check(&t, "integral", near(xy[0], 50.0) && near(xy[1], 100.0));
    int index = 0;
    check(&t, "key index", Q->paramGetKeyIndex(d->offset, 3.0, 1, &index) == kOfxStatOK && index == 1);
    double kt = 0;
    check(&t, "bad key", Q->paramGetKeyTime(d->offset, 5, &kt) == kOfxStatErrBadIndex);
    check(&t, "delete key", Q->paramDeleteKey(d->offset, 10.0) == kOfxStatOK);
    check(&t, "delete missing key", Q->paramDeleteKey(d->offset, 10.0) == kOfxStatErrBadIndex);
    check(&t, "delete all", Q->paramDeleteAllKeys(d->offset) == kOfxStatOK &&
                                Q->paramGetNumKeys(d->offset, &nkeys) == kOfxStatOK && nkeys == 0);
    check(&t, "int value", Q->paramGetValue(d->radius, &i) == kOfxStatOK && i >= 0);
    check(&t, "double value", Q->paramGetValue(d->gain, &v) == kOfxStatOK && v >= 0);
    const char *note = NULL;
    check(&t, "string value", Q->paramGetValue(d->note, &note) == kOfxStatOK && note != NULL);
    OfxMutexHandle mx;
    check(&t, "mutex", T->mutexCreate(&mx, 0) == kOfxStatOK && T->mutexLock(mx) == kOfxStatOK &&
                           T->mutexTryLock(mx) == kOfxStatOK && T->mutexUnLock(mx) == kOfxStatOK &&
                           T->mutexUnLock(mx) == kOfxStatOK && T->mutexDestroy(mx) == kOfxStatOK);
    check(&t, "not spawned", T->multiThreadIsSpawnedThread() == 0);
    report(fx, "params", &t);
}

static void nested(unsigned int index, unsigned int count, void *arg)
{
    (void)count;
    int *results = arg;
    unsigned int me = 99;
    T->multiThreadIndex(&me);
    /* A call from a spawned thread must be refused. */
    results[index] = (me == index) && T->multiThreadIsSpawnedThread() == 1 &&
                     T->multiThread(nested, 1, NULL) == kOfxStatErrExists;
}

void run_image_checks(OfxImageEffectHandle fx, Data *d, OfxPropertySetHandle out_image)
{
    Tally t = { 0, 0, "" };
    int b[4], dim = 0;
    double dv = 0;
    check(&t, "bounds dimension", P->propGetDimension(out_image, kOfxImagePropBounds, &dim) == kOfxStatOK &&
                                      dim == 4);
    check(&t, "bounds index", P->propGetInt(out_image, kOfxImagePropBounds, 4, &b[0]) == kOfxStatErrBadIndex);
    check(&t, "bounds type", P->propGetDouble(out_image, kOfxImagePropBounds, 0, &dv) == kOfxStatErrValue);
    char *ptype = NULL;
    check(&t, "image type", P->propGetString(out_image, kOfxPropType, 0, &ptype) == kOfxStatOK &&
                                strcmp(ptype, kOfxTypeImage) == 0);
    OfxPropertySetHandle other;
    check(&t, "output at another time", E->clipGetImage(d->out, -1000.0, NULL, &other) != kOfxStatOK);
    check(&t, "frame outside clip", E->clipGetImage(d->src, -1000.0, NULL, &other) != kOfxStatOK);
    int results[4] = { 0, 0, 0, 0 };
    check(&t, "multiThread", T->multiThread(nested, 4, results) == kOfxStatOK);
    check(&t, "spawned threads", results[0] && results[1] && results[2] && results[3]);
    OfxImageMemoryHandle mem;
    void *ptr = NULL;
    check(&t, "image memory", E->imageMemoryAlloc(fx, 1024, &mem) == kOfxStatOK &&
                                  E->imageMemoryLock(mem, &ptr) == kOfxStatOK && ptr != NULL &&
                                  E->imageMemoryUnlock(mem) == kOfxStatOK && E->imageMemoryFree(mem) == kOfxStatOK);
    check(&t, "abort off", E->abort(fx) == 0);
    report(fx, "images", &t);
}
