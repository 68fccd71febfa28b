#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The limits on what a dump may make vmcore-sdei do are stated three
# times: in the headers (lib/util/limits.h and the KSD_MAX_*, KSD_BTF_MAX_*
# and AARCH64_MAX_* of lib/kernel and lib/arch), in vmcore-sdei(8) LIMITS
# and in docs/robustness.md.  Every limit a header defines must be named
# in both documents, with its value (as written there: 4194304, 65,536,
# 2^20, 64 MiB) in the paragraph or table row that names it.
. "${top_srcdir:?}/tests/integration/lib.sh"

python3 - "$top_srcdir" > "$WORK/limits.out" 2>&1 <<'PY'
import re, sys
top = sys.argv[1]
heads = ["lib/util/limits.h", "lib/kernel/btf.h", "lib/kernel/kallsyms.h",
         "lib/kernel/modules.h", "lib/kernel/printk.h", "lib/arch/unwind.h"]
limits = {}
for h in heads:
    for m in re.finditer(r"^#define ((?:KSD_MAX|KSD_BTF_MAX|AARCH64_MAX)_\w+)\s+(.+)$",
                         open("%s/%s" % (top, h)).read(), re.M):
        expr = re.sub(r"(\d+)u?l?l?\b", r"\1", m.group(2))
        limits[m.group(1)] = eval(expr)

def forms(name, v):
    f = {str(v), "{:,}".format(v)}
    if name.endswith("_BITS"):
        f.add("2^%d" % v)
    if v & (v - 1) == 0:
        f.add("2^%d" % (v.bit_length() - 1))
    for unit, s in (("KiB", 10), ("MiB", 20), ("GiB", 30)):
        if v % (1 << s) == 0:
            f.add("%d %s" % (v >> s, unit))
    return f

man = open(top + "/man/vmcore-sdei.8").read()
man = man[man.index(".SH LIMITS"):man.index(".SH SEE ALSO")]
paras = man.split(".TP\n")
rob = [l for l in open(top + "/docs/robustness.md") if l.startswith("| `")]
bad = 0
for name, v in sorted(limits.items()):
    want = forms(name, v)
    for doc, chunks in (("vmcore-sdei(8) LIMITS", paras), ("docs/robustness.md", rob)):
        hit = [c for c in chunks if re.search(r"\b%s\b" % name, c.split("\n")[0] if doc[0] == "v" else c.split("|")[1])]
        if not hit:
            hit = [c for c in chunks if re.search(r"\b%s\b" % name, c)]
        if not hit:
            print("%s: %s is not named" % (doc, name)); bad += 1
        elif not any(re.search(r"(?<![\w^.,])%s(?![\w,^])" % re.escape(w), c)
                     for c in hit for w in want):
            print("%s: %s = %d, given as none of %s" % (doc, name, v, sorted(want))); bad += 1
print("%d limits checked" % len(limits))
sys.exit(1 if bad else 0)
PY
status=$?
if [ $status -eq 0 ]; then
	ok "vmcore-sdei(8) and docs/robustness.md state every limit with its value ($(tail -n 1 "$WORK/limits.out"))"
else
	not_ok "vmcore-sdei(8) and docs/robustness.md state every limit with its value" "$(cat "$WORK/limits.out")"
fi

done_testing
