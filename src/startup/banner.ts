// What the console shows once the server listens: where the teacher and the students go, where
// the games are kept, the firewall hint, the password (first start only). Pure, so each
// platform's banner is tested on Linux.
import type { Lang } from "../errors.ts";
import type { FallbackReason } from "./data-folder.ts";
import { bilingual, startupText, type StartupTextKey } from "./text.ts";

export type BannerInput = {
  version: string;
  port: number;
  requestedPort: number;
  teacherUrl: string;
  /** The addresses students can open (empty: no network). */
  studentUrls: string[];
  /** The QR code of the first student address, drawn for a terminal. */
  qr: string;
  dataDir: string;
  fallback: null | { from: string; reason: FallbackReason };
  generatedPassword: string | null;
  platform: NodeJS.Platform;
  lang: Lang;
  openingBrowser: boolean;
};

const FALLBACK_TEXT: Record<FallbackReason, StartupTextKey> = {
  not_writable: "fallback_not_writable",
  translocated: "fallback_translocated",
  inside_zip: "fallback_inside_zip",
};

/**
 * The firewall asks (or silently blocks) only when another machine connects; a check from this
 * laptop goes over loopback and cannot see it. So on the two systems that ask, always say it.
 */
export function firewallHint(platform: NodeJS.Platform, lang: Lang): string | null {
  if (platform === "win32") return bilingual("firewall_win32", lang);
  if (platform === "darwin") return bilingual("firewall_darwin", lang);
  return null;
}

export function startupBanner(b: BannerInput): string {
  const lines: string[] = [""];
  const moved = b.port !== b.requestedPort ? ` on port ${b.port} (${b.requestedPort} was taken)` : "";
  lines.push(`TMC ${b.version} is running${moved}.`);
  lines.push(`Teacher (교사):  ${b.teacherUrl}`);
  if (b.studentUrls.length) {
    lines.push("Students open (학생 접속 주소):");
    for (const u of b.studentUrls) lines.push(`  ${u}`);
    lines.push(b.qr);
  } else {
    lines.push(bilingual("no_lan", b.lang, { port: b.port }));
  }
  lines.push(startupText("data_folder", b.lang, { dir: b.dataDir }));
  if (b.fallback) lines.push(bilingual(FALLBACK_TEXT[b.fallback.reason], b.lang, { dir: b.dataDir, from: b.fallback.from }));
  const firewall = firewallHint(b.platform, b.lang);
  if (firewall) lines.push(firewall);
  if (b.generatedPassword) {
    lines.push("──────────────────────────────────────────────");
    lines.push(`Teacher password (교사 비밀번호): ${b.generatedPassword}`);
    lines.push(bilingual("password_hint", b.lang));
    lines.push("──────────────────────────────────────────────");
  }
  if (b.openingBrowser) lines.push(bilingual("opening_browser", b.lang));
  return lines.join("\n");
}
