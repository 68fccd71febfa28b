#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""drgn-stack-traces.py DUMP VMLINUX: per-CPU stack traces with drgn.

The peer of vmcore-sdei --backtrace in t5510 and in
bench/kernel-size-scaling.sh: open
the dump with drgn, load VMLINUX (which must carry DWARF for struct
pt_regs, as tests/tools/mkvmlinux.sh makes it: drgn 0.0.22 refuses a
vmlinux without DWARF and cannot decode kallsyms), and unwind every saved register set (each NT_PRSTATUS note)
with drgn's arm64 frame-pointer unwinder, symbolizing each frame.
Prints "note N: pc symbol, ..." lines.  Little-endian ELF dumps only.
"""
import struct
import sys

import drgn


def prstatus_regs(path):
    """The 34 registers of each NT_PRSTATUS note, in note order."""
    with open(path, 'rb') as f:
        head = f.read(64)
        phoff, = struct.unpack_from('<Q', head, 32)
        phentsize, phnum = struct.unpack_from('<HH', head, 54)
        f.seek(phoff)
        phdrs = f.read(phentsize * phnum)
        for i in range(phnum):
            p_type, _, off, _, _, filesz = struct.unpack_from('<IIQQQQ', phdrs, i * phentsize)
            if p_type == 4:
                f.seek(off)
                notes = f.read(filesz)
                break
        else:
            return []
    regs, pos = [], 0
    while pos + 12 <= len(notes):
        namesz, descsz, ntype = struct.unpack_from('<III', notes, pos)
        pos += 12
        name = notes[pos:pos + namesz]
        pos += (namesz + 3) & ~3
        desc = notes[pos:pos + descsz]
        pos += (descsz + 3) & ~3
        if ntype == 1 and name.startswith(b'CORE') and len(desc) >= 112 + 34 * 8:
            regs.append(struct.unpack_from('<34Q', desc, 112))
    return regs


def main():
    dump, vmlinux = sys.argv[1:3]
    prog = drgn.program_from_core_dump(dump)
    prog.load_debug_info([vmlinux])
    for n, r in enumerate(prstatus_regs(dump)):
        regs = drgn.Object(prog, 'struct pt_regs', value={'user_regs': {
            'regs': list(r[:31]), 'sp': r[31], 'pc': r[32], 'pstate': r[33]}})
        frames = []
        for frame in prog.stack_trace(regs):
            try:
                frames.append('%#x %s' % (frame.pc, frame.symbol().name))
            except LookupError:
                frames.append('%#x ?' % frame.pc)
        print('note %d: %s' % (n, ', '.join(frames)))


if __name__ == '__main__':
    main()
