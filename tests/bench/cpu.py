#!/usr/bin/env python3
# tests/bench/cpu.py — whole-process CPU time and peak memory of commands.
#
#   cpu.py RUNS OUT -- CMD ARG... {} ...   (reads file names, one a line, on stdin)
#
# For every file, runs CMD with {} replaced by the file (output to
# /dev/null), RUNS times; a file's time is the least of its runs (the one
# the shared machine disturbed least).  Prints "CPU_SECONDS PEAK_KB FILES"
# summed over the files (peak: the largest of any one process).  CPU time is
# user + system from wait4's rusage, in microseconds, not /usr/bin/time's
# 10 ms ticks: a small book takes a few milliseconds.
#
#   cpu.py --pair RUNS_A RUNS_B -- CMD_A ... -- CMD_B ...   (file names on stdin)
#
# The same for two commands whose runs are interleaved (A, B, A, B ..., then
# the rest of the longer count), so both see the same machine; prints
# "CPU_A PEAK_A CPU_B PEAK_B FILES".
#
# Each command is started by tests/bench/rusage.c (compiled into build/ on
# first use), which reports the command's own rusage: a command forked from
# Python would peak at no less than Python's 13-14 MB (see rusage.c).
import os, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RUSAGE = os.path.join(ROOT, 'build', 'bench-rusage')


def build_rusage():
    src = os.path.join(ROOT, 'tests', 'bench', 'rusage.c')
    if os.path.exists(RUSAGE) and os.path.getmtime(RUSAGE) >= os.path.getmtime(src):
        return
    os.makedirs(os.path.dirname(RUSAGE), exist_ok=True)
    tmp = '%s.tmp-%d' % (RUSAGE, os.getpid())
    subprocess.check_call([os.environ.get('CC', 'cc'), '-O2', '-o', tmp, src])
    os.replace(tmp, RUSAGE)   # benchmarks running side by side may race here


def one(cmd, f):
    argv = [a.replace('{}', f) for a in cmd]
    r, w = os.pipe()
    with open(os.devnull, 'wb') as null:
        p = subprocess.Popen([RUSAGE, str(w)] + argv, stdout=null, stderr=subprocess.PIPE,
                             pass_fds=(w,))
        os.close(w)
        err = p.stderr.read()
        p.wait()
    with os.fdopen(r) as rf:
        report = rf.read().split()
    if p.returncode != 0 or len(report) != 4:
        sys.stderr.write('cpu.py: %s: exit %d: %s\n' % (' '.join(argv), p.returncode, err[:200]))
    if len(report) != 4:
        return 0.0, 0
    user, system, maxrss, _ = (int(x) for x in report)
    return (user + system) / 1e6, maxrss


def main():
    build_rusage()
    a = sys.argv[1:]
    files = [l.rstrip('\n') for l in sys.stdin if l.strip()]
    if a[0] == '--pair':
        runs = [int(a[1]), int(a[2])]
        rest = a[4:]
        k = rest.index('--')
        cmds = [rest[:k], rest[k + 1:]]
    else:
        runs = [int(a[0])]
        cmds = [a[2:]]
    cpu = [0.0] * len(cmds)
    peak = [0] * len(cmds)
    for f in files:
        best = [None] * len(cmds)
        for r in range(max(runs)):
            for i, c in enumerate(cmds):
                if r >= runs[i]:
                    continue
                t, m = one(c, f)
                best[i] = t if best[i] is None else min(best[i], t)
                peak[i] = max(peak[i], m)
        for i in range(len(cmds)):
            cpu[i] += best[i]
    print(' '.join('%.4f %d' % (cpu[i], peak[i]) for i in range(len(cmds))), len(files))


main()
