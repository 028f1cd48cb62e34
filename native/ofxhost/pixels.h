/*
 * Pixel buffers as OpenFX sees them, and conversions between them and decoded files.
 *
 * OpenFX addresses pixels bottom-up: (x, y) with y = 0 at the bottom. kOfxImagePropData points at the pixel
 * (bounds.x1, bounds.y1), the bottom-left one, and the pixel (x, y) lives at
 *     data + (y - y1) * rowBytes + (x - x1) * bytesPerPixel.
 * With positive row bytes the rows go up in memory (bottom row first); with negative row bytes (a host whose memory
 * is top-down) the bottom row is the last one in memory and data points at it.
 */
#ifndef OFXHOST_PIXELS_H
#define OFXHOST_PIXELS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { DEPTH_NONE = 0, DEPTH_BYTE, DEPTH_SHORT, DEPTH_HALF, DEPTH_FLOAT } Depth;
typedef enum { COMP_NONE = 0, COMP_RGBA, COMP_RGB, COMP_ALPHA } Comps;

const char *depth_ofx(Depth d);          /* "OfxBitDepthByte", ... */
const char *depth_short_name(Depth d);   /* "byte", "short", "half", "float" */
Depth depth_from_ofx(const char *s);     /* DEPTH_NONE when unknown */
Depth depth_from_name(const char *s);    /* accepts byte|short|half|float and the OpenFX strings */
int depth_bytes(Depth d);
const char *comps_ofx(Comps c);
Comps comps_from_ofx(const char *s);
Comps comps_from_name(const char *s);    /* accepts RGBA|RGB|Alpha (any case) and the OpenFX strings */
int comps_count(Comps c);

typedef struct PixelBuf {
    int x1, y1, x2, y2;    /* bounds in pixel coordinates, x2/y2 exclusive */
    Depth depth;
    Comps comps;
    int bpp;               /* bytes per pixel */
    ptrdiff_t row_bytes;   /* signed, see above */
    unsigned char *base;   /* the allocation */
    unsigned char *data;   /* pixel (x1, y1) */
} PixelBuf;

/* A decoded image file: RGBA floats, row 0 at the BOTTOM (OpenFX order), channels = what the file held (1-4). */
typedef struct Frame {
    int w, h;
    int channels;
    float *px;
} Frame;

void frame_free(Frame *f);

/* Allocates a zeroed buffer; NULL when the size is absurd or memory is short. padding = extra bytes per row. */
PixelBuf *pixelbuf_new(int x1, int y1, int x2, int y2, Depth d, Comps c, bool negative_rowbytes, int padding);
void pixelbuf_free(PixelBuf *b);
static inline unsigned char *pixelbuf_at(const PixelBuf *b, int x, int y)
{
    return b->data + (ptrdiff_t)(y - b->y1) * b->row_bytes + (ptrdiff_t)(x - b->x1) * b->bpp;
}

/* Reads/writes one pixel as RGBA floats (RGB gets alpha 1; Alpha gets r=g=b=a). */
void pixel_get(const PixelBuf *b, int x, int y, float rgba[4]);
void pixel_set(PixelBuf *b, int x, int y, const float rgba[4]);

/* A frame at render scale `scale` (area-averaged when scale != 1) converted to depth and components, bounds
 * (0, 0, ceil(w*scale), ceil(h*scale)). */
PixelBuf *pixelbuf_from_frame(const Frame *f, double scale, Depth d, Comps c, bool negative_rowbytes, int padding);
/* A converted copy of src with the same bounds. */
PixelBuf *pixelbuf_convert(const PixelBuf *src, Depth d, Comps c, bool negative_rowbytes, int padding);

/* FNV-1a 64 over the pixel bytes, rows bottom to top, width*bpp bytes per row (padding excluded), as 16 hex
 * digits: a format-independent fingerprint tests can compare bit for bit. */
void pixelbuf_hash(const PixelBuf *b, char out[17]);

/* IEEE 754 binary16 conversions (round to nearest even). */
uint16_t float_to_half(float f);
float half_to_float(uint16_t h);

/* Converting one channel value to the integer depths: round to nearest, clamped to [0, 1]. */
uint8_t float_to_u8(float v);
uint16_t float_to_u16(float v);

#endif
