// Device cookies: which phone or laptop is asking, for rate limits and stream caps. The server
// signs each one (HMAC-SHA-256 with a secret kept in the database), so a script cannot make up
// fresh identities: an unsigned or altered cookie counts as no cookie at all. Issuing new ones is
// itself limited per address (see RateLimits.mayIssueDevice), so fetching real cookies in a loop
// adds budget only up to that ceiling.
import { timingSafeEqual } from "node:crypto";
import { TOKEN_PREFIX } from "./tokens.ts";

const ID_BYTES = 16;
const MAC_BYTES = 16;
const B64 = /^[A-Za-z0-9_-]+$/;
/** `D` + 22 characters of id + `.` + 22 characters of MAC. */
const LENGTH = TOKEN_PREFIX.device.length + 22 + 1 + 22;

export class DeviceCookies {
  private key: Buffer;

  constructor(secretHex: string) {
    this.key = Buffer.from(secretHex, "hex");
  }

  private mac(id: string): Buffer {
    return Buffer.from(new Bun.CryptoHasher("sha256", this.key).update(`device:${id}`).digest()).subarray(0, MAC_BYTES);
  }

  /** A new device: its id (what limits count) and the cookie value that proves it. */
  issue(): { id: string; value: string } {
    const id = Buffer.from(crypto.getRandomValues(new Uint8Array(ID_BYTES))).toString("base64url");
    return { id, value: `${TOKEN_PREFIX.device}${id}.${this.mac(id).toString("base64url")}` };
  }

  /** The device id a cookie proves, or null for anything this server did not sign. */
  verify(value: unknown): string | null {
    if (typeof value !== "string" || value.length !== LENGTH || !value.startsWith(TOKEN_PREFIX.device)) return null;
    const dot = value.indexOf(".");
    if (dot !== TOKEN_PREFIX.device.length + 22) return null;
    const id = value.slice(TOKEN_PREFIX.device.length, dot);
    const given = value.slice(dot + 1);
    if (!B64.test(id) || !B64.test(given)) return null;
    const mac = Buffer.from(given, "base64url");
    return mac.length === MAC_BYTES && timingSafeEqual(mac, this.mac(id)) ? id : null;
  }
}
