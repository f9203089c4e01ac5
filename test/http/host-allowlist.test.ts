// The Host allowlist (DNS rebinding): this machine's names, loopback, names given by a flag, and the
// machine's current addresses — re-read when a Host names an address not seen before (a new DHCP
// lease), at most once a second, and every 30 s in any case.
import { expect, test } from "bun:test";
import type { networkInterfaces } from "node:os";
import { HostAllowlist } from "../../src/http/host-and-origin.ts";

type Ifaces = ReturnType<typeof networkInterfaces>;
const iface = (address: string) => ({ address, netmask: "255.255.255.0", family: "IPv4", mac: "00:00:00:00:00:00", internal: false, cidr: null }) as NonNullable<Ifaces[string]>[number];

test("an address the machine is given later is allowed once seen; one it no longer has is refused after the next read", () => {
  let current: Ifaces = { wlan0: [iface("192.168.0.20")] };
  let reads = 0;
  const hosts = new HostAllowlist(["tmc.school.example"], () => { reads++; return current; }, "teacher-laptop");
  const t0 = 1_000_000;
  expect(hosts.allows("192.168.0.20:3000", t0)).toBe(true);
  expect(hosts.allows("localhost:3000", t0)).toBe(true);
  expect(hosts.allows("teacher-laptop.local", t0)).toBe(true);
  expect(hosts.allows("tmc.school.example:3000", t0)).toBe(true);
  expect(hosts.allows("127.4.5.6:3000", t0)).toBe(true);
  expect(hosts.allows("evil.example", t0)).toBe(false);
  // A new lease: the Host names it before the 30 s refresh — read again (not more than once a second).
  current = { wlan0: [iface("10.1.2.3")] };
  const before = reads;
  expect(hosts.allows("10.1.2.3:3000", t0 + 200)).toBe(false); // read less than a second ago
  expect(reads).toBe(before);
  expect(hosts.allows("10.1.2.3:3000", t0 + 1500)).toBe(true);
  expect(reads).toBe(before + 1);
  // The old address is gone from the machine: refused now.
  expect(hosts.allows("192.168.0.20:3000", t0 + 1600)).toBe(false);
  // Unknown names never trigger a read storm: at most one read a second.
  const burst = reads;
  for (let i = 0; i < 100; i++) hosts.allows(`172.16.0.${i}`, t0 + 2600 + i);
  expect(reads - burst).toBeLessThanOrEqual(1);
});

test("after 30 s the addresses are read again even for a known one", () => {
  let current: Ifaces = { eth0: [iface("192.168.1.5")] };
  const hosts = new HostAllowlist([], () => current, "x");
  expect(hosts.allows("192.168.1.5", 0)).toBe(true);
  current = { eth0: [iface("192.168.1.6")] };
  expect(hosts.allows("192.168.1.5", 10_000)).toBe(true);
  expect(hosts.allows("192.168.1.5", 31_000)).toBe(false);
  expect(hosts.allows("192.168.1.6", 31_000)).toBe(true);
});
