/* The ABI as the specification lays it out: struct sizes and offsets on LP64, suite sizes (function pointer
 * counts), and the strings whose values differ from their macro names. */
#include <stddef.h>

#include "check.h"
#include "ofx_abi.h"

#define FNS(s) ((int)(sizeof(s) / sizeof(void (*)(void))))

int main(void)
{
    CHECK_INT(sizeof(OfxPlugin), 48);
    CHECK_INT(offsetof(OfxPlugin, apiVersion), 8);
    CHECK_INT(offsetof(OfxPlugin, pluginIdentifier), 16);
    CHECK_INT(offsetof(OfxPlugin, pluginVersionMajor), 24);
    CHECK_INT(offsetof(OfxPlugin, pluginVersionMinor), 28);
    CHECK_INT(offsetof(OfxPlugin, setHost), 32);
    CHECK_INT(offsetof(OfxPlugin, mainEntry), 40);
    CHECK_INT(sizeof(OfxHost), 16);
    CHECK_INT(sizeof(OfxRectD), 32);
    CHECK_INT(sizeof(OfxRangeD), 16);

    CHECK_INT(FNS(OfxPropertySuiteV1), 18);
    CHECK_INT(FNS(OfxImageEffectSuiteV1), 13);
    CHECK_INT(FNS(OfxParameterSuiteV1), 18);
    CHECK_INT(FNS(OfxMemorySuiteV1), 2);
    CHECK_INT(FNS(OfxMultiThreadSuiteV1), 9);
    CHECK_INT(FNS(OfxMessageSuiteV1), 1);
    CHECK_INT(FNS(OfxMessageSuiteV2), 3);
    CHECK_INT(FNS(OfxProgressSuiteV1), 3);
    CHECK_INT(FNS(OfxProgressSuiteV2), 3);
    /* Order spot checks: the position of a few functions inside their suite. */
    CHECK_INT(offsetof(OfxPropertySuiteV1, propGetPointer) / sizeof(void *), 8);
    CHECK_INT(offsetof(OfxPropertySuiteV1, propGetDimension) / sizeof(void *), 17);
    CHECK_INT(offsetof(OfxImageEffectSuiteV1, clipGetImage) / sizeof(void *), 5);
    CHECK_INT(offsetof(OfxImageEffectSuiteV1, abort) / sizeof(void *), 8);
    CHECK_INT(offsetof(OfxParameterSuiteV1, paramSetValue) / sizeof(void *), 8);
    CHECK_INT(offsetof(OfxParameterSuiteV1, paramEditEnd) / sizeof(void *), 17);
    CHECK_INT(offsetof(OfxMultiThreadSuiteV1, mutexCreate) / sizeof(void *), 4);

    /* Values that differ from their names. */
    CHECK_STR(kOfxImageEffectPluginApi, "OfxImageEffectPluginAPI");
    CHECK_STR(kOfxImagePreMultiplied, "OfxImageAlphaPremultiplied");
    CHECK_STR(kOfxImageUnPreMultiplied, "OfxImageAlphaUnPremultiplied");
    CHECK_STR(kOfxImageEffectPropSupportsMultipleClipDepths, "OfxImageEffectPropMultipleClipDepths");
    CHECK_STR(kOfxImageEffectPropProjectPixelAspectRatio, "OfxImageEffectPropPixelAspectRatio");
    CHECK_STR(kOfxImageFieldNone, "OfxFieldNone");
    CHECK_STR(kOfxImageFieldDoubled, "OfxFieldDoubled");
    CHECK_STR(kOfxHostNativeOriginBottomLeft, "kOfxImageEffectHostPropNativeOriginBottomLeft");
    CHECK_STR(kOfxParamPropUseHostOverlayHandle, "kOfxParamPropUseHostOverlayHandle");
    CHECK_STR(kOfxParamPropCustomInterpCallbackV1, "OfxParamPropCustomCallbackV1");
    CHECK_STR(kOfxImageEffectOutputClipName, "Output");
    CHECK_STR(kOfxImageEffectSimpleSourceClipName, "Source");
    CHECK_INT(kOfxStatReplyDefault, 14);
    CHECK_INT(kOfxStatErrBadIndex, 10);
    CHECK_INT(kOfxStatErrImageFormat, 1000);
    return check_summary("test_abi");
}
