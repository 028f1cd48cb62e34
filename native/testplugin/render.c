/* The test plugin's Render: a temporal average, honouring every depth, both component layouts, row bytes of
 * either sign and the render window. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "testplugin.h"

#define MAX_FRAMES 7

typedef struct Img {
    OfxPropertySetHandle h;
    unsigned char *data;
    int x1, y1, x2, y2;
    int row_bytes;
    int depth;  /* bytes per channel: 1, 2 (short), -2 (half), 4 */
    int nc;
} Img;

static bool img_open(OfxPropertySetHandle h, Img *im)
{
    char *depth = NULL, *comps = NULL;
    void *data = NULL;
    int b[4];
    memset(im, 0, sizeof *im);
    im->h = h;
    if (P->propGetPointer(h, kOfxImagePropData, 0, &data) != kOfxStatOK ||
        P->propGetIntN(h, kOfxImagePropBounds, 4, b) != kOfxStatOK ||
        P->propGetInt(h, kOfxImagePropRowBytes, 0, &im->row_bytes) != kOfxStatOK ||
        P->propGetString(h, kOfxImageEffectPropPixelDepth, 0, &depth) != kOfxStatOK ||
        P->propGetString(h, kOfxImageEffectPropComponents, 0, &comps) != kOfxStatOK)
        return false;
    im->data = data;
    im->x1 = b[0], im->y1 = b[1], im->x2 = b[2], im->y2 = b[3];
    im->depth = !strcmp(depth, kOfxBitDepthByte) ? 1 : !strcmp(depth, kOfxBitDepthShort) ? 2
              : !strcmp(depth, kOfxBitDepthHalf) ? -2 : 4;
    im->nc = !strcmp(comps, kOfxImageComponentRGBA) ? 4 : !strcmp(comps, kOfxImageComponentRGB) ? 3 : 1;
    return im->data != NULL;
}

static float half_to_float(uint16_t h)
{
    int e = (h >> 10) & 0x1F, m = h & 0x3FF;
    float v = e == 0 ? ldexpf((float)m, -24) : e == 31 ? INFINITY : ldexpf((float)(m | 0x400), e - 25);
    return (h & 0x8000) ? -v : v;
}

static uint16_t float_to_half(float f)
{
    /* Enough for test values in [0, 4]: round to nearest via the float's bits. */
    uint32_t x;
    memcpy(&x, &f, 4);
    uint32_t sign = (x >> 16) & 0x8000, e = (x >> 23) & 0xFF, m = x & 0x7FFFFF;
    if (e < 103)
        return (uint16_t)sign;
    if (e < 113) { /* subnormal half */
        m |= 0x800000;
        uint32_t shift = 126 - e, h = m >> shift, rem = m & ((1u << shift) - 1), half = 1u << (shift - 1);
        if (rem > half || (rem == half && (h & 1)))
            h++;
        return (uint16_t)(sign | h);
    }
    uint32_t h = ((e - 112) << 10) | (m >> 13), rem = m & 0x1FFF;
    if (rem > 0x1000 || (rem == 0x1000 && (h & 1)))
        h++;
    return (uint16_t)(sign | h);
}

static unsigned char *at(const Img *im, int x, int y)
{
    int bpc = im->depth < 0 ? -im->depth : im->depth;
    return im->data + (ptrdiff_t)(y - im->y1) * im->row_bytes + (ptrdiff_t)(x - im->x1) * im->nc * bpc;
}

static float rd(const Img *im, const unsigned char *p, int c)
{
    if (c >= im->nc)
        return 1.0f; /* RGB images: opaque */
    switch (im->depth) {
    case 1: return p[c] / 255.0f;
    case 2: { uint16_t v; memcpy(&v, p + 2 * c, 2); return v / 65535.0f; }
    case -2: { uint16_t v; memcpy(&v, p + 2 * c, 2); return half_to_float(v); }
    default: { float v; memcpy(&v, p + 4 * c, 4); return v; }
    }
}

static void wr(const Img *im, unsigned char *p, int c, float v)
{
    float cl = v < 0 ? 0 : v > 1 ? 1 : v;
    switch (im->depth) {
    case 1: p[c] = (unsigned char)lrintf(cl * 255.0f); break;
    case 2: { uint16_t s = (uint16_t)lrintf(cl * 65535.0f); memcpy(p + 2 * c, &s, 2); break; }
    case -2: { uint16_t s = float_to_half(v); memcpy(p + 2 * c, &s, 2); break; }
    default: memcpy(p + 4 * c, &v, 4);
    }
}

typedef struct Job {
    Img src[MAX_FRAMES];
    int nsrc;
    Img out;
    int win[4];
    int up;
    float gain;
} Job;

static void rows(unsigned int index, unsigned int count, void *arg)
{
    Job *j = arg;
    int h = j->win[3] - j->win[1];
    int y0 = j->win[1] + (int)((long)h * index / count), y1 = j->win[1] + (int)((long)h * (index + 1) / count);
    for (int y = y0; y < y1; y++) {
        for (int x = j->win[0]; x < j->win[2]; x++) {
            float acc[4] = { 0, 0, 0, 0 };
            for (int k = 0; k < j->nsrc; k++) {
                const Img *s = &j->src[k];
                int sx = (int)floor((double)x / j->up), sy = (int)floor((double)y / j->up);
                sx = sx < s->x1 ? s->x1 : sx >= s->x2 ? s->x2 - 1 : sx;
                sy = sy < s->y1 ? s->y1 : sy >= s->y2 ? s->y2 - 1 : sy;
                const unsigned char *p = at(s, sx, sy);
                for (int c = 0; c < 4; c++)
                    acc[c] += rd(s, p, c);
            }
            unsigned char *o = at(&j->out, x, y);
            for (int c = 0; c < j->out.nc; c++) {
                float v = j->nsrc ? acc[c] / (float)j->nsrc : 0.0f;
                wr(&j->out, o, c, c < 3 ? v * j->gain : v);
            }
        }
    }
}

static bool work(OfxImageEffectHandle fx, int steps)
{
    if (steps <= 0)
        return true;
    G->progressStart(fx, "Averaging", "test.progress");
    bool ok = true;
    for (int s = 0; s < steps && ok; s++) {
        OfxStatus st = G->progressUpdate(fx, (s + 1.0) / steps);
        ok = st != kOfxStatReplyNo && !E->abort(fx);
    }
    G->progressEnd(fx);
    return ok;
}

OfxStatus render(OfxImageEffectHandle fx, OfxPropertySetHandle in)
{
    Data *d = data_of(fx);
    double t = 0;
    Job j;
    memset(&j, 0, sizeof j);
    if (!d || P->propGetDouble(in, kOfxPropTime, 0, &t) != kOfxStatOK ||
        P->propGetIntN(in, kOfxImageEffectPropRenderWindow, 4, j.win) != kOfxStatOK)
        return kOfxStatFailed;
    int fault = get_int(d->fault, t);
    if (fault == FAULT_FAIL && (int)floor(t) == get_int(d->fault_frame, t)) {
        M->message(fx, kOfxMessageError, "test.fail", "deliberate failure at time %g", t);
        return kOfxStatFailed;
    }
    int radius = get_int(d->radius, t), mode = get_int(d->mode, t);
    j.up = get_int(d->upscale, t);
    j.gain = (float)get_double(d->gain, t);
    for (int k = -radius; k <= radius && j.nsrc < MAX_FRAMES; k++) {
        OfxPropertySetHandle h;
        if (E->clipGetImage(d->src, t + k, NULL, &h) != kOfxStatOK)
            continue; /* outside the clip: average what exists */
        if (!img_open(h, &j.src[j.nsrc])) {
            E->clipReleaseImage(h);
            continue;
        }
        j.nsrc++;
    }
    if (mode != MODE_AVERAGE && j.nsrc > 1) { /* keep only the first or the last */
        Img keep = mode == MODE_FIRST ? j.src[0] : j.src[j.nsrc - 1];
        for (int k = 0; k < j.nsrc; k++)
            if (j.src[k].h != keep.h)
                E->clipReleaseImage(j.src[k].h);
        j.src[0] = keep;
        j.nsrc = 1;
    }
    OfxPropertySetHandle oh;
    OfxStatus st = kOfxStatFailed;
    if (E->clipGetImage(d->out, t, NULL, &oh) == kOfxStatOK) {
        if (img_open(oh, &j.out)) {
            if (fault == FAULT_BAD_CALLS)
                run_image_checks(fx, d, oh);
            if (work(fx, get_int(d->work_steps, t))) {
                unsigned int cpus = 1;
                T->multiThreadNumCPUs(&cpus);
                st = T->multiThread(rows, cpus, &j);
            }
        }
        E->clipReleaseImage(oh);
    }
    if (fault != FAULT_LEAK)
        for (int k = 0; k < j.nsrc; k++)
            E->clipReleaseImage(j.src[k].h);
    return st;
}
