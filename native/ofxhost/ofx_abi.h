/*
 * The OpenFX 1.4 C ABI as this project uses it: written here from the OpenFX specification (no official header is
 * included or copied). Struct layouts and the order of function pointers inside each suite are the ABI: they must
 * match the specification exactly, field for field. Names follow the specification so a reader can look them up.
 *
 * Trap: several string values differ from their macro names (kOfxImageEffectPluginApi is "OfxImageEffectPluginAPI",
 * kOfxImagePreMultiplied is "OfxImageAlphaPremultiplied", kOfxImageEffectPropSupportsMultipleClipDepths is
 * "OfxImageEffectPropMultipleClipDepths", ...). Never derive a string from a name; tests/test_abi.c checks them.
 */
#ifndef OFXHOST_OFX_ABI_H
#define OFXHOST_OFX_ABI_H

#include <stddef.h>

typedef int OfxStatus;
typedef double OfxTime;

/* Opaque handles; the host decides what they point to (see host.h). */
typedef struct OfxPropertySetStruct *OfxPropertySetHandle;
typedef struct OfxImageEffectStruct *OfxImageEffectHandle;
typedef struct OfxImageClipStruct *OfxImageClipHandle;
typedef struct OfxImageMemoryStruct *OfxImageMemoryHandle;
typedef struct OfxParamStruct *OfxParamHandle;
typedef struct OfxParamSetStruct *OfxParamSetHandle;
typedef struct OfxMutex *OfxMutexHandle;

typedef struct OfxRectI { int x1, y1, x2, y2; } OfxRectI;
typedef struct OfxRectD { double x1, y1, x2, y2; } OfxRectD;
typedef struct OfxRangeD { double min, max; } OfxRangeD;

/* ---- Bootstrapping (ofxCore) ---- */
typedef struct OfxHost {
    OfxPropertySetHandle host;
    const void *(*fetchSuite)(OfxPropertySetHandle host, const char *suiteName, int suiteVersion);
} OfxHost;

typedef OfxStatus (OfxPluginEntryPoint)(const char *action, const void *handle,
                                        OfxPropertySetHandle inArgs, OfxPropertySetHandle outArgs);

/* 48 bytes on x86-64. */
typedef struct OfxPlugin {
    const char *pluginApi;
    int apiVersion;
    const char *pluginIdentifier;
    unsigned int pluginVersionMajor;
    unsigned int pluginVersionMinor;
    void (*setHost)(OfxHost *host);
    OfxPluginEntryPoint *mainEntry;
} OfxPlugin;

typedef int (*OfxGetNumberOfPluginsFn)(void);
typedef OfxPlugin *(*OfxGetPluginFn)(int nth);
typedef OfxStatus (*OfxSetHostFn)(const OfxHost *host);

/* ---- Status codes ---- */
enum {
    kOfxStatOK = 0,
    kOfxStatFailed = 1,
    kOfxStatErrFatal = 2,
    kOfxStatErrUnknown = 3,
    kOfxStatErrMissingHostFeature = 4,
    kOfxStatErrUnsupported = 5,
    kOfxStatErrExists = 6,
    kOfxStatErrFormat = 7,
    kOfxStatErrMemory = 8,
    kOfxStatErrBadHandle = 9,
    kOfxStatErrBadIndex = 10,
    kOfxStatErrValue = 11,
    kOfxStatReplyYes = 12,
    kOfxStatReplyNo = 13,
    kOfxStatReplyDefault = 14,
    kOfxStatUnlicensed = 15,
    kOfxStatErrImageFormat = 1000
};

/* ---- Suites, function pointers in ABI order ---- */
typedef struct OfxPropertySuiteV1 {
    OfxStatus (*propSetPointer)(OfxPropertySetHandle, const char *, int, void *);
    OfxStatus (*propSetString)(OfxPropertySetHandle, const char *, int, const char *);
    OfxStatus (*propSetDouble)(OfxPropertySetHandle, const char *, int, double);
    OfxStatus (*propSetInt)(OfxPropertySetHandle, const char *, int, int);
    OfxStatus (*propSetPointerN)(OfxPropertySetHandle, const char *, int, void *const *);
    OfxStatus (*propSetStringN)(OfxPropertySetHandle, const char *, int, const char *const *);
    OfxStatus (*propSetDoubleN)(OfxPropertySetHandle, const char *, int, const double *);
    OfxStatus (*propSetIntN)(OfxPropertySetHandle, const char *, int, const int *);
    OfxStatus (*propGetPointer)(OfxPropertySetHandle, const char *, int, void **);
    OfxStatus (*propGetString)(OfxPropertySetHandle, const char *, int, char **);
    OfxStatus (*propGetDouble)(OfxPropertySetHandle, const char *, int, double *);
    OfxStatus (*propGetInt)(OfxPropertySetHandle, const char *, int, int *);
    OfxStatus (*propGetPointerN)(OfxPropertySetHandle, const char *, int, void **);
    OfxStatus (*propGetStringN)(OfxPropertySetHandle, const char *, int, char **);
    OfxStatus (*propGetDoubleN)(OfxPropertySetHandle, const char *, int, double *);
    OfxStatus (*propGetIntN)(OfxPropertySetHandle, const char *, int, int *);
    OfxStatus (*propReset)(OfxPropertySetHandle, const char *);
    OfxStatus (*propGetDimension)(OfxPropertySetHandle, const char *, int *);
} OfxPropertySuiteV1;

typedef struct OfxImageEffectSuiteV1 {
    OfxStatus (*getPropertySet)(OfxImageEffectHandle, OfxPropertySetHandle *);
    OfxStatus (*getParamSet)(OfxImageEffectHandle, OfxParamSetHandle *);
    OfxStatus (*clipDefine)(OfxImageEffectHandle, const char *, OfxPropertySetHandle *);
    OfxStatus (*clipGetHandle)(OfxImageEffectHandle, const char *, OfxImageClipHandle *, OfxPropertySetHandle *);
    OfxStatus (*clipGetPropertySet)(OfxImageClipHandle, OfxPropertySetHandle *);
    OfxStatus (*clipGetImage)(OfxImageClipHandle, OfxTime, const OfxRectD *, OfxPropertySetHandle *);
    OfxStatus (*clipReleaseImage)(OfxPropertySetHandle);
    OfxStatus (*clipGetRegionOfDefinition)(OfxImageClipHandle, OfxTime, OfxRectD *);
    int (*abort)(OfxImageEffectHandle);
    OfxStatus (*imageMemoryAlloc)(OfxImageEffectHandle, size_t, OfxImageMemoryHandle *);
    OfxStatus (*imageMemoryFree)(OfxImageMemoryHandle);
    OfxStatus (*imageMemoryLock)(OfxImageMemoryHandle, void **);
    OfxStatus (*imageMemoryUnlock)(OfxImageMemoryHandle);
} OfxImageEffectSuiteV1;

/* The value functions are C varargs: the trailing arguments are pointers (getters) or values (setters) whose
 * types depend on the parameter's type (int, double, const char *). */
typedef struct OfxParameterSuiteV1 {
    OfxStatus (*paramDefine)(OfxParamSetHandle, const char *paramType, const char *name, OfxPropertySetHandle *);
    OfxStatus (*paramGetHandle)(OfxParamSetHandle, const char *, OfxParamHandle *, OfxPropertySetHandle *);
    OfxStatus (*paramSetGetPropertySet)(OfxParamSetHandle, OfxPropertySetHandle *);
    OfxStatus (*paramGetPropertySet)(OfxParamHandle, OfxPropertySetHandle *);
    OfxStatus (*paramGetValue)(OfxParamHandle, ...);
    OfxStatus (*paramGetValueAtTime)(OfxParamHandle, OfxTime, ...);
    OfxStatus (*paramGetDerivative)(OfxParamHandle, OfxTime, ...);
    OfxStatus (*paramGetIntegral)(OfxParamHandle, OfxTime, OfxTime, ...);
    OfxStatus (*paramSetValue)(OfxParamHandle, ...);
    OfxStatus (*paramSetValueAtTime)(OfxParamHandle, OfxTime, ...);
    OfxStatus (*paramGetNumKeys)(OfxParamHandle, unsigned int *);
    OfxStatus (*paramGetKeyTime)(OfxParamHandle, unsigned int, OfxTime *);
    OfxStatus (*paramGetKeyIndex)(OfxParamHandle, OfxTime, int direction, int *);
    OfxStatus (*paramDeleteKey)(OfxParamHandle, OfxTime);
    OfxStatus (*paramDeleteAllKeys)(OfxParamHandle);
    OfxStatus (*paramCopy)(OfxParamHandle to, OfxParamHandle from, OfxTime dstOffset, const OfxRangeD *);
    OfxStatus (*paramEditBegin)(OfxParamSetHandle, const char *);
    OfxStatus (*paramEditEnd)(OfxParamSetHandle);
} OfxParameterSuiteV1;

typedef struct OfxMemorySuiteV1 {
    OfxStatus (*memoryAlloc)(void *handle, size_t nBytes, void **allocatedData);
    OfxStatus (*memoryFree)(void *allocatedData);
} OfxMemorySuiteV1;

typedef void (OfxThreadFunctionV1)(unsigned int threadIndex, unsigned int threadMax, void *customArg);

typedef struct OfxMultiThreadSuiteV1 {
    OfxStatus (*multiThread)(OfxThreadFunctionV1 func, unsigned int nThreads, void *customArg);
    OfxStatus (*multiThreadNumCPUs)(unsigned int *nCPUs);
    OfxStatus (*multiThreadIndex)(unsigned int *threadIndex);
    int (*multiThreadIsSpawnedThread)(void);
    OfxStatus (*mutexCreate)(OfxMutexHandle *mutex, int lockCount);
    OfxStatus (*mutexDestroy)(const OfxMutexHandle mutex);
    OfxStatus (*mutexLock)(const OfxMutexHandle mutex);
    OfxStatus (*mutexUnLock)(const OfxMutexHandle mutex);
    OfxStatus (*mutexTryLock)(const OfxMutexHandle mutex);
} OfxMultiThreadSuiteV1;

typedef struct OfxMessageSuiteV1 {
    OfxStatus (*message)(void *handle, const char *messageType, const char *messageId, const char *format, ...);
} OfxMessageSuiteV1;

typedef struct OfxMessageSuiteV2 {
    OfxStatus (*message)(void *handle, const char *messageType, const char *messageId, const char *format, ...);
    OfxStatus (*setPersistentMessage)(void *handle, const char *messageType, const char *messageId,
                                      const char *format, ...);
    OfxStatus (*clearPersistentMessage)(void *handle);
} OfxMessageSuiteV2;

typedef struct OfxProgressSuiteV1 {
    OfxStatus (*progressStart)(void *effectInstance, const char *label);
    OfxStatus (*progressUpdate)(void *effectInstance, double progress);
    OfxStatus (*progressEnd)(void *effectInstance);
} OfxProgressSuiteV1;

typedef struct OfxProgressSuiteV2 {
    OfxStatus (*progressStart)(void *effectInstance, const char *message, const char *messageId);
    OfxStatus (*progressUpdate)(void *effectInstance, double progress);
    OfxStatus (*progressEnd)(void *effectInstance);
} OfxProgressSuiteV2;

/* ---- Suite names ---- */
#define kOfxPropertySuite "OfxPropertySuite"
#define kOfxImageEffectSuite "OfxImageEffectSuite"
#define kOfxParameterSuite "OfxParameterSuite"
#define kOfxMemorySuite "OfxMemorySuite"
#define kOfxMultiThreadSuite "OfxMultiThreadSuite"
#define kOfxMessageSuite "OfxMessageSuite"
#define kOfxProgressSuite "OfxProgressSuite"

#include "ofx_strings.h"

#endif
