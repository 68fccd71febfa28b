# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by e2e.sh: kernels, the test module, firmware and initramfs.
#   prepare_kernel NAME  sets KIMAGE, KREL, KMODDIR, KWEDGE (and builds
#                        what is missing into $CACHE/kernels/NAME)

BUILD_LOG=
GUEST_ERROR=
KX="ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-"

# This tree's kexec, vmcore-sdei and kdump hook as static arm64 programs,
# built out of tree against arm64 libraries unpacked (not installed) by
# scripts/cross-sysroot.
build_guest_tools() {
	local sys=$CACHE/arm64-sysroot b=$RUNS/cross-build
	[ -n "${KSD_E2E_GUEST_KEXEC:-}" ] && return 0
	if [ ! -f "$sys/config.site" ] &&
	   ! "$SRC/scripts/cross-sysroot" "$sys" > "$RUNS/cross-sysroot.log" 2>&1; then
		GUEST_ERROR="scripts/cross-sysroot failed (see $RUNS/cross-sysroot.log)"
		return 1
	fi
	local conf
	[ -x "$SRC/configure" ] || "$SRC/scripts/bootstrap" > /dev/null 2>&1
	# A source tree configured in place cannot host out-of-tree builds.
	if ! conf=$("$SRC/scripts/vpath-source" "$RUNS/cross-src"); then
		GUEST_ERROR="cannot make a clean copy of the sources"
		return 1
	fi
	mkdir -p "$b"
	if ! (cd "$b" && export CONFIG_SITE=$sys/config.site &&
	      { [ -f Makefile ] || "$conf/configure" -q --host=aarch64-linux-gnu; } &&
	      make -s -j"$JOBS" kexec/kexec vmcore-sdei/vmcore-sdei kdump/kdump-report) \
		> "$RUNS/cross-build.log" 2>&1; then
		GUEST_ERROR="the static arm64 build failed (see $RUNS/cross-build.log)"
		return 1
	fi
	KSD_E2E_GUEST_KEXEC=$b/kexec/kexec
	KSD_E2E_GUEST_VMCORE_SDEI=$b/vmcore-sdei/vmcore-sdei
	KSD_E2E_GUEST_REPORT=$b/kdump/kdump-report
}

build_wedge() {	# build_wedge KERNEL-BUILD-DIR OUT-DIR
	rm -rf "$2/wedge" && cp -r "$HERE/wedge" "$2/wedge" &&
		make -C "$1" M="$2/wedge" $KX modules >> "$BUILD_LOG" 2>&1
}

prepare_deb61() {
	local d=$CACHE/kernels/deb61 hdr
	KREL=$(cat "$CACHE/deb12/release")
	KIMAGE=$CACHE/deb12/root/boot/vmlinuz-$KREL
	KMODDIR=$CACHE/deb12/root/lib/modules/$KREL
	KWEDGE=$d/wedge/ksd_wedge.ko
	[ -f "$KWEDGE" ] && return 0
	mkdir -p "$d"
	BUILD_LOG=$d/build.log
	hdr=$CACHE/deb12/root/usr/src/linux-headers-$KREL
	# The arm64 headers include their -common part by absolute path.
	sed -i "s#include /usr/src/#include $CACHE/deb12/root/usr/src/#" "$hdr/Makefile"
	build_wedge "$hdr" "$d"
}

prepare_built() {	# prepare_built NAME FRAGMENTS...
	local name=$1 d=$CACHE/kernels/$1 src out
	shift
	src=$(ls -d "$CACHE"/src/linux-6.12*/ 2>/dev/null | head -n 1)
	KIMAGE=$d/Image KMODDIR= KWEDGE=$d/wedge/ksd_wedge.ko
	if [ -f "$KIMAGE" ] && [ -f "$KWEDGE" ]; then
		KREL=$(cat "$d/release")
		return 0
	fi
	[ -n "$src" ] || { BUILD_LOG=/dev/null; return 1; }
	rm -rf "$d" && mkdir -p "$d/tree" "$d/obj"
	BUILD_LOG=$d/build.log
	note "building kernel $name (several minutes)"
	# A private copy of the tree, so the patch never touches the cache's.
	cp -a "$src/." "$d/tree/" &&
	(cd "$d/tree" && for p in "$HERE"/kernel-patches/*.patch; do
		patch -p1 -s < "$p" || exit 1; done) >> "$BUILD_LOG" 2>&1 &&
	make -C "$d/tree" O="$d/obj" $KX allnoconfig >> "$BUILD_LOG" 2>&1 &&
	(cd "$d/tree" && scripts/kconfig/merge_config.sh -m -O "$d/obj" "$d/obj/.config" \
		"$@") >> "$BUILD_LOG" 2>&1 &&
	make -C "$d/tree" O="$d/obj" $KX olddefconfig >> "$BUILD_LOG" 2>&1 &&
	make -C "$d/tree" O="$d/obj" $KX -j"$JOBS" Image modules >> "$BUILD_LOG" 2>&1 &&
	build_wedge "$d/obj" "$d" || return 1
	cp "$d/obj/arch/arm64/boot/Image" "$KIMAGE"
	cp "$d/obj/System.map" "$d/System.map"
	cat "$d/obj/include/config/kernel.release" > "$d/release"
	KREL=$(cat "$d/release")
	rm -rf "$d/tree"
}

prepare_kernel() {
	case $1 in
	deb61) prepare_deb61 ;;
	sdei) prepare_built sdei "$HERE/configs/base.config" "$HERE/configs/sdei.config" ;;
	va48) prepare_built va48 "$HERE/configs/base.config" "$HERE/configs/va48.config" ;;
	va52) prepare_built va52 "$HERE/configs/base.config" "$HERE/configs/va52.config" ;;
	*) return 1 ;;
	esac
}

# TF-A with SDEI for QEMU virt; the kernel is BL33.  Built per kernel image.
build_tfa() {	# build_tfa IMAGE OUTDIR
	local tfa
	tfa=$(ls -d "$CACHE"/src/arm-trusted-firmware-*/ 2>/dev/null | head -n 1)
	[ -n "$tfa" ] || return 1
	make -C "$tfa" -j"$JOBS" CROSS_COMPILE=aarch64-linux-gnu- PLAT=qemu \
		QEMU_USE_GIC_DRIVER=QEMU_GICV3 SDEI_SUPPORT=1 EL3_EXCEPTION_HANDLING=1 \
		ARM_LINUX_KERNEL_AS_BL33=1 BL33="$1" all fip > "$2/tfa-build.log" 2>&1 &&
		cp "$tfa/build/qemu/release/qemu_fw.bios" "$2/"
}

# The initramfs both kernels boot: busybox, Debian 13's kexec-tools and
# makedumpfile (with their libraries, found with the arm64 ld.so under
# qemu-user), the 9p modules, the test module, our tools, our /init.
build_initramfs() {	# build_initramfs OUT
	local st=$(mktemp -d) r=$CACHE/root13/root lib libs b
	mkdir -p "$st"/{bin,sbin,usr/bin,usr/sbin,lib/aarch64-linux-gnu,lib/modules,proc,sys,dev,tmp,mnt,etc}
	cp "$r/bin/busybox" "$st/bin/"
	for a in $(qemu-aarch64-static "$st/bin/busybox" --list); do
		[ "$a" = busybox ] || ln -sf busybox "$st/bin/$a"
	done
	cp "$r/usr/sbin/kexec" "$st/sbin/kexec"
	cp "$r/usr/bin/makedumpfile" "$st/usr/bin/"
	libs=$(for b in "$st/sbin/kexec" "$st/usr/bin/makedumpfile"; do
		qemu-aarch64-static -L "$r" -E LD_TRACE_LOADED_OBJECTS=1 \
			"$r/lib/ld-linux-aarch64.so.1" "$b"
	done | awk '/=>/ && !/ld-linux/ { print $3 }' | sort -u)
	for lib in $libs; do
		cp -L "$r$lib" "$st/lib/aarch64-linux-gnu/" || return 1
	done
	cp -L "$r/lib/ld-linux-aarch64.so.1" "$st/lib/"
	[ -n "${KSD_E2E_GUEST_VMCORE_SDEI:-}" ] && cp "$KSD_E2E_GUEST_VMCORE_SDEI" "$st/sbin/vmcore-sdei"
	[ -n "${KSD_E2E_GUEST_KEXEC:-}" ] && cp "$KSD_E2E_GUEST_KEXEC" "$st/sbin/kexec-sdei"
	[ -n "${KSD_E2E_GUEST_REPORT:-}" ] && install -m 755 "$KSD_E2E_GUEST_REPORT" "$st/sbin/kdump-report"
	: > "$st/etc/modules-9p"
	if [ -n "$KMODDIR" ]; then
		for m in drivers/virtio/virtio_mmio fs/netfs/netfs fs/fscache/fscache \
			 net/9p/9pnet net/9p/9pnet_virtio fs/9p/9p; do
			for f in "$KMODDIR/kernel/$m.ko" "$KMODDIR/kernel/$m.ko.xz"; do
				[ -f "$f" ] || continue
				case $f in
				*.xz) xz -dc "$f" > "$st/lib/modules/$(basename "$m").ko" ;;
				*) cp "$f" "$st/lib/modules/" ;;
				esac
				echo "/lib/modules/$(basename "$m").ko" >> "$st/etc/modules-9p"
			done
		done
	fi
	cp "$KWEDGE" "$st/lib/modules/ksd_wedge.ko"
	install -m 755 "$HERE/init" "$st/init"
	(cd "$st" && find . | LC_ALL=C sort | cpio -o -H newc --quiet | gzip -6) > "$1"
	rm -rf "$st"
}
