#!/usr/bin/env python3
# tests/batch/mktars.py DIR — the tarball fixtures of the batch suite:
#   good.tar, good.tar.gz, good.tgz, good.tar.bz2, good.tar.xz (and, when
#   the tools exist, good.tar.zst and good.7z): the same small tree;
#   nested.tar.gz: per-book zips and a tarball inside a tarball, and one
#   nested too deep;
#   evil.tar: traversal, absolute, symbolic and hard links, a device, a
#   FIFO, a non-UTF-8 name, a binary text, one fine text;
#   bomb.tar.gz: one member inflating a thousand times, one small text.
import io
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile

d = sys.argv[1]


def text(i):
    return ("Text %d\n\nA paragraph of text number %d, with words.\n\n"
            "Another paragraph.\n" % (i, i)).encode()


def add(t, name, data=b"", **kw):
    ti = tarfile.TarInfo(name)
    for k, v in kw.items():
        setattr(ti, k, v)
    if ti.type in (tarfile.REGTYPE, tarfile.AREGTYPE):
        ti.size = len(data)
        t.addfile(ti, io.BytesIO(data))
    else:
        t.addfile(ti)


def good(t):
    ti = tarfile.TarInfo("sub")
    ti.type = tarfile.DIRTYPE
    t.addfile(ti)
    add(t, "one.txt", text(1))
    add(t, "two.md", b"# Two\n\nMarkdown *two*.\n")
    add(t, "sub/three.txt", text(3))
    add(t, "sub/three.yaml", b"title: Three from its sidecar\n")
    add(t, "sub/picture.png", b"\x89PNG\r\n\x1a\n")


for name, mode in (("good.tar", "w"), ("good.tar.gz", "w:gz"), ("good.tgz", "w:gz"),
                   ("good.tar.bz2", "w:bz2"), ("good.tar.xz", "w:xz")):
    with tarfile.open(os.path.join(d, name), mode, format=tarfile.PAX_FORMAT) as t:
        good(t)
if shutil.which("zstd"):
    subprocess.run(["zstd", "-q", "-f", os.path.join(d, "good.tar"), "-o",
                    os.path.join(d, "good.tar.zst")], check=True)
if shutil.which("bsdtar"):
    tree = os.path.join(d, "good-tree")
    os.makedirs(os.path.join(tree, "sub"), exist_ok=True)
    with tarfile.open(os.path.join(d, "good.tar")) as t:
        t.extractall(tree)
    subprocess.run(["bsdtar", "--format", "7zip", "-cf", os.path.join(d, "good.7z"),
                    "-C", tree, "one.txt", "two.md", "sub"], check=True)
    shutil.rmtree(tree)


def zip_bytes(files):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in files:
            z.writestr(n, data)
    return b.getvalue()


def tar_bytes(files, mode="w:gz"):
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode=mode) as t:
        for n, data in files:
            add(t, n, data)
    return b.getvalue()


with tarfile.open(os.path.join(d, "nested.tar.gz"), "w:gz") as t:
    add(t, "pg/1234-0.zip", zip_bytes([("1234-0.txt", text(20)),
                                       ("1234-0.yaml", b"title: Book 1234\n")]))
    add(t, "pg/5678-0.zip", zip_bytes([("5678/5678-0.txt", text(21))]))
    add(t, "more.tar.gz", tar_bytes([("inner/a.txt", text(22))]))
    # a zip in a tarball in a zip in this tarball: one level too many
    deep = zip_bytes([("deep.txt", text(23))])
    add(t, "deep.zip", zip_bytes([("l2.tar.gz", tar_bytes([("l3.zip", deep)]))]))
    add(t, "broken.zip", b"PK\x03\x04 not really a zip")
    add(t, "top.txt", text(24))

with tarfile.open(os.path.join(d, "evil.tar"), "w", format=tarfile.GNU_FORMAT) as t:
    add(t, "fine.txt", text(4))
    add(t, "../escape.txt", text(5))
    add(t, "/abs.txt", text(6))
    add(t, "deep/../../escape2.txt", text(7))
    add(t, "link.txt", type=tarfile.SYMTYPE, linkname="/etc/passwd")
    add(t, "hard.txt", type=tarfile.LNKTYPE, linkname="fine.txt")
    add(t, "dev.txt", type=tarfile.CHRTYPE, devmajor=1, devminor=3)
    add(t, "fifo.txt", type=tarfile.FIFOTYPE)
    add(t, "ctrl\x01name.txt", text(8))
    add(t, "binary.txt", b"GIF89a\x00\x01\x02\x00\x00" * 10)
# a name that is not UTF-8 (Latin-1 e-acute): patch the raw header bytes
p = os.path.join(d, "evil.tar")
b = bytearray(open(p, "rb").read())
i = b.find(b"ctrl\x01name.txt")
with tarfile.open(os.path.join(d, "latin.tar"), "w", format=tarfile.USTAR_FORMAT) as t:
    add(t, "ok.txt", text(9))
    add(t, "cafQ.txt", text(10))
lb = bytearray(open(os.path.join(d, "latin.tar"), "rb").read())
j = lb.find(b"cafQ.txt")
lb[j + 3] = 0xE9
# fix the header checksum (bytes 148-155 of the 512-byte header)
h = j - (j % 512)
lb[h + 148:h + 156] = b" " * 8
lb[h + 148:h + 155] = ("%06o\0" % sum(lb[h:h + 512])).encode()
open(os.path.join(d, "latin.tar"), "wb").write(bytes(lb))

with tarfile.open(os.path.join(d, "bomb.tar.gz"), "w:gz") as t:
    add(t, "bomb.txt", b"a" * (20 << 20))
    add(t, "small.txt", text(13))
