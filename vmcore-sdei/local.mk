# SPDX-License-Identifier: GPL-2.0-or-later
# The analysis is a library of its own so unit tests can drive it.
noinst_LIBRARIES += vmcore-sdei/libanalysis.a
vmcore_sdei_libanalysis_a_SOURCES = \
	vmcore-sdei/analysis.c vmcore-sdei/analysis.h \
	vmcore-sdei/evidence.c vmcore-sdei/memory.c vmcore-sdei/verdict.c \
	vmcore-sdei/backtrace.c vmcore-sdei/log.c \
	vmcore-sdei/report.h vmcore-sdei/report-text.c vmcore-sdei/report-json.c

bin_PROGRAMS += vmcore-sdei/vmcore-sdei
vmcore_sdei_vmcore_sdei_SOURCES = vmcore-sdei/main.c
vmcore_sdei_vmcore_sdei_LDADD = vmcore-sdei/libanalysis.a $(LIBKEXECSDEI_LIBS)
