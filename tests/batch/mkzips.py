#!/usr/bin/env python3
# tests/batch/mkzips.py DIR — writes the zip fixtures of the batch suite:
# good.zip (a small tree of texts), evil.zip (hostile member names, a
# symbolic link, duplicates, an "encrypted" and a binary member) and
# bomb.zip (a member that inflates a thousand times).
import os
import stat
import sys
import zipfile

d = sys.argv[1]
D = zipfile.ZIP_DEFLATED


def text(i):
    return ("Text %d\n\nA paragraph of text number %d, with words.\n\n"
            "Another paragraph.\n" % (i, i))


with zipfile.ZipFile(os.path.join(d, "good.zip"), "w", D) as z:
    z.writestr("one.txt", text(1))
    z.writestr("two.txt", text(2))
    z.writestr("sub/", "")
    z.writestr("sub/three.txt", text(3))
    z.writestr("sub/three.yaml", "title: Three from its sidecar\n")
    z.writestr("sub/picture.png", b"\x89PNG\r\n\x1a\n")

with zipfile.ZipFile(os.path.join(d, "evil.zip"), "w", D) as z:
    z.writestr("fine.txt", text(4))
    z.writestr(zipfile.ZipInfo("/abs.txt"), text(5))
    z.writestr(zipfile.ZipInfo("../escape.txt"), text(6))
    z.writestr(zipfile.ZipInfo("deep/../../escape2.txt"), text(7))
    z.writestr(zipfile.ZipInfo("back\\slash.txt"), text(8))
    z.writestr(zipfile.ZipInfo("ctrl\x01name.txt"), text(9))
    link = zipfile.ZipInfo("link.txt")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    z.writestr(link, "/etc/passwd")
    import warnings
    warnings.simplefilter("ignore")
    z.writestr("dup.txt", text(10))
    z.writestr("dup.txt", text(11))
    z.writestr("secret.txt", text(12))
    z.writestr("binary.txt", b"GIF89a\x00\x01\x02\x00\x00" * 10)

with zipfile.ZipFile(os.path.join(d, "bomb.zip"), "w", D) as z:
    z.writestr("bomb.txt", "a" * (20 << 20))
    z.writestr("small.txt", text(13))

# zipfile cannot encrypt: mark secret.txt as encrypted (general purpose flag
# bit 0) in its local and central headers, as a real encrypted member is.
p = os.path.join(d, "evil.zip")
b = bytearray(open(p, "rb").read())
for sig, flag_off, name_len_off, name_off in ((b"PK\x03\x04", 6, 26, 30),
                                              (b"PK\x01\x02", 8, 28, 46)):
    i = b.find(sig)
    while i >= 0:
        n = int.from_bytes(b[i + name_len_off:i + name_len_off + 2], "little")
        if bytes(b[i + name_off:i + name_off + n]) == b"secret.txt":
            b[i + flag_off] |= 1
        i = b.find(sig, i + 4)
open(p, "wb").write(bytes(b))
