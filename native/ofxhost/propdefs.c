#include "propdefs.h"

#include <float.h>
#include <limits.h>

#include "ofx_strings.h"

#define STRS(...) (const char *const[]){ __VA_ARGS__ }
#define INTS(...) (const int[]){ __VA_ARGS__ }
#define DBLS(...) (const double[]){ __VA_ARGS__ }
#define COUNT(a) ((int)(sizeof(a) / sizeof *(a)))

/*
 * What --strict leaves out. Two sources, both in the openfx repository (AcademySoftwareFoundation/openfx):
 * - the specification's property metadata (openfx-cpp/include/openfx/ofxPropsBySet.h) marks some properties
 *   "host_optional": a conforming host may lack them;
 * - the reference host library HostSupport (HostSupport/src/ofxhImageEffect.cpp, ofxhParam.cpp), the base of
 *   Natron's host, builds closed sets from its own lists and answers kOfxStatErrUnknown for anything else. It has no
 *   parameter-set properties: paramSetGetPropertySet returns the effect's set, which lacks them.
 * Clip and image sets are the same in HostSupport as here.
 */
static const char *const g_strict_host[] = {
    /* host_optional in the specification */
    kOfxPropHostOSHandle, kOfxImageEffectInstancePropSequentialRender, kOfxImageEffectPropRenderQualityDraft,
    kOfxImageEffectHostPropNativeOrigin,
    /* HostSupport has it only when built with OFX_SUPPORTS_OPENGLRENDER */
    kOfxImageEffectPropOpenGLRenderSupported,
};
static const char *const g_strict_effect_descriptor[] = {
    /* host_optional in the specification */
    kOfxPropVersion, kOfxPropVersionLabel, kOfxPropPluginDescription,
    /* not in HostSupport's effect descriptor (kOfxPluginPropParamPageOrder: the spec puts it on the parameter set) */
    kOfxPluginPropParamPageOrder, kOfxPropParamSetNeedsSyncing, kOfxImageEffectPluginPropObsolete,
    kOfxImageEffectPropOpenGLRenderSupported,
};
static const char *const g_strict_effect_instance[] = {
    kOfxPluginPropParamPageOrder, kOfxPropParamSetNeedsSyncing, kOfxImageEffectPropOpenGLRenderSupported,
};
static const char *const g_strict_param[] = {
    /* not in HostSupport's parameters (kOfxParamPropPluginMayWrite was removed in OpenFX 1.4, ChoiceOrder is 1.5) */
    kOfxParamPropHasHostOverlayHandle, kOfxParamPropUseHostOverlayHandle, kOfxParamPropPluginMayWrite,
    kOfxParamPropChoiceOrder,
};

static bool g_strict;
static const char *const *g_refused;
static int g_nrefused;

void propdefs_configure(bool strict, const char *const *refused, int nrefused)
{
    g_strict = strict;
    g_refused = refused;
    g_nrefused = nrefused;
}

bool propdefs_strict(void) { return g_strict; }

/* Leaves out what the configuration refuses: the strict list of this kind of set, then every --refuse name. */
static void leave_out(PropSet *ps, const char *const *strict_list, int n)
{
    for (int i = 0; g_strict && i < n; i++)
        propset_remove(ps, strict_list[i]);
    for (int i = 0; i < g_nrefused; i++)
        propset_remove(ps, g_refused[i]);
}

void propdefs_host(PropSet *ps, const HostIdentity *id)
{
    PS_STR1(ps, kOfxPropType, kOfxTypeImageEffectHost);
    PS_STR1(ps, kOfxPropName, id->name);
    PS_STR1(ps, kOfxPropLabel, id->label);
    ps_decl_int(ps, kOfxPropAPIVersion, 0, 2, INTS(1, 4));
    ps_decl_int(ps, kOfxPropVersion, 0, 3, INTS(1, 0, 0));
    PS_STR1(ps, kOfxPropVersionLabel, "1.0.0");
    PS_INT1(ps, kOfxImageEffectHostPropIsBackground, 1);
    PS_INT1(ps, kOfxImageEffectPropSupportsOverlays, 0);
    PS_INT1(ps, kOfxImageEffectPropSupportsMultiResolution, 1);
    PS_INT1(ps, kOfxImageEffectPropSupportsTiles, 0);
    PS_INT1(ps, kOfxImageEffectPropTemporalClipAccess, 1);
    ps_decl_str(ps, kOfxImageEffectPropSupportedComponents, 0, 3,
                STRS(kOfxImageComponentRGBA, kOfxImageComponentRGB, kOfxImageComponentAlpha));
    ps_decl_str(ps, kOfxImageEffectPropSupportedContexts, 0, 2,
                STRS(kOfxImageEffectContextFilter, kOfxImageEffectContextGeneral));
    ps_decl_str(ps, kOfxImageEffectPropSupportedPixelDepths, 0, 4,
                STRS(kOfxBitDepthByte, kOfxBitDepthShort, kOfxBitDepthHalf, kOfxBitDepthFloat));
    PS_INT1(ps, kOfxImageEffectPropSupportsMultipleClipDepths, 1);
    PS_INT1(ps, kOfxImageEffectPropSupportsMultipleClipPARs, 0);
    PS_INT1(ps, kOfxImageEffectPropSetableFrameRate, 0);
    PS_INT1(ps, kOfxImageEffectPropSetableFielding, 0);
    PS_INT1(ps, kOfxImageEffectInstancePropSequentialRender, 1);
    PS_STR1(ps, kOfxImageEffectHostPropNativeOrigin, kOfxHostNativeOriginBottomLeft);
    PS_STR1(ps, kOfxImageEffectPropOpenGLRenderSupported, "false");
    PS_INT1(ps, kOfxImageEffectPropRenderQualityDraft, 0);
    PS_PTR1(ps, kOfxPropHostOSHandle, NULL);
    PS_INT1(ps, kOfxParamHostPropSupportsCustomInteract, 0);
    PS_INT1(ps, kOfxParamHostPropSupportsStringAnimation, 0);
    PS_INT1(ps, kOfxParamHostPropSupportsChoiceAnimation, 0);
    PS_INT1(ps, kOfxParamHostPropSupportsBooleanAnimation, 0);
    PS_INT1(ps, kOfxParamHostPropSupportsCustomAnimation, 0);
    PS_INT1(ps, kOfxParamHostPropMaxParameters, -1);
    PS_INT1(ps, kOfxParamHostPropMaxPages, 0);
    ps_decl_int(ps, kOfxParamHostPropPageRowColumnCount, 2, 2, INTS(0, 0));
    leave_out(ps, g_strict_host, COUNT(g_strict_host));
}

void propdefs_effect_descriptor(PropSet *ps, const char *bundle_path)
{
    PS_STR1(ps, kOfxPropType, kOfxTypeImageEffect);
    PS_STR1(ps, kOfxPropLabel, "");
    PS_STR1(ps, kOfxPropShortLabel, "");
    PS_STR1(ps, kOfxPropLongLabel, "");
    ps_decl_int(ps, kOfxPropVersion, 0, 0, NULL);
    PS_STR1(ps, kOfxPropVersionLabel, "");
    PS_STR1(ps, kOfxPropPluginDescription, "");
    PS_STRV(ps, kOfxImageEffectPropSupportedContexts);
    PS_STR1(ps, kOfxImageEffectPluginPropGrouping, "");
    PS_INT1(ps, kOfxImageEffectPluginPropObsolete, 0);
    PS_INT1(ps, kOfxImageEffectPluginPropSingleInstance, 0);
    PS_STR1(ps, kOfxImageEffectPluginRenderThreadSafety, kOfxImageEffectRenderInstanceSafe);
    PS_INT1(ps, kOfxImageEffectPluginPropHostFrameThreading, 1);
    PS_PTR1(ps, kOfxImageEffectPluginPropOverlayInteractV1, NULL);
    PS_INT1(ps, kOfxImageEffectPropSupportsMultiResolution, 1);
    PS_INT1(ps, kOfxImageEffectPropSupportsTiles, 1);
    PS_INT1(ps, kOfxImageEffectPropTemporalClipAccess, 0);
    PS_STRV(ps, kOfxImageEffectPropSupportedPixelDepths);
    PS_INT1(ps, kOfxImageEffectPluginPropFieldRenderTwiceAlways, 1);
    PS_INT1(ps, kOfxImageEffectPropSupportsMultipleClipDepths, 0);
    PS_INT1(ps, kOfxImageEffectPropSupportsMultipleClipPARs, 0);
    PS_STRV(ps, kOfxImageEffectPropClipPreferencesSlaveParam);
    PS_STR1(ps, kOfxImageEffectPropOpenGLRenderSupported, "false");
    PS_STR1(ps, kOfxPluginPropFilePath, bundle_path);
    /* paramSetGetPropertySet returns the effect's own set, so the parameter-set properties live here too. */
    PS_STRV(ps, kOfxPluginPropParamPageOrder);
    PS_INT1(ps, kOfxPropParamSetNeedsSyncing, 0);
    leave_out(ps, g_strict_effect_descriptor, COUNT(g_strict_effect_descriptor));
}

void propdefs_effect_instance(PropSet *ps, const PropSet *descriptor, const char *context)
{
    PS_STR1(ps, kOfxPropType, kOfxTypeImageEffectInstance);
    PS_STR1(ps, kOfxImageEffectPropContext, context);
    PS_PTR1(ps, kOfxPropInstanceData, NULL);
    ps_decl_double(ps, kOfxImageEffectPropProjectSize, 2, 2, DBLS(0, 0));
    ps_decl_double(ps, kOfxImageEffectPropProjectOffset, 2, 2, DBLS(0, 0));
    ps_decl_double(ps, kOfxImageEffectPropProjectExtent, 2, 2, DBLS(0, 0));
    PS_DBL1(ps, kOfxImageEffectPropProjectPixelAspectRatio, 1.0);
    PS_DBL1(ps, kOfxImageEffectInstancePropEffectDuration, 1.0);
    PS_INT1(ps, kOfxImageEffectInstancePropSequentialRender, 0);
    PS_INT1(ps, kOfxImageEffectPropSupportsTiles, ps_int(descriptor, kOfxImageEffectPropSupportsTiles, 0, 1));
    PS_STR1(ps, kOfxImageEffectPropOpenGLRenderSupported, "false");
    PS_DBL1(ps, kOfxImageEffectPropFrameRate, 24.0);
    PS_INT1(ps, kOfxPropIsInteractive, 0);
    PS_STRV(ps, kOfxPluginPropParamPageOrder);
    PS_INT1(ps, kOfxPropParamSetNeedsSyncing, 0);
    /* Page order is declared on the descriptor; instances report the same order. */
    const Prop *order = propset_find(descriptor, kOfxPluginPropParamPageOrder);
    for (int i = 0; order && i < order->count; i++)
        ps_set_str(ps, kOfxPluginPropParamPageOrder, i, order->v[i].s);
    leave_out(ps, g_strict_effect_instance, COUNT(g_strict_effect_instance));
}

void propdefs_clip_descriptor(PropSet *ps, const char *name)
{
    PS_STR1(ps, kOfxPropType, kOfxTypeClip);
    PS_STR1(ps, kOfxPropName, name);
    PS_STR1(ps, kOfxPropLabel, name);
    PS_STR1(ps, kOfxPropShortLabel, name);
    PS_STR1(ps, kOfxPropLongLabel, name);
    PS_STRV(ps, kOfxImageEffectPropSupportedComponents);
    PS_INT1(ps, kOfxImageEffectPropTemporalClipAccess, 0);
    PS_INT1(ps, kOfxImageClipPropOptional, 0);
    PS_STR1(ps, kOfxImageClipPropFieldExtraction, kOfxImageFieldDoubled);
    PS_INT1(ps, kOfxImageClipPropIsMask, 0);
    PS_INT1(ps, kOfxImageEffectPropSupportsTiles, 1);
    leave_out(ps, NULL, 0);
}

void propdefs_clip_instance(PropSet *ps)
{
    PS_STR1(ps, kOfxImageEffectPropPixelDepth, kOfxBitDepthNone);
    PS_STR1(ps, kOfxImageEffectPropComponents, kOfxImageComponentNone);
    PS_STR1(ps, kOfxImageClipPropUnmappedPixelDepth, kOfxBitDepthNone);
    PS_STR1(ps, kOfxImageClipPropUnmappedComponents, kOfxImageComponentNone);
    PS_STR1(ps, kOfxImageEffectPropPreMultiplication, kOfxImageOpaque);
    PS_DBL1(ps, kOfxImagePropPixelAspectRatio, 1.0);
    PS_DBL1(ps, kOfxImageEffectPropFrameRate, 24.0);
    ps_decl_double(ps, kOfxImageEffectPropFrameRange, 2, 2, DBLS(0, 0));
    PS_STR1(ps, kOfxImageClipPropFieldOrder, kOfxImageFieldNone);
    PS_INT1(ps, kOfxImageClipPropConnected, 0);
    ps_decl_double(ps, kOfxImageEffectPropUnmappedFrameRange, 2, 2, DBLS(0, 0));
    PS_DBL1(ps, kOfxImageEffectPropUnmappedFrameRate, 24.0);
    PS_INT1(ps, kOfxImageClipPropContinuousSamples, 0);
    leave_out(ps, NULL, 0);
}

void propdefs_image(PropSet *ps)
{
    PS_STR1(ps, kOfxPropType, kOfxTypeImage);
    PS_STR1(ps, kOfxImageEffectPropPixelDepth, kOfxBitDepthNone);
    PS_STR1(ps, kOfxImageEffectPropComponents, kOfxImageComponentNone);
    PS_STR1(ps, kOfxImageEffectPropPreMultiplication, kOfxImageOpaque);
    ps_decl_double(ps, kOfxImageEffectPropRenderScale, 2, 2, DBLS(1, 1));
    PS_DBL1(ps, kOfxImagePropPixelAspectRatio, 1.0);
    PS_PTR1(ps, kOfxImagePropData, NULL);
    ps_decl_int(ps, kOfxImagePropBounds, 4, 4, INTS(0, 0, 0, 0));
    ps_decl_int(ps, kOfxImagePropRegionOfDefinition, 4, 4, INTS(0, 0, 0, 0));
    PS_INT1(ps, kOfxImagePropRowBytes, 0);
    PS_STR1(ps, kOfxImagePropField, kOfxImageFieldNone);
    PS_STR1(ps, kOfxImagePropUniqueIdentifier, "");
    leave_out(ps, NULL, 0);
}

/* Numeric range properties: int-valued kinds get int properties, double-valued ones doubles. */
static void numeric_ranges(PropSet *ps, int n, bool is_int, bool colour)
{
    if (is_int) {
        int mn[4] = { INT_MIN, INT_MIN, INT_MIN, INT_MIN }, mx[4] = { INT_MAX, INT_MAX, INT_MAX, INT_MAX };
        ps_decl_int(ps, kOfxParamPropDefault, n, n, INTS(0, 0, 0, 0));
        ps_decl_int(ps, kOfxParamPropMin, n, n, mn);
        ps_decl_int(ps, kOfxParamPropMax, n, n, mx);
        ps_decl_int(ps, kOfxParamPropDisplayMin, n, n, mn);
        ps_decl_int(ps, kOfxParamPropDisplayMax, n, n, mx);
        return;
    }
    /* Colours are unbounded but displayed over [0, 1]. */
    double mn[4] = { -DBL_MAX, -DBL_MAX, -DBL_MAX, -DBL_MAX }, mx[4] = { DBL_MAX, DBL_MAX, DBL_MAX, DBL_MAX };
    double dmn = colour ? 0.0 : -DBL_MAX, dmx = colour ? 1.0 : DBL_MAX;
    ps_decl_double(ps, kOfxParamPropDefault, n, n, DBLS(0, 0, 0, 0));
    ps_decl_double(ps, kOfxParamPropMin, n, n, mn);
    ps_decl_double(ps, kOfxParamPropMax, n, n, mx);
    ps_decl_double(ps, kOfxParamPropDisplayMin, n, n, DBLS(dmn, dmn, dmn, dmn));
    ps_decl_double(ps, kOfxParamPropDisplayMax, n, n, DBLS(dmx, dmx, dmx, dmx));
    if (!colour) {
        PS_DBL1(ps, kOfxParamPropIncrement, 1.0);
        PS_INT1(ps, kOfxParamPropDigits, 2);
        PS_STR1(ps, kOfxParamPropDoubleType, kOfxParamDoubleTypePlain);
        PS_STR1(ps, kOfxParamPropDefaultCoordinateSystem, kOfxParamCoordinatesCanonical);
    }
}

static void param_props(PropSet *ps, ParamKind k, const char *name)
{
    PS_STR1(ps, kOfxPropType, kOfxTypeParameter);
    PS_STR1(ps, kOfxPropName, name);
    PS_STR1(ps, kOfxPropLabel, name);
    PS_STR1(ps, kOfxPropShortLabel, name);
    PS_STR1(ps, kOfxPropLongLabel, name);
    PS_STR1(ps, kOfxParamPropType, param_kind_type(k));
    PS_INT1(ps, kOfxParamPropSecret, 0);
    PS_STR1(ps, kOfxParamPropHint, "");
    PS_STR1(ps, kOfxParamPropScriptName, name);
    PS_STR1(ps, kOfxParamPropParent, "");
    PS_INT1(ps, kOfxParamPropEnabled, 1);
    PS_PTR1(ps, kOfxParamPropDataPtr, NULL);
    ps_decl_str(ps, kOfxPropIcon, 2, 2, STRS("", ""));
    if (k == PK_PAGE) {
        PS_STRV(ps, kOfxParamPropPageChild);
        return;
    }
    if (k == PK_GROUP) {
        PS_INT1(ps, kOfxParamPropGroupOpen, 1);
        return;
    }
    PS_PTR1(ps, kOfxParamPropInteractV1, NULL);
    ps_decl_double(ps, kOfxParamPropInteractSize, 2, 2, DBLS(0, 0));
    PS_DBL1(ps, kOfxParamPropInteractSizeAspect, 1.0);
    ps_decl_double(ps, kOfxParamPropInteractMinimumSize, 2, 2, DBLS(10, 10));
    ps_decl_int(ps, kOfxParamPropInteractPreferedSize, 2, 2, INTS(10, 10));
    PS_INT1(ps, kOfxParamPropHasHostOverlayHandle, 0);
    PS_INT1(ps, kOfxParamPropUseHostOverlayHandle, 0);
    if (k == PK_PUSHBUTTON)
        return;
    /* Value-holding parameters. */
    PS_INT1(ps, kOfxParamPropAnimates, 1);
    PS_INT1(ps, kOfxParamPropIsAnimating, 0);
    PS_INT1(ps, kOfxParamPropIsAutoKeying, 0);
    PS_INT1(ps, kOfxParamPropPersistant, 1);
    PS_INT1(ps, kOfxParamPropEvaluateOnChange, 1);
    PS_INT1(ps, kOfxParamPropPluginMayWrite, 0);
    PS_STR1(ps, kOfxParamPropCacheInvalidation, kOfxParamInvalidateValueChange);
    PS_INT1(ps, kOfxParamPropCanUndo, 1);
    switch (k) {
    case PK_INTEGER:
    case PK_INTEGER2D:
    case PK_INTEGER3D:
        numeric_ranges(ps, param_kind_dims(k), true, false);
        if (k != PK_INTEGER)
            ps_decl_str(ps, kOfxParamPropDimensionLabel, 0, param_kind_dims(k), STRS("x", "y", "z"));
        break;
    case PK_DOUBLE:
    case PK_DOUBLE2D:
    case PK_DOUBLE3D:
        numeric_ranges(ps, param_kind_dims(k), false, false);
        if (k == PK_DOUBLE)
            PS_INT1(ps, kOfxParamPropShowTimeMarker, 0);
        else
            ps_decl_str(ps, kOfxParamPropDimensionLabel, 0, param_kind_dims(k), STRS("x", "y", "z"));
        break;
    case PK_RGB:
    case PK_RGBA:
        numeric_ranges(ps, param_kind_dims(k), false, true);
        ps_decl_str(ps, kOfxParamPropDimensionLabel, 0, param_kind_dims(k), STRS("r", "g", "b", "a"));
        break;
    case PK_BOOLEAN:
        PS_INT1(ps, kOfxParamPropDefault, 0);
        break;
    case PK_CHOICE:
        PS_INT1(ps, kOfxParamPropDefault, 0);
        PS_STRV(ps, kOfxParamPropChoiceOption);
        ps_decl_int(ps, kOfxParamPropChoiceOrder, 0, 0, NULL);
        break;
    case PK_STRING:
        PS_STR1(ps, kOfxParamPropDefault, "");
        PS_STR1(ps, kOfxParamPropStringMode, kOfxParamStringIsSingleLine);
        PS_INT1(ps, kOfxParamPropStringFilePathExists, 1);
        break;
    case PK_CUSTOM:
        PS_STR1(ps, kOfxParamPropDefault, "");
        PS_PTR1(ps, kOfxParamPropCustomInterpCallbackV1, NULL);
        break;
    default:
        break;
    }
}

void propdefs_param(PropSet *ps, ParamKind k, const char *name)
{
    param_props(ps, k, name);
    leave_out(ps, g_strict_param, COUNT(g_strict_param));
}
