/* Parameters: defaults into instances, command-line values, keyframes, and the parameter suite's varargs. */
#include <stdlib.h>

#include "check.h"
#include "host.h"
#include "paramvalue.h"

static ParamSet *g_desc;

static void describe(void)
{
    g_desc = paramset_new(NULL, -1);
    Param *p = paramset_define(g_desc, PK_INTEGER, "count");
    ps_set_int(p->props, kOfxParamPropDefault, 0, 4);
    ps_set_int(p->props, kOfxParamPropMin, 0, 0);
    ps_set_int(p->props, kOfxParamPropMax, 0, 10);
    p = paramset_define(g_desc, PK_DOUBLE, "gain");
    ps_set_double(p->props, kOfxParamPropDefault, 0, 0.5);
    p = paramset_define(g_desc, PK_CHOICE, "task");
    const char *opts[] = { "Denoise", "Deblur", "Super resolution" };
    for (int i = 0; i < 3; i++)
        ps_set_str(p->props, kOfxParamPropChoiceOption, i, opts[i]);
    paramset_define(g_desc, PK_BOOLEAN, "flag");
    p = paramset_define(g_desc, PK_STRING, "path");
    ps_set_str(p->props, kOfxParamPropDefault, 0, "/models");
    paramset_define(g_desc, PK_DOUBLE2D, "xy");
    paramset_define(g_desc, PK_RGBA, "colour");
    CHECK(paramset_define(g_desc, PK_INTEGER, "count") == NULL); /* names are unique */
}

static void parse(const ParamSet *set)
{
    double v[4];
    char *s = NULL, err[512];
    const Param *count = paramset_find(set, "count"), *task = paramset_find(set, "task");
    CHECK(param_parse_cli(count, "7", v, &s, err, sizeof err) && v[0] == 7);
    CHECK(!param_parse_cli(count, "11", v, &s, err, sizeof err) && strstr(err, "range") != NULL);
    CHECK(!param_parse_cli(count, "2.5", v, &s, err, sizeof err));
    CHECK(param_parse_cli(task, "2", v, &s, err, sizeof err) && v[0] == 2);
    CHECK(param_parse_cli(task, "Deblur", v, &s, err, sizeof err) && v[0] == 1);
    CHECK(param_parse_cli(task, "super resolution", v, &s, err, sizeof err) && v[0] == 2);
    CHECK(!param_parse_cli(task, "Inpaint", v, &s, err, sizeof err) && strstr(err, "\"Deblur\"") != NULL);
    CHECK(!param_parse_cli(task, "3", v, &s, err, sizeof err));
    CHECK(param_parse_cli(paramset_find(set, "flag"), "Yes", v, &s, err, sizeof err) && v[0] == 1);
    CHECK(!param_parse_cli(paramset_find(set, "flag"), "maybe", v, &s, err, sizeof err));
    CHECK(param_parse_cli(paramset_find(set, "xy"), "1.5,-2", v, &s, err, sizeof err) && v[0] == 1.5 && v[1] == -2);
    CHECK(!param_parse_cli(paramset_find(set, "xy"), "1.5", v, &s, err, sizeof err));
    CHECK(param_parse_cli(paramset_find(set, "colour"), "0,0.25,0.5,1", v, &s, err, sizeof err) && v[3] == 1);
    CHECK(param_parse_cli(paramset_find(set, "path"), "a=b", v, &s, err, sizeof err) && strcmp(s, "a=b") == 0);
    free(s);
}

static void suite_values(ParamSet *set)
{
    const OfxParameterSuiteV1 *Q = parameter_suite();
    OfxParamHandle h;
    int i = 0;
    double d = 0, xy[2];
    const char *s = NULL;
    CHECK_INT(Q->paramGetHandle((OfxParamSetHandle)set, "count", &h, NULL), kOfxStatOK);
    CHECK_INT(Q->paramGetValue(h, &i), kOfxStatOK);
    CHECK_INT(i, 4); /* the descriptor's default */
    CHECK_INT(Q->paramGetHandle((OfxParamSetHandle)set, "gain", &h, NULL), kOfxStatOK);
    CHECK_INT(Q->paramSetValueAtTime(h, 0.0, 1.0), kOfxStatOK);
    CHECK_INT(Q->paramSetValueAtTime(h, 4.0, 3.0), kOfxStatOK);
    CHECK_INT(Q->paramGetValueAtTime(h, 1.0, &d), kOfxStatOK);
    CHECK_NEAR(d, 1.5, 1e-12);
    CHECK_INT(Q->paramGetValueAtTime(h, 9.0, &d), kOfxStatOK);
    CHECK_NEAR(d, 3.0, 0); /* held after the last key */
    CHECK_INT(Q->paramGetIntegral(h, 0.0, 6.0, &d), kOfxStatOK);
    CHECK_NEAR(d, 8.0 + 6.0, 1e-12);
    CHECK_INT(Q->paramGetDerivative(h, 2.0, &d), kOfxStatOK);
    CHECK_NEAR(d, 0.5, 1e-12);
    int index = -5;
    CHECK_INT(Q->paramGetKeyIndex(h, 4.0, 0, &index), kOfxStatOK);
    CHECK_INT(index, 1);
    CHECK_INT(Q->paramGetKeyIndex(h, 4.0, 1, &index), kOfxStatFailed);
    CHECK_INT(index, -1);
    CHECK_INT(Q->paramGetHandle((OfxParamSetHandle)set, "path", &h, NULL), kOfxStatOK);
    CHECK_INT(Q->paramGetValue(h, &s), kOfxStatOK);
    CHECK_STR(s, "/models");
    CHECK_INT(Q->paramSetValue(h, "/other"), kOfxStatOK);
    CHECK_INT(Q->paramGetValue(h, &s), kOfxStatOK);
    CHECK_STR(s, "/other");
    CHECK_INT(Q->paramGetHandle((OfxParamSetHandle)set, "xy", &h, NULL), kOfxStatOK);
    CHECK_INT(Q->paramSetValue(h, 0.25, 8.0), kOfxStatOK);
    CHECK_INT(Q->paramGetValue(h, &xy[0], &xy[1]), kOfxStatOK);
    CHECK(xy[0] == 0.25 && xy[1] == 8.0);
    CHECK_INT(Q->paramGetValue(NULL, &i), kOfxStatErrBadHandle);
    CHECK_INT(Q->paramGetHandle((OfxParamSetHandle)set, "nosuch", &h, NULL), kOfxStatErrUnknown);
    /* Descriptors hold no values. */
    CHECK_INT(Q->paramGetHandle((OfxParamSetHandle)g_desc, "count", &h, NULL), kOfxStatOK);
    CHECK_INT(Q->paramGetValue(h, &i), kOfxStatErrBadHandle);
    CHECK_INT(Q->paramDefine((OfxParamSetHandle)g_desc, "OfxParamTypeNothing", "z", NULL), kOfxStatErrUnknown);
    CHECK_INT(Q->paramDefine((OfxParamSetHandle)g_desc, kOfxParamTypeParametric, "z", NULL), kOfxStatErrUnsupported);
    CHECK_INT(Q->paramDefine((OfxParamSetHandle)g_desc, kOfxParamTypeInteger, "count", NULL), kOfxStatErrExists);
}

static void json_values(void)
{
    JsonBuf jb;
    jb_init(&jb);
    jb_arr_begin(&jb);
    param_json_value(&jb, PK_BOOLEAN, (const double[]){ 1, 0, 0, 0 }, NULL);
    param_json_value(&jb, PK_INTEGER2D, (const double[]){ 3, -4, 0, 0 }, NULL);
    param_json_value(&jb, PK_DOUBLE, (const double[]){ 0.25, 0, 0, 0 }, NULL);
    param_json_value(&jb, PK_STRING, NULL, "x");
    jb_arr_end(&jb);
    CHECK_STR(jb.s, "[true,[3,-4],0.25,\"x\"]");
    jb_free(&jb);
}

int main(void)
{
    describe();
    ParamSet *set = paramset_instantiate(g_desc, NULL, 0);
    parse(set);
    suite_values(set);
    json_values();
    paramset_free(set);
    paramset_free(g_desc);
    return check_summary("test_params");
}
