// A teacher starts the compiled program by double-clicking it or from a terminal; scripts, CI
// and tests start it with output piped. The decisions below (open the browser? keep the window
// open after a failure?) are pure so every platform's rule is tested on Linux; the two actions
// after them are thin.

export type Surroundings = {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  /** Running as the compiled executable (not `bun src/main.ts` / `npm start`). */
  compiled: boolean;
  stdoutIsTTY: boolean;
  stdinIsTTY: boolean;
};

function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== "";
}

/**
 * Open the teacher's page in the default browser: only for the compiled program, started by a
 * person (output on a terminal; a double-clicked program gets a console window), never in CI or
 * when asked not to. On Linux also only with a desktop: without DISPLAY / WAYLAND_DISPLAY,
 * xdg-open falls back to a text browser that would take over the terminal.
 */
export function shouldOpenBrowser(s: Surroundings, noOpen: boolean): boolean {
  if (!s.compiled || noOpen || isSet(s.env.CI) || !s.stdoutIsTTY) return false;
  if (s.platform === "win32" || s.platform === "darwin") return true;
  return isSet(s.env.DISPLAY) || isSet(s.env.WAYLAND_DISPLAY);
}

/**
 * After a failed start, wait for Enter before exiting: a double-clicked program on Windows runs in
 * a console window that closes the moment it exits, taking the reason with it. macOS's Terminal
 * keeps the window of a failed program open, and a Linux double-click has no window at all.
 * In a Windows terminal the extra Enter is harmless; scripts (stdin not a console) and CI never wait.
 */
export function shouldWaitForEnter(s: Surroundings): boolean {
  return s.platform === "win32" && s.compiled && s.stdinIsTTY && !isSet(s.env.CI);
}

/** The OS's own "open this address" command. `start`'s first quoted argument is the window title. */
export function openerCommand(platform: NodeJS.Platform, url: string, env: Record<string, string | undefined> = {}): string[] {
  if (platform === "win32") return [env.ComSpec || "cmd.exe", "/c", "start", '""', url];
  if (platform === "darwin") return ["open", url];
  return ["xdg-open", url];
}

/** Starts the browser and forgets it: a missing opener or a failing browser must not stop the server. */
export function openBrowser(url: string, platform: NodeJS.Platform = process.platform, env = process.env): void {
  try {
    const child = Bun.spawn(openerCommand(platform, url, env), {
      stdio: ["ignore", "ignore", "ignore"],
      detached: true,
      windowsHide: true,
      // cmd.exe parses its own command line; pass `start "" <url>` exactly as written.
      windowsVerbatimArguments: platform === "win32",
    });
    child.unref();
    void child.exited.catch(() => {});
  } catch {
    // No opener on this machine: the address is printed above.
  }
}

/** Resolves when a line is entered (or input ends), so a failure message stays on screen until read. */
export function waitForEnter(input: NodeJS.ReadableStream = process.stdin): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      input.off("data", onData);
      input.off("end", done);
      input.off("error", done);
      (input as { pause?: () => void }).pause?.();
      resolve();
    };
    const onData = (chunk: string | Buffer) => {
      if (String(chunk).includes("\n") || String(chunk).includes("\r")) done();
    };
    input.on("data", onData);
    input.on("end", done);
    input.on("error", done);
    (input as { resume?: () => void }).resume?.();
  });
}
