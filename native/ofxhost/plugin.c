#include "plugin.h"

#include <dirent.h>
#include <dlfcn.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "host.h"
#include "json.h"
#include "log.h"

#if defined(__x86_64__)
#define BUNDLE_ARCH "Linux-x86-64"
#elif defined(__aarch64__)
#define BUNDLE_ARCH "Linux-arm64"
#elif defined(__i386__)
#define BUNDLE_ARCH "Linux-x86"
#else
#error "unknown architecture: add its OpenFX bundle folder name"
#endif

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The binary inside a bundle: Contents/ARCH/NAME.ofx, else the only .ofx there. */
static char *bundle_binary(const char *bundle, char *err, size_t errlen)
{
    char arch_dir[PATH_MAX + 64], path[2 * PATH_MAX + 128];
    snprintf(arch_dir, sizeof arch_dir, "%s/Contents/%s", bundle, BUNDLE_ARCH);
    const char *base = strrchr(bundle, '/');
    base = base ? base + 1 : bundle;
    size_t n = strlen(base) - strlen(".bundle");
    snprintf(path, sizeof path, "%s/%.*s", arch_dir, (int)n, base);
    if (is_file(path))
        return strdup(path);
    DIR *d = opendir(arch_dir);
    if (!d) {
        snprintf(err, errlen, "bundle %s has no %s folder (expected %s)", bundle, "Contents/" BUNDLE_ARCH, path);
        return NULL;
    }
    char *found = NULL;
    struct dirent *ent;
    while ((ent = readdir(d)) && !found) {
        if (ends_with(ent->d_name, ".ofx")) {
            snprintf(path, sizeof path, "%s/%s", arch_dir, ent->d_name);
            found = strdup(path);
        }
    }
    closedir(d);
    if (!found)
        snprintf(err, errlen, "bundle %s: no .ofx binary in %s", bundle, arch_dir);
    return found;
}

static bool resolve(const char *path, HostPlugin *hp, char *err, size_t errlen)
{
    char real[PATH_MAX];
    if (!realpath(path, real)) {
        snprintf(err, errlen, "plugin path %s does not exist", path);
        return false;
    }
    if (is_dir(real)) {
        if (!ends_with(real, ".bundle")) {
            snprintf(err, errlen, "%s is a folder but not an OpenFX bundle (NAME.ofx.bundle)", real);
            return false;
        }
        hp->bundle_dir = strdup(real);
        hp->binary = bundle_binary(real, err, errlen);
        return hp->binary != NULL;
    }
    hp->binary = strdup(real);
    /* .../NAME.ofx.bundle/Contents/ARCH/NAME.ofx -> the bundle; otherwise the binary's folder. */
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", real);
    for (int up = 0; up < 3; up++) {
        char *slash = strrchr(dir, '/');
        if (!slash)
            break;
        *slash = '\0';
        if (up == 0)
            hp->bundle_dir = strdup(dir[0] ? dir : "/");
        if (up == 2 && ends_with(dir, ".bundle")) {
            free(hp->bundle_dir);
            hp->bundle_dir = strdup(dir);
        }
    }
    return true;
}

bool plugin_open(const char *path, HostPlugin *hp, char *err, size_t errlen)
{
    memset(hp, 0, sizeof *hp);
    if (!resolve(path, hp, err, errlen))
        return false;
    dlerror();
    hp->dl = dlopen(hp->binary, RTLD_LOCAL | RTLD_NOW);
    if (!hp->dl) {
        snprintf(err, errlen, "cannot load %s: %s", hp->binary, dlerror());
        return false;
    }
    OfxGetNumberOfPluginsFn get_n;
    OfxSetHostFn set_host;
    /* POSIX dlsym returns data pointers; converting through memcpy is the portable way to a function pointer. */
    void *sym = dlsym(hp->dl, "OfxGetNumberOfPlugins");
    memcpy(&get_n, &sym, sizeof sym);
    sym = dlsym(hp->dl, "OfxGetPlugin");
    memcpy(&hp->get_plugin, &sym, sizeof sym);
    sym = dlsym(hp->dl, "OfxSetHost");
    memcpy(&set_host, &sym, sizeof sym);
    if (!get_n || !hp->get_plugin) {
        snprintf(err, errlen, "%s does not export OfxGetNumberOfPlugins and OfxGetPlugin: not an OpenFX plugin",
                 hp->binary);
        return false;
    }
    JsonBuf jb;
    if (set_host) {
        OfxStatus st = set_host(host_struct());
        log_start(&jb, "set_host", -1);
        jb_kint(&jb, "status", st);
        jb_kstr(&jb, "status_name", ofx_status_name(st));
        log_finish(&jb);
        if (st != kOfxStatOK && st != kOfxStatReplyDefault) {
            snprintf(err, errlen, "%s: OfxSetHost returned %s, the binary refuses this host", hp->binary,
                     ofx_status_name(st));
            return false;
        }
    }
    hp->count = get_n();
    log_start(&jb, "binary", -1);
    jb_kstr(&jb, "binary", hp->binary);
    jb_kstr(&jb, "bundle", hp->bundle_dir);
    jb_kbool(&jb, "exports_set_host", set_host != NULL);
    jb_kint(&jb, "plugin_count", hp->count);
    log_finish(&jb);
    if (hp->count <= 0) {
        snprintf(err, errlen, "%s declares %d plugins", hp->binary, hp->count);
        return false;
    }
    return true;
}

static void plugin_json(JsonBuf *jb, int index, const OfxPlugin *p)
{
    jb_kint(jb, "index", index);
    if (!p) {
        jb_knull(jb, "identifier");
        return;
    }
    jb_kstr(jb, "identifier", p->pluginIdentifier);
    jb_kstr(jb, "api", p->pluginApi);
    jb_kint(jb, "api_version", p->apiVersion);
    jb_kints(jb, "version", (const int[]){ (int)p->pluginVersionMajor, (int)p->pluginVersionMinor }, 2);
}

bool plugin_pick(HostPlugin *hp, const char *selector, char *err, size_t errlen)
{
    int index = -1;
    char *end;
    long n = selector ? strtol(selector, &end, 10) : 0;
    if (!selector || (*end == '\0' && end != selector)) {
        index = (int)n;
    } else {
        for (int i = 0; i < hp->count && index < 0; i++) {
            OfxPlugin *p = hp->get_plugin(i);
            if (p && p->pluginIdentifier && strcmp(p->pluginIdentifier, selector) == 0)
                index = i;
        }
        if (index < 0) {
            snprintf(err, errlen, "%s has no plugin with identifier '%s' (see --list-plugins)", hp->binary, selector);
            return false;
        }
    }
    if (index < 0 || index >= hp->count) {
        snprintf(err, errlen, "plugin index %d is out of range: %s has %d plugins", index, hp->binary, hp->count);
        return false;
    }
    OfxPlugin *p = hp->get_plugin(index);
    if (!p) {
        snprintf(err, errlen, "OfxGetPlugin(%d) returned NULL", index);
        return false;
    }
    JsonBuf jb;
    log_start(&jb, "plugin", -1);
    plugin_json(&jb, index, p);
    log_finish(&jb);
    if (!p->pluginApi || strcmp(p->pluginApi, kOfxImageEffectPluginApi) != 0) {
        snprintf(err, errlen, "plugin %d has API '%s', this host runs '%s' plugins", index,
                 p->pluginApi ? p->pluginApi : "(null)", kOfxImageEffectPluginApi);
        return false;
    }
    if (p->apiVersion != kOfxImageEffectPluginApiVersion) {
        snprintf(err, errlen, "plugin %d has API version %d, this host supports version %d", index, p->apiVersion,
                 kOfxImageEffectPluginApiVersion);
        return false;
    }
    if (!p->setHost || !p->mainEntry) {
        snprintf(err, errlen, "plugin %d has a NULL %s", index, p->setHost ? "mainEntry" : "setHost");
        return false;
    }
    hp->p = p;
    hp->index = index;
    p->setHost(host_struct());
    return true;
}

void plugin_list_json(const HostPlugin *hp, FILE *out)
{
    JsonBuf jb;
    jb_init(&jb);
    jb_obj_begin(&jb);
    jb_kstr(&jb, "binary", hp->binary);
    jb_kstr(&jb, "bundle", hp->bundle_dir);
    jb_key(&jb, "plugins");
    jb_arr_begin(&jb);
    for (int i = 0; i < hp->count; i++) {
        jb_obj_begin(&jb);
        plugin_json(&jb, i, hp->get_plugin(i));
        jb_obj_end(&jb);
    }
    jb_arr_end(&jb);
    jb_obj_end(&jb);
    fprintf(out, "%s\n", jb.s);
    jb_free(&jb);
}

void plugin_close(HostPlugin *hp)
{
    free(hp->bundle_dir);
    free(hp->binary);
    memset(hp, 0, sizeof *hp);
}
