/*
 * Loading a plugin binary: bundle path resolution (NAME.ofx.bundle/Contents/Linux-x86-64/NAME.ofx, or the .ofx
 * itself), dlopen(RTLD_LOCAL | RTLD_NOW), the exported entry points, OfxSetHost, and picking one plugin.
 * The binary is never dlclose()d: runtimes inside plugins (NativeAOT, for one) cannot be unloaded safely.
 */
#ifndef OFXHOST_PLUGIN_H
#define OFXHOST_PLUGIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "ofx_abi.h"

typedef struct HostPlugin {
    char *bundle_dir;           /* the .ofx.bundle folder (or the binary's folder when not in a bundle) */
    char *binary;
    void *dl;
    int count;                  /* OfxGetNumberOfPlugins() */
    OfxGetPluginFn get_plugin;
    OfxPlugin *p;               /* the chosen plugin */
    int index;
} HostPlugin;

/* Resolves, opens the binary, calls OfxSetHost when exported and counts the plugins. */
bool plugin_open(const char *path, HostPlugin *hp, char *err, size_t errlen);
/* Picks by index ("0") or identifier, checks the API name and version, calls setHost. */
bool plugin_pick(HostPlugin *hp, const char *selector, char *err, size_t errlen);
/* {"binary":..., "bundle":..., "plugins":[{"index","identifier","api","api_version","version":[maj,min]}]} */
void plugin_list_json(const HostPlugin *hp, FILE *out);
void plugin_close(HostPlugin *hp);

#endif
