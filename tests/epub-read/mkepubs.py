#!/usr/bin/env python3
# mkepubs.py DIR — writes the EPUBs tests/epub-read/suite.sh reads: a small
# two-chapter book with a note, links and an image, and hostile ones (a
# traversal name, an absolute path, a symbolic link, a zip bomb, no
# container, not a zip at all); and one whose long chapters test how a
# chapter is read: as it inflates (UTF-8 whose characters straddle the
# reader's pieces) or whole (an HTML entity, a Latin-1 page, a stray byte,
# each after the first 64 KB); an EPUB 2 and an EPUB 3 book with creator
# roles, rights, a description and a cover; an EPUB 3 book with a nav
# document and no NCX; and an EPUB and a zip each holding a member of
# 257 MiB of zeros (deflated to 266 KB, written without holding it).
import os
import stat
import struct
import sys
import warnings
import zipfile
import zlib

D = sys.argv[1]
CONTAINER = ('<?xml version="1.0"?><container version="1.0" '
             'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
             '<rootfile full-path="OEBPS/c.opf" media-type="application/oebps-package+xml"/>'
             '</rootfiles></container>')
OPF = ('<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" '
       'unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
       '<dc:identifier id="id">urn:x:1</dc:identifier><dc:title>Small Book</dc:title>'
       '<dc:creator>Ann Author</dc:creator><dc:creator id="t">Tom Trans</dc:creator>'
       '<meta refines="#t" property="role" scheme="marc:relators">trl</meta>'
       '<dc:language>en</dc:language><dc:date>2001-02-03</dc:date>'
       '<dc:publisher>P Press</dc:publisher><dc:subject>Tests</dc:subject></metadata>'
       '<manifest><item id="c1" href="text/c1.xhtml" media-type="application/xhtml+xml"/>'
       '<item id="c2" href="text/c2.xhtml" media-type="application/xhtml+xml"/>'
       '<item id="img" href="img/red.png" media-type="image/png"/>'
       '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/></manifest>'
       '<spine toc="ncx"><itemref idref="c1"/><itemref idref="c2"/></spine></package>')
NCX = ('<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">'
       '<navMap><navPoint id="p1"><navLabel><text>Chapter One</text></navLabel>'
       '<content src="text/c1.xhtml"/></navPoint><navPoint id="p2"><navLabel><text>The Second'
       '</text></navLabel><content src="text/c2.xhtml"/></navPoint></navMap></ncx>')
X = ('<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml" '
     'xmlns:epub="http://www.idpf.org/2007/ops"><head><title>x</title></head><body>%s</body></html>')
C1 = X % ('<h1 id="a">One</h1><p>See <a href="c2.xhtml#a">two</a> and <a href="c2.xhtml">the '
          'next</a>.<a epub:type="noteref" href="c2.xhtml#n">1</a></p>'
          '<p><img src="../img/red.png" alt="red"/></p>')
C2 = X % ('<p id="a">An untitled chapter, back to <a href="c1.xhtml#a">one</a>.</p>'
          '<aside epub:type="footnote" id="n"><p>The note.</p></aside>')


def png():
    def chunk(t, d):
        return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    raw = b''.join(b'\x00' + b'\xcc\x22\x22' * 16 for _ in range(16))
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 16, 16, 8, 2, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))


def book(name, extra=None, container=True, opf=OPF, c2_type=zipfile.ZIP_STORED):
    with zipfile.ZipFile(os.path.join(D, name), 'w') as z:
        z.writestr(zipfile.ZipInfo('mimetype'), 'application/epub+zip')
        if container:
            z.writestr('META-INF/container.xml', CONTAINER)
        z.writestr('OEBPS/c.opf', opf)
        if 'toc.ncx' in opf:
            z.writestr('OEBPS/toc.ncx', NCX)
        z.writestr('OEBPS/text/c1.xhtml', C1)
        z.writestr('OEBPS/text/c2.xhtml', C2, compress_type=c2_type)
        z.writestr('OEBPS/img/red.png', png())
        if extra:
            extra(z)


book('small.epub')
book('traversal.epub', lambda z: z.writestr('../evil.xhtml', 'x'))
book('absolute.epub', lambda z: z.writestr('/etc/evil.xhtml', 'x'))


def link(z):
    i = zipfile.ZipInfo('OEBPS/text/link.xhtml')
    i.create_system = 3
    i.external_attr = (stat.S_IFLNK | 0o777) << 16
    z.writestr(i, '/etc/passwd')


book('symlink.epub', link)
book('bomb.epub', lambda z: z.writestr('OEBPS/text/big.xhtml', b'\0' * (20 << 20),
                                        compress_type=zipfile.ZIP_DEFLATED))
book('nocontainer.epub', container=False)
with open(os.path.join(D, 'notzip.epub'), 'wb') as f:
    f.write(b'<html>not a zip</html>')


def dup(z):
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        z.writestr('OEBPS/text/c1.xhtml', C2)


book('dup.epub', dup)


# patch(name, member, fmt, central, local, f): in both headers of member
# (its central one, its local one), the field of struct format fmt at those
# offsets becomes f(its value)
def patch(name, member, fmt, central, local, f):
    p = os.path.join(D, name)
    with open(p, 'rb') as fh:
        b = bytearray(fh.read())
    n = member.encode()
    for sig, head, off in ((b'PK\x01\x02', 46, central), (b'PK\x03\x04', 30, local)):
        i = b.find(sig)
        while i >= 0:
            if b[i + head:i + head + len(n)] == n:
                struct.pack_into(fmt, b, i + off, f(struct.unpack_from(fmt, b, i + off)[0]))
            i = b.find(sig, i + 1)
    with open(p, 'wb') as fh:
        fh.write(b)


# encrypted.epub: a member flagged encrypted (bit 0 of its flags)
book('encrypted.epub', lambda z: z.writestr('OEBPS/text/secret.xhtml', 'x' * 100))
patch('encrypted.epub', 'OEBPS/text/secret.xhtml', '<H', 8, 6, lambda v: v | 1)
# bzip2.epub: a chapter compressed with a method EPUBs may not use
book('bzip2.epub', c2_type=zipfile.ZIP_BZIP2)
# forged.epub, short.epub: c2.xhtml's headers declare fewer or more bytes
# than it inflates to
book('forged.epub')
patch('forged.epub', 'OEBPS/text/c2.xhtml', '<I', 24, 22, lambda v: v - 10)
book('short.epub')
patch('short.epub', 'OEBPS/text/c2.xhtml', '<I', 24, 22, lambda v: v + 10)


# bytes.epub: four chapters of about 150 KB each
def bytes_book():
    words = ' '.join(['\u00e9t\u00e9', '\u20ac', 'x\U0001d11e', 'ab'] * 10)
    para = '<p>%s</p>\n' % words
    long = para * 1500                       # past two 64 KB pieces
    ch = {
        'c1': X % (long + '<p>fin &eacute;t&eacute; &mdash;&hellip;</p>'),
        'c2': X % (long + '<p>the end of c2</p>'),
        'c4': X % (long + '<p>a stray \udcff byte</p>'),
    }
    opf = OPF.replace('<item id="c1" href="text/c1.xhtml" media-type="application/xhtml+xml"/>'
                      '<item id="c2" href="text/c2.xhtml" media-type="application/xhtml+xml"/>',
                      ''.join('<item id="%s" href="text/%s.%s" media-type="%s"/>' %
                              (c, c, 'html' if c == 'c3' else 'xhtml',
                               'text/html' if c == 'c3' else 'application/xhtml+xml')
                              for c in ('c1', 'c2', 'c3', 'c4')))
    opf = opf.replace('<itemref idref="c1"/><itemref idref="c2"/>',
                      ''.join('<itemref idref="%s"/>' % c for c in ('c1', 'c2', 'c3', 'c4')))
    with zipfile.ZipFile(os.path.join(D, 'bytes.epub'), 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo('mimetype'), 'application/epub+zip')
        z.writestr('META-INF/container.xml', CONTAINER)
        z.writestr('OEBPS/c.opf', opf)
        z.writestr('OEBPS/toc.ncx', NCX)
        for c in ('c1', 'c2', 'c4'):
            z.writestr('OEBPS/text/%s.xhtml' % c, ch[c].encode('utf-8', 'surrogateescape'))
        z.writestr('OEBPS/text/c3.html',
                   ('<html><head><meta http-equiv="Content-Type" content="text/html; '
                    'charset=iso-8859-1"></head><body>' + long.replace('\U0001d11e', '').replace('\u20ac', 'E')
                    + '<p>caf\u00e9 in Latin-1</p></body></html>').encode('latin-1'))


bytes_book()


# EPUB 2: opf:role on dc:creator and dc:contributor, rights and description,
# the cover named by <meta name="cover"> (a picture no chapter shows); and
# EPUB 3's cover-image property, with an editor refined by role.
OPF2 = ('<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0" '
        'unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:opf="http://www.idpf.org/2007/opf">'
        '<dc:identifier id="id">urn:x:2</dc:identifier><dc:title>Old Book</dc:title>'
        '<dc:creator opf:role="aut">Ann Author</dc:creator>'
        '<dc:creator opf:role="edt">Ed Editor</dc:creator>'
        '<dc:contributor opf:role="ill">Ivy Illustrator</dc:contributor>'
        '<dc:language>en</dc:language><dc:rights>Public domain</dc:rights>'
        '<dc:description>A test of EPUB 2.</dc:description>'
        '<meta name="cover" content="cov"/></metadata>'
        '<manifest><item id="c1" href="text/c1.xhtml" media-type="application/xhtml+xml"/>'
        '<item id="c2" href="text/c2.xhtml" media-type="application/xhtml+xml"/>'
        '<item id="img" href="img/red.png" media-type="image/png"/>'
        '<item id="cov" href="img/cover.png" media-type="image/png"/>'
        '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/></manifest>'
        '<spine toc="ncx"><itemref idref="c1"/><itemref idref="c2"/></spine></package>')
OPF3 = (OPF2.replace('version="2.0"', 'version="3.0"')
        .replace('<dc:creator opf:role="edt">Ed Editor</dc:creator>',
                 '<dc:creator id="e">Ed Editor</dc:creator>'
                 '<meta refines="#e" property="role" scheme="marc:relators">edt</meta>')
        .replace('<meta name="cover" content="cov"/>', '')
        .replace('id="cov" href', 'id="cov" properties="cover-image" href'))
cover = lambda z: z.writestr('OEBPS/img/cover.png', png())
book('epub2.epub', cover, opf=OPF2)
book('epub3cover.epub', cover, opf=OPF3)

# EPUB 3 with no NCX: the nav document's table of contents names the
# untitled chapter (its landmarks do not).
NAV = X % ('<nav epub:type="landmarks"><ol><li><a href="c2.xhtml">Wrong Name</a></li></ol></nav>'
           '<nav epub:type="toc"><ol><li><a href="c1.xhtml">Chapter One</a></li>'
           '<li><a href="c2.xhtml"><span>The</span> Second</a></li></ol></nav>')
OPFNAV = OPF.replace('<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>',
                     '<item id="nav" href="text/nav.xhtml" properties="nav" '
                     'media-type="application/xhtml+xml"/>').replace(' toc="ncx"', '')
book('nav.epub', lambda z: z.writestr('OEBPS/text/nav.xhtml', NAV), opf=OPFNAV)


# huge.epub, huge.zip: a member of 257 MiB + 1 byte, over the 256 MiB limit.
# zlib's full flush resets its state, so every MiB of zeros deflates to the
# same bytes: the member is written from one MiB's worth, never held whole.
def huge_member():
    zeros = bytes(1 << 20)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    mib = c.compress(zeros) + c.flush(zlib.Z_FULL_FLUSH)
    data = mib * 257 + c.compress(b'x') + c.flush()
    crc = 0
    for _ in range(257):
        crc = zlib.crc32(zeros, crc)
    return data, zlib.crc32(b'x', crc), (257 << 20) + 1


# rawzip(path, members): a zip of (name, bytes) members stored as they are
# and (name, (deflated, crc, size)) members already deflated.
def rawzip(path, members):
    out, central = bytearray(), bytearray()
    for name, m in members:
        n = name.encode()
        method, data, crc, size = ((8,) + m) if isinstance(m, tuple) else \
            (0, m, zlib.crc32(m), len(m))
        head = struct.pack('<HHHHHIII', 20, 0, method, 0, 0x21, crc, len(data), size)
        central += (b'PK\x01\x02' + struct.pack('<H', 20) + head +
                    struct.pack('<HHHHHII', len(n), 0, 0, 0, 0, 0, len(out)) + n)
        out += b'PK\x03\x04' + head + struct.pack('<HH', len(n), 0) + n + data
    eocd = struct.pack('<IHHHHIIH', 0x06054b50, 0, 0, len(members), len(members),
                       len(central), len(out), 0)
    with open(os.path.join(D, path), 'wb') as f:
        f.write(out + central + eocd)


HUGE = huge_member()
rawzip('huge.epub', [('mimetype', b'application/epub+zip'),
                     ('META-INF/container.xml', CONTAINER.encode()),
                     ('OEBPS/c.opf', OPF.replace('<item id="ncx" href="toc.ncx" media-type='
                                                 '"application/x-dtbncx+xml"/>', '')
                      .replace(' toc="ncx"', '').encode()),
                     ('OEBPS/text/c1.xhtml', C1.encode()), ('OEBPS/text/c2.xhtml', C2.encode()),
                     ('OEBPS/img/red.png', png()), ('OEBPS/text/huge.xhtml', HUGE)])
rawzip('huge.zip', [('a.html', b'<h1>A</h1><p>a</p>'), ('huge.html', HUGE)])
