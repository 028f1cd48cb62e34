/* End-to-end: the host binary drives the test plugin on generated frames; outputs and logs are checked.
 * usage: e2e HOST_BINARY BUNDLE */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define CHECK_SHARED
#include "../check.h"
#include "e2e_cases.h"
#include "e2e_util.h"

int g_checks, g_failures;

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: e2e HOST_BINARY BUNDLE\n");
        return 2;
    }
    g_host_bin = argv[1];
    g_bundle = argv[2];
    if (!mkdtemp(g_tmp)) {
        perror("mkdtemp");
        return 2;
    }
    run_cases();
    run_behaviour_cases();
    run_strict_cases();
    if (g_failures == 0) {
        char cmd[256];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_tmp);
        if (system(cmd) != 0)
            fprintf(stderr, "e2e: could not remove %s\n", g_tmp);
    } else {
        fprintf(stderr, "e2e: files kept in %s\n", g_tmp);
    }
    return check_summary("e2e");
}
