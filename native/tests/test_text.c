/* Frame patterns and the JSON writer. */
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "json.h"
#include "pattern.h"

static void patterns(void)
{
    bool has;
    char err[256], out[64];
    CHECK(pattern_check("a/frame_%04d.ppm", &has, err, sizeof err) && has);
    CHECK(pattern_check("still.ppm", &has, err, sizeof err) && !has);
    CHECK(pattern_check("100%%_%d.pfm", &has, err, sizeof err) && has);
    CHECK(!pattern_check("%s.ppm", &has, err, sizeof err));
    CHECK(!pattern_check("%d_%d.ppm", &has, err, sizeof err));
    CHECK(!pattern_check("x%", &has, err, sizeof err));
    CHECK(pattern_format("f_%04d.ppm", 7, out, sizeof out) && strcmp(out, "f_0007.ppm") == 0);
    CHECK(pattern_format("f_%04d.ppm", -3, out, sizeof out) && strcmp(out, "f_-003.ppm") == 0);
    CHECK(pattern_format("f_%3d.ppm", 12345, out, sizeof out) && strcmp(out, "f_12345.ppm") == 0);
    CHECK(pattern_format("100%%_%d", 2, out, sizeof out) && strcmp(out, "100%_2") == 0);
    CHECK(!pattern_format("%08d", 1, out, 5));
    char *s = pattern_for_instance("in{i}/f_{i}_%d.ppm", 3);
    CHECK_STR(s, "in3/f_3_%d.ppm");
    free(s);

    char dir[] = "/tmp/ofxhost-pattern-XXXXXX", p[128];
    CHECK(mkdtemp(dir) != NULL);
    for (int f = 5; f <= 9; f++) {
        snprintf(p, sizeof p, "%s/f%03d.ppm", dir, f);
        FILE *fp = fopen(p, "w");
        fclose(fp);
    }
    snprintf(p, sizeof p, "%s/f%%03d.ppm", dir);
    int first = 0, last = 0;
    CHECK(pattern_detect_frames(p, &first, &last));
    CHECK_INT(first, 5);
    CHECK_INT(last, 9);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
}

static void json(void)
{
    JsonBuf jb;
    jb_init(&jb);
    jb_obj_begin(&jb);
    jb_kstr(&jb, "s", "a\"b\\c\n\t\x01");
    jb_kstr(&jb, "bad", "x\xff" "y");
    jb_kstr(&jb, "utf8", "\xc3\xa9");
    jb_knum(&jb, "n", 0.1);
    jb_knum(&jb, "i", 3.0);
    jb_knum(&jb, "nan", NAN);
    jb_kints(&jb, "a", (const int[]){ 1, -2 }, 2);
    jb_key(&jb, "o");
    jb_obj_begin(&jb);
    jb_obj_end(&jb);
    jb_knull(&jb, "z");
    jb_obj_end(&jb);
    CHECK_STR(jb.s, "{\"s\":\"a\\\"b\\\\c\\n\\t\\u0001\",\"bad\":\"x\xef\xbf\xbdy\",\"utf8\":\"\xc3\xa9\",\"n\":0.1,"
                    "\"i\":3,\"nan\":null,\"a\":[1,-2],\"o\":{},\"z\":null}");
    jb_free(&jb);
}

int main(void)
{
    patterns();
    json();
    return check_summary("test_text");
}
