/*
** batch_pool.c
** The worker pool: one fork()ed process per document, at most -j at a time,
** killed at --timeout; results read from pipes, progress on stderr.  Jobs
** are submitted one at a time, so a tarball's members can be converted as
** the archive streams by.
** See LICENSE.
*/
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include "cli/batch.h"

/* How often the progress bar is redrawn on a terminal. */
#define TTY_TICK 0.25

struct slot {
    pid_t pid;
    int fd;
    struct sz_bjob *job;
    double start;
    struct sz_buf buf;
};

struct sz_pool {
    struct sz_batch *b;
    int nj, tty, show;
    struct slot *slots;
    struct pollfd *pf;
    int *pidx;
    size_t running;
    double t0, last;
    struct sigaction old_int, old_term;
};

static volatile sig_atomic_t interrupted;

static void
on_signal(int sig)
{
    SZ_UNUSED(sig);
    interrupted = 1;
}

static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *
dup_field(const char *s, size_t n)
{
    char *r = sz_xmalloc(n + 1);
    memcpy(r, s, n);
    r[n] = '\0';
    return r;
}

static void
add_error(struct sz_bjob *j, const char *msg)
{
    if (!j->error) {
        j->error = sz_xstrdup(msg);
        return;
    }
    size_t n = strlen(j->error) + strlen(msg) + 3;
    if (n > 2000)
        return;
    j->error = sz_xrealloc(j->error, n);
    strcat(j->error, "; ");
    strcat(j->error, msg);
}

/* Reads the worker's report (see batch_work.c). */
static int
parse_report(struct sz_bjob *j, char *p)
{
    int done = 0, skipped = 0;
    size_t nouts = 0;
    for (char *line = p; *line;) {
        char *nl = strchr(line, '\n');
        if (!nl)
            break;
        *nl = '\0';
        char *f = line[0] && line[1] == '\t' ? line + 2 : line + 1;
        switch (line[0]) {
        case 'H': snprintf(j->in_sha, sizeof j->in_sha, "%s", f); break;
        case 'Y': snprintf(j->side_sha, sizeof j->side_sha, "%s", f); break;
        case 'D': done = 1; break;
        case 'N': j->nwarnings_total = (size_t)strtoul(f, NULL, 10); break;
        case 'S': skipped = 1; add_error(j, f); break;
        case 'E': add_error(j, f); break;
        case 'W':
            j->warnings = sz_xrealloc(j->warnings, (j->nwarnings + 1) * sizeof *j->warnings);
            j->warnings[j->nwarnings++] = sz_xstrdup(f);
            break;
        case 'O': {
            char *t[4];
            t[0] = f;
            int k = 1;
            for (char *s = f; *s && k < 4; s++)
                if (*s == '\t') {
                    *s = '\0';
                    t[k++] = s + 1;
                }
            if (k < 4)
                break;
            j->outs = sz_xrealloc(j->outs, (nouts + 1) * sizeof *j->outs);
            struct sz_bout *o = &j->outs[nouts++];
            o->format = sz_xstrdup(t[0]);
            char *rest = t[3];
            o->size = strtoull(t[1], NULL, 10);
            snprintf(o->sha, sizeof o->sha, "%s", t[2]);
            o->path = dup_field(rest, strlen(rest));
            sz_batch_unescape(o->path);
            break;
        }
        default: break;
        }
        line = nl + 1;
    }
    j->nouts = nouts;
    if (j->nwarnings_total < j->nwarnings)
        j->nwarnings_total = j->nwarnings;
    if (!done)
        return -1;
    if (j->error)
        j->status = skipped ? SZ_B_SKIPPED : SZ_B_FAILED;
    else
        j->status = j->nwarnings_total ? SZ_B_WARNINGS : SZ_B_OK;
    return 0;
}

/* A killed worker may leave "NAME.tmp-PID-XXXXXX" files: remove them so
** OUTDIR never holds a partial file. */
static void
remove_temps(const struct sz_batch *b, const struct sz_bjob *j, pid_t pid)
{
    for (size_t f = 0; f < b->nformats; f++) {
        char *rel = sz_batch_out_rel(b, j, f);
        size_t pl = strlen(b->outdir) + strlen(rel) + 2;
        char *path = sz_xmalloc(pl);
        snprintf(path, pl, "%s/%s", b->outdir, rel);
        char *slash = strrchr(path, '/');
        *slash = '\0';
        char prefix[512];
        snprintf(prefix, sizeof prefix, "%s.tmp-%ld-", slash + 1, (long)pid);
        DIR *d = opendir(path);
        struct dirent *e;
        while (d && (e = readdir(d)) != NULL)
            if (!strncmp(e->d_name, prefix, strlen(prefix))) {
                size_t ql = strlen(path) + strlen(e->d_name) + 2;
                char *q = sz_xmalloc(ql);
                snprintf(q, ql, "%s/%s", path, e->d_name);
                unlink(q);
                free(q);
            }
        if (d)
            closedir(d);
        free(path);
        free(rel);
    }
}

void
sz_batch_count(struct sz_batch *b, const struct sz_bjob *j)
{
    b->cnt[j->status]++;
    if (j->maxrss_kb > b->maxrss_kb)
        b->maxrss_kb = j->maxrss_kb;
    if (j->status == SZ_B_OK || j->status == SZ_B_WARNINGS)
        b->bytes_ok += j->size;
    b->ndone++;
    b->bytes_done += j->size;
}

void
sz_batch_job_clear(struct sz_bjob *j)
{
    free(j->input);
    free(j->member);
    free(j->rel);
    free(j->sidecar);
    free(j->error);
    for (size_t k = 0; k < j->nouts; k++) {
        free(j->outs[k].format);
        free(j->outs[k].path);
    }
    free(j->outs);
    for (size_t k = 0; k < j->nwarnings; k++)
        free(j->warnings[k]);
    free(j->warnings);
}

static void
free_job(struct sz_bjob *j)
{
    sz_batch_job_clear(j);
    free(j);
}

/* On a terminal: a bar with documents done/total, rate and ETA, redrawn in
** place.  Off a terminal: one line per document. */
static void
progress(struct sz_pool *p, int final)
{
    struct sz_batch *b = p->b;
    double el = now() - p->t0;
    size_t total = b->ntotal > b->ndone ? b->ntotal : b->ndone;
    double rate = el > 0 ? (double)b->ndone / el : 0;
    char eta[32] = "--:--";
    if (!b->more && b->ndone >= total) {
        snprintf(eta, sizeof eta, "0:00");
    } else if (!b->more && rate > 0 && el > 0.5) {
        double left = (double)(total - b->ndone) / rate;
        snprintf(eta, sizeof eta, "%d:%02d", (int)(left / 60), (int)left % 60);
    }
    char bar[31];
    int fill = total ? (int)(30.0 * (double)b->ndone / (double)total) : 0;
    for (int k = 0; k < 30; k++)
        bar[k] = k < fill ? '#' : '.';
    bar[30] = '\0';
    fprintf(stderr, "\r\033[Kbatch: [%s] %zu/%zu%s documents, %.1f/s, ETA %s, %zu failed%s", bar,
            b->ndone, total, b->more ? "+" : "", rate, eta, b->cnt[SZ_B_FAILED],
            final ? "\n" : "");
}

static void
log_line(struct sz_pool *p, const struct sz_bjob *j)
{
    static const char *const st[] = { "pending", "ok", "warnings", "failed", "skipped" };
    struct sz_batch *b = p->b;
    size_t total = b->ntotal > b->ndone ? b->ntotal : b->ndone;
    fprintf(stderr, "batch: %zu/%zu%s %s %s%s%s (%.2f s)%s%s\n", b->ndone, total,
            b->more ? "+" : "", st[j->status], j->input, j->member ? ":" : "",
            j->member ? j->member : "", (double)j->ms / 1000.0, j->error ? ": " : "",
            j->error ? j->error : "");
}

void
sz_batch_record(struct sz_batch *b, struct sz_bjob *j, struct sz_pool *p)
{
    if (sz_manifest_append(b, j) != 0)
        fprintf(stderr, "samizdat: batch: cannot append to the manifest: %s\n", strerror(errno));
    sz_batch_count(b, j);
    if (p && p->show) {
        if (!p->tty) {
            log_line(p, j);
        } else if (j->status == SZ_B_FAILED) {
            fputs("\r\033[K", stderr);
            fprintf(stderr, "samizdat: batch: %s%s%s: %s\n", j->input, j->member ? ":" : "",
                    j->member ? j->member : "", j->error ? j->error : "failed");
        }
    }
    if (j->transient)
        free_job(j);
}

static void
finish(struct sz_pool *p, struct slot *s, int killed_for_time)
{
    struct sz_batch *b = p->b;
    struct sz_bjob *j = s->job;
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    while (wait4(s->pid, &status, 0, &ru) < 0 && errno == EINTR)
        ;
    j->ms = (long)((now() - s->start) * 1000.0 + 0.5);
    j->maxrss_kb = ru.ru_maxrss;
    sz_buf_putc(&s->buf, '\0');
    if (killed_for_time) {
        char msg[96];
        snprintf(msg, sizeof msg, "timed out after %g s (--timeout): worker killed", b->timeout);
        j->nouts = 0;
        add_error(j, msg);
        j->status = SZ_B_FAILED;
        remove_temps(b, j, s->pid);
    } else if (parse_report(j, s->buf.data) != 0) {
        char msg[96];
        if (WIFEXITED(status) && WEXITSTATUS(status) == SZ_EXIT_NOMEM)
            snprintf(msg, sizeof msg, "out of memory%s", b->max_memory ? " (--max-memory)" : "");
        else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT && b->max_memory)
            snprintf(msg, sizeof msg, "the worker ran out of memory (--max-memory) or aborted");
        else if (WIFSIGNALED(status))
            snprintf(msg, sizeof msg, "the worker crashed (signal %d)", WTERMSIG(status));
        else
            snprintf(msg, sizeof msg, "the worker stopped early (exit %d)",
                     WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        add_error(j, msg);
        j->status = SZ_B_FAILED;
        remove_temps(b, j, s->pid);
    }
    if (j->status == SZ_B_FAILED) {
        /* what was written is not vouched for */
        for (size_t k = 0; k < j->nouts; k++) {
            free(j->outs[k].format);
            free(j->outs[k].path);
        }
        j->nouts = 0;
    }
    close(s->fd);
    sz_buf_free(&s->buf);
    s->pid = 0;
    s->job = NULL;
    p->running--;
    sz_batch_record(b, j, p);
}

struct sz_pool *
sz_pool_new(struct sz_batch *b)
{
    struct sz_pool *p = calloc(1, sizeof *p);
    if (!p)
        sz_oom();
    p->b = b;
    p->nj = b->jobs > 0 ? b->jobs : 1;
    p->slots = calloc((size_t)p->nj, sizeof *p->slots);
    p->pf = calloc((size_t)p->nj, sizeof *p->pf);
    p->pidx = calloc((size_t)p->nj, sizeof *p->pidx);
    if (!p->slots || !p->pf || !p->pidx)
        sz_oom();
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &p->old_int);
    sigaction(SIGTERM, &sa, &p->old_term);
    p->show = b->verbosity >= 1;
    p->tty = p->show && isatty(STDERR_FILENO);
    p->t0 = p->last = now();
    return p;
}

/* Waits (up to one progress tick) for workers to report; reaps those done
** and those past --timeout. */
static void
pool_poll(struct sz_pool *p)
{
    struct sz_batch *b = p->b;
    int np = 0;
    double t = now(), wait = p->tty ? TTY_TICK - (t - p->last) : 1.0;
    for (int s = 0; s < p->nj; s++)
        if (p->slots[s].pid) {
            p->pf[np].fd = p->slots[s].fd;
            p->pf[np].events = POLLIN;
            p->pidx[np++] = s;
            if (b->timeout > 0 && p->slots[s].start + b->timeout - t < wait)
                wait = p->slots[s].start + b->timeout - t;
        }
    if (wait < 0.01)
        wait = 0.01;
    int pr = np ? poll(p->pf, (nfds_t)np, (int)(wait * 1000)) : 0;
    for (int k = 0; pr > 0 && k < np; k++) {
        if (!(p->pf[k].revents & (POLLIN | POLLHUP | POLLERR)))
            continue;
        struct slot *s = &p->slots[p->pidx[k]];
        char tmp[16384];
        ssize_t n = read(s->fd, tmp, sizeof tmp);
        if (n > 0) {
            if (s->buf.len < (1u << 20))
                sz_buf_put(&s->buf, tmp, (size_t)n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        finish(p, s, 0);
    }
    t = now();
    for (int s = 0; b->timeout > 0 && s < p->nj; s++)
        if (p->slots[s].pid && t - p->slots[s].start >= b->timeout) {
            kill(p->slots[s].pid, SIGKILL);
            finish(p, &p->slots[s], 1);
        }
    if (p->tty && t - p->last >= TTY_TICK) {
        progress(p, 0);
        p->last = t;
    }
}

static void
kill_all(struct sz_pool *p)
{
    for (int s = 0; s < p->nj; s++)
        if (p->slots[s].pid) {
            kill(p->slots[s].pid, SIGKILL);
            while (waitpid(p->slots[s].pid, NULL, 0) < 0 && errno == EINTR)
                ;
            remove_temps(p->b, p->slots[s].job, p->slots[s].pid);
            close(p->slots[s].fd);
            sz_buf_free(&p->slots[s].buf);
            if (p->slots[s].job->transient)
                free_job(p->slots[s].job);
            p->slots[s].pid = 0;
        }
    p->running = 0;
}

int
sz_pool_submit(struct sz_pool *p, struct sz_bjob *j, const struct sz_buf *in,
               const struct sz_buf *side)
{
    struct sz_batch *b = p->b;
    while (!interrupted && p->running >= (size_t)p->nj)
        pool_poll(p);
    if (interrupted) {
        if (j->transient)
            free_job(j);
        return SZ_BATCH_EXIT_INTERRUPTED;
    }
    int s = 0;
    while (p->slots[s].pid)
        s++;
    int fds[2];
    if (pipe(fds) != 0) {
        fprintf(stderr, "samizdat: batch: pipe: %s\n", strerror(errno));
        interrupted = 1;
        if (j->transient)
            free_job(j);
        return SZ_BATCH_EXIT_INTERRUPTED;
    }
    fflush(stderr);
    pid_t parent = getpid();
    pid_t pid;
    while ((pid = fork()) < 0 && p->running > 0)
        pool_poll(p);              /* out of processes: wait for one to end */
    if (pid < 0) {
        fprintf(stderr, "samizdat: batch: fork: %s\n", strerror(errno));
        close(fds[0]);
        close(fds[1]);
        interrupted = 1;
        if (j->transient)
            free_job(j);
        return SZ_BATCH_EXIT_INTERRUPTED;
    }
    if (pid == 0) {
#ifdef __linux__
        /* A worker of a parent killed with kill -9 dies too, rather than
        ** write outputs nobody will record. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent)
            _exit(1);
#endif
        sz_batch_child_locks();
        sigaction(SIGINT, &p->old_int, NULL);
        sigaction(SIGTERM, &p->old_term, NULL);
        if (b->max_memory) {
            struct rlimit rl = { (rlim_t)b->max_memory, (rlim_t)b->max_memory };
            setrlimit(RLIMIT_AS, &rl);
        }
        close(fds[0]);
        for (int k = 0; k < p->nj; k++)
            if (p->slots[k].pid)
                close(p->slots[k].fd);
        sz_batch_work(b, j, in, side, fds[1]);
    }
    close(fds[1]);
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    p->slots[s].pid = pid;
    p->slots[s].fd = fds[0];
    p->slots[s].job = j;
    p->slots[s].start = now();
    sz_buf_clear(&p->slots[s].buf);
    p->running++;
    return 0;
}

int
sz_pool_finish(struct sz_pool *p)
{
    while (!interrupted && p->running)
        pool_poll(p);
    int rc = 0;
    if (interrupted) {
        kill_all(p);
        rc = SZ_BATCH_EXIT_INTERRUPTED;
    }
    if (p->tty)
        progress(p, 1);
    sigaction(SIGINT, &p->old_int, NULL);
    sigaction(SIGTERM, &p->old_term, NULL);
    free(p->slots);
    free(p->pf);
    free(p->pidx);
    free(p);
    return rc;
}

int
sz_pool_interrupted(void)
{
    return interrupted != 0;
}
