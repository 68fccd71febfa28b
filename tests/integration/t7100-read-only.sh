#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# vmcore-sdei never writes to its input: content and mtime are unchanged,
# and it works on a dump it is not allowed to write.
. "${top_srcdir:?}/tests/integration/lib.sh"

mkdump "$SPECS/four-cpus-cpu2-silent.vmspec" "$WORK/d.vmcore"
touch -d '2020-01-01 00:00:00' "$WORK/d.vmcore"
before_sum=$(cksum < "$WORK/d.vmcore")
before_mtime=$(stat -c %Y "$WORK/d.vmcore")
chmod 0444 "$WORK/d.vmcore"
run_sdei ro --json "$WORK/d.vmcore"
expect_status ro 3 "analyses a read-only dump"
run_sdei ro2 "$WORK/d.vmcore"
after_sum=$(cksum < "$WORK/d.vmcore")
after_mtime=$(stat -c %Y "$WORK/d.vmcore")
if [ "$before_sum" = "$after_sum" ]; then ok "content unchanged"; else not_ok "content unchanged"; fi
if [ "$before_mtime" = "$after_mtime" ]; then ok "mtime unchanged"; else not_ok "mtime unchanged"; fi
chmod 0644 "$WORK/d.vmcore"

done_testing
