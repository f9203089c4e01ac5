// The floor to compare TMC with: Bun.serve + bun:sqlite, one INSERT per request inside a
// transaction, same pragmas as TMC (WAL, synchronous=NORMAL). No routing, auth or rendering.
import { Database } from "bun:sqlite";
import { join } from "node:path";

const arg = (name: string, fallback: string) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1]! : fallback; };
const db = new Database(join(arg("--data", "."), "baseline.db"), { create: true, strict: true });
db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000");
db.exec("CREATE TABLE IF NOT EXISTS attempts (id INTEGER PRIMARY KEY, session_id INTEGER NOT NULL, expression TEXT NOT NULL, created_at INTEGER NOT NULL)");
const insert = db.prepare("INSERT INTO attempts (session_id, expression, created_at) VALUES ($s, $e, $t) RETURNING id");
const record = db.transaction((s: number, e: string) => insert.get({ s, e, t: Date.now() }) as { id: number });

const server = Bun.serve({
  hostname: "127.0.0.1",
  port: Number(arg("--port", "0")),
  async fetch(req) {
    if (req.method !== "POST") return new Response("ok");
    const body = (await req.json()) as { sessionId: number; expression: string };
    const row = record.immediate(body.sessionId, String(body.expression).slice(0, 200));
    return Response.json({ ok: true, id: row.id });
  },
});
console.log(`baseline listening on ${server.port}`);
process.on("SIGTERM", () => { server.stop(true); db.close(); process.exit(0); });
