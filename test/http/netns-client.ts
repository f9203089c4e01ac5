// Runs inside the network namespace made by cross-site.test.ts, beside the server: a browser on
// the LAN (10.77.0.1, not 127.0.0.1) and a page of another site on the same host at another port.
// Prints what happened as one JSON line.
import http from "node:http";

const [host, port] = [process.argv[2]!, Number(process.argv[3])];
const base = `http://${host}:${port}`;
const password = process.env.TMC_ADMIN_PASSWORD!;
const foreign = `http://${host}:8080`;

/** A raw request (fetch would not send a Host header of our choosing). */
function request(method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port, path, method, headers: { ...(body ? { "content-length": String(Buffer.byteLength(body)) } : {}), ...headers } }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}

const form = "application/x-www-form-urlencoded";
for (let i = 0; ; i++) {
  try {
    if ((await request("GET", "/api/health", {})).status === 200) break;
  } catch {
    if (i > 300) throw new Error("server did not start");
  }
  await Bun.sleep(50);
}
const login = await request("POST", "/login", { "content-type": form, origin: base }, new URLSearchParams({ password }).toString());
const teacherCookie = String(login.headers["set-cookie"]?.find((c) => c.startsWith("tmc_teacher=")) ?? "").split(";")[0]!;
const token = (JSON.parse((await request("POST", "/api/login", { "content-type": "application/json" }, JSON.stringify({ password }))).body) as { token: string }).token;
const bearer = { authorization: `Bearer ${token}` };
const created = JSON.parse((await request("POST", "/api/create-game", { ...bearer, "content-type": "application/json" }, JSON.stringify({ title: "LAN", teamCount: 2, maxParticipants: 10 }))).body) as { gameId: number; gameCode: string };
const state = async () => JSON.parse((await request("GET", `/api/game-state?gameId=${created.gameId}`, bearer)).body) as { game: { status: string; locked: boolean }; participants: unknown[] };

const out: Record<string, unknown> = { loginStatus: login.status, hasTeacherCookie: teacherCookie.startsWith("tmc_teacher=T") };
// A page on this host at another port (same site) posts the lobby's forms with the teacher's cookie.
for (const action of ["start", "lock", "finish"]) out[`crossPort_${action}`] = (await request("POST", `/teacher/games/${created.gameId}/${action}`, { cookie: teacherCookie, origin: foreign, "content-type": form }, "")).status;
out.crossPortApi = (await request("POST", `/api/games/${created.gameId}/start`, { cookie: teacherCookie, origin: foreign })).status;
out.afterCrossPort = await state();
// Another site's form joining the game (no cookie at all).
out.crossSiteJoin = (await request("POST", "/api/join-game", { origin: foreign, "content-type": form }, new URLSearchParams({ gameCode: created.gameCode, nickname: "csrf" }).toString())).status;
out.crossSiteJoinPage = (await request("POST", "/join", { origin: "http://evil.example", "content-type": form }, new URLSearchParams({ gameCode: created.gameCode, nickname: "csrf2" }).toString())).status;
out.participantsAfterCrossSite = (await state()).participants.length;
// The teacher's own page (same origin) still works; a script with its bearer token, whatever its origin.
out.sameOriginLock = (await request("POST", `/teacher/games/${created.gameId}/lock`, { cookie: teacherCookie, origin: base, "content-type": form }, "")).status;
out.bearerStart = (await request("POST", `/api/games/${created.gameId}/start`, { ...bearer, origin: foreign })).status;
out.afterOwn = await state();
// Host names: this machine's LAN address is accepted; another name is refused.
out.ownHost = (await request("GET", "/", { host: `${host}:${port}` })).status;
out.foreignHost = (await request("GET", "/", { host: `evil.example:${port}` })).status;
console.log(JSON.stringify(out));
