/* End-to-end cases: the action sequence, frames needed, pixel formats, row layouts, render scale, larger RoD. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define CHECK_SHARED
#include "../check.h"
#include "e2e_cases.h"
#include "e2e_util.h"

#define NFRAMES 6
#define W 8
#define H 6
/* Float pipelines lose nothing but float rounding; 8/16-bit outputs are within half a step of the exact mean. */
#define TOL_FLOAT 1e-6
#define TOL_BYTE (0.51 / 255.0)
#define TOL_SHORT (0.51 / 65535.0 + 1e-6)
#define TOL_HALF 1e-3

static char g_basic_hash[NFRAMES][17];

static void frame_hashes(const Log *log, int instance, char out[][17])
{
    char key[64];
    snprintf(key, sizeof key, "\"instance\":%d,", instance);
    int i = -1;
    for (int k = 0; k < NFRAMES; k++) {
        i = log_find(log, i + 1, ALL("\"event\":\"frame\"", key));
        out[k][0] = '\0';
        if (i >= 0)
            json_str(log->lines[i], "hash", out[k], 17);
    }
}

static void check_outputs(const char *pattern, int radius, double gain, int upscale, int seed, double tol)
{
    for (int t = 0; t < NFRAMES; t++) {
        char file[1024];
        snprintf(file, sizeof file, pattern, t);
        double e = max_error(tmp_path("%s", file), t, NFRAMES, radius, gain, upscale, seed);
        CHECK_NEAR(e, 0, tol);
    }
}

/* Order of first occurrences. */
static void check_order(const Log *log)
{
    static const char *order[] = {
        "OfxActionLoad\"", "OfxActionDescribe\"", "OfxImageEffectActionDescribeInContext\"",
        "OfxActionCreateInstance\"", "OfxImageEffectActionGetClipPreferences\"",
        "OfxImageEffectActionGetRegionOfDefinition\"", "OfxImageEffectActionGetFramesNeeded\"",
        "OfxImageEffectActionIsIdentity\"", "OfxImageEffectActionBeginSequenceRender\"",
        "OfxImageEffectActionRender\"", "OfxImageEffectActionEndSequenceRender\"", "OfxActionDestroyInstance\"",
        "OfxActionUnload\"",
    };
    int prev = -1;
    for (size_t k = 0; k < sizeof order / sizeof *order; k++) {
        char needle[128];
        snprintf(needle, sizeof needle, "\"action\":\"%s", order[k]);
        int at = log_find(log, 0, ALL("\"event\":\"action\"", needle));
        if (at <= prev)
            fprintf(stderr, "e2e: %s is at line %d, after line %d expected\n", order[k], at, prev);
        CHECK(at > prev);
        prev = at;
    }
}

static void basic(void)
{
    char log_path[1024], err[1024]; /* copies: tmp_path's buffers rotate */
    snprintf(log_path, sizeof log_path, "%s", tmp_path("basic.jsonl"));
    snprintf(err, sizeof err, "%s", tmp_path("basic.err"));
    char args[2048];
    snprintf(args, sizeof args, "--input '%s' --output '%s'", tmp_path("in8/f_%%04d.ppm"),
             tmp_path("basic/o_%%04d.pfm"));
    CHECK_INT(run_host(log_path, err, args), 0);
    check_outputs("basic/o_%04d.pfm", 1, 1.0, 1, 0, TOL_FLOAT);
    Log log;
    CHECK(log_load(log_path, &log));
    check_order(&log);
    CHECK_INT(log_count(&log, ALL("\"event\":\"action\",", "\"action\":\"OfxImageEffectActionRender\"",
                                  "\"status\":0,")), NFRAMES);
    CHECK_INT(log_count(&log, ALL("\"action\":\"OfxImageEffectActionBeginSequenceRender\"")), 1);
    CHECK_INT(log_count(&log, ALL("\"action\":\"OfxImageEffectActionEndSequenceRender\"")), 1);
    /* Frames needed t-1..t+1: every served Source image was asked for; two fall outside the clip. */
    CHECK_INT(log_count(&log, ALL("\"clip_get_image\"", "\"clip\":\"Source\"", "\"in_frames_needed\":true",
                                  "\"status\":0,")), NFRAMES * 3 - 2);
    CHECK_INT(log_count(&log, ALL("\"clip_get_image\"", "\"in_frames_needed\":false")), 0);
    CHECK_INT(log_count(&log, ALL("\"clip_get_image\"", "\"status\":1,", "outside the clip")), 2);
    CHECK(log_find(&log, 0, ALL("\"clip_get_image\"", "\"time\":3,\"frame\":3,",
                                "\"action\":\"OfxImageEffectActionRender\"", "\"bounds\":[0,0,8,6]",
                                "\"depth\":\"OfxBitDepthFloat\"", "\"row_bytes\":128,")) >= 0);
    CHECK(log_find(&log, 0, ALL("\"action\":\"OfxImageEffectActionGetFramesNeeded\"", "\"time\":2,",
                                "\"OfxImageClipPropFrameRange_Source\":[1,3]")) >= 0);
    CHECK_INT(log_count(&log, ALL("\"event\":\"frame\"", "\"result\":\"rendered\"")), NFRAMES);
    CHECK(log_find(&log, 0, ALL("\"param_define\"", "\"name\":\"gain\"", "\"type\":\"OfxParamTypeDouble\"",
                                "\"default\":1,\"min\":0,\"max\":4,\"display_min\":0,\"display_max\":2")) >= 0);
    CHECK(log_find(&log, 0, ALL("\"param_define\"", "\"name\":\"mode\"",
                                "\"options\":[\"average\",\"first\",\"last\"]")) >= 0);
    CHECK(log_find(&log, 0, ALL("\"param_define\"", "\"name\":\"gain\"", "\\\"RGB\\\"\\tafter")) >= 0);
    CHECK(log_find(&log, 0, ALL("\"param_define\"", "\"name\":\"Main\"", "\"children\":[\"radius\",")) >= 0);
    CHECK(log_find(&log, 0, ALL("\"effect_descriptor\"", "\"phase\":\"describe_in_context\"",
                                "\"grouping\":\"TDM/Test\"", "\"supports_tiles\":false",
                                "\"temporal_clip_access\":true", "\"render_thread_safety\":\"OfxImageEffectRender"
                                                                 "InstanceSafe\"")) >= 0);
    CHECK(log_find(&log, 0, ALL("\"clip_define\"", "\"name\":\"Source\"", "\"temporal_clip_access\":true",
                                "\"supported_components\":[\"OfxImageComponentRGBA\",\"OfxImageComponentRGB\"]")) >= 0);
    CHECK(log_find(&log, 0, ALL("\"host_end\"", "\"exit_code\":0,")) >= 0);
    CHECK_INT(log_count(&log, ALL("\"event\":\"error\"")), 0);
    CHECK_INT(log_count(&log, ALL("\"image_leak\"")), 0);
    frame_hashes(&log, 0, g_basic_hash);
    log_free(&log);
}

static void formats(void)
{
    char in8[1024], in16[1024]; /* copies: tmp_path's buffers rotate */
    snprintf(in8, sizeof in8, "%s", tmp_path("in8/f_%%04d.ppm"));
    snprintf(in16, sizeof in16, "%s", tmp_path("in16/f_%%04d.pam"));
    Log log = run("byte", 0, "--input '%s' --depth byte --output '%s'", in8, tmp_path("byte/o_%%04d.ppm"));
    check_outputs("byte/o_%04d.ppm", 1, 1.0, 1, 0, TOL_BYTE);
    CHECK(log_find(&log, 0, ALL("\"clip_get_image\"", "\"depth\":\"OfxBitDepthByte\"", "\"row_bytes\":32,")) >= 0);
    CHECK(log_find(&log, 0, ALL("\"event\":\"frame\"", "\"format\":\"ppm8\"")) >= 0);
    log_free(&log);

    log = run("short", 0, "--input '%s' --depth short --output '%s'", in16, tmp_path("short/o_%%04d.pam"));
    check_outputs("short/o_%04d.pam", 1, 1.0, 1, 0, TOL_SHORT); /* includes alpha: PAM keeps it */
    CHECK(log_find(&log, 0, ALL("\"event\":\"frame\"", "\"format\":\"pam16\"",
                                "\"components\":\"OfxImageComponentRGBA\"")) >= 0);
    log_free(&log);

    log = run("half", 0, "--input '%s' --depth half --output '%s'", in8, tmp_path("half/o_%%04d.pfm"));
    check_outputs("half/o_%04d.pfm", 1, 1.0, 1, 0, TOL_HALF);
    CHECK(log_find(&log, 0, ALL("\"clip_get_image\"", "\"depth\":\"OfxBitDepthHalf\"", "\"row_bytes\":64,")) >= 0);
    log_free(&log);

    log = run("rgb", 0, "--input '%s' --components RGB --output '%s'", in16, tmp_path("rgb/o_%%04d.ppm"));
    check_outputs("rgb/o_%04d.ppm", 1, 1.0, 1, 0, TOL_SHORT);
    CHECK(log_find(&log, 0, ALL("\"clip_get_image\"", "\"components\":\"OfxImageComponentRGB\"",
                                "\"row_bytes\":96,")) >= 0);
    log_free(&log);
}

static void layouts(void)
{
    Log log = run("negative", 0, "--input '%s' --negative-rowbytes --row-padding 12",
                  tmp_path("in8/f_%%04d.ppm"));
    char hashes[NFRAMES][17];
    frame_hashes(&log, 0, hashes);
    for (int t = 0; t < NFRAMES; t++)
        CHECK_STR(hashes[t], g_basic_hash[t]); /* same pixels whatever the row layout */
    CHECK(log_find(&log, 0, ALL("\"clip_get_image\"", "\"clip\":\"Source\"", "\"row_bytes\":-140,")) >= 0);
    CHECK(log_find(&log, 0, ALL("\"event\":\"frame\"", "\"row_bytes\":-140,")) >= 0);
    log_free(&log);

    log = run("scale", 0, "--input '%s' --render-scale 0.5", tmp_path("in8/f_%%04d.ppm"));
    CHECK(log_find(&log, 0, ALL("\"action\":\"OfxImageEffectActionRender\"",
                                "\"OfxImageEffectPropRenderWindow\":[0,0,4,3]",
                                "\"OfxImageEffectPropRenderScale\":[0.5,0.5]")) >= 0);
    CHECK_INT(log_count(&log, ALL("\"clip_get_image\"", "\"status\":0,", "\"bounds\":[0,0,4,3]",
                                  "\"render_scale\":[0.5,0.5]")), NFRAMES * 3 - 2 + NFRAMES);
    CHECK(log_find(&log, 0, ALL("\"action\":\"OfxImageEffectActionGetRegionOfDefinition\"",
                                "\"OfxImageEffectPropRegionOfDefinition\":[0,0,8,6]")) >= 0);
    log_free(&log);

    /* A region of definition twice the source's: the output is allocated at the plugin's RoD. */
    log = run("upscale", 0, "--input '%s' --param upscale=2 --output '%s'", tmp_path("in8/f_%%04d.ppm"),
              tmp_path("up/o_%%04d.pfm"));
    check_outputs("up/o_%04d.pfm", 1, 1.0, 2, 0, TOL_FLOAT);
    CHECK_INT(log_count(&log, ALL("\"event\":\"frame\"", "\"bounds\":[0,0,16,12]")), NFRAMES);
    log_free(&log);
}

void run_cases(void)
{
    make_frames(tmp_path("in8/f_%%04d.ppm"), NFRAMES, W, H, DEPTH_BYTE, COMP_RGB, 0);
    make_frames(tmp_path("in16/f_%%04d.pam"), NFRAMES, W, H, DEPTH_SHORT, COMP_RGBA, 0);
    basic();
    formats();
    layouts();
}
