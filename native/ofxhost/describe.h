/*
 * What the plugin declared while describing, as log events ("effect_descriptor", "clip_define", "param_define")
 * and as the --list-params document.
 */
#ifndef OFXHOST_DESCRIBE_H
#define OFXHOST_DESCRIBE_H

#include <stdio.h>

#include "host.h"
#include "json.h"

/* "effect_descriptor" after Describe (context NULL) or DescribeInContext. */
void describe_log_effect(const Effect *e, const char *context);
/* One "clip_define" per clip and one "param_define" per parameter of a context descriptor. */
void describe_log_context(const Effect *ctx, const char *context);
/*
 * Checks the pages against ofxParam.h: a page's children (kOfxParamPropPageChild) name parameters that are neither
 * groups nor pages, or kOfxParamPageSkipRow/Column; the page order (kOfxPluginPropParamPageOrder) names pages. Each
 * violation is a "warning" event; returns how many there were.
 */
int describe_check_pages(const Effect *ctx);
/* The keys describing one parameter (written into an open JSON object). */
void describe_param_json(JsonBuf *jb, const Param *p);
/* {"plugin":ID,"context":CTX,"params":[{...}, ...]} on one line. */
void describe_params_document(const Effect *ctx, const char *identifier, const char *context, FILE *out);

#endif
