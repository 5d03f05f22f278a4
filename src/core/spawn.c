/*
** spawn.c
** One run of another program with pipes (posix_spawn, no shell): its input
** written while its output is read, for pandoc and for pandoc.pipe.
** See LICENSE.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"

extern char **environ;

int
sz_spawn_piped(const char *const *argv, const char *dir, const char *in, size_t inlen,
               struct sz_buf *out)
{
    int pin[2], pout[2];
    if (pipe2(pin, O_CLOEXEC) != 0)
        return -1;
    if (pipe2(pout, O_CLOEXEC) != 0) {
        int e = errno;
        close(pin[0]);
        close(pin[1]);
        errno = e;
        return -1;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, pin[0], 0);
    posix_spawn_file_actions_adddup2(&fa, pout[1], 1);
    /* only the child changes directory */
    if (dir)
        posix_spawn_file_actions_addchdir_np(&fa, dir);
    pid_t pid;
    int err = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(pin[0]);
    close(pout[1]);
    if (err != 0) {
        close(pin[1]);
        close(pout[0]);
        return 127;
    }
    /* Write its input and read its output at once: either may fill a pipe. */
    int infd = pin[1];
    size_t off = 0;
    if (inlen == 0) {
        close(infd);
        infd = -1;
    } else {
        /* A blocking write larger than the room in the pipe would wait for
        ** a program that waits for us to read its output. */
        fcntl(infd, F_SETFL, fcntl(infd, F_GETFL) | O_NONBLOCK);
    }
    void (*old)(int) = signal(SIGPIPE, SIG_IGN);
    for (;;) {
        struct pollfd pf[2] = { { pout[0], POLLIN, 0 }, { infd, POLLOUT, 0 } };
        if (poll(pf, infd >= 0 ? 2 : 1, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (infd >= 0 && (pf[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
            ssize_t w = write(infd, in + off, inlen - off > 65536 ? 65536 : inlen - off);
            if (w > 0)
                off += (size_t)w;
            if ((w < 0 && errno != EINTR && errno != EAGAIN) || off >= inlen) {
                close(infd);
                infd = -1;
            }
        }
        if (pf[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            char tmp[65536];
            ssize_t r = read(pout[0], tmp, sizeof tmp);
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0)
                break;
            sz_buf_put(out, tmp, (size_t)r);
        }
    }
    if (infd >= 0)
        close(infd);
    close(pout[0]);
    signal(SIGPIPE, old);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
