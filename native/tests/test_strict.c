/* --strict and --refuse (what a HostSupport-based host refuses), messages on descriptor handles, page checks. */
#include "check.h"
#include "describe.h"
#include "host.h"
#include "log.h"
#include "propdefs.h"

static const OfxPropertySuiteV1 *S;
static const OfxParameterSuiteV1 *Q;

static void start(bool strict, const char *const *refused, int nrefused)
{
    HostSettings settings = { 1, true, strict, refused, nrefused };
    host_init(NULL, &settings);
    S = property_suite();
    Q = parameter_suite();
}

static OfxPropertySetHandle param_props(Effect *e, const char *type, const char *name)
{
    OfxPropertySetHandle ps = NULL;
    CHECK_INT(Q->paramDefine((OfxParamSetHandle)e->params, type, name, &ps), kOfxStatOK);
    return ps;
}

static void strict_descriptor_refuses_optional_properties(void)
{
    start(true, NULL, 0);
    Effect *e = effect_new_descriptor("/bundle");
    OfxPropertySetHandle fx = (OfxPropertySetHandle)e->props, set = NULL;
    /* Cosmetic and optional: refused as HostSupport and the spec's host_optional allow. */
    CHECK_INT(S->propSetString(fx, kOfxPluginPropParamPageOrder, 0, "Main"), kOfxStatErrUnknown);
    CHECK_INT(S->propSetInt(fx, kOfxPropVersion, 0, 1), kOfxStatErrUnknown);
    CHECK_INT(S->propSetString(fx, kOfxPropVersionLabel, 0, "1.0"), kOfxStatErrUnknown);
    CHECK_INT(S->propSetString(fx, kOfxPropPluginDescription, 0, "x"), kOfxStatErrUnknown);
    CHECK_INT(S->propSetInt(fx, kOfxImageEffectPluginPropObsolete, 0, 0), kOfxStatErrUnknown);
    /* The parameter set's properties are the effect's own: the page order is refused there too. */
    CHECK_INT(Q->paramSetGetPropertySet((OfxParamSetHandle)e->params, &set), kOfxStatOK);
    CHECK_INT(S->propSetString(set, kOfxPluginPropParamPageOrder, 0, "Main"), kOfxStatErrUnknown);
    /* What every host has stays. */
    CHECK_INT(S->propSetString(fx, kOfxPropLabel, 0, "Effect"), kOfxStatOK);
    CHECK_INT(S->propSetString(fx, kOfxImageEffectPropSupportedContexts, 0, kOfxImageEffectContextFilter), kOfxStatOK);
    CHECK_INT(S->propSetInt(fx, kOfxImageEffectPropTemporalClipAccess, 0, 1), kOfxStatOK);
    OfxPropertySetHandle choice = param_props(e, kOfxParamTypeChoice, "mode");
    CHECK_INT(S->propSetInt(choice, kOfxParamPropChoiceOrder, 0, 0), kOfxStatErrUnknown);
    CHECK_INT(S->propSetString(choice, kOfxParamPropChoiceOption, 0, "a"), kOfxStatOK);
    CHECK_INT(S->propSetString(choice, kOfxParamPropHint, 0, "hint"), kOfxStatOK);
    const char *name = NULL;
    CHECK_INT(S->propGetString((OfxPropertySetHandle)host_props(), kOfxImageEffectHostPropNativeOrigin, 0,
                               (char **)&name), kOfxStatErrUnknown);
    effect_free(e);
    host_shutdown();
}

static void lenient_descriptor_accepts_them(void)
{
    start(false, NULL, 0);
    Effect *e = effect_new_descriptor("/bundle");
    OfxPropertySetHandle set = NULL;
    CHECK_INT(Q->paramSetGetPropertySet((OfxParamSetHandle)e->params, &set), kOfxStatOK);
    CHECK_INT(S->propSetString(set, kOfxPluginPropParamPageOrder, 0, "Main"), kOfxStatOK);
    CHECK_INT(S->propSetInt((OfxPropertySetHandle)e->props, kOfxPropVersion, 0, 1), kOfxStatOK);
    effect_free(e);
    host_shutdown();
}

static void refuse_leaves_a_named_property_out_everywhere(void)
{
    static const char *const refused[] = { kOfxParamPropHint, kOfxImageEffectPropTemporalClipAccess };
    start(false, refused, 2);
    Effect *e = effect_new_descriptor("/bundle");
    CHECK_INT(S->propSetInt((OfxPropertySetHandle)e->props, kOfxImageEffectPropTemporalClipAccess, 0, 1),
              kOfxStatErrUnknown);
    Clip *c = effect_define_clip(e, kOfxImageEffectSimpleSourceClipName);
    CHECK_INT(S->propSetInt((OfxPropertySetHandle)c->props, kOfxImageEffectPropTemporalClipAccess, 0, 1),
              kOfxStatErrUnknown);
    OfxPropertySetHandle gain = param_props(e, kOfxParamTypeDouble, "gain");
    CHECK_INT(S->propSetString(gain, kOfxParamPropHint, 0, "hint"), kOfxStatErrUnknown);
    CHECK_INT(S->propSetString(gain, kOfxPropLabel, 0, "Gain"), kOfxStatOK);
    CHECK_INT(S->propSetString((OfxPropertySetHandle)e->props, kOfxPluginPropParamPageOrder, 0, "Main"), kOfxStatOK);
    effect_free(e);
    host_shutdown();
}

static void strict_drops_messages_on_descriptors(void)
{
    const OfxMessageSuiteV2 *m = message_suite(2);
    start(true, NULL, 0);
    Effect *e = effect_new_descriptor("/bundle");
    CHECK_INT(m->message(e, kOfxMessageError, "id", "%s", "lost"), kOfxStatFailed);
    CHECK_INT(m->message(NULL, kOfxMessageError, "id", "%s", "printed"), kOfxStatErrBadHandle);
    CHECK_INT(m->setPersistentMessage(NULL, kOfxMessageError, "id", "%s", "lost"), kOfxStatErrBadHandle);
    CHECK_INT(m->setPersistentMessage(e, kOfxMessageError, "id", "%s", "lost"), kOfxStatErrBadHandle);
    CHECK_INT(m->clearPersistentMessage(e), kOfxStatErrBadHandle);
    host_shutdown();
    start(false, NULL, 0);
    CHECK_INT(m->message(e, kOfxMessageError, "id", "%s", "shown"), kOfxStatOK);
    CHECK_INT(m->message(NULL, kOfxMessageQuestion, "id", "%s", "shown"), kOfxStatReplyYes);
    host_shutdown();
    effect_free(e);
}

static void pages_with_groups_are_reported(void)
{
    start(false, NULL, 0);
    Effect *e = effect_new_descriptor("/bundle");
    param_props(e, kOfxParamTypeGroup, "advanced");
    OfxPropertySetHandle gain = param_props(e, kOfxParamTypeDouble, "gain");
    S->propSetString(gain, kOfxParamPropParent, 0, "advanced");
    OfxPropertySetHandle page = param_props(e, kOfxParamTypePage, "Main");
    const char *good[] = { "gain", kOfxParamPageSkipRow };
    CHECK_INT(S->propSetStringN(page, kOfxParamPropPageChild, 2, good), kOfxStatOK);
    CHECK_INT(S->propSetString((OfxPropertySetHandle)e->props, kOfxPluginPropParamPageOrder, 0, "Main"), kOfxStatOK);
    CHECK_INT(describe_check_pages(e), 0);
    const char *bad[] = { "gain", "advanced", "Main", "nosuch" };
    CHECK_INT(S->propSetStringN(page, kOfxParamPropPageChild, 4, bad), kOfxStatOK);
    CHECK_INT(S->propSetString((OfxPropertySetHandle)e->props, kOfxPluginPropParamPageOrder, 1, "gain"), kOfxStatOK);
    CHECK_INT(describe_check_pages(e), 4);
    effect_free(e);
    host_shutdown();
}

int main(void)
{
    log_set_echo(0); /* the page warnings are expected */
    strict_descriptor_refuses_optional_properties();
    lenient_descriptor_accepts_them();
    refuse_leaves_a_named_property_out_everywhere();
    strict_drops_messages_on_descriptors();
    pages_with_groups_are_reported();
    return check_summary("test_strict");
}
