# SPDX-License-Identifier: GPL-2.0-or-later
dist_man_MANS += man/vmcore-sdei.8 man/kexec-sdei-record.5 man/kexec.8
