#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# mkvmcore's kernel in memory against a real one: the structural facts a
# reader relies on must hold in the real arm64 dump of examples/ (6.12,
# 4K pages, 48-bit VAs, KASLR) and in a generated kernel of the same
# shape alike.  Checked from the raw bytes, independently of lib/:
#   kallsyms  the tables in scripts/kallsyms.c's order, each 8-byte
#             aligned right after the previous one; token_index strictly
#             increasing over NUL-terminated tokens; a one-character token
#             only ever at its own code; markers at every 256th name;
#             seqs_of_names a permutation sorted by name; relative_base
#             the first symbol, _text; addresses ascending; _stext where
#             VMCOREINFO says;
#   tables    table descriptors carry only table attributes (bits 63:59);
#             every leaf has the access flag;
#   VMCOREINFO the generator's keys in the real kernel's order;
#   stacks    a task's final frame record 0x20 below the stack's top.
. "${top_srcdir:?}/tests/integration/lib.sh"

command -v xz > /dev/null || skip_all "xz not installed"
xz -dc "$top_srcdir/examples/sdei-wedge-2cpu.vmcore.xz" > "$WORK/real.vmcore"

cat > "$WORK/gen.spec" <<'SPEC'
osrelease = 6.12.107-e2e48sdei
crashtime = 5
ram = 0x40000000 0x24000000
cpus = 2
phys_offset = 0xffffc4d080000000
kernel = yes
kernel.kaslr = 0x3abe8f000000
kernel.phys = 0x60000000
kernel.kallsyms_extra = 2000
kernel.panic_cpu = 0
kernel.online = 0
kernel.sdei_nmi_stopping = 1
kernel.sdei_active = 1
cpu.0 = pid=103 pstate=0x400000c5
cpu.1 = pid=98 pstate=0x600003c5
stack.0 = __crash_kexec,panic,sysrq_handle_crash,__handle_sysrq,write_sysrq_trigger,proc_reg_write,vfs_write,ksys_write,__arm64_sys_write,invoke_syscall,do_el0_svc,el0_svc,el0t_64_sync_handler,el0t_64_sync
stack.1 = mod:wedge_spin_daif,mod:wedge_write,proc_reg_write,vfs_write,ksys_write,__arm64_sys_write,invoke_syscall,do_el0_svc,el0_svc,el0t_64_sync_handler,el0t_64_sync
SPEC
mkdump "$WORK/gen.spec" "$WORK/gen.vmcore"

cat > "$WORK/structure.py" <<'PY'
import struct, sys

path = sys.argv[1]
f = open(path, 'rb')
head = f.read(64)
phoff, = struct.unpack_from('<Q', head, 32)
phentsize, phnum = struct.unpack_from('<HH', head, 54)
f.seek(phoff)
ph = f.read(phentsize * phnum)
loads, vi, vi_order = [], {}, []
for i in range(phnum):
    t, _, off, va, pa, fsz, msz, _ = struct.unpack_from('<IIQQQQQQ', ph, i * phentsize)
    if t == 1:
        loads.append((pa, fsz, off))
    elif t == 4:
        f.seek(off)
        notes = f.read(fsz)
        j = notes.find(b'OSRELEASE=')
        for line in notes[j:].split(b'\0')[0].decode().splitlines():
            if '=' in line:
                k, v = line.split('=', 1)
                vi[k] = v
                vi_order.append(k)
kv = int(vi['NUMBER(kimage_voffset)'], 16)

def rp(pa, n):
    for b, sz, off in loads:
        if b <= pa and pa + n <= b + sz:
            f.seek(off + pa - b)
            return f.read(n)
    return bytes(n)

def rv(va, n):
    return rp((va - kv) % 2**64, n)

S = lambda k: int(vi['SYMBOL(%s)' % k], 16)
def check(name, cond):
    print('%s %s' % ('ok' if cond else 'FAIL', name))

# ---- kallsyms ----
num, = struct.unpack('<I', rv(S('kallsyms_num_syms'), 4))
tidx = struct.unpack('<256H', rv(S('kallsyms_token_index'), 512))
tt = rv(S('kallsyms_token_table'), tidx[255] + 256)
tokens = [tt[tidx[i]:tt.index(b'\0', tidx[i])] for i in range(256)]
names = rv(S('kallsyms_names'), S('kallsyms_token_table') - S('kallsyms_names'))
pos, offs_of, syms = 0, [], []
for i in range(num):
    offs_of.append(pos)
    ln = names[pos]; pos += 1
    if ln & 0x80:
        ln = (ln & 0x7f) | names[pos] << 7; pos += 1
    syms.append(b''.join(tokens[c] for c in names[pos:pos + ln]).decode())
    pos += ln
names_end = S('kallsyms_names') + pos
base, = struct.unpack('<Q', rv(S('kallsyms_relative_base'), 8))
offs = struct.unpack('<%di' % num, rv(S('kallsyms_offsets'), 4 * num))
addr = [base + (o & 0xffffffff) for o in offs]
by_name = {s[1:]: a for s, a in zip(syms, addr)}
a8 = lambda x: (x + 7) & ~7
markers, seqs = by_name['kallsyms_markers'], by_name['kallsyms_seqs_of_names']
check('kallsyms tables in order, each 8-byte aligned after the last',
      S('kallsyms_names') == a8(S('kallsyms_num_syms') + 4) and
      markers == a8(names_end) and
      S('kallsyms_token_table') == a8(markers + 4 * ((num + 255) // 256)) and
      S('kallsyms_token_index') == a8(S('kallsyms_token_table') + tidx[255] + len(tokens[255]) + 1) and
      S('kallsyms_offsets') == a8(S('kallsyms_token_index') + 512) and
      S('kallsyms_relative_base') == a8(S('kallsyms_offsets') + 4 * num) and
      seqs == a8(S('kallsyms_relative_base') + 8))
check('token_index strictly increasing over NUL-terminated tokens',
      tidx[0] == 0 and all(tidx[i + 1] == tidx[i] + len(tokens[i]) + 1 for i in range(255)))
check('one-character tokens only at their own code',
      all(len(t) != 1 or t[0] == i for i, t in enumerate(tokens)))
mk = struct.unpack('<%dI' % ((num + 255) // 256), rv(markers, 4 * ((num + 255) // 256)))
check('markers at every 256th name', list(mk) == offs_of[::256])
raw = rv(seqs, 3 * num)
seq = [raw[3 * i] << 16 | raw[3 * i + 1] << 8 | raw[3 * i + 2] for i in range(num)]
check('seqs_of_names a permutation sorted by name',
      sorted(seq) == list(range(num)) and
      all(syms[seq[i]][1:] <= syms[seq[i + 1]][1:] for i in range(num - 1)))
check('relative_base is the first symbol, _text', base == addr[0] == by_name['_text'])
check('addresses ascending, _stext where VMCOREINFO says',
      addr == sorted(addr) and by_name['_stext'] == S('_stext'))

# ---- page tables (4K, 48 bits: four levels) ----
root = S('swapper_pg_dir') - kv
bad_table = bad_leaf = tables = leaves = 0
def walk(t, level):
    global bad_table, bad_leaf, tables, leaves
    raw = rp(t, 4096)
    for i in range(512):
        e, = struct.unpack_from('<Q', raw, 8 * i)
        if not e & 1:
            continue
        if level < 3 and e & 3 == 3:
            tables += 1
            if e & ~0x0000fffffffff000 & ~3 & ~(0x1f << 59):
                bad_table += 1
            walk(e & 0x0000fffffffff000, level + 1)
        else:
            leaves += 1
            if not e & (1 << 10):
                bad_leaf += 1
walk(root, 0)
check('table descriptors carry only table attributes', tables and not bad_table)
check('every leaf has the access flag', leaves and not bad_leaf)
print('vi ' + ' '.join(vi_order))
PY

for d in real gen; do
	python3 "$WORK/structure.py" "$WORK/$d.vmcore" > "$WORK/$d.struct" 2>&1 ||
		echo "FAIL the checker ran: $(tail -n 1 "$WORK/$d.struct")" >> "$WORK/$d.struct"
done
grep -v '^vi ' "$WORK/real.struct" | while read -r res what; do
	gres=$(grep -F " $what" "$WORK/gen.struct" | head -n 1 | cut -d' ' -f1)
	if [ "$res" = ok ] && [ "$gres" = ok ]; then
		echo "ok - real and generated: $what"
	else
		echo "not ok - real $res, generated ${gres:-missing}: $what"
	fi
done > "$WORK/results"
while read -r line; do
	case $line in
	"ok - "*) ok "${line#ok - }" ;;
	*) not_ok "${line#not ok - }" "$(cat "$WORK/real.struct" "$WORK/gen.struct" | head -c 2000)" ;;
	esac
done < "$WORK/results"

# VMCOREINFO: the keys the generator prints come in the real order.
if python3 - "$WORK/real.struct" "$WORK/gen.struct" > "$WORK/vi.out" 2>&1 <<'PY'
import sys
real, gen = (open(p).read().split('\nvi ')[1].split() for p in sys.argv[1:3])
common = [k for k in gen if k in real]
pos = [real.index(k) for k in common]
missing = [k for k in gen if k not in real]
print(len(common), missing)
sys.exit(0 if pos == sorted(pos) and len(common) > 20 and not missing else 1)
PY
then
	ok "VMCOREINFO: the generator's $(cut -d' ' -f1 "$WORK/vi.out") keys are real ones, in the real order"
else
	not_ok "VMCOREINFO keys or order differ" "$(cat "$WORK/vi.out")"
fi

# The final frame record sits 0x20 below the top of the task stack.
for d in real gen; do
	run_sdei "$d" --json --backtrace "$WORK/$d.vmcore"
done
for d in real gen; do
	json_check "$d" 'r["cpus"] and all(int(c["backtrace"]["stop"].split()[-1], 16) % 0x4000 == 0x4000 - 0x20 for c in r["cpus"])' \
		"$d: each task's final frame record is 0x20 below the top of its 16 KiB stack"
done

done_testing
