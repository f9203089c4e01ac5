// Listening with the port fallback: a taken port moves to the next one (another program on the
// teacher's laptop often holds 3000), up to `tries` ports; past that, or on a port the OS refuses
// outright, start-up stops with a StartupError the teacher can act on.
import { StartupError } from "./failure.ts";

export const PORT_TRIES = 21;

export function listenOnFreePort(listen: (port: number) => void, first: number, log: (line: string) => void, tries = PORT_TRIES): number {
  const last = Math.min(65535, first + tries - 1);
  for (let port = first; ; port++) {
    try {
      listen(port);
      return port;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === "EACCES" || code === "EPERM") throw new StartupError("port_not_allowed", { port, reason: code });
      if (code !== "EADDRINUSE") throw err;
      if (port >= last) throw new StartupError("port_exhausted", { from: first, to: last });
      log(`Port ${port} is in use; trying ${port + 1}.`);
    }
  }
}
