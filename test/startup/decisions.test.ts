// The start-up decisions for every platform, with the platform, environment and paths passed in:
// this Linux machine cannot run the Windows console or the macOS folders, so their rules are
// checked here (the README lists the manual checks a release still needs).
import { describe, expect, test } from "bun:test";
import { PassThrough } from "node:stream";
import { chooseDataFolder, userDataFolder, writeProblem, type DataFolderInput } from "../../src/startup/data-folder.ts";
import { openerCommand, shouldOpenBrowser, shouldWaitForEnter, waitForEnter, type Surroundings } from "../../src/startup/interactive.ts";
import { consoleLang } from "../../src/startup/text.ts";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const WIN = { platform: "win32" as const, execPath: "C:\\Users\\kim\\Downloads\\tmc-windows-x64.exe", cwd: "C:\\Windows\\System32", home: "C:\\Users\\kim", env: { APPDATA: "C:\\Users\\kim\\AppData\\Roaming" } };
const MAC = { platform: "darwin" as const, execPath: "/Users/kim/Downloads/tmc-macos-arm64", cwd: "/Users/kim", home: "/Users/kim", env: {} };
const LINUX = { platform: "linux" as const, execPath: "/home/kim/tmc/tmc-linux-x64", cwd: "/home/kim", home: "/home/kim", env: {} };

/** Every folder writable except those listed. */
function input(base: typeof WIN | typeof MAC | typeof LINUX, over: Partial<DataFolderInput> & { readOnly?: string[] } = {}): DataFolderInput {
  const readOnly = over.readOnly ?? [];
  return { explicit: null, compiled: true, writeProblem: (dir) => (readOnly.includes(dir) ? "EROFS" : null), ...base, ...over };
}

describe("data folder", () => {
  test.each([
    ["win32", WIN, "C:\\Users\\kim\\Downloads\\tmc-data"],
    ["darwin", MAC, "/Users/kim/Downloads/tmc-data"],
    ["linux", LINUX, "/home/kim/tmc/tmc-data"],
  ] as const)("%s: beside the executable when it can be written, whatever the working directory", (_, base, expected) => {
    expect(chooseDataFolder(input(base))).toEqual({ ok: true, dir: expected, fallback: null });
  });

  test("running from source: ./tmc-data in the working directory", () => {
    expect(chooseDataFolder(input(LINUX, { compiled: false, cwd: "/work/tmc" }))).toEqual({ ok: true, dir: "/work/tmc/tmc-data", fallback: null });
  });

  test("win32: in Program Files (not writable) it falls back to %APPDATA%\\TMC and says where it could not write", () => {
    const base = { ...WIN, execPath: "C:\\Program Files\\TMC\\tmc-windows-x64.exe" };
    expect(chooseDataFolder(input(base, { readOnly: ["C:\\Program Files\\TMC\\tmc-data"] }))).toEqual({
      ok: true, dir: "C:\\Users\\kim\\AppData\\Roaming\\TMC", fallback: { from: "C:\\Program Files\\TMC\\tmc-data", reason: "not_writable" },
    });
  });

  test("win32: without APPDATA the roaming folder under the home folder is used", () => {
    expect(userDataFolder("win32", {}, "C:\\Users\\kim")).toBe("C:\\Users\\kim\\AppData\\Roaming\\TMC");
  });

  test("win32: run straight out of a zip (Explorer's Temp1_…zip folder) it keeps nothing there, even though it is writable", () => {
    const base = { ...WIN, execPath: "C:\\Users\\kim\\AppData\\Local\\Temp\\Temp1_tmc.zip\\tmc-windows-x64.exe" };
    const choice = chooseDataFolder(input(base));
    expect(choice).toEqual({ ok: true, dir: "C:\\Users\\kim\\AppData\\Roaming\\TMC", fallback: { from: "C:\\Users\\kim\\AppData\\Local\\Temp\\Temp1_tmc.zip\\tmc-data", reason: "inside_zip" } });
  });

  test("darwin: an App Translocation path falls back to ~/Library/Application Support/TMC", () => {
    const base = { ...MAC, execPath: "/private/var/folders/x1/abc/T/AppTranslocation/1234-ABCD/d/tmc-macos-arm64" };
    expect(chooseDataFolder(input(base))).toEqual({
      ok: true, dir: "/Users/kim/Library/Application Support/TMC", fallback: { from: "/private/var/folders/x1/abc/T/AppTranslocation/1234-ABCD/d/tmc-data", reason: "translocated" },
    });
  });

  test("linux: a read-only USB stick falls back to ~/.local/share/tmc, or $XDG_DATA_HOME/tmc when set", () => {
    const base = { ...LINUX, execPath: "/media/kim/USB/tmc-linux-x64" };
    const readOnly = ["/media/kim/USB/tmc-data"];
    expect(chooseDataFolder(input(base, { readOnly }))).toMatchObject({ ok: true, dir: "/home/kim/.local/share/tmc", fallback: { reason: "not_writable" } });
    expect(chooseDataFolder(input(base, { readOnly, env: { XDG_DATA_HOME: "/data/kim" } }))).toMatchObject({ ok: true, dir: "/data/kim/tmc" });
    // a relative XDG_DATA_HOME is invalid by the spec and ignored
    expect(chooseDataFolder(input(base, { readOnly, env: { XDG_DATA_HOME: "data" } }))).toMatchObject({ ok: true, dir: "/home/kim/.local/share/tmc" });
  });

  test("when neither beside nor the user folder can be written, it fails and lists both", () => {
    expect(chooseDataFolder(input(LINUX, { readOnly: ["/home/kim/tmc/tmc-data", "/home/kim/.local/share/tmc"] }))).toEqual({
      ok: false, code: "data_none_writable", tried: ["/home/kim/tmc/tmc-data", "/home/kim/.local/share/tmc"],
    });
  });

  test.each([["win32", WIN, "D:\\class", "D:\\class"], ["darwin", MAC, "games", "/Users/kim/games"], ["linux", LINUX, "/srv/tmc", "/srv/tmc"]] as const)(
    "%s: an explicit --data is used as given (relative to the working directory)", (_, base, given, expected) => {
      expect(chooseDataFolder(input(base, { explicit: given }))).toEqual({ ok: true, dir: expected, fallback: null });
    },
  );

  test("an explicit --data that cannot be written is never replaced: it fails with the reason", () => {
    expect(chooseDataFolder(input(WIN, { explicit: "E:\\TMC", readOnly: ["E:\\TMC"] }))).toEqual({ ok: false, code: "data_explicit_not_writable", dir: "E:\\TMC", reason: "EROFS" });
  });

  test("the real writability check creates the folder and leaves nothing else in it", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "tmc-wcheck-")), "a", "b");
    expect(writeProblem(dir)).toBeNull();
    expect(readdirSync(dir)).toEqual([]);
    expect(writeProblem("/proc/tmc-cannot-exist")).not.toBeNull();
  });
});

const TERMINAL: Surroundings = { platform: "linux", env: { DISPLAY: ":0" }, compiled: true, stdoutIsTTY: true, stdinIsTTY: true };

describe("opening the browser", () => {
  test.each([
    ["win32 double-click / terminal", { ...TERMINAL, platform: "win32", env: {} }, false, true],
    ["darwin terminal", { ...TERMINAL, platform: "darwin", env: {} }, false, true],
    ["linux desktop terminal", TERMINAL, false, true],
    ["linux Wayland desktop", { ...TERMINAL, env: { WAYLAND_DISPLAY: "wayland-0" } }, false, true],
    ["linux without a desktop (ssh): xdg-open would start a text browser", { ...TERMINAL, env: {} }, false, false],
    ["--no-open", { ...TERMINAL, platform: "win32", env: {} }, true, false],
    ["CI set", { ...TERMINAL, platform: "win32", env: { CI: "true" } }, false, false],
    ["output piped (scripts, tests, services)", { ...TERMINAL, platform: "darwin", env: {}, stdoutIsTTY: false }, false, false],
    ["npm start (source)", { ...TERMINAL, platform: "win32", env: {}, compiled: false }, false, false],
  ] as const)("%s", (_, s, noOpen, expected) => {
    expect(shouldOpenBrowser(s as Surroundings, noOpen)).toBe(expected);
  });

  test("each OS's opener, detached from TMC", () => {
    expect(openerCommand("win32", "http://localhost:3000/teacher", { ComSpec: "C:\\Windows\\system32\\cmd.exe" })).toEqual(["C:\\Windows\\system32\\cmd.exe", "/c", "start", '""', "http://localhost:3000/teacher"]);
    expect(openerCommand("win32", "http://localhost:3000/teacher")).toEqual(["cmd.exe", "/c", "start", '""', "http://localhost:3000/teacher"]);
    expect(openerCommand("darwin", "http://localhost:3000/teacher")).toEqual(["open", "http://localhost:3000/teacher"]);
    expect(openerCommand("linux", "http://localhost:3000/teacher")).toEqual(["xdg-open", "http://localhost:3000/teacher"]);
  });
});

describe("waiting for Enter after a failed start", () => {
  test.each([
    ["win32 double-click (own console)", { ...TERMINAL, platform: "win32", env: {} }, true],
    ["win32 from source", { ...TERMINAL, platform: "win32", env: {}, compiled: false }, false],
    ["win32 with stdin not a console (scripts, services)", { ...TERMINAL, platform: "win32", env: {}, stdinIsTTY: false }, false],
    ["win32 in CI", { ...TERMINAL, platform: "win32", env: { CI: "1" } }, false],
    ["darwin (Terminal keeps a failed program's window open)", { ...TERMINAL, platform: "darwin", env: {} }, false],
    ["linux", TERMINAL, false],
  ] as const)("%s", (_, s, expected) => {
    expect(shouldWaitForEnter(s as Surroundings)).toBe(expected);
  });

  test("waitForEnter resolves on the first line, not before", async () => {
    const input = new PassThrough();
    let done = false;
    const wait = waitForEnter(input).then(() => { done = true; });
    input.write("abc");
    await Bun.sleep(20);
    expect(done).toBe(false);
    input.write("\r\n");
    await wait;
    expect(done).toBe(true);
  });

  test("waitForEnter resolves when the input ends (console closed)", async () => {
    const input = new PassThrough();
    const wait = waitForEnter(input);
    input.end();
    await wait;
  });
});

describe("the console's language", () => {
  test.each([
    [{}, "ko"], [{ LANG: "ko_KR.UTF-8" }, "ko"], [{ LANG: "en_US.UTF-8" }, "en"], [{ LANG: "C.UTF-8" }, "ko"],
    [{ LANG: "ko_KR.UTF-8", LC_ALL: "en_GB.UTF-8" }, "en"], [{ LANG: "en_US.UTF-8", LC_MESSAGES: "ko_KR.UTF-8" }, "ko"],
  ] as const)("%o → %s", (env, lang) => {
    expect(consoleLang(env)).toBe(lang);
  });
});
