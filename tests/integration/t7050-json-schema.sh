#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# docs/json-schema.md is the contract pipelines code against: every member
# the JSON report prints is documented in its table, and every documented
# member is printed.  Checked on the real example dump (an ELF vmcore,
# with backtraces) and on a flattened zlib kdump with an SDEI record made
# from the model crash, so both formats' members and the record appear.
. "${top_srcdir:?}/tests/integration/lib.sh"

command -v xz > /dev/null || skip_all "xz not installed"
have_codec zlib || skip_all "this build reads no zlib pages"

xz -dc "$top_srcdir/examples/sdei-wedge-2cpu.vmcore.xz" > "$WORK/example.vmcore"
run_sdei example --json --backtrace "$WORK/example.vmcore"
expect_status example 3 "the example dump"
mkdump "$SPECS/model-4cpus.vmspec" "$WORK/src.elf"
"$MKKDUMP" -F -c zlib -d 31 "$WORK/src.elf" "$WORK/flat.kdump" 2> "$WORK/mk.err" ||
	{ echo "Bail out! mkkdump: $(cat "$WORK/mk.err")"; exit 1; }
run_sdei flat --json --backtrace "$WORK/flat.kdump"
expect_status flat 3 "the flattened kdump"

python3 - "$top_srcdir/docs/json-schema.md" "$WORK/example.out" "$WORK/flat.out" \
	> "$WORK/schema.out" 2>&1 <<'PY'
import json, re, sys

doc = open(sys.argv[1]).read()
documented, section = {}, None
for line in doc.splitlines():
    m = re.match(r"#+ (Top level|`(\w+)(\[\])?`)$", line)
    if m:
        section = m.group(2) or ""
        documented[section] = set()
        continue
    m = re.match(r"\| (`[^|]*`) \|", line)
    if m and section is not None:
        documented[section] |= set(re.findall(r"`(\w+)`", m.group(1)))

seen = {s: set() for s in documented}
for path in sys.argv[2:]:
    r = json.load(open(path))
    seen[""] |= set(r)
    for s in documented:
        if s == "cpus":
            for c in r["cpus"]:
                seen[s] |= set(c)
        elif s and isinstance(r.get(s), dict):
            seen[s] |= set(r[s])
for s in sorted(documented):
    name = s or "top level"
    for k in sorted(seen[s] - documented[s]):
        print("%s: %s is printed but not documented" % (name, k))
    for k in sorted(documented[s] - seen[s]):
        print("%s: %s is documented but never printed" % (name, k))
print("sections: " + " ".join(sorted(s or "top" for s in documented)))
PY
if grep -q "document" "$WORK/schema.out"; then
	not_ok "docs/json-schema.md and the report agree member for member" "$(cat "$WORK/schema.out")"
else
	ok "docs/json-schema.md and the report agree member for member ($(tail -n 1 "$WORK/schema.out"))"
fi

done_testing
