#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Damage a little-endian 64-bit kdump-compressed file, for hostile-input
tests.  Offsets follow makedumpfile's diskdump_mod.h as documented in
docs/dump-formats.md; like the other fixtures this shares nothing with
lib/.

  kdump-edit.py FILE set OFFSET SIZE VALUE    write a SIZE-byte integer
  kdump-edit.py FILE sub OFFSET SIZE VALUE    the same, in the sub header
  kdump-edit.py FILE desc PFN FIELD VALUE     FIELD: offset, size or flags
  kdump-edit.py FILE garble PFN               flip the page data's bytes
  kdump-edit.py FILE dump PFN 0|1             clear or set PFN's 2nd-bitmap bit
  kdump-edit.py FILE where PFN                print the descriptor's offset
"""
import struct
import sys


def header(d):
    bs, sub_blocks, bitmap_blocks = struct.unpack_from("<iiI", d, 428)
    max_mapnr = struct.unpack_from("<Q", d, bs + 96)[0]
    per = ((max_mapnr + 7) // 8 + bs - 1) // bs
    bm1 = (1 + sub_blocks) * bs
    bm2 = bm1 + per * bs if bitmap_blocks >= 2 * per else bm1
    desc = bm1 + bitmap_blocks * bs
    return bs, bm2, desc


def bit(d, bm, pfn):
    return d[bm + pfn // 8] >> (pfn % 8) & 1


def desc_pos(d, pfn):
    _, bm2, desc = header(d)
    if not bit(d, bm2, pfn):
        sys.exit("kdump-edit: frame 0x%x is not dumped" % pfn)
    index = sum(bin(b).count("1") for b in d[bm2:bm2 + pfn // 8])
    index += bin(d[bm2 + pfn // 8] & ((1 << (pfn % 8)) - 1)).count("1")
    return desc + 24 * index


def main():
    path, cmd = sys.argv[1], sys.argv[2]
    args = []
    for a in sys.argv[3:]:
        try:
            args.append(int(a, 0))
        except ValueError:
            args.append(a)
    with open(path, "rb") as f:
        d = bytearray(f.read())
    fmt = {1: "<B", 2: "<H", 4: "<I", 8: "<Q"}
    if cmd == "set":
        struct.pack_into(fmt[args[1]], d, args[0], args[2] & ((1 << (8 * args[1])) - 1))
    elif cmd == "sub":
        bs = struct.unpack_from("<i", d, 428)[0]
        struct.pack_into(fmt[args[1]], d, bs + args[0], args[2] & ((1 << (8 * args[1])) - 1))
    elif cmd == "desc":
        pos = desc_pos(d, args[0])
        off, size = {"offset": (0, 8), "size": (8, 4), "flags": (12, 4)}[args[1]]
        struct.pack_into(fmt[size], d, pos + off, args[2] & ((1 << (8 * size)) - 1))
    elif cmd == "garble":
        pos = desc_pos(d, args[0])
        off, size = struct.unpack_from("<QI", d, pos)
        for i in range(off + 2, off + size):
            d[i] ^= 0x5a
    elif cmd == "dump":
        _, bm2, _ = header(d)
        if args[1]:
            d[bm2 + args[0] // 8] |= 1 << (args[0] % 8)
        else:
            d[bm2 + args[0] // 8] &= ~(1 << (args[0] % 8)) & 0xff
    elif cmd == "where":
        print(desc_pos(d, args[0]))
        return
    else:
        sys.exit("kdump-edit: unknown command " + cmd)
    with open(path, "wb") as f:
        f.write(d)


main()
