#include "pattern.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Parses the conversion at p (just after '%'): flags "0", width digits, then 'd'. Returns its length or 0. */
static size_t conversion(const char *p, bool *zero, int *width)
{
    size_t i = 0;
    *zero = false;
    *width = 0;
    if (p[i] == '0') {
        *zero = true;
        i++;
    }
    while (isdigit((unsigned char)p[i])) {
        *width = *width * 10 + (p[i] - '0');
        if (*width > 32)
            return 0;
        i++;
    }
    return p[i] == 'd' ? i + 1 : 0;
}

bool pattern_check(const char *pattern, bool *has_frame, char *err, size_t errlen)
{
    int n = 0;
    for (const char *p = pattern; *p; p++) {
        if (*p != '%')
            continue;
        if (p[1] == '%') {
            p++;
            continue;
        }
        bool zero;
        int width;
        size_t len = conversion(p + 1, &zero, &width);
        if (len == 0) {
            snprintf(err, errlen, "pattern '%s': only %%d, %%Nd, %%0Nd and %%%% are allowed", pattern);
            return false;
        }
        n++;
        p += len;
    }
    if (n > 1) {
        snprintf(err, errlen, "pattern '%s' has %d frame numbers; one is allowed", pattern, n);
        return false;
    }
    *has_frame = n == 1;
    return true;
}

bool pattern_format(const char *pattern, long frame, char *out, size_t outlen)
{
    size_t o = 0;
    for (const char *p = pattern; *p; p++) {
        char piece[64];
        size_t plen;
        if (*p == '%' && p[1] == '%') {
            piece[0] = '%';
            plen = 1;
            p++;
        } else if (*p == '%') {
            bool zero;
            int width;
            size_t len = conversion(p + 1, &zero, &width);
            if (len == 0)
                return false;
            int w = snprintf(piece, sizeof piece, zero ? "%0*ld" : "%*ld", width, frame);
            if (w < 0 || (size_t)w >= sizeof piece)
                return false;
            plen = (size_t)w;
            p += len;
        } else {
            piece[0] = *p;
            plen = 1;
        }
        if (o + plen + 1 > outlen)
            return false;
        memcpy(out + o, piece, plen);
        o += plen;
    }
    if (o + 1 > outlen)
        return false;
    out[o] = '\0';
    return true;
}

char *pattern_for_instance(const char *pattern, int instance)
{
    char num[16];
    snprintf(num, sizeof num, "%d", instance);
    size_t n = 1;
    for (const char *p = pattern; *p; p++)
        n += strncmp(p, "{i}", 3) == 0 ? strlen(num) : 1;
    char *out = malloc(n);
    if (!out)
        abort();
    char *o = out;
    for (const char *p = pattern; *p;) {
        if (strncmp(p, "{i}", 3) == 0) {
            o += sprintf(o, "%s", num);
            p += 3;
        } else {
            *o++ = *p++;
        }
    }
    *o = '\0';
    return out;
}

static bool exists(const char *pattern, long frame)
{
    char path[4096];
    struct stat st;
    return pattern_format(pattern, frame, path, sizeof path) && stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

bool pattern_detect_frames(const char *pattern, int *first, int *last)
{
    long f = -1000;
    /* Most sequences start at 0 or 1: look there first before scanning the whole range. */
    if (exists(pattern, 0))
        f = 0;
    else if (exists(pattern, 1))
        f = 1;
    else
        while (f <= 100000 && !exists(pattern, f))
            f++;
    if (f > 100000)
        return false;
    /* Earlier frames can exist before 0 or 1 (e.g. a sequence starting at -5). */
    while (f > -1000 && exists(pattern, f - 1))
        f--;
    long l = f;
    while (l < 10000000 && exists(pattern, l + 1))
        l++;
    *first = (int)f;
    *last = (int)l;
    return true;
}
