#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the hand-made PDFs of this folder (see README.md).

Each file is a few hundred bytes, built object by object with a correct
cross-reference table, so that what is odd about it is only what it is
meant to test.  The encrypted files use the PDF Standard security handler,
revision 2 (40-bit RC4, ISO 32000-1 section 7.6.3, algorithms 2-4), with
MD5 from hashlib and RC4 written out below (it is ten lines, and no
library on a stock Python has it).  Run from this folder; the files are
committed, so this only needs running to change them.
"""
import hashlib
import struct

PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key, data):
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for b in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def pdf(objects, trailer_extra=b"", header=b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"):
    """objects: list of bytes, object i+1; returns the whole file."""
    out = bytearray(header)
    offsets = []
    for i, body in enumerate(objects):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1)
    out += trailer_extra + b">>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def stream(data, extra=b""):
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


TEXT = b"BT /F1 14 Tf 72 720 Td (Bao cao cai cach hanh chinh) Tj ET"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def simple(mediabox=b"[0 0 595 842]", count=b"1", content=TEXT):
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count " + count + b" >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox " + mediabox +
        b" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        stream(content),
        FONT,
    ])


def encrypted(user, owner):
    """One page like simple(), encrypted (R2, 40-bit); `user` may be empty."""
    fid = hashlib.md5(b"reportd test " + user + owner).digest()
    perms = -4  # every permission bit set but the two reserved low bits
    o_key = hashlib.md5((owner + PAD)[:32]).digest()[:5]
    o = rc4(o_key, (user + PAD)[:32])
    key = hashlib.md5((user + PAD)[:32] + o + struct.pack("<i", perms) + fid).digest()[:5]
    u = rc4(key, PAD)

    def obj_key(num):
        return hashlib.md5(key + struct.pack("<I", num)[:3] + b"\0\0").digest()[:10]

    content = rc4(obj_key(4), TEXT)
    enc = (b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P %d /O <%s> /U <%s> >>"
           % (perms, o.hex().encode(), u.hex().encode()))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        stream(content),
        FONT,
        enc,
    ]
    idhex = fid.hex().encode()
    return pdf(objects, b"/Encrypt 6 0 R /ID [<%s> <%s>] " % (idhex, idhex))


FILES = {
    # A plain one-page text PDF: the reference the others differ from.
    "plain.pdf": simple(),
    # Needs the password "secret" to open at all.
    "encrypted-user-password.pdf": encrypted(b"secret", b"owner"),
    # Encrypted, but with an empty user password: opens without one.
    "encrypted-owner-only.pdf": encrypted(b"", b"owner"),
    # A page 100 000 pt (35 m) wide and high.
    "page-absurd-size.pdf": simple(mediabox=b"[0 0 100000 100000]"),
    # The page tree claims a billion pages but has one.
    "page-count-huge.pdf": simple(count=b"1000000000"),
    # The page tree is its own kid.
    "page-tree-loop.pdf": pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        stream(TEXT),
        FONT,
    ]),
    # A page with nothing on it.
    "blank.pdf": simple(content=b""),
}

if __name__ == "__main__":
    for name, data in FILES.items():
        with open(name, "wb") as f:
            f.write(data)
        print("%s: %d bytes" % (name, len(data)))
