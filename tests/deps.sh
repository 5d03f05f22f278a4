#!/bin/sh
# tests/deps.sh PKG... — installs the Debian packages that are missing.
# As root it runs apt-get; otherwise it prints the command to run.
missing=""
for p in "$@"; do
    s=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
    case "$s" in *"install ok installed"*) ;; *) missing="$missing $p" ;; esac
done
[ -z "$missing" ] && exit 0
cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" -ne 0 ]; then
    echo "samizdat needs these Debian packages:$missing" >&2
    echo "run as root:  apt-get update && $cmd" >&2
    exit 1
fi
echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && $cmd >/dev/null || { echo "apt-get failed: $cmd" >&2; exit 1; }
