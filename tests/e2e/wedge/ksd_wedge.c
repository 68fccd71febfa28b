// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ksd_wedge: test-only module for kexec-sdei's end-to-end tests.  The CPU
 * that writes to /proc/ksd_wedge spins for ever with interrupts masked,
 * so a later panic's stop IPI cannot reach it:
 *
 *   echo irq  > /proc/ksd_wedge  local_irq_disable(): PSTATE.I, or only
 *                                ICC_PMR_EL1 when pseudo-NMI is in use,
 *                                so the pseudo-NMI rung still gets in
 *   echo daif > /proc/ksd_wedge  local_daif_mask(): D, A, I and F all set,
 *                                so only SDEI (or nothing) gets in
 *
 * Pin the writer with taskset.  The write never returns.
 */
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>
#include <linux/smp.h>
#include <linux/irqflags.h>
#include <asm/daifflags.h>

static volatile unsigned long ksd_wedge_spins;

/* noinline: the spin loop must be a function of its own in the backtrace. */
static noinline void ksd_wedge_irq(void)
{
	local_irq_disable();
	for (;;) {
		ksd_wedge_spins++;
		cpu_relax();
	}
}

static noinline void ksd_wedge_daif(void)
{
	local_daif_mask();
	for (;;) {
		ksd_wedge_spins++;
		cpu_relax();
	}
}

static ssize_t ksd_wedge_write(struct file *file, const char __user *ubuf,
			       size_t len, loff_t *off)
{
	char mode[8] = { 0 };

	if (copy_from_user(mode, ubuf, min(len, sizeof(mode) - 1)))
		return -EFAULT;
	preempt_disable();
	pr_emerg("ksd_wedge: CPU %d spinning for ever, mode %s\n",
		 smp_processor_id(), mode[0] == 'd' ? "daif" : "irq");
	if (mode[0] == 'd')
		ksd_wedge_daif();
	ksd_wedge_irq();
	return len;
}

static const struct proc_ops ksd_wedge_ops = {
	.proc_write = ksd_wedge_write,
};

static int __init ksd_wedge_init(void)
{
	return proc_create("ksd_wedge", 0200, NULL, &ksd_wedge_ops) ? 0 : -ENOMEM;
}

static void __exit ksd_wedge_exit(void)
{
	remove_proc_entry("ksd_wedge", NULL);
}

module_init(ksd_wedge_init);
module_exit(ksd_wedge_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kexec-sdei e2e test: wedge a CPU with interrupts masked");
