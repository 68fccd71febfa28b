# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by the bench/ scripts: timing and I/O counting, the same way in
# every benchmark so their numbers compare.  Needs $runs and $work.

# mean_ms CMD...: "MEAN MEDIAN" wall time of $runs runs, in milliseconds
mean_ms() {
	python3 - "$runs" "$@" <<'PY'
import subprocess, sys, time
runs = int(sys.argv[1]); cmd = sys.argv[2:]
t = []
for _ in range(runs):
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t.append(time.perf_counter() - t0)
t.sort()
print("%.2f %.2f" % (sum(t) / len(t) * 1e3, t[len(t) // 2] * 1e3))
PY
}

# bytes_read CMD...: bytes CMD reads with read(2) and pread(2) (strace);
# pages a program maps are not counted.
bytes_read() {
	if command -v strace > /dev/null; then
		strace -f -e trace=read,pread64 -o "$work/strace" "$@" > /dev/null 2>&1 || :
		awk -F'= ' '/= [0-9]+$/ { s += $NF } END { printf "%d\n", s }' "$work/strace"
	else
		echo "n/a"
	fi
}

# rss_kb CMD...: peak resident set of one run, in KiB
rss_kb() {
	/usr/bin/time -f %M -o "$work/rss" "$@" > /dev/null 2>&1 || :
	tail -n 1 "$work/rss"
}
