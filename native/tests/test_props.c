/* Property sets through the property suite, as a plugin sees them. */
#include "check.h"
#include "props.h"

static const OfxPropertySuiteV1 *S;

static OfxPropertySetHandle make(PropSet **keep)
{
    PropSet *ps = propset_new(PSK_EFFECT, "test", NULL, -1);
    PS_INT1(ps, "i", 7);
    PS_DBL1(ps, "d", 0.5);
    PS_STR1(ps, "s", "abc");
    PS_PTR1(ps, "p", NULL);
    ps_decl_int(ps, "fixed4", 4, 4, (const int[]){ 1, 2, 3, 4 });
    PS_STRV(ps, "var");
    *keep = ps;
    return (OfxPropertySetHandle)ps;
}

static void scalar_types(void)
{
    PropSet *keep;
    OfxPropertySetHandle h = make(&keep);
    int i = 0;
    double d = 0;
    char *s = NULL;
    void *p = (void *)1;
    CHECK_INT(S->propGetInt(h, "i", 0, &i), kOfxStatOK);
    CHECK_INT(i, 7);
    CHECK_INT(S->propSetDouble(h, "d", 0, 2.25), kOfxStatOK);
    CHECK_INT(S->propGetDouble(h, "d", 0, &d), kOfxStatOK);
    CHECK_NEAR(d, 2.25, 0);
    char buf[8] = "xyz";
    CHECK_INT(S->propSetString(h, "s", 0, buf), kOfxStatOK);
    buf[0] = 'Q'; /* the host must have copied the string */
    CHECK_INT(S->propGetString(h, "s", 0, &s), kOfxStatOK);
    CHECK_STR(s, "xyz");
    CHECK_INT(S->propGetPointer(h, "p", 0, &p), kOfxStatOK);
    CHECK(p == NULL);
    CHECK_INT(S->propSetPointer(h, "p", 0, &i), kOfxStatOK);
    CHECK_INT(S->propGetPointer(h, "p", 0, &p), kOfxStatOK);
    CHECK(p == &i);
    propset_free(keep);
}

static void errors(void)
{
    PropSet *keep;
    OfxPropertySetHandle h = make(&keep);
    int i;
    double d;
    CHECK_INT(S->propGetInt(h, "nosuch", 0, &i), kOfxStatErrUnknown);
    CHECK_INT(S->propSetInt(h, "nosuch", 0, 1), kOfxStatErrUnknown);
    CHECK_INT(S->propGetDouble(h, "i", 0, &d), kOfxStatErrValue);
    CHECK_INT(S->propSetString(h, "i", 0, "x"), kOfxStatErrValue);
    CHECK_INT(S->propGetInt(h, "i", 1, &i), kOfxStatErrBadIndex);
    CHECK_INT(S->propGetInt(h, "i", -1, &i), kOfxStatErrBadIndex);
    CHECK_INT(S->propSetInt(h, "i", 1, 3), kOfxStatErrBadIndex); /* fixed dimension 1 */
    CHECK_INT(S->propGetInt(NULL, "i", 0, &i), kOfxStatErrBadHandle);
    int garbage[16] = { 0 };
    CHECK_INT(S->propGetInt((OfxPropertySetHandle)garbage, "i", 0, &i), kOfxStatErrBadHandle);
    CHECK_INT(S->propGetInt(h, NULL, 0, &i), kOfxStatErrUnknown);
    CHECK_INT(S->propGetIntN(h, "fixed4", 5, garbage), kOfxStatErrBadIndex);
    CHECK_INT(S->propSetIntN(h, "fixed4", 5, garbage), kOfxStatErrBadIndex);
    propset_free(keep);
}

static void dimensions(void)
{
    PropSet *keep;
    OfxPropertySetHandle h = make(&keep);
    int n = -1, v[4];
    CHECK_INT(S->propGetDimension(h, "fixed4", &n), kOfxStatOK);
    CHECK_INT(n, 4);
    CHECK_INT(S->propSetIntN(h, "fixed4", 2, (const int[]){ 9, 8 }), kOfxStatOK);
    CHECK_INT(S->propGetIntN(h, "fixed4", 4, v), kOfxStatOK);
    CHECK(v[0] == 9 && v[1] == 8 && v[2] == 3 && v[3] == 4);
    /* Variable dimension: grows by setting the next index, or takes exactly N values. */
    CHECK_INT(S->propGetDimension(h, "var", &n), kOfxStatOK);
    CHECK_INT(n, 0);
    CHECK_INT(S->propSetString(h, "var", 0, "a"), kOfxStatOK);
    CHECK_INT(S->propSetString(h, "var", 1, "b"), kOfxStatOK);
    CHECK_INT(S->propSetString(h, "var", 3, "d"), kOfxStatErrBadIndex);
    CHECK_INT(S->propGetDimension(h, "var", &n), kOfxStatOK);
    CHECK_INT(n, 2);
    const char *three[] = { "x", "y", "z" };
    CHECK_INT(S->propSetStringN(h, "var", 3, three), kOfxStatOK);
    char *got[3];
    CHECK_INT(S->propGetStringN(h, "var", 3, got), kOfxStatOK);
    CHECK_STR(got[2], "z");
    CHECK_INT(S->propSetStringN(h, "var", 1, three), kOfxStatOK);
    CHECK_INT(S->propGetDimension(h, "var", &n), kOfxStatOK);
    CHECK_INT(n, 1);
    CHECK(ps_has_str(keep, "var", "x") && !ps_has_str(keep, "var", "y"));
    propset_free(keep);
}

static void reset_and_clone(void)
{
    PropSet *keep;
    OfxPropertySetHandle h = make(&keep);
    int i = 0, n = 0;
    S->propSetInt(h, "i", 0, 99);
    S->propSetString(h, "var", 0, "a");
    PropSet *copy = propset_clone(keep, PSK_EFFECT, "copy", NULL, 0);
    CHECK_INT(S->propReset(h, "i"), kOfxStatOK);
    CHECK_INT(S->propGetInt(h, "i", 0, &i), kOfxStatOK);
    CHECK_INT(i, 7);
    CHECK_INT(S->propReset(h, "var"), kOfxStatOK);
    CHECK_INT(S->propGetDimension(h, "var", &n), kOfxStatOK);
    CHECK_INT(n, 0);
    CHECK_INT(S->propReset(h, "nosuch"), kOfxStatErrUnknown);
    /* The clone kept the values at the time of cloning, and the defaults. */
    CHECK_INT(ps_int(copy, "i", 0, -1), 99);
    CHECK_STR(ps_str(copy, "var", 0, NULL), "a");
    CHECK_INT(S->propReset((OfxPropertySetHandle)copy, "i"), kOfxStatOK);
    CHECK_INT(ps_int(copy, "i", 0, -1), 7);
    propset_free(copy);
    propset_free(keep);
}

int main(void)
{
    S = property_suite();
    scalar_types();
    errors();
    dimensions();
    reset_and_clone();
    return check_summary("test_props");
}
