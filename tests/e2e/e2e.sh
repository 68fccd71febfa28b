#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# kexec-sdei end-to-end tier: real arm64 kernels under QEMU (TCG) crash
# with CPUs wedged in different ways; the capture kernel saves the dump;
# vmcore-sdei must give exactly the verdicts each scenario implies.
#
# Usage: tests/e2e/e2e.sh [--subset ci|full] [SCENARIO...]
#   KSD_E2E_CACHE   downloads, kernels, firmware (default
#                   /var/cache/kexec-sdei-e2e; kept between runs)
#   KSD_E2E_RUNS    run directories (default ./e2e-runs)
#   VMCORE_SDEI     the host vmcore-sdei to check dumps with
#   KSD_E2E_GUEST_VMCORE_SDEI, KSD_E2E_GUEST_KEXEC, KSD_E2E_GUEST_REPORT
#                   static aarch64 vmcore-sdei and kexec, and the kdump
#                   hook, for the guests; by default built here from this
#                   tree (scripts/cross-sysroot, docs/cross-build.md)
#   KSD_E2E_FORMATS makedumpfile formats the capture kernel saves, of
#                   E,c,l,z,F (default E); each must give E's report
#   KSD_E2E_CHECK_ONLY=1  check the dumps of earlier runs again, without
#                   booting anything (after a change to vmcore-sdei)
# Exit status: 0 all passed, 1 a check failed, 77 a prerequisite is
# missing (the reason is printed).  Output is TAP.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$HERE/../.." && pwd)
CACHE=${KSD_E2E_CACHE:-/var/cache/kexec-sdei-e2e}
RUNS=$(realpath -m "${KSD_E2E_RUNS:-e2e-runs}")
VMCORE_SDEI=${VMCORE_SDEI:-$SRC/vmcore-sdei/vmcore-sdei}
LINUX_VERSION=${KSD_E2E_LINUX:-6.12.107-1}
TFA_VERSION=${KSD_E2E_TFA:-2.12.1+dfsg-1}
SUBSET=ci
JOBS=$(nproc)

# name | kernel | smp | scenario | extra kernel args | firmware | loader | cpu
# Debian's 6.1 kernel has no kexec_file_load: Debian's kexec-tools loads
# its capture kernel (kexec_load).  The test kernels are loaded by this
# project's kexec through kexec_file_load (ours-s); deb61-ours-c loads
# Debian's kernel with this project's kexec -c (kexec_load, our purgatory,
# the SDEI record as a note in the elfcorehdr, no ksd.fixtext needed).  The CPU model is
# cortex-a57 unless the last field names another: a 52-bit VA needs
# FEAT_LPA2, which only QEMU's "max" CPU has (pauth-impdef keeps its
# pointer authentication cheap under TCG).  Debian's makedumpfile refuses
# 4K pages with a 52-bit VA ("PAGE SIZE 0x1000 and VA Bits 52 not
# supported"): those scenarios keep /proc/vmcore as it is (raw).
SCENARIOS="
deb61-basic|deb61|2|basic|ksd.fixtext=1|qemu|debian
deb61-ours-c|deb61|2|basic|ksd.formats=E,c,l,z,F|qemu|ours-c
deb61-ours-a|deb61|2|basic||qemu|ours-a
sdei-basic|sdei|2|basic||qemu|ours-s
sdei-basic-ours-c|sdei|2|basic||qemu|ours-c
va52-basic|va52|2|basic|ksd.formats=raw|qemu|ours-s|max,pauth-impdef=on
va52-on48-basic|va52|2|basic|ksd.formats=raw|qemu|ours-s
va52-ours-c|va52|2|basic|ksd.formats=raw|qemu|ours-c|max,pauth-impdef=on
deb61-wedge-irq|deb61|2|wedge-irq|ksd.fixtext=1|qemu|debian
deb61-wedge-irq-ours-c|deb61|2|wedge-irq||qemu|ours-c
sdei-wedge-daif|sdei|2|wedge-daif||tfa|ours-s
sdei-wedge-daif-ours-c|sdei|2|wedge-daif|ksd.formats=E,c,l,z,F|tfa|ours-c
sdei-wedge-daif-4cpu|sdei|4|wedge-daif|ksd.wedgecpu=2|tfa|ours-s
sdei-wedge-daif-4cpu-ours-c|sdei|4|wedge-daif|ksd.wedgecpu=2|tfa|ours-c
sdei-lkdtm-4cpu|sdei|4|lkdtm-hardlockup|ksd.wedgecpu=2|qemu|ours-s
sdei-lkdtm-4cpu-ours-c|sdei|4|lkdtm-hardlockup|ksd.wedgecpu=2|qemu|ours-c
sdei-wedge-irq-pnmi|sdei|2|wedge-irq|irqchip.gicv3_pseudo_nmi=1|qemu|ours-s
sdei-wedge-irq-pnmi-ours-c|sdei|2|wedge-irq|irqchip.gicv3_pseudo_nmi=1|qemu|ours-c
sdei-wedge-daif-pnmi|sdei|2|wedge-daif|irqchip.gicv3_pseudo_nmi=1|qemu|ours-s
sdei-wedge-daif-pnmi-ours-c|sdei|2|wedge-daif|irqchip.gicv3_pseudo_nmi=1|qemu|ours-c
"
CI_SUBSET="deb61-basic deb61-ours-c sdei-wedge-daif sdei-wedge-daif-ours-c sdei-lkdtm-4cpu"

n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
note() { echo "# $*"; }
skip_all() { echo "1..0 # SKIP $*"; exit 77; }

while [ $# -gt 0 ]; do
	case $1 in
	--subset) SUBSET=$2; shift 2 ;;
	-h|--help) sed -n '2,21p' "$0"; exit 0 ;;
	*) break ;;
	esac
done
if [ $# -gt 0 ]; then
	WANT="$*"
elif [ "$SUBSET" = full ]; then
	WANT=$(echo "$SCENARIOS" | awk -F'|' 'NF > 1 { print $1 }')
else
	WANT=$CI_SUBSET
fi

for tool in qemu-system-aarch64 qemu-aarch64-static aarch64-linux-gnu-gcc cpio fdtput \
	    apt-get dpkg-deb python3 xz make bc flex bison; do
	command -v "$tool" > /dev/null || skip_all "$tool is missing (scripts/install-deps --e2e installs it)"
done
[ -x "$VMCORE_SDEI" ] || skip_all "no vmcore-sdei at $VMCORE_SDEI (build first)"
mkdir -p "$CACHE" "$RUNS" || skip_all "cannot create $CACHE"

. "$HERE/lib-fetch.sh"
. "$HERE/lib-build.sh"
. "$HERE/lib-run.sh"

[ "${KSD_E2E_CHECK_ONLY:-0}" = 1 ] || fetch || skip_all "the arm64 packages cannot be had: $FETCH_ERROR"
if [ "${KSD_E2E_CHECK_ONLY:-0}" != 1 ]; then
	build_guest_tools || note "no static arm64 build of our tools: $GUEST_ERROR"
fi
for name in $WANT; do
	line=$(echo "$SCENARIOS" | grep "^$name|") || { not_ok "$name: no such scenario"; continue; }
	IFS='|' read -r name kernel smp scen extra fw loader cpu <<< "$line"
	if [ "${KSD_E2E_CHECK_ONLY:-0}" != 1 ]; then
		if [ "$loader" != debian ] && [ -z "${KSD_E2E_GUEST_KEXEC:-}" ]; then
			not_ok "$name: needs this project's kexec for arm64: $GUEST_ERROR"
			continue
		fi
		if ! prepare_kernel "$kernel"; then
			not_ok "$name: building kernel $kernel failed" "$(tail -5 "$BUILD_LOG" 2>/dev/null)"
			continue
		fi
		run_one "$name" "$kernel" "$smp" "$scen" "$extra ksd.loader=$loader" "$fw" \
			"${cpu:-cortex-a57}"
	fi
	check_one "$name" "$loader"
done
echo "1..$n"
[ "$failed" -eq 0 ]
