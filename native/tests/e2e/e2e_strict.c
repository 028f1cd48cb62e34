/* End-to-end cases: --strict (a host built on openfx's HostSupport) and --refuse, with the test plugin. */
#include <stdio.h>
#include <string.h>

#define CHECK_SHARED
#include "../check.h"
#include "e2e_cases.h"
#include "e2e_util.h"

#define NFRAMES 6
#define TOL_FLOAT 1e-6

static const char *in8(void) { return tmp_path("in8/f_%%04d.ppm"); }

static void lenient_host_keeps_page_order(void)
{
    Log log = run("lenient", 0, "--input '%s' --render 0:0", in8());
    CHECK(log_find(&log, 0, ALL("\"host_start\"", "\"strict\":false")) >= 0);
    CHECK(log_find(&log, 0, ALL("\"effect_descriptor\"", "\"phase\":\"describe_in_context\"",
                                "\"page_order\":[\"Main\"]")) >= 0);
    CHECK_INT(log_count(&log, ALL("\"property_error\"")), 0);
    CHECK_INT(log_count(&log, ALL("\"event\":\"warning\"")), 0); /* the test plugin's page follows ofxParam.h */
    log_free(&log);
}

static void strict_host_refuses_optional_properties(void)
{
    Log log = run("strict", 0, "--strict --input '%s' --output '%s'", in8(), tmp_path("strict/o_%%04d.pfm"));
    CHECK(log_find(&log, 0, ALL("\"host_start\"", "\"strict\":true")) >= 0);
    /* The test plugin sets a description (optional for hosts) and a page order (not in HostSupport). */
    CHECK(log_find(&log, 0, ALL("\"property_error\"", "\"set\":\"effect-desc\"",
                                "\"property\":\"OfxPropPluginDescription\"", "\"kOfxStatErrUnknown\"")) >= 0);
    CHECK(log_find(&log, 0, ALL("\"property_error\"", "\"set\":\"effect-desc:OfxImageEffectContextFilter\"",
                                "\"property\":\"OfxPluginPropParamPageOrder\"", "\"kOfxStatErrUnknown\"")) >= 0);
    CHECK(log_find(&log, 0, ALL("\"effect_descriptor\"", "\"phase\":\"describe_in_context\"", "\"page_order\":[]",
                                "\"description\":\"\"")) >= 0);
    /* It ignores the refusals, so it still renders every frame correctly. */
    CHECK_INT(log_count(&log, ALL("\"event\":\"frame\"", "\"result\":\"rendered\"")), NFRAMES);
    for (int t = 0; t < NFRAMES; t++)
        CHECK_NEAR(max_error(tmp_path("strict/o_%04d.pfm", t), t, NFRAMES, 1, 1.0, 1, 0), 0, TOL_FLOAT);
    log_free(&log);

    /* Messages on an instance reach the user as in any host. */
    log = run("strictfail", 1, "--strict --input '%s' --param fault=fail --param fault_frame=2", in8());
    CHECK(log_find(&log, 0, ALL("\"event\":\"message\"", "\"id\":\"test.fail\"", "\"target\":\"instance\"",
                                "\"shown\":true")) >= 0);
    log_free(&log);
}

static void refuse_names_a_property(void)
{
    Log log = run("refuse", 0, "--refuse OfxParamPropHint --input '%s' --render 1:1 --output '%s'", in8(),
                  tmp_path("refuse/o_%%04d.pfm"));
    CHECK(log_find(&log, 0, ALL("\"host_start\"", "\"refused\":[\"OfxParamPropHint\"]")) >= 0);
    CHECK(log_find(&log, 0, ALL("\"property_error\"", "\"set\":\"param-desc:gain\"", "\"property\":\"OfxParamPropHint\"",
                                "\"kOfxStatErrUnknown\"")) >= 0);
    CHECK_NEAR(max_error(tmp_path("refuse/o_0001.pfm"), 1, NFRAMES, 1, 1.0, 1, 0), 0, TOL_FLOAT);
    log_free(&log);
    log = run("refusenone", 2, "--input '%s' --refuse", in8());
    CHECK(strstr(slurp(tmp_path("refusenone.err")), "--refuse needs a value") != NULL);
    log_free(&log);
}

void run_strict_cases(void)
{
    lenient_host_keeps_page_order();
    strict_host_refuses_optional_properties();
    refuse_names_a_property();
}
