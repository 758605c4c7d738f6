import { test } from "uvu";
import * as assert from "uvu/assert";
import { signalName, signalNumber } from "../runner/measure/signals.ts";

test("names and numbers of the standard signals match Linux", () => {
  const linux: [string, number][] = [
    ["SIGHUP", 1], ["SIGINT", 2], ["SIGQUIT", 3], ["SIGABRT", 6], ["SIGBUS", 7], ["SIGKILL", 9],
    ["SIGUSR1", 10], ["SIGSEGV", 11], ["SIGPIPE", 13], ["SIGTERM", 15], ["SIGCHLD", 17],
    ["SIGSTOP", 19], ["SIGXCPU", 24], ["SIGWINCH", 28], ["SIGSYS", 31],
  ];
  for (const [name, n] of linux) {
    assert.is(signalNumber(name), n, name);
    assert.is(signalName(n), name, String(n));
  }
});

test("every number 1–64 round-trips through its name", () => {
  for (let n = 1; n <= 64; n++) assert.is(signalNumber(signalName(n)!), n, String(n));
});

test("aliases, short names, real-time names and numbers are accepted", () => {
  assert.is(signalNumber("kill"), 9);
  assert.is(signalNumber("SIGIOT"), 6);
  assert.is(signalNumber("SIGPOLL"), 29);
  assert.is(signalNumber("SIGRTMIN"), 34);
  assert.is(signalNumber("SIGRTMIN+1"), 35);
  assert.is(signalNumber("SIGRTMAX-1"), 63);
  assert.is(signalNumber("SIG9"), 9);
});

test("unknown names and numbers give undefined", () => {
  assert.is(signalNumber("SIGNOPE"), undefined);
  assert.is(signalNumber("SIGRTMAX+1"), undefined);
  assert.is(signalName(0), undefined);
  assert.is(signalName(65), undefined);
  assert.is(signalName(1.5), undefined);
});

test.run();
