// A backup to restore may be far larger than any other body: its own limit (--restore-limit).
import type { UploadRule } from "../http/uploads.ts";

export const ADMIN_UPLOADS: readonly UploadRule[] = [
  { method: "POST", path: /^\/api\/restore$|^\/teacher\/settings\/restore$/, bytes: (c) => c.restoreLimitBytes, code: "payload_too_large" },
];
