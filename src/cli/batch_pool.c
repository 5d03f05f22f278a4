/*
** batch_pool.c
** The worker pool: one fork()ed process per document, at most -j at a time,
** killed at --timeout; results read from pipes, progress on stderr.
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

/* How often the progress line changes: live on a terminal, a plain line now
** and then in a log. */
#define TTY_TICK 0.25
#define LOG_TICK 5.0

struct slot {
    pid_t pid;
    int fd;
    size_t job;
    double start;
    struct sz_buf buf;
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

static void
finish(struct sz_batch *b, struct slot *s, int killed_for_time)
{
    struct sz_bjob *j = &b->v[s->job];
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
        if (WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT && b->max_memory)
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
    if (sz_manifest_append(b, j) != 0)
        fprintf(stderr, "samizdat: batch: cannot append to the manifest: %s\n", strerror(errno));
    close(s->fd);
    sz_buf_free(&s->buf);
    s->pid = 0;
}

static void
progress(const struct sz_batch *b, size_t ndone, size_t ntotal, uint64_t bytes,
         uint64_t total_bytes, size_t nfailed, double t0, int tty, int final)
{
    double el = now() - t0;
    double mbs = el > 0 ? (double)bytes / 1e6 / el : 0;
    char eta[32] = "--:--";
    if (bytes > 0 && total_bytes > bytes && el > 0.5) {
        double left = el * (double)(total_bytes - bytes) / (double)bytes;
        snprintf(eta, sizeof eta, "%d:%02d", (int)(left / 60), (int)left % 60);
    } else if (ndone == ntotal) {
        snprintf(eta, sizeof eta, "0:00");
    }
    fprintf(stderr, "%sbatch: %zu/%zu documents, %.1f/%.1f MB, %.2f MB/s, ETA %s, %zu failed%s",
            tty ? "\r\033[K" : "", ndone, ntotal, (double)bytes / 1e6,
            (double)total_bytes / 1e6, mbs, eta, nfailed, tty && !final ? "" : "\n");
    SZ_UNUSED(b);
}

int
sz_batch_run(struct sz_batch *b, size_t *order, size_t norder, uint64_t total_bytes)
{
    int nj = b->jobs > 0 ? b->jobs : 1;
    struct slot *slots = calloc((size_t)nj, sizeof *slots);
    struct pollfd *pf = calloc((size_t)nj, sizeof *pf);
    int *pidx = calloc((size_t)nj, sizeof *pidx);
    if (!slots || !pf || !pidx)
        sz_oom();
    struct sigaction sa, old_int, old_term;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);

    int tty = b->verbosity >= 1 && isatty(STDERR_FILENO);
    int show = b->verbosity >= 1;
    double t0 = now(), last = t0;
    size_t next = 0, running = 0, ndone = 0, nfailed = 0;
    uint64_t bytes = 0;
    int rc = 0;
    while (next < norder || running) {
        while (!interrupted && running < (size_t)nj && next < norder) {
            int s = 0;
            while (slots[s].pid)
                s++;
            int p[2];
            if (pipe(p) != 0) {
                fprintf(stderr, "samizdat: batch: pipe: %s\n", strerror(errno));
                interrupted = 1;
                break;
            }
            size_t jn = order[next++];
            fflush(stderr);
            pid_t parent = getpid();
            pid_t pid = fork();
            if (pid < 0) {
                fprintf(stderr, "samizdat: batch: fork: %s\n", strerror(errno));
                close(p[0]);
                close(p[1]);
                next--;
                if (!running) {
                    interrupted = 1;
                    break;
                }
                break;
            }
            if (pid == 0) {
#ifdef __linux__
                /* A worker of a parent killed with kill -9 dies too,
                ** rather than write outputs nobody will record. */
                prctl(PR_SET_PDEATHSIG, SIGKILL);
                if (getppid() != parent)
                    _exit(1);
#endif
                sz_batch_child_locks();
                sigaction(SIGINT, &old_int, NULL);
                sigaction(SIGTERM, &old_term, NULL);
                if (b->max_memory) {
                    struct rlimit rl = { (rlim_t)b->max_memory, (rlim_t)b->max_memory };
                    setrlimit(RLIMIT_AS, &rl);
                }
                close(p[0]);
                for (int k = 0; k < nj; k++)
                    if (slots[k].pid)
                        close(slots[k].fd);
                sz_batch_work(b, &b->v[jn], p[1]);
            }
            close(p[1]);
            fcntl(p[0], F_SETFD, FD_CLOEXEC);
            slots[s].pid = pid;
            slots[s].fd = p[0];
            slots[s].job = jn;
            slots[s].start = now();
            sz_buf_clear(&slots[s].buf);
            running++;
        }
        if (interrupted) {
            for (int s = 0; s < nj; s++)
                if (slots[s].pid) {
                    kill(slots[s].pid, SIGKILL);
                    while (waitpid(slots[s].pid, NULL, 0) < 0 && errno == EINTR)
                        ;
                    remove_temps(b, &b->v[slots[s].job], slots[s].pid);
                    close(slots[s].fd);
                    sz_buf_free(&slots[s].buf);
                    slots[s].pid = 0;
                }
            rc = SZ_BATCH_EXIT_INTERRUPTED;
            break;
        }
        if (!running)
            continue;
        int np = 0;
        double t = now(), wait = show ? (tty ? TTY_TICK : LOG_TICK) - (t - last) : 1.0;
        for (int s = 0; s < nj; s++)
            if (slots[s].pid) {
                pf[np].fd = slots[s].fd;
                pf[np].events = POLLIN;
                pidx[np++] = s;
                if (b->timeout > 0 && slots[s].start + b->timeout - t < wait)
                    wait = slots[s].start + b->timeout - t;
            }
        if (wait < 0.01)
            wait = 0.01;
        int pr = poll(pf, (nfds_t)np, (int)(wait * 1000));
        if (pr < 0 && errno != EINTR)
            break;
        for (int k = 0; pr > 0 && k < np; k++) {
            if (!(pf[k].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            struct slot *s = &slots[pidx[k]];
            char tmp[16384];
            ssize_t n = read(s->fd, tmp, sizeof tmp);
            if (n > 0) {
                if (s->buf.len < (1u << 20))
                    sz_buf_put(&s->buf, tmp, (size_t)n);
                continue;
            }
            if (n < 0 && errno == EINTR)
                continue;
            struct sz_bjob *j = &b->v[s->job];
            finish(b, s, 0);
            running--;
            ndone++;
            bytes += j->size;
            nfailed += j->status == SZ_B_FAILED;
            if (b->verbosity >= 1 && j->status == SZ_B_FAILED) {
                if (tty)
                    fputs("\r\033[K", stderr);
                fprintf(stderr, "samizdat: batch: %s%s%s: %s\n", j->input, j->member ? ":" : "",
                        j->member ? j->member : "", j->error ? j->error : "failed");
            }
        }
        t = now();
        for (int s = 0; b->timeout > 0 && s < nj; s++)
            if (slots[s].pid && t - slots[s].start >= b->timeout) {
                kill(slots[s].pid, SIGKILL);
                struct sz_bjob *j = &b->v[slots[s].job];
                finish(b, &slots[s], 1);
                running--;
                ndone++;
                bytes += j->size;
                nfailed++;
                if (b->verbosity >= 1) {
                    if (tty)
                        fputs("\r\033[K", stderr);
                    fprintf(stderr, "samizdat: batch: %s%s%s: %s\n", j->input,
                            j->member ? ":" : "", j->member ? j->member : "", j->error);
                }
            }
        if (show && t - last >= (tty ? TTY_TICK : LOG_TICK)) {
            progress(b, ndone, norder, bytes, total_bytes, nfailed, t0, tty, 0);
            last = t;
        }
    }
    if (show && tty)
        progress(b, ndone, norder, bytes, total_bytes, nfailed, t0, tty, 1);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    free(slots);
    free(pf);
    free(pidx);
    return rc;
}
