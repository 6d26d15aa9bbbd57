/*
 * ag_text.c - UTF-8 validation, control-byte detection and the ISO-8859-1
 * fallback for credentials from older clients (README, "What the client
 * sees").
 */
#include <string.h>

#include "ag_text.h"

int ag_text_is_utf8(const char *s, apr_size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    const unsigned char *end = p + len;

    while (p < end) {
        apr_uint64_t word;

        /* Files are mostly ASCII: skip eight bytes at a time while none
         * has its high bit set. */
        while (end - p >= 8) {
            memcpy(&word, p, sizeof(word));
            if (word & 0x8080808080808080ULL) {
                break;
            }
            p += 8;
        }
        if (p == end) {
            break;
        }
        unsigned char c = *p;
        apr_size_t need;
        unsigned char lo = 0x80, hi = 0xBF;

        if (c < 0x80) {
            p++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
        }
        else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            if (c == 0xE0) {
                lo = 0xA0;          /* no overlong three-byte forms */
            }
            else if (c == 0xED) {
                hi = 0x9F;          /* no UTF-16 surrogates */
            }
        }
        else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            if (c == 0xF0) {
                lo = 0x90;          /* no overlong four-byte forms */
            }
            else if (c == 0xF4) {
                hi = 0x8F;          /* nothing above U+10FFFF */
            }
        }
        else {
            return 0;
        }
        if ((apr_size_t)(end - p) <= need) {
            return 0;
        }
        if (p[1] < lo || p[1] > hi) {
            return 0;
        }
        for (apr_size_t i = 2; i <= need; i++) {
            if (p[i] < 0x80 || p[i] > 0xBF) {
                return 0;
            }
        }
        p += need + 1;
    }
    return 1;
}

int ag_text_has_ctl(const char *s, apr_size_t len)
{
    for (apr_size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7F) {
            return 1;
        }
    }
    return 0;
}

char *ag_text_latin1_to_utf8(const char *s, apr_size_t len, apr_pool_t *pool)
{
    char *out = apr_palloc(pool, len * 2 + 1);
    char *o = out;

    for (apr_size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            *o++ = (char)c;
        }
        else {
            *o++ = (char)(0xC0 | (c >> 6));
            *o++ = (char)(0x80 | (c & 0x3F));
        }
    }
    *o = '\0';
    return out;
}
