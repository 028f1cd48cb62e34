/* Shared by the test plugin's files: the suites fetched at Load, the instance data and small helpers. */
#ifndef TESTPLUGIN_H
#define TESTPLUGIN_H

#include <stdbool.h>

#include "ofx_abi.h"

extern OfxHost *g_host;
extern const OfxPropertySuiteV1 *P;
extern const OfxImageEffectSuiteV1 *E;
extern const OfxParameterSuiteV1 *Q;
extern const OfxMultiThreadSuiteV1 *T;
extern const OfxMessageSuiteV2 *M;
extern const OfxProgressSuiteV2 *G;
extern const OfxMemorySuiteV1 *MEM;

enum { MODE_AVERAGE, MODE_FIRST, MODE_LAST };
enum { FAULT_NONE, FAULT_FAIL, FAULT_LEAK, FAULT_BAD_CALLS };

typedef struct Data {
    OfxImageClipHandle src, out;
    OfxParamHandle radius, gain, enable, mode, note, reset, fault, fault_frame, work_steps, upscale, offset;
} Data;

Data *data_of(OfxImageEffectHandle fx);
int get_int(OfxParamHandle p, double t);
double get_double(OfxParamHandle p, double t);

/* checks.c: calls with bad arguments, checking the host's statuses; reported as one message. */
void run_param_checks(OfxImageEffectHandle fx, Data *d);
void run_image_checks(OfxImageEffectHandle fx, Data *d, OfxPropertySetHandle out_image);

/* The binary's exports (testplugin.c). */
int OfxGetNumberOfPlugins(void);
OfxPlugin *OfxGetPlugin(int nth);
OfxStatus OfxSetHost(const OfxHost *host);

/* render.c */
OfxStatus render(OfxImageEffectHandle fx, OfxPropertySetHandle in);

#endif
