// What the console tells the teacher: the banner on each platform (firewall hint, no network,
// fallback folder, password), and the failure messages in both languages.
import { describe, expect, test } from "bun:test";
import { startupBanner, type BannerInput } from "../../src/startup/banner.ts";
import { describeFailure, StartupError } from "../../src/startup/failure.ts";
import { listenOnFreePort } from "../../src/startup/listen.ts";
import { DbInUseError } from "../../src/db/client.ts";

const BASE: BannerInput = {
  version: "0.1.0", port: 3000, requestedPort: 3000, teacherUrl: "http://localhost:3000/teacher", studentUrls: ["http://192.168.0.12:3000"], qr: "[QR]",
  dataDir: "/home/kim/tmc/tmc-data", fallback: null, generatedPassword: null, platform: "linux", lang: "ko", openingBrowser: false,
};

describe("start-up banner", () => {
  test("addresses, QR, data folder; no firewall line on Linux", () => {
    const b = startupBanner(BASE);
    expect(b).toContain("TMC 0.1.0 is running.");
    expect(b).toMatch(/Teacher \(교사\):\s+http:\/\/localhost:3000\/teacher/);
    expect(b).toMatch(/Students open \(학생 접속 주소\):\n\s+http:\/\/192\.168\.0\.12:3000\n\[QR\]/);
    expect(b).toContain("데이터 폴더 (Data folder): /home/kim/tmc/tmc-data");
    expect(b).not.toMatch(/firewall|방화벽/i);
  });

  test.each([["win32", "Windows Security", "Windows 보안"], ["darwin", "System Settings → Network → Firewall", "시스템 설정"]] as const)(
    "%s always prints the firewall hint, in both languages", (platform, en, ko) => {
      const b = startupBanner({ ...BASE, platform });
      expect(b).toContain(en);
      expect(b).toContain(ko);
      expect(b).toContain("Allow");
    },
  );

  test("no LAN address: says plainly that students cannot connect yet, Korean first by default", () => {
    const b = startupBanner({ ...BASE, studentUrls: [] });
    expect(b).not.toContain("Students open");
    const ko = b.indexOf("네트워크에 연결되어 있지 않습니다");
    const en = b.indexOf("This laptop is not connected to a network, so students cannot connect yet.");
    expect(ko).toBeGreaterThan(0);
    expect(en).toBeGreaterThan(ko);
    // English first when the OS locale says so
    const enFirst = startupBanner({ ...BASE, studentUrls: [], lang: "en" });
    expect(enFirst.indexOf("This laptop is not connected")).toBeLessThan(enFirst.indexOf("네트워크에 연결되어"));
  });

  test.each([
    ["not_writable", "cannot be written to, so games are saved in your user folder instead"],
    ["translocated", "macOS is running TMC from a temporary location"],
    ["inside_zip", "running from inside a zip file"],
  ] as const)("a fallback folder is announced with its reason (%s)", (reason, text) => {
    const b = startupBanner({ ...BASE, dataDir: "/home/kim/.local/share/tmc", fallback: { from: "/media/usb/tmc-data", reason } });
    expect(b).toContain(text);
    expect(b).toContain("/home/kim/.local/share/tmc");
  });

  test("a generated password is shown with the advice to prefer TMC_ADMIN_PASSWORD; the port move is said", () => {
    const b = startupBanner({ ...BASE, port: 3002, generatedPassword: "abc234", openingBrowser: true });
    expect(b).toContain("on port 3002 (3000 was taken)");
    expect(b).toContain("Teacher password (교사 비밀번호): abc234");
    expect(b).toContain("Shown once");
    expect(b).toContain("TMC_ADMIN_PASSWORD (safer than --admin-password");
    expect(b).toContain("--no-open turns this off");
  });
});

describe("failure messages", () => {
  test("each expected failure names its cause and what to do, in both languages", () => {
    const cases: [unknown, string[]][] = [
      [new StartupError("port_exhausted", { from: 3000, to: 3020 }), ["Ports 3000–3020 are all in use", "포트 3000–3020", "--port"]],
      [new StartupError("port_not_allowed", { port: 80, reason: "EACCES" }), ["Port 80 cannot be opened (EACCES)", "--port"]],
      [new StartupError("data_explicit_not_writable", { dir: "/mnt/ro", reason: "EROFS" }), ["cannot be written to: /mnt/ro (EROFS)", "--data"]],
      [new StartupError("data_none_writable", { tried: "/a, /b" }), ["Tried: /a, /b", "시도한 폴더"]],
      [new DbInUseError("/d/tmc.db"), ["is TMC already running?", "--data", "이미 실행 중"]],
      [new Error("db: this database was created by a newer version of TMC; use that version"), ["written by a newer version of TMC"]],
      [new Error("disk on fire"), ["Unexpected error: Error: disk on fire"]],
    ];
    for (const [err, parts] of cases) {
      const text = describeFailure(err, "ko", "/d");
      expect(text.startsWith("TMC를 시작할 수 없습니다.\nTMC could not start.")).toBe(true);
      for (const p of parts) expect(text).toContain(p);
    }
  });
});

describe("listening with the port fallback", () => {
  const taken = (busy: Set<number>, code = "EADDRINUSE") => (port: number) => {
    if (busy.has(port)) throw Object.assign(new Error("in use"), { code });
  };

  test("moves past taken ports and says so", () => {
    const lines: string[] = [];
    expect(listenOnFreePort(taken(new Set([3000, 3001])), 3000, (l) => lines.push(l))).toBe(3002);
    expect(lines).toEqual(["Port 3000 is in use; trying 3001.", "Port 3001 is in use; trying 3002."]);
  });

  test("gives up after the range with port_exhausted naming the range", () => {
    const busy = new Set(Array.from({ length: 21 }, (_, i) => 3000 + i));
    expect(() => listenOnFreePort(taken(busy), 3000, () => {})).toThrow(expect.objectContaining({ code: "port_exhausted", vars: { from: 3000, to: 3020 } }));
  });

  test("a port the OS refuses (EACCES) stops at once; other errors pass through", () => {
    expect(() => listenOnFreePort(taken(new Set([80]), "EACCES"), 80, () => {})).toThrow(expect.objectContaining({ code: "port_not_allowed" }));
    expect(() => listenOnFreePort(() => { throw new Error("boom"); }, 3000, () => {})).toThrow("boom");
  });
});
