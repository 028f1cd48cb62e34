/*
 * ofxhost: a headless OpenFX 1.4 image-effect host. See cli_usage.c and native/README.md.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "json.h"
#include "lifecycle.h"
#include "log.h"

#define OFXHOST_VERSION "1.0.0"

int main(int argc, char **argv)
{
    log_now_ms(); /* the log's time origin */
    HostConfig cfg;
    bool exit_now;
    if (!cli_parse(argc, argv, &cfg, &exit_now)) {
        cli_free(&cfg);
        return EXIT_USAGE;
    }
    if (exit_now) {
        cli_free(&cfg);
        return EXIT_OK;
    }
    log_set_echo(cfg.echo);
    if (cfg.log_path && !log_open(cfg.log_path)) {
        fprintf(stderr, "ofxhost: cannot create the log %s: %s\n", cfg.log_path, strerror(errno));
        cli_free(&cfg);
        return EXIT_USAGE;
    }
    JsonBuf jb;
    log_start(&jb, "host_start", -1);
    jb_kstr(&jb, "version", OFXHOST_VERSION);
    jb_kstrs(&jb, "argv", (const char *const *)argv, argc);
    jb_kstr(&jb, "bundle", cfg.bundle);
    jb_kint(&jb, "instances", cfg.ninst);
    jb_kbool(&jb, "strict", cfg.strict);
    jb_kstrs(&jb, "refused", (const char *const *)cfg.refused, cfg.nrefused);
    log_finish(&jb);
    int code = lifecycle_run(&cfg);
    log_close();
    cli_free(&cfg);
    return code;
}
