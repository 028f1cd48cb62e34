/*
 * Frame file patterns: printf-style with at most one integer conversion (%d, %5d, %04d) and %% for a literal
 * percent sign, e.g. "in/frame_%04d.ppm". A pattern without a conversion names one still image used for every
 * frame. Patterns are formatted here, never passed to printf, so a stray % cannot misbehave.
 */
#ifndef OFXHOST_PATTERN_H
#define OFXHOST_PATTERN_H

#include <stdbool.h>
#include <stddef.h>

/* false with a message naming the problem when the pattern is malformed. */
bool pattern_check(const char *pattern, bool *has_frame, char *err, size_t errlen);
/* false when the result does not fit. */
bool pattern_format(const char *pattern, long frame, char *out, size_t outlen);
/* A copy with every "{i}" replaced by the instance index (caller frees). */
char *pattern_for_instance(const char *pattern, int instance);
/* Finds the first existing frame in [-1000, 100000] and the last of the run of existing frames after it. */
bool pattern_detect_frames(const char *pattern, int *first, int *last);

#endif
