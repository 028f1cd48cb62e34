/*
 * OfxMemorySuiteV1 and OfxMultiThreadSuiteV1.
 *
 * multiThread(func, n, arg) calls func(i, n, arg) for every i in 0..n-1 on at most `--threads` pthreads (the value
 * multiThreadNumCPUs reports) and returns when all calls have returned; a call from a spawned thread is refused
 * with kOfxStatErrExists, as the spec asks.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "host.h"

static OfxStatus memoryAlloc(void *handle, size_t n, void **data)
{
    (void)handle; /* may be NULL or an instance: the pool is the C heap either way */
    if (!data)
        return kOfxStatErrBadHandle;
    *data = malloc(n > 0 ? n : 1);
    return *data ? kOfxStatOK : kOfxStatErrMemory;
}

static OfxStatus memoryFree(void *data)
{
    free(data);
    return kOfxStatOK;
}

static const OfxMemorySuiteV1 g_memory = { memoryAlloc, memoryFree };

const OfxMemorySuiteV1 *memory_suite(void)
{
    return &g_memory;
}

static _Thread_local unsigned t_index;
static _Thread_local int t_spawned;

typedef struct Job {
    OfxThreadFunctionV1 *func;
    unsigned n;
    void *arg;
    atomic_uint next;
} Job;

static void *worker(void *p)
{
    Job *job = p;
    t_spawned = 1;
    for (;;) {
        unsigned i = atomic_fetch_add(&job->next, 1u);
        if (i >= job->n)
            break;
        t_index = i;
        job->func(i, job->n, job->arg);
    }
    return NULL;
}

static OfxStatus multiThread(OfxThreadFunctionV1 func, unsigned n, void *arg)
{
    if (!func)
        return kOfxStatFailed;
    if (t_spawned)
        return kOfxStatErrExists;
    if (n == 0)
        return kOfxStatOK;
    Job job = { func, n, arg, 0 };
    unsigned workers = host_settings()->threads;
    if (workers == 0)
        workers = 1;
    if (workers > n)
        workers = n;
    pthread_t *tids = calloc(workers, sizeof *tids);
    if (!tids)
        return kOfxStatFailed;
    unsigned started = 0;
    for (; started < workers; started++)
        if (pthread_create(&tids[started], NULL, worker, &job) != 0)
            break;
    if (started == 0) { /* no thread could start: run the calls here, still flagged as spawned */
        worker(&job);
        t_spawned = 0;
        t_index = 0;
    }
    for (unsigned i = 0; i < started; i++)
        pthread_join(tids[i], NULL);
    free(tids);
    return kOfxStatOK;
}

static OfxStatus multiThreadNumCPUs(unsigned *n)
{
    if (!n)
        return kOfxStatFailed;
    *n = host_settings()->threads > 0 ? host_settings()->threads : 1;
    return kOfxStatOK;
}

static OfxStatus multiThreadIndex(unsigned *index)
{
    if (!index)
        return kOfxStatFailed;
    *index = t_spawned ? t_index : 0;
    return kOfxStatOK;
}

static int multiThreadIsSpawnedThread(void)
{
    return t_spawned;
}

#define MUTEX_MAGIC 0x4D555458u /* "MUTX" */

typedef struct HostMutex {
    uint32_t magic;
    pthread_mutex_t m;
} HostMutex;

static HostMutex *mutex_from_handle(OfxMutexHandle h)
{
    HostMutex *m = (HostMutex *)h;
    return (m && m->magic == MUTEX_MAGIC) ? m : NULL;
}

static OfxStatus mutexCreate(OfxMutexHandle *out, int lock_count)
{
    if (!out)
        return kOfxStatErrBadHandle;
    HostMutex *m = calloc(1, sizeof *m);
    if (!m)
        return kOfxStatErrMemory;
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE); /* lock counts imply re-entrant locking */
    pthread_mutex_init(&m->m, &attr);
    pthread_mutexattr_destroy(&attr);
    m->magic = MUTEX_MAGIC;
    for (int i = 0; i < lock_count; i++)
        pthread_mutex_lock(&m->m);
    *out = (OfxMutexHandle)m;
    return kOfxStatOK;
}

static OfxStatus mutexDestroy(const OfxMutexHandle h)
{
    HostMutex *m = mutex_from_handle(h);
    if (!m)
        return kOfxStatErrBadHandle;
    m->magic = 0;
    pthread_mutex_destroy(&m->m);
    free(m);
    return kOfxStatOK;
}

static OfxStatus mutexLock(const OfxMutexHandle h)
{
    HostMutex *m = mutex_from_handle(h);
    if (!m)
        return kOfxStatErrBadHandle;
    return pthread_mutex_lock(&m->m) == 0 ? kOfxStatOK : kOfxStatFailed;
}

static OfxStatus mutexUnLock(const OfxMutexHandle h)
{
    HostMutex *m = mutex_from_handle(h);
    if (!m)
        return kOfxStatErrBadHandle;
    return pthread_mutex_unlock(&m->m) == 0 ? kOfxStatOK : kOfxStatFailed;
}

static OfxStatus mutexTryLock(const OfxMutexHandle h)
{
    HostMutex *m = mutex_from_handle(h);
    if (!m)
        return kOfxStatErrBadHandle;
    return pthread_mutex_trylock(&m->m) == 0 ? kOfxStatOK : kOfxStatFailed;
}

static const OfxMultiThreadSuiteV1 g_threads = {
    multiThread, multiThreadNumCPUs, multiThreadIndex, multiThreadIsSpawnedThread,
    mutexCreate, mutexDestroy, mutexLock, mutexUnLock, mutexTryLock,
};

const OfxMultiThreadSuiteV1 *multithread_suite(void)
{
    return &g_threads;
}
