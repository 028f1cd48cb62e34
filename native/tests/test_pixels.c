/* Pixel buffers: half floats, integer conversions, negative row bytes, render-scale resampling, the hash. */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "pixels.h"

static void half_floats(void)
{
    CHECK_INT(float_to_half(1.0f), 0x3C00);
    CHECK_INT(float_to_half(-2.0f), 0xC000);
    CHECK_INT(float_to_half(65504.0f), 0x7BFF);
    CHECK_INT(float_to_half(65520.0f), 0x7C00);    /* rounds up to infinity */
    CHECK_INT(float_to_half(5.9604645e-8f), 0x0001); /* smallest subnormal */
    CHECK_INT(float_to_half(0.1f), 0x2E66);
    CHECK_INT(float_to_half(0.0f), 0x0000);
    /* Every finite half survives half -> float -> half. */
    int bad = 0;
    for (uint32_t h = 0; h < 0x10000; h++) {
        if ((h & 0x7C00) == 0x7C00)
            continue;
        if (float_to_half(half_to_float((uint16_t)h)) != h)
            bad++;
    }
    CHECK_INT(bad, 0);
    CHECK_NEAR(half_to_float(0x3555), 0.333251953125, 0);
}

static void integers(void)
{
    int bad = 0;
    for (int v = 0; v < 256; v++)
        bad += float_to_u8((float)v / 255.0f) != v;
    for (int v = 0; v < 65536; v++)
        bad += float_to_u16((float)v / 65535.0f) != v;
    CHECK_INT(bad, 0);
    CHECK_INT(float_to_u8(-0.5f), 0);
    CHECK_INT(float_to_u8(2.0f), 255);
    CHECK_INT(float_to_u16(NAN), 0);
}

static void negative_rowbytes(void)
{
    PixelBuf *b = pixelbuf_new(10, 20, 14, 23, DEPTH_BYTE, COMP_RGB, true, 5);
    CHECK(b != NULL);
    CHECK_INT(b->row_bytes, -(4 * 3 + 5));
    /* data is the bottom row (y1), which is the last row in memory. */
    CHECK(b->data == b->base + 2 * 17);
    CHECK(pixelbuf_at(b, 10, 22) == b->base);
    CHECK(pixelbuf_at(b, 11, 20) == b->data + 3);
    float px[4] = { 1, 0.5f, 0, 1 }, back[4];
    pixel_set(b, 13, 21, px);
    pixel_get(b, 13, 21, back);
    CHECK_NEAR(back[1], 128 / 255.0, 1e-7);
    CHECK_NEAR(back[3], 1, 0);
    pixelbuf_free(b);
    CHECK(pixelbuf_new(0, 0, 1 << 15, 1 << 15, DEPTH_FLOAT, COMP_RGBA, false, 0) == NULL); /* absurd size */
}

static Frame ramp(int w, int h)
{
    Frame f = { w, h, 4, calloc((size_t)w * h * 4, sizeof(float)) };
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            for (int c = 0; c < 4; c++)
                f.px[((size_t)y * w + x) * 4 + c] = (float)(x + 10 * y + 100 * c) / 1000.0f;
    return f;
}

static void scaling(void)
{
    Frame f = ramp(5, 4);
    PixelBuf *b = pixelbuf_from_frame(&f, 0.5, DEPTH_FLOAT, COMP_RGBA, false, 0);
    CHECK(b != NULL);
    CHECK_INT(b->x2, 3); /* ceil(5 * 0.5) */
    CHECK_INT(b->y2, 2);
    float px[4];
    pixel_get(b, 0, 0, px); /* mean of (0,0) (1,0) (0,1) (1,1) */
    CHECK_NEAR(px[0], (0 + 1 + 10 + 11) / 4.0 / 1000.0, 1e-7);
    pixel_get(b, 2, 1, px); /* the last column holds only source column 4 (rows 2, 3) */
    CHECK_NEAR(px[0], (4 + 20 + 4 + 30) / 2.0 / 1000.0, 1e-7);
    pixelbuf_free(b);
    b = pixelbuf_from_frame(&f, 1.0, DEPTH_HALF, COMP_ALPHA, false, 0);
    pixel_get(b, 3, 2, px);
    CHECK_NEAR(px[0], half_to_float(float_to_half((3 + 20 + 300) / 1000.0f)), 0);
    pixelbuf_free(b);
    frame_free(&f);
}

static void hashing(void)
{
    Frame f = ramp(6, 3);
    PixelBuf *a = pixelbuf_from_frame(&f, 1.0, DEPTH_SHORT, COMP_RGBA, false, 0);
    PixelBuf *b = pixelbuf_from_frame(&f, 1.0, DEPTH_SHORT, COMP_RGBA, true, 12);
    PixelBuf *c = pixelbuf_convert(a, DEPTH_SHORT, COMP_RGBA, true, 3);
    char ha[17], hb[17], hc[17];
    pixelbuf_hash(a, ha);
    pixelbuf_hash(b, hb);
    pixelbuf_hash(c, hc);
    CHECK_STR(ha, hb); /* row layout does not change the fingerprint */
    CHECK_STR(ha, hc);
    pixel_set(c, 0, 0, (const float[]){ 1, 1, 1, 1 });
    pixelbuf_hash(c, hc);
    CHECK(strcmp(ha, hc) != 0);
    pixelbuf_free(a);
    pixelbuf_free(b);
    pixelbuf_free(c);
    frame_free(&f);
}

int main(void)
{
    half_floats();
    integers();
    negative_rowbytes();
    scaling();
    hashing();
    CHECK_INT(depth_from_name("half"), DEPTH_HALF);
    CHECK_INT(depth_from_name("OfxBitDepthShort"), DEPTH_SHORT);
    CHECK_INT(depth_from_name("int"), DEPTH_NONE);
    CHECK_INT(comps_from_name("rgb"), COMP_RGB);
    return check_summary("test_pixels");
}
