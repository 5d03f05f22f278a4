/* tests/bench/rusage.c — runs one command and reports its own CPU time and
 * peak memory, for tests/bench/cpu.py.
 *
 *   rusage FD CMD ARG...
 *
 * Runs CMD (standard streams inherited), waits for it and writes
 * "USER_US SYS_US MAXRSS_KB STATUS\n" to file descriptor FD, then exits
 * with CMD's exit status (128 + the signal if it was killed).
 *
 * Why not measure from Python: a process's peak RSS counts the pages of
 * the process it was forked from until it calls exec (Linux records the
 * old address space's high-water mark at exec, for fork and vfork alike),
 * so every command Python starts peaks at no less than Python's own
 * 13-14 MB.  Forked from this small program, a command starts from about
 * 1 MB, below what samizdat itself needs. */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: rusage FD CMD ARG...\n");
        return 2;
    }
    int fd = atoi(argv[1]);
    pid_t pid = fork();
    if (pid < 0) {
        perror("rusage: fork");
        return 2;
    }
    if (pid == 0) {
        close(fd);
        execvp(argv[2], argv + 2);
        perror(argv[2]);
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("rusage: wait4");
        return 2;
    }
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    dprintf(fd, "%lld %lld %ld %d\n",
            (long long)ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec,
            (long long)ru.ru_stime.tv_sec * 1000000 + ru.ru_stime.tv_usec,
            ru.ru_maxrss, code);
    return code;
}
