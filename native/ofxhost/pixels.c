#include "pixels.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ofx_strings.h"

const char *depth_ofx(Depth d)
{
    switch (d) {
    case DEPTH_BYTE: return kOfxBitDepthByte;
    case DEPTH_SHORT: return kOfxBitDepthShort;
    case DEPTH_HALF: return kOfxBitDepthHalf;
    case DEPTH_FLOAT: return kOfxBitDepthFloat;
    default: return kOfxBitDepthNone;
    }
}

const char *depth_short_name(Depth d)
{
    static const char *names[] = { "none", "byte", "short", "half", "float" };
    return names[d];
}

Depth depth_from_ofx(const char *s)
{
    for (Depth d = DEPTH_BYTE; d <= DEPTH_FLOAT; d++)
        if (s && strcmp(s, depth_ofx(d)) == 0)
            return d;
    return DEPTH_NONE;
}

Depth depth_from_name(const char *s)
{
    for (Depth d = DEPTH_BYTE; d <= DEPTH_FLOAT; d++)
        if (s && strcasecmp(s, depth_short_name(d)) == 0)
            return d;
    return depth_from_ofx(s);
}

int depth_bytes(Depth d)
{
    static const int bytes[] = { 0, 1, 2, 2, 4 };
    return bytes[d];
}

const char *comps_ofx(Comps c)
{
    switch (c) {
    case COMP_RGBA: return kOfxImageComponentRGBA;
    case COMP_RGB: return kOfxImageComponentRGB;
    case COMP_ALPHA: return kOfxImageComponentAlpha;
    default: return kOfxImageComponentNone;
    }
}

Comps comps_from_ofx(const char *s)
{
    for (Comps c = COMP_RGBA; c <= COMP_ALPHA; c++)
        if (s && strcmp(s, comps_ofx(c)) == 0)
            return c;
    return COMP_NONE;
}

Comps comps_from_name(const char *s)
{
    if (!s)
        return COMP_NONE;
    if (strcasecmp(s, "RGBA") == 0)
        return COMP_RGBA;
    if (strcasecmp(s, "RGB") == 0)
        return COMP_RGB;
    if (strcasecmp(s, "Alpha") == 0 || strcasecmp(s, "A") == 0)
        return COMP_ALPHA;
    return comps_from_ofx(s);
}

int comps_count(Comps c)
{
    static const int n[] = { 0, 4, 3, 1 };
    return n[c];
}

void frame_free(Frame *f)
{
    if (!f)
        return;
    free(f->px);
    f->px = NULL;
}

/* Images over 2^28 pixels (16384 x 16384) are refused: a plugin returning a huge RoD must not take the host down. */
#define MAX_PIXELS (1LL << 28)

PixelBuf *pixelbuf_new(int x1, int y1, int x2, int y2, Depth d, Comps c, bool negative_rowbytes, int padding)
{
    long long w = (long long)x2 - x1, h = (long long)y2 - y1;
    if (w < 0 || h < 0 || w * h > MAX_PIXELS || d == DEPTH_NONE || c == COMP_NONE || padding < 0 ||
        padding > 4096)
        return NULL;
    PixelBuf *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->x1 = x1, b->y1 = y1, b->x2 = x2, b->y2 = y2;
    b->depth = d;
    b->comps = c;
    b->bpp = depth_bytes(d) * comps_count(c);
    ptrdiff_t stride = (ptrdiff_t)(w * b->bpp + padding);
    size_t size = (size_t)(stride * h);
    b->base = calloc(size > 0 ? size : 1, 1);
    if (!b->base) {
        free(b);
        return NULL;
    }
    if (negative_rowbytes) {
        b->row_bytes = -stride;
        b->data = b->base + (h > 0 ? (h - 1) * stride : 0);
    } else {
        b->row_bytes = stride;
        b->data = b->base;
    }
    return b;
}

void pixelbuf_free(PixelBuf *b)
{
    if (!b)
        return;
    free(b->base);
    free(b);
}

uint8_t float_to_u8(float v)
{
    if (!(v > 0.0f))
        return 0; /* also NaN */
    if (v >= 1.0f)
        return 255;
    return (uint8_t)lrintf(v * 255.0f);
}

uint16_t float_to_u16(float v)
{
    if (!(v > 0.0f))
        return 0;
    if (v >= 1.0f)
        return 65535;
    return (uint16_t)lrintf(v * 65535.0f);
}

uint16_t float_to_half(float f)
{
    uint32_t x;
    memcpy(&x, &f, 4);
    uint32_t sign = (x >> 16) & 0x8000u;
    uint32_t exp = (x >> 23) & 0xFFu;
    uint32_t man = x & 0x7FFFFFu;
    if (exp == 0xFF) /* Inf or NaN (keeps NaN quiet) */
        return (uint16_t)(sign | 0x7C00u | (man ? 0x200u : 0));
    int e = (int)exp - 127 + 15;
    if (e >= 31)
        return (uint16_t)(sign | 0x7C00u);
    if (e <= 0) { /* subnormal half or zero */
        if (e < -10)
            return (uint16_t)sign;
        man |= 0x800000u;
        int shift = 14 - e;
        uint32_t h = man >> shift;
        uint32_t rem = man & ((1u << shift) - 1);
        uint32_t half = 1u << (shift - 1);
        if (rem > half || (rem == half && (h & 1u)))
            h++;
        return (uint16_t)(sign | h);
    }
    uint32_t h = ((uint32_t)e << 10) | (man >> 13);
    uint32_t rem = man & 0x1FFFu;
    if (rem > 0x1000u || (rem == 0x1000u && (h & 1u)))
        h++; /* may carry into the exponent, which is the correct rounding up to Inf */
    return (uint16_t)(sign | h);
}

float half_to_float(uint16_t h)
{
    uint32_t sign = (uint32_t)(h & 0x8000u) << 16;
    uint32_t exp = (h >> 10) & 0x1Fu;
    uint32_t man = h & 0x3FFu;
    uint32_t x;
    if (exp == 0) {
        if (man == 0) {
            x = sign;
        } else { /* subnormal: normalise */
            int e = -1;
            do {
                e++;
                man <<= 1;
            } while (!(man & 0x400u));
            x = sign | ((uint32_t)(127 - 15 - e) << 23) | ((man & 0x3FFu) << 13);
        }
    } else if (exp == 31) {
        x = sign | 0x7F800000u | (man << 13);
    } else {
        x = sign | ((exp - 15 + 127) << 23) | (man << 13);
    }
    float f;
    memcpy(&f, &x, 4);
    return f;
}

static float read_channel(const unsigned char *p, Depth d, int i)
{
    switch (d) {
    case DEPTH_BYTE: return (float)p[i] / 255.0f;
    case DEPTH_SHORT: { uint16_t v; memcpy(&v, p + 2 * i, 2); return (float)v / 65535.0f; }
    case DEPTH_HALF: { uint16_t v; memcpy(&v, p + 2 * i, 2); return half_to_float(v); }
    case DEPTH_FLOAT: { float v; memcpy(&v, p + 4 * i, 4); return v; }
    default: return 0.0f;
    }
}

static void write_channel(unsigned char *p, Depth d, int i, float v)
{
    switch (d) {
    case DEPTH_BYTE: p[i] = float_to_u8(v); break;
    case DEPTH_SHORT: { uint16_t s = float_to_u16(v); memcpy(p + 2 * i, &s, 2); break; }
    case DEPTH_HALF: { uint16_t s = float_to_half(v); memcpy(p + 2 * i, &s, 2); break; }
    case DEPTH_FLOAT: memcpy(p + 4 * i, &v, 4); break;
    default: break;
    }
}

void pixel_get(const PixelBuf *b, int x, int y, float rgba[4])
{
    const unsigned char *p = pixelbuf_at(b, x, y);
    switch (b->comps) {
    case COMP_RGBA:
        for (int i = 0; i < 4; i++)
            rgba[i] = read_channel(p, b->depth, i);
        break;
    case COMP_RGB:
        for (int i = 0; i < 3; i++)
            rgba[i] = read_channel(p, b->depth, i);
        rgba[3] = 1.0f;
        break;
    default:
        rgba[0] = rgba[1] = rgba[2] = rgba[3] = read_channel(p, b->depth, 0);
    }
}

void pixel_set(PixelBuf *b, int x, int y, const float rgba[4])
{
    unsigned char *p = pixelbuf_at(b, x, y);
    switch (b->comps) {
    case COMP_RGBA:
        for (int i = 0; i < 4; i++)
            write_channel(p, b->depth, i, rgba[i]);
        break;
    case COMP_RGB:
        for (int i = 0; i < 3; i++)
            write_channel(p, b->depth, i, rgba[i]);
        break;
    default:
        write_channel(p, b->depth, 0, rgba[3]);
    }
}

/* Area average of the source pixels under the footprint [x0,x1) x [y0,y1) (source pixel units). */
static void area_sample(const Frame *f, double x0, double x1, double y0, double y1, float out[4])
{
    double acc[4] = { 0, 0, 0, 0 }, wsum = 0;
    int ix0 = (int)floor(x0), ix1 = (int)ceil(x1), iy0 = (int)floor(y0), iy1 = (int)ceil(y1);
    for (int sy = iy0; sy < iy1; sy++) {
        if (sy < 0 || sy >= f->h)
            continue;
        double wy = fmin(y1, sy + 1.0) - fmax(y0, (double)sy);
        for (int sx = ix0; sx < ix1; sx++) {
            if (sx < 0 || sx >= f->w)
                continue;
            double w = wy * (fmin(x1, sx + 1.0) - fmax(x0, (double)sx));
            if (w <= 0)
                continue;
            const float *p = f->px + ((size_t)sy * (size_t)f->w + (size_t)sx) * 4;
            for (int i = 0; i < 4; i++)
                acc[i] += w * p[i];
            wsum += w;
        }
    }
    for (int i = 0; i < 4; i++)
        out[i] = wsum > 0 ? (float)(acc[i] / wsum) : 0.0f;
}

PixelBuf *pixelbuf_from_frame(const Frame *f, double scale, Depth d, Comps c, bool negative_rowbytes, int padding)
{
    bool unscaled = scale == 1.0;
    int w = unscaled ? f->w : (int)ceil(f->w * scale);
    int h = unscaled ? f->h : (int)ceil(f->h * scale);
    PixelBuf *b = pixelbuf_new(0, 0, w, h, d, c, negative_rowbytes, padding);
    if (!b)
        return NULL;
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            float px[4];
            if (unscaled)
                memcpy(px, f->px + ((size_t)y * (size_t)f->w + (size_t)x) * 4, sizeof px);
            else
                area_sample(f, x / scale, (x + 1) / scale, y / scale, (y + 1) / scale, px);
            pixel_set(b, x, y, px);
        }
    }
    return b;
}

PixelBuf *pixelbuf_convert(const PixelBuf *src, Depth d, Comps c, bool negative_rowbytes, int padding)
{
    PixelBuf *b = pixelbuf_new(src->x1, src->y1, src->x2, src->y2, d, c, negative_rowbytes, padding);
    if (!b)
        return NULL;
    for (int y = src->y1; y < src->y2; y++) {
        for (int x = src->x1; x < src->x2; x++) {
            float px[4];
            pixel_get(src, x, y, px);
            pixel_set(b, x, y, px);
        }
    }
    return b;
}

void pixelbuf_hash(const PixelBuf *b, char out[17])
{
    uint64_t h = 0xcbf29ce484222325ull;
    size_t row = (size_t)(b->x2 - b->x1) * (size_t)b->bpp;
    for (int y = b->y1; y < b->y2; y++) {
        const unsigned char *p = pixelbuf_at(b, b->x1, y);
        for (size_t i = 0; i < row; i++) {
            h ^= p[i];
            h *= 0x100000001b3ull;
        }
    }
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 16; i++)
        out[i] = hex[(h >> (60 - 4 * i)) & 0xF];
    out[16] = '\0';
}
