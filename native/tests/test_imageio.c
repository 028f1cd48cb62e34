/* PPM/PGM/PAM/PFM: round trips, row order (Netpbm top-down, PFM bottom-up), byte orders, bad files. */
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "imageio.h"

static char g_dir[] = "/tmp/ofxhost-imageio-XXXXXX";

static const char *path(const char *name)
{
    static char p[256];
    snprintf(p, sizeof p, "%s/%s", g_dir, name);
    return p;
}

static void write_bytes(const char *name, const void *data, size_t n)
{
    FILE *f = fopen(path(name), "wb");
    fwrite(data, 1, n, f);
    fclose(f);
}

/* A buffer whose pixel (x, y) has channels (x, y, x + y, 1) / 16. */
static PixelBuf *pattern_buf(Depth d, Comps c)
{
    PixelBuf *b = pixelbuf_new(0, 0, 4, 3, d, c, false, 0);
    for (int y = 0; y < 3; y++)
        for (int x = 0; x < 4; x++)
            pixel_set(b, x, y, (const float[]){ x / 16.0f, y / 16.0f, (x + y) / 16.0f, 1.0f });
    return b;
}

static void round_trip(const char *name, Depth d, Comps c, int channels, double tol)
{
    PixelBuf *b = pattern_buf(d, c);
    char err[256];
    const char *format = NULL;
    CHECK(image_write(path(name), b, &format, err, sizeof err));
    Frame f;
    CHECK(frame_read(path(name), &f, err, sizeof err));
    CHECK_INT(f.w, 4);
    CHECK_INT(f.h, 3);
    CHECK_INT(f.channels, channels);
    for (int y = 0; y < 3; y++) {
        for (int x = 0; x < 4; x++) {
            float want[4];
            pixel_get(b, x, y, want);
            const float *got = f.px + (y * 4 + x) * 4;
            for (int k = 0; k < (channels == 1 ? 1 : 3); k++)
                CHECK_NEAR(got[k], channels == 1 ? want[3] : want[k], tol);
        }
    }
    frame_free(&f);
    pixelbuf_free(b);
}

static void orientation(void)
{
    /* P6 2x2 8-bit: the first row in the file is the TOP row, i.e. y = 1. */
    const unsigned char ppm[] = "P6\n# comment\n2 2\n255\n"
                                "\x10\x00\x00\x20\x00\x00" /* top: (0,1) (1,1) */
                                "\x30\x00\x00\x40\x00\x00"; /* bottom: (0,0) (1,0) */
    write_bytes("o.ppm", ppm, sizeof ppm - 1);
    Frame f;
    char err[256];
    CHECK(frame_read(path("o.ppm"), &f, err, sizeof err));
    CHECK_NEAR(f.px[0], 0x30 / 255.0, 1e-7);          /* (0,0) */
    CHECK_NEAR(f.px[(1 * 2 + 1) * 4], 0x20 / 255.0, 1e-7); /* (1,1) */
    frame_free(&f);
    /* PFM big-endian (positive scale): rows bottom-up. */
    unsigned char pfm[64] = "Pf\n1 2\n1.0\n";
    size_t n = 11;
    const unsigned char bottom[4] = { 0x3F, 0x80, 0, 0 }, top[4] = { 0x40, 0, 0, 0 }; /* 1.0, 2.0 */
    memcpy(pfm + n, bottom, 4);
    memcpy(pfm + n + 4, top, 4);
    write_bytes("o.pfm", pfm, n + 8);
    CHECK(frame_read(path("o.pfm"), &f, err, sizeof err));
    CHECK_NEAR(f.px[0], 1.0, 0);
    CHECK_NEAR(f.px[4], 2.0, 0);
    CHECK_NEAR(f.px[3], 1.0, 0); /* grey: opaque */
    frame_free(&f);
    /* 16-bit samples are big-endian. */
    const unsigned char p16[] = "P5\n1 1\n65535\n\x12\x34";
    write_bytes("o.pgm", p16, sizeof p16 - 1);
    CHECK(frame_read(path("o.pgm"), &f, err, sizeof err));
    CHECK_NEAR(f.px[0], 0x1234 / 65535.0, 1e-7);
    frame_free(&f);
}

static void bad_files(void)
{
    Frame f;
    char err[256];
    write_bytes("t.ppm", "P6\n4 4\n255\nabc", 15);
    CHECK(!frame_read(path("t.ppm"), &f, err, sizeof err));
    CHECK(strstr(err, "truncated") != NULL);
    write_bytes("x.ppm", "P3\n1 1\n255\n1 2 3\n", 17);
    CHECK(!frame_read(path("x.ppm"), &f, err, sizeof err));
    CHECK(strstr(err, "P3") != NULL);
    write_bytes("m.pam", "P7\nWIDTH 1\nHEIGHT 1\nDEPTH 9\nMAXVAL 255\nENDHDR\nxxxxxxxxx", 53);
    CHECK(!frame_read(path("m.pam"), &f, err, sizeof err));
    CHECK(!frame_read(path("missing.ppm"), &f, err, sizeof err));
    CHECK(strstr(err, "missing.ppm") != NULL);
    PixelBuf *b = pattern_buf(DEPTH_BYTE, COMP_RGB);
    CHECK(!image_write(path("a.pgm"), b, NULL, err, sizeof err)); /* RGB does not fit a PGM */
    CHECK(!image_write(path("a.png"), b, NULL, err, sizeof err));
    pixelbuf_free(b);
}

static void exact_samples(void)
{
    /* Byte and short samples are written as the plugin left them. */
    PixelBuf *b = pixelbuf_new(0, 0, 1, 1, DEPTH_SHORT, COMP_RGBA, true, 0);
    uint16_t v[4] = { 1, 2, 65534, 65535 };
    memcpy(b->data, v, sizeof v);
    char err[256];
    CHECK(image_write(path("s.pam"), b, NULL, err, sizeof err));
    FILE *f = fopen(path("s.pam"), "rb");
    unsigned char buf[128];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    CHECK(n >= 8);
    CHECK(memcmp(buf + n - 8, "\x00\x01\x00\x02\xff\xfe\xff\xff", 8) == 0);
    CHECK(memmem(buf, n, "TUPLTYPE RGB_ALPHA", 18) != NULL);
    pixelbuf_free(b);
}

int main(void)
{
    if (!mkdtemp(g_dir))
        return 1;
    round_trip("a.ppm", DEPTH_BYTE, COMP_RGB, 3, 0.5 / 255);
    round_trip("b.ppm", DEPTH_SHORT, COMP_RGBA, 3, 0.5 / 65535);
    round_trip("c.pam", DEPTH_BYTE, COMP_RGBA, 4, 0.5 / 255);
    round_trip("d.pam", DEPTH_FLOAT, COMP_RGB, 3, 0.5 / 65535);
    round_trip("e.pfm", DEPTH_FLOAT, COMP_RGBA, 3, 0);
    round_trip("f.pfm", DEPTH_HALF, COMP_RGB, 3, 0);
    round_trip("g.pgm", DEPTH_BYTE, COMP_ALPHA, 1, 0.5 / 255);
    round_trip("h.pfm", DEPTH_FLOAT, COMP_ALPHA, 1, 0);
    orientation();
    bad_files();
    exact_samples();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", g_dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", g_dir);
    return check_summary("test_imageio");
}
