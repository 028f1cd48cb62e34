/*
 * Image files without an image library: Netpbm (P5 PGM, P6 PPM, P7 PAM; maxval up to 255 is 8-bit, up to 65535
 * is 16-bit big-endian) and PFM (PF colour, Pf grey; 32-bit floats, rows stored BOTTOM to top, byte order from the
 * sign of the scale: negative is little-endian).
 *
 * Reading gives a Frame (RGBA floats, OpenFX row order: row 0 at the bottom); integer samples are divided by maxval.
 * Writing takes an OpenFX pixel buffer and picks the format from the file extension:
 *   .ppm  P6 RGB (alpha dropped; an Alpha image is written as grey RGB)
 *   .pgm  P5 grey, Alpha images only
 *   .pam  P7 with TUPLTYPE RGB_ALPHA (RGBA), RGB (RGB) or GRAYSCALE (Alpha)
 *   .pfm  PF (RGB; alpha dropped) or Pf (Alpha), little-endian
 * Netpbm files are 8-bit for byte images and 16-bit for short, half and float images (half/float clamped to [0,1]);
 * byte and short samples are written exactly as the plugin left them. Missing folders of the path are created.
 */
#ifndef OFXHOST_IMAGEIO_H
#define OFXHOST_IMAGEIO_H

#include <stdbool.h>
#include <stddef.h>

#include "pixels.h"

/* false with a message in err (naming the file and the problem) when the file cannot be read or parsed. */
bool frame_read(const char *path, Frame *out, char *err, size_t errlen);

/* Reads only the header: width and height. */
bool frame_read_size(const char *path, int *w, int *h, char *err, size_t errlen);

/* false with a message in err when the extension is unknown, the components do not fit it, or writing fails.
 * *format receives a short name ("ppm8", "ppm16", "pam8", "pam16", "pgm8", "pgm16", "pfm") when non-NULL. */
bool image_write(const char *path, const PixelBuf *b, const char **format, char *err, size_t errlen);

/* Checks that a path's extension is one image_write knows. */
bool image_ext_known(const char *path);

#endif
