#!/bin/sh
# tests/cluster/suite.sh — the cluster path: tests/cluster/slurm.sh.
exec sh "$(dirname "$0")/slurm.sh"
