/*
 * Native routines for x86_64 Linux, run from one page of executable memory:
 * the spawn routine, and the signal handlers of a tracer on the main thread.
 *
 * The spawn routine is called through FFI as
 *   long spawn(struct spawn_args *a)
 * It returns the child's pid, or -errno if clone failed.
 *
 * No JavaScript may run in the child: the runtimes mark their heaps
 * MADV_DONTFORK, so the child only issues raw syscalls, reading its inputs
 * from the args block, which it shares with the parent (CLONE_VM|CLONE_VFORK).
 * The parent thread sleeps until the child calls execve or exits.
 *
 * struct spawn_args, every field 8 bytes:
 *   0 path          8 argv          16 envp        24 cwd (0: keep)
 *  32 stdin fd     40 stdout fd     48 stderr fd  (-1: inherit)
 *  56 sock_fprog* (0: no seccomp filter)
 *  64 child stack top
 *  72 flags: bit 0 PTRACE_TRACEME, bit 1 setsid, bit 2 keep privileges (no
 *           no_new_privs: the caller has CAP_SYS_ADMIN), bit 3 to be seized: no
 *           CLONE_VFORK, and the child waits for the word at 144 before it execs
 *  80 out: step that failed (1 dup2, 2 chdir, 3 traceme, 4 no_new_privs,
 *          5 seccomp, 6 execve, 7 setsid)
 *  88 out: errno of that step
 *  96 sigset with every signal    104 saved signal mask
 * 112 struct k_sigaction, all zero (SIG_DFL, empty mask), 32 bytes
 * 144 in, to be seized: 0 wait, 1 the tracer has attached, 2 it could not
 */
	.text
	.globl	memassert_spawn
memassert_spawn:
.Lpage:				/* the start of the code page */
	push	%rbx
	push	%r12
	mov	%rdi, %r12

	/* Block every signal so no handler of the runtime runs in the child. */
	mov	$14, %eax		/* rt_sigprocmask */
	mov	$2, %edi		/* SIG_SETMASK */
	lea	96(%r12), %rsi
	lea	104(%r12), %rdx
	mov	$8, %r10d
	syscall

	mov	$56, %eax		/* clone */
	mov	$0x4111, %edi		/* CLONE_VM | CLONE_VFORK | SIGCHLD */
	testq	$8, 72(%r12)
	jz	1f
	/* To be seized, the child must wait for its tracer: no CLONE_VFORK, which would
	 * keep the parent, the tracer-to-be, asleep until the child execs. */
	mov	$0x111, %edi		/* CLONE_VM | SIGCHLD */
1:
	mov	64(%r12), %rsi
	xor	%edx, %edx
	xor	%r10d, %r10d
	xor	%r8d, %r8d
	syscall
	test	%rax, %rax
	jz	child

	mov	%rax, %rbx
	mov	$14, %eax		/* restore the parent's mask */
	mov	$2, %edi
	lea	104(%r12), %rsi
	xor	%edx, %edx
	mov	$8, %r10d
	syscall
	mov	%rbx, %rax
	pop	%r12
	pop	%rbx
	ret

child:
	/* Every signal back to its default action, as after a fresh exec. */
	mov	$1, %ebx
sigloop:
	cmp	$9, %ebx
	je	signext
	cmp	$19, %ebx
	je	signext
	mov	$13, %eax		/* rt_sigaction */
	mov	%ebx, %edi
	lea	112(%r12), %rsi
	xor	%edx, %edx
	mov	$8, %r10d
	syscall
signext:
	inc	%ebx
	cmp	$64, %ebx
	jbe	sigloop

	mov	$14, %eax		/* empty signal mask */
	mov	$2, %edi
	lea	136(%r12), %rsi		/* the zero mask inside the k_sigaction */
	xor	%edx, %edx
	mov	$8, %r10d
	syscall

	mov	$1, %ebx		/* step: dup2 */
	xor	%esi, %esi
dupnext:
	mov	32(%r12,%rsi,8), %rdi
	test	%rdi, %rdi
	js	dupskip
	cmp	%rdi, %rsi
	je	dupskip
	mov	$33, %eax		/* dup2(fd, target); syscall keeps %rsi */
	syscall
	test	%rax, %rax
	js	fail
dupskip:
	inc	%esi
	cmp	$3, %esi
	jb	dupnext

	testq	$2, 72(%r12)
	jz	nosetsid
	mov	$7, %ebx
	mov	$112, %eax		/* setsid */
	syscall
	test	%rax, %rax
	js	fail
nosetsid:

	mov	$2, %ebx
	mov	24(%r12), %rdi
	test	%rdi, %rdi
	jz	nocwd
	mov	$80, %eax		/* chdir */
	syscall
	test	%rax, %rax
	js	fail
nocwd:

	testq	$1, 72(%r12)
	jz	notrace
	mov	$3, %ebx
	mov	$101, %eax		/* ptrace(PTRACE_TRACEME) */
	xor	%edi, %edi
	xor	%esi, %esi
	xor	%edx, %edx
	xor	%r10d, %r10d
	syscall
	test	%rax, %rax
	js	fail
notrace:

	/* To be seized: wait until the tracer has attached (144 = 1) or gave up (144 = 2). */
	testq	$8, 72(%r12)
	jz	noseize
seizewait:
	mov	144(%r12), %rax
	test	%rax, %rax
	jnz	seized
	mov	$24, %eax		/* sched_yield */
	syscall
	jmp	seizewait
seized:
	cmp	$1, %rax
	je	noseize
	mov	$3, %ebx		/* step: ptrace, errno EPERM */
	mov	$-1, %rax
	jmp	fail
noseize:

	cmpq	$0, 56(%r12)
	je	nofilter
	/* A tracer with CAP_SYS_ADMIN needs no no_new_privs for the filter: setuid works on. */
	testq	$4, 72(%r12)
	jnz	privs
	mov	$4, %ebx
	mov	$157, %eax		/* prctl(PR_SET_NO_NEW_PRIVS, 1) */
	mov	$38, %edi
	mov	$1, %esi
	xor	%edx, %edx
	xor	%r10d, %r10d
	xor	%r8d, %r8d
	syscall
	test	%rax, %rax
	js	fail
privs:
	mov	$5, %ebx
	mov	$317, %eax		/* seccomp(SECCOMP_SET_MODE_FILTER, 0, prog) */
	mov	$1, %edi
	xor	%esi, %esi
	mov	56(%r12), %rdx
	syscall
	test	%rax, %rax
	js	fail
nofilter:

	mov	$6, %ebx
	mov	$59, %eax		/* execve */
	mov	(%r12), %rdi
	mov	8(%r12), %rsi
	mov	16(%r12), %rdx
	syscall
	/* The filter lets exactly this execve through: its address is known. */
	.globl	memassert_spawn_execve_return
memassert_spawn_execve_return:

fail:
	mov	%rbx, 80(%r12)
	neg	%rax
	mov	%rax, 88(%r12)
	mov	$231, %eax		/* exit_group(127) */
	mov	$127, %edi
	syscall
	hlt

/*
 * Signal handlers for a tracer running on the main thread, which waits in a
 * blocking wait4 where no JavaScript signal handler can run. They use a data
 * block at the start of the writable page that follows this code page:
 *   +0 the signal caught (int)   +8 pid   +16 tid of the tracer thread
 *   +24 the wake signal
 * memassert_on_signal may run on any thread: it records the signal and sends
 * the wake signal to the tracer thread, whose handler, memassert_wake, makes
 * the tracer's wait end: installed without SA_RESTART, a wake signal that
 * arrives during wait4 makes it return EINTR, and the tracer then sees what
 * was caught.
 */
	.globl	memassert_on_signal
memassert_on_signal:
	lea	.Lpage+4096(%rip), %rax

	mov	%edi, (%rax)
	mov	8(%rax), %rdi
	mov	16(%rax), %rsi
	mov	24(%rax), %rdx
	mov	$234, %eax		/* tgkill(pid, tid, wake signal) */
	syscall
	ret

/*
 * A wake signal that arrives after the tracer last looked at what was caught
 * but before its wait4 has begun would be lost, and the wait would block.
 * So the tracer waits through memassert_wait, which looks at the caught
 * signal itself right before the syscall; and when the wake signal
 * interrupts it between that look and the syscall, memassert_wake (installed
 * with SA_SIGINFO) moves the interrupted instruction pointer, %rip in the
 * ucontext at offset 168, to the path that returns -EINTR.
 */
	.globl	memassert_wake
memassert_wake:
	mov	168(%rdx), %rax
	lea	memassert_wait_check(%rip), %rcx
	cmp	%rcx, %rax
	jb	1f
	lea	memassert_wait_syscall(%rip), %rcx
	cmp	%rcx, %rax
	ja	1f
	lea	memassert_wait_interrupted(%rip), %rcx
	mov	%rcx, 168(%rdx)
1:	ret

/*
 * long memassert_wait(int *status, int options):
 * wait4(-1, status, options, NULL), or -EINTR at once when a signal was caught.
 */
	.globl	memassert_wait
memassert_wait:
	mov	%esi, %edx		/* options */
	mov	%rdi, %rsi		/* status */
	mov	$-1, %rdi		/* any child */
	xor	%r10d, %r10d		/* no rusage */
	mov	$61, %eax		/* wait4 */
	.globl	memassert_wait_check
memassert_wait_check:
	cmpl	$0, .Lpage+4096(%rip)
	jne	memassert_wait_interrupted
	.globl	memassert_wait_syscall
memassert_wait_syscall:
	syscall
	ret
	.globl	memassert_wait_interrupted
memassert_wait_interrupted:
	mov	$-4, %rax		/* -EINTR */
	ret

/*
 * long memassert_seccomp(const struct sock_fprog *prog, unsigned flags):
 * adds a seccomp filter to the calling process (a traced test case adds the
 * exact filter when its case starts, SECCOMP_FILTER_FLAG_TSYNC applying it to
 * all of the runtime's threads). glibc has no wrapper for this syscall.
 */
	.globl	memassert_seccomp
memassert_seccomp:
	mov	%rdi, %rdx
	mov	$1, %edi		/* SECCOMP_SET_MODE_FILTER */
	mov	$317, %eax		/* seccomp; flags stay in %rsi */
	syscall
	ret
