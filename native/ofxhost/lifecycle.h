/*
 * The whole run, in the order an editor drives a plugin:
 *   OfxSetHost, setHost, Load, Describe, DescribeInContext, then per instance CreateInstance, the command line's
 *   parameter values (BeginInstanceChanged / InstanceChanged... / EndInstanceChanged, reason OfxChangeUserEdited),
 *   GetClipPreferences (and GetTimeDomain in the general context); then every instance renders its frames (render.h),
 *   concurrently on one thread each unless --sequential; then PurgeCaches (--purge-caches), DestroyInstance, Unload.
 */
#ifndef OFXHOST_LIFECYCLE_H
#define OFXHOST_LIFECYCLE_H

#include "cli.h"

enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2, EXIT_LOAD = 3 };

/* Runs everything the configuration asks for; returns the process exit status. */
int lifecycle_run(const HostConfig *cfg);

#endif
