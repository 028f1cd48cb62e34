/* End-to-end cases: parameters, identity, abort, failures, misbehaving plugins, instances, times, usage errors. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define CHECK_SHARED
#include "../check.h"
#include "e2e_cases.h"
#include "e2e_util.h"

#define NFRAMES 6
#define TOL_FLOAT 1e-6

static bool exists(const char *path)
{
    return access(path, F_OK) == 0;
}

static const char *in8(void) { return tmp_path("in8/f_%%04d.ppm"); }

static void parameters(void)
{
    /* The push button makes the plugin set gain back to 1 (a varargs double) and note (a string). */
    Log log = run("reset", 0, "--input '%s' --param gain=2 --param reset --output '%s'", in8(),
                  tmp_path("reset/o_%%04d.pfm"));
    CHECK(log_find(&log, 0, ALL("\"param_set\"", "\"name\":\"gain\"", "\"source\":\"cli\"", "\"value\":2,")) >= 0);
    CHECK(log_find(&log, 0, ALL("\"param_set\"", "\"name\":\"gain\"", "\"source\":\"plugin\"", "\"value\":1,")) >= 0);
    CHECK(log_find(&log, 0, ALL("\"param_set\"", "\"name\":\"note\"", "\"value\":\"reset\"")) >= 0);
    int user = log_find(&log, 0, ALL("\"OfxActionInstanceChanged\"", "\"OfxPropName\":[\"reset\"]",
                                     "\"OfxPropChangeReason\":[\"OfxChangeUserEdited\"]"));
    int plugin = log_find(&log, 0, ALL("\"OfxActionInstanceChanged\"", "\"OfxPropName\":[\"gain\"]",
                                       "\"OfxPropChangeReason\":[\"OfxChangePluginEdited\"]"));
    CHECK(user >= 0 && plugin > user);
    CHECK(log_find(&log, plugin, ALL("\"OfxImageEffectActionGetClipPreferences\"")) > plugin);
    for (int t = 0; t < NFRAMES; t++)
        CHECK_NEAR(max_error(tmp_path("reset/o_%04d.pfm", t), t, NFRAMES, 1, 1.0, 1, 0), 0, TOL_FLOAT);
    log_free(&log);

    /* Choice by label, double, int: mode=last keeps the latest available frame. */
    log = run("last", 0, "--input '%s' --param mode=last --param gain=0.5 --param radius=1 --output '%s'", in8(),
              tmp_path("last/o_%%04d.pfm"));
    for (int t = 0; t < NFRAMES; t++) {
        int newest = t + 1 < NFRAMES ? t + 1 : t;
        CHECK_NEAR(max_error(tmp_path("last/o_%04d.pfm", t), newest, NFRAMES, 0, 0.5, 1, 0), 0, TOL_FLOAT);
    }
    log_free(&log);

    /* Identity: the host copies the Source frame itself. */
    log = run("identity", 0, "--input '%s' --param enable=off --depth byte --output '%s'", in8(),
              tmp_path("id/o_%%04d.ppm"));
    CHECK_INT(log_count(&log, ALL("\"event\":\"frame\"", "\"result\":\"identity\"", "\"identity_clip\":\"Source\"")),
              NFRAMES);
    CHECK_INT(log_count(&log, ALL("\"action\":\"OfxImageEffectActionRender\"")), 0);
    for (int t = 0; t < NFRAMES; t++)
        CHECK_NEAR(max_error(tmp_path("id/o_%04d.ppm", t), t, NFRAMES, 0, 1.0, 1, 0), 0, 1e-7);
    log_free(&log);
}

static void abort_and_failures(void)
{
    Log log = run("abort", 0, "--input '%s' --param work_steps=5 --abort-after-progress 2 --abort-at 3 --output '%s'",
                  in8(), tmp_path("abort/o_%%04d.pfm"));
    CHECK(log_find(&log, 0, ALL("\"event\":\"frame\"", "\"time\":3,", "\"result\":\"aborted\"",
                                "\"progress_updates\":2,")) >= 0);
    CHECK(log_find(&log, 0, ALL("\"abort_triggered\"", "\"time\":3,", "\"progress_updates\":2,")) >= 0);
    CHECK(log_find(&log, 0, ALL("\"progress\"", "\"op\":\"update\"", "\"returned\":\"kOfxStatReplyNo\"")) >= 0);
    CHECK(log_find(&log, 0, ALL("\"progress\"", "\"op\":\"start\"", "\"message_id\":\"test.progress\"")) >= 0);
    CHECK_INT(log_count(&log, ALL("\"event\":\"frame\"", "\"result\":\"rendered\"")), NFRAMES - 1);
    CHECK(!exists(tmp_path("abort/o_0003.pfm")));
    CHECK_NEAR(max_error(tmp_path("abort/o_0004.pfm"), 4, NFRAMES, 1, 1.0, 1, 0), 0, TOL_FLOAT); /* later: correct */
    log_free(&log);

    log = run("fail", 1, "--input '%s' --param fault=fail --param fault_frame=2", in8());
    CHECK(log_find(&log, 0, ALL("\"event\":\"frame\"", "\"time\":2,", "\"result\":\"failed\"",
                                "Render returned kOfxStatFailed")) >= 0);
    CHECK(log_find(&log, 0, ALL("\"event\":\"message\"", "\"type\":\"OfxMessageError\"", "\"id\":\"test.fail\"",
                                "\"text\":\"deliberate failure at time 2\"")) >= 0);
    CHECK_INT(log_count(&log, ALL("\"event\":\"frame\"", "\"result\":\"rendered\"")), NFRAMES - 1);
    CHECK(log_find(&log, 0, ALL("\"action\":\"OfxActionUnload\"")) >= 0); /* the host went on to the end */
    CHECK(log_find(&log, 0, ALL("\"host_end\"", "\"exit_code\":1,", "\"failed\":1")) >= 0);
    log_free(&log);

    log = run("leak", 0, "--input '%s' --param fault=leak", in8());
    CHECK_INT(log_count(&log, ALL("\"image_leak\"", "\"clip\":\"Source\"")), NFRAMES * 3 - 2);
    log_free(&log);

    log = run("badcalls", 0, "--input '%s' --param fault=bad_calls", in8());
    CHECK(log_find(&log, 0, ALL("\"event\":\"message\"", "host checks (params): all")) >= 0);
    CHECK_INT(log_count(&log, ALL("\"event\":\"message\"", "host checks (images): all")), NFRAMES);
    CHECK_INT(log_count(&log, ALL("\"event\":\"message\"", "failed:")), 0);
    CHECK(log_find(&log, 0, ALL("\"property_error\"", "\"property\":\"NoSuchProperty\"",
                                "\"status_name\":\"kOfxStatErrUnknown\"")) >= 0);
    log_free(&log);

    /* A missing input file inside the clip: the fetch fails, the host reports it and carries on. */
    log = run("missing", 1, "--input '%s' --frames 0:6", in8());
    CHECK(log_find(&log, 0, ALL("\"clip_get_image\"", "\"time\":6,", "\"status\":1,", "cannot open")) >= 0);
    CHECK(log_find(&log, 0, ALL("\"event\":\"error\"", "cannot open")) >= 0);
    CHECK_INT(log_count(&log, ALL("\"event\":\"frame\"", "\"result\":\"rendered\"")), NFRAMES + 1);
    log_free(&log);
}

static void hashes(const Log *log, int instance, char out[][17], int n)
{
    char key[32];
    snprintf(key, sizeof key, "\"instance\":%d,", instance);
    for (int k = 0, i = -1; k < n; k++) {
        i = log_find(log, i + 1, ALL("\"event\":\"frame\"", key));
        out[k][0] = '\0';
        if (i >= 0)
            json_str(log->lines[i], "hash", out[k], 17);
    }
}

static void instances(void)
{
    const char *inb = tmp_path("inB/f_%%04d.ppm");
    char one[2][NFRAMES][17], both[2][NFRAMES][17];
    Log log = run("alone0", 0, "--input '%s'", in8());
    hashes(&log, 0, one[0], NFRAMES);
    log_free(&log);
    log = run("alone1", 0, "--input '%s' --param gain=0.75", inb);
    hashes(&log, 0, one[1], NFRAMES);
    log_free(&log);
    /* Two instances with their own clips and parameters, rendering at the same time on two threads. */
    log = run("together", 0, "--threads 2 --instance --input '%s' --instance --input '%s' --param gain=0.75", in8(),
              inb);
    hashes(&log, 0, both[0], NFRAMES);
    hashes(&log, 1, both[1], NFRAMES);
    for (int i = 0; i < 2; i++)
        for (int t = 0; t < NFRAMES; t++)
            CHECK_STR(both[i][t], one[i][t]);
    CHECK_INT(log_count(&log, ALL("\"action\":\"OfxActionCreateInstance\"")), 2);
    CHECK_INT(log_count(&log, ALL("\"action\":\"OfxActionDestroyInstance\"")), 2);
    log_free(&log);
    /* --instances K with {i} in the patterns. */
    log = run("copies", 0, "--instances 2 --input '%s' --output '%s'", tmp_path("in{i}/f_%%04d.ppm"),
              tmp_path("copies{i}/o_%%04d.pfm"));
    CHECK(exists(tmp_path("copies0/o_0005.pfm")) && exists(tmp_path("copies1/o_0005.pfm")));
    CHECK_INT(log_count(&log, ALL("\"event\":\"frame\"", "\"result\":\"rendered\"")), 2 * NFRAMES);
    log_free(&log);
}

static void times_and_contexts(void)
{
    Log log = run("times", 0, "--input '%s' --times 0.5,2.5 --output '%s'", in8(), tmp_path("times/o_%%04d.pfm"));
    /* Fractional times are served the nearest frame (halves round up). */
    CHECK(log_find(&log, 0, ALL("\"clip_get_image\"", "\"time\":-0.5,\"frame\":0,", "\"status\":0,")) >= 0);
    CHECK(log_find(&log, 0, ALL("\"clip_get_image\"", "\"time\":3.5,\"frame\":4,")) >= 0);
    CHECK_NEAR(max_error(tmp_path("times/o_0000.pfm"), 0.5, NFRAMES, 1, 1.0, 1, 0), 0, TOL_FLOAT);
    CHECK_NEAR(max_error(tmp_path("times/o_0002.pfm"), 2.5, NFRAMES, 1, 1.0, 1, 0), 0, TOL_FLOAT);
    CHECK(log_find(&log, 0, ALL("\"OfxImageEffectActionBeginSequenceRender\"",
                                "\"OfxImageEffectPropFrameRange\":[0.5,2.5]")) >= 0);
    log_free(&log);

    log = run("general", 0, "--context general --input '%s' --render 1:2 --purge-caches", in8());
    CHECK(log_find(&log, 0, ALL("\"OfxImageEffectActionDescribeInContext\"",
                                "[\"OfxImageEffectContextGeneral\"]")) >= 0);
    CHECK(log_find(&log, 0, ALL("\"action\":\"OfxImageEffectActionGetTimeDomain\"")) >= 0);
    CHECK(log_find(&log, 0, ALL("\"action\":\"OfxActionPurgeCaches\"")) >= 0);
    CHECK_INT(log_count(&log, ALL("\"event\":\"frame\"")), 2);
    log_free(&log);
}

static void listings_and_usage(void)
{
    Log log = run("list", 0, "--list-params");
    const char *out = slurp(tmp_path("list.err.stdout"));
    CHECK(strstr(out, "\"plugin\":\"org.tdm.test.TemporalAverage\"") != NULL);
    CHECK(strstr(out, "\"name\":\"fault\"") && strstr(out, "\"parent\":\"advanced\""));
    CHECK_INT(log_count(&log, ALL("\"action\":\"OfxActionCreateInstance\"")), 0);
    log_free(&log);
    log = run("plugins", 0, "--list-plugins");
    CHECK(strstr(slurp(tmp_path("plugins.err.stdout")), "\"identifier\":\"org.tdm.test.TemporalAverage\""));
    log_free(&log);

    log = run("noparam", 2, "--input '%s' --param nosuch=1", in8());
    CHECK(strstr(slurp(tmp_path("noparam.err")), "no parameter 'nosuch'") != NULL);
    CHECK(log_find(&log, 0, ALL("\"action\":\"OfxActionUnload\"")) >= 0);
    CHECK_INT(log_count(&log, ALL("\"action\":\"OfxActionCreateInstance\"")), 0);
    log_free(&log);
    log = run("badchoice", 2, "--input '%s' --param mode=median", in8());
    CHECK(strstr(slurp(tmp_path("badchoice.err")), "\"average\", \"first\", \"last\"") != NULL);
    log_free(&log);
    log = run("range", 2, "--input '%s' --param radius=9", in8());
    CHECK(strstr(slurp(tmp_path("range.err")), "outside its range") != NULL);
    log_free(&log);
    log = run("unknownopt", 2, "--input '%s' --bogus 1", in8());
    CHECK(strstr(slurp(tmp_path("unknownopt.err")), "unknown option --bogus") != NULL);
    log_free(&log);
    log = run("button", 2, "--input '%s' --param reset=1", in8());
    CHECK(strstr(slurp(tmp_path("button.err")), "takes no value") != NULL);
    log_free(&log);
    log = run("depth", 2, "--input '%s' --depth int", in8());
    log_free(&log);
    log = run("ext", 2, "--input '%s' --output out.png", in8());
    log_free(&log);
    log = run("noinput", 2, "--input '%s'", tmp_path("nothing/f_%%04d.ppm"));
    CHECK(strstr(slurp(tmp_path("noinput.err")), "no file matches") != NULL);
    log_free(&log);
    log = run("clash", 2, "--instances 2 --input '%s' --output '%s'", in8(), tmp_path("same_%%04d.pfm"));
    log_free(&log);
    const char *saved = g_bundle;
    g_bundle = "/nonexistent/Nothing.ofx.bundle";
    log = run("nobundle", 3, "--input '%s'", in8());
    CHECK(strstr(slurp(tmp_path("nobundle.err")), "does not exist") != NULL);
    log_free(&log);
    g_bundle = saved;
}

void run_behaviour_cases(void)
{
    make_frames(tmp_path("inB/f_%%04d.ppm"), NFRAMES, 8, 6, DEPTH_BYTE, COMP_RGB, 1);
    make_frames(tmp_path("in0/f_%%04d.ppm"), NFRAMES, 8, 6, DEPTH_BYTE, COMP_RGB, 0);
    make_frames(tmp_path("in1/f_%%04d.ppm"), NFRAMES, 8, 6, DEPTH_BYTE, COMP_RGB, 1);
    parameters();
    abort_and_failures();
    instances();
    times_and_contexts();
    listings_and_usage();
}
