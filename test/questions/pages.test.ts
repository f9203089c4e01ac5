// The teacher's bank pages over HTTP, as a browser (cookie session) and as htmx uses them: the
// editor and its preview, images, "try an answer", a set's chain and reordering, duplicate and
// delete, import preview → save, the demo bank, the template, and escaping of hostile text.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startServer, teacherBrowser, type Client, type TestServer } from "../support/server.ts";
import { TINY_PNG } from "../support/images.ts";

let s: TestServer;
let t: Client;
beforeAll(async () => {
  s = await startServer();
  t = await teacherBrowser(s);
  t.extraHeaders["accept-language"] = "en";
});
afterAll(async () => { await s.stop(); });

const HX = { "hx-request": "true" };
const RAW = /<script>alert|<img src=x/;
/** The page without attribute values (where an escaped-enough `<` may legally stay). */
const body = (html: string) => html.replace(/="[^"]*"/g, '=""');

async function createViaForm(fields: Record<string, string>): Promise<number> {
  const res = await t.postForm("/teacher/questions", { category: "score_steal", answer: "1", ...fields });
  expect(res.status, await res.clone().text()).toBe(303);
  return Number(/\/teacher\/questions\/(\d+)\?saved=1$/.exec(res.headers.get("location")!)![1]);
}

async function uploadPage(path: string, bytes: Uint8Array, name: string): Promise<Response> {
  const form = new FormData();
  form.set("file", new File([bytes as Uint8Array<ArrayBuffer>], name));
  return t.fetch(path, { method: "POST", body: form });
}

describe("the editor", () => {
  test("a question written in the form is saved and shown with its math rendered, KaTeX's CSS loaded", async () => {
    const id = await createViaForm({ text: "What is $\\frac{3}{4}$ of 8?", answer: "6", unit: "cm", tags: "fractions, easy", alternatives: "six\n6.0" });
    const page = await (await t.fetch(`/teacher/questions/${id}?saved=1`)).text();
    expect(page).toContain("notice-ok");
    expect(page).toMatch(/<link rel="stylesheet" href="\/public\/vendor\/katex\/katex\.min\.css\?v=[0-9a-f]+"/);
    expect(page.match(/class="mfrac"/g)?.length).toBe(2); // the phone frame and the projector frame
    const q = (await (await fetch(`${s.url}/api/questions/${id}`, { headers: s.teacher })).json()) as any;
    expect(q).toMatchObject({ text: "What is $\\frac{3}{4}$ of 8?", answer: "6", unit: "cm", tags: ["fractions", "easy"], alternatives: ["six", "6.0"], set: null });
    // The bank links from the teacher's navigation.
    expect(await (await t.fetch("/teacher")).text()).toContain('href="/teacher/questions"');
  });

  test("a refused save shows the form again with each field's problem and what was typed", async () => {
    const res = await t.postForm("/teacher/questions", { category: "relay", text: "Half <written>", set: "bad name!", order: "", usesPrevious: "on" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("notice-error");
    expect(html).toContain('id="e-set"');
    expect(html).toContain("A set name uses letters, digits, - and _ only");
    expect(html).toContain('id="e-order"');
    expect(html).toContain("Half &lt;written&gt;</textarea>");
    expect(html).toMatch(/value="bad name!"/);
  });

  test("hostile question text is shown as text on every page and in the preview", async () => {
    const text = "<script>alert(1)</script> \"><img src=x onerror=alert(1)> $\\href{javascript:alert(1)}{x}$";
    const id = await createViaForm({ category: "relay", set: "XSS", order: "1", text, answer: "<b>1</b>", tags: "<i>t</i>" });
    for (const path of [`/teacher/questions/${id}`, "/teacher/questions", "/teacher/questions/sets/XSS", "/teacher/questions?q=%3Cscript%3Ealert"]) {
      const html = await (await t.fetch(path)).text();
      expect(body(html), path).not.toMatch(RAW);
      expect(html, path).not.toContain("javascript:alert(1)\"");
    }
    const preview = await (await t.postForm("/teacher/questions/preview", { text }, HX)).text();
    expect(body(preview)).not.toMatch(RAW);
    expect(preview).not.toMatch(/<a [^>]*href/);
    expect(preview).toContain("Links, pictures and HTML are not allowed inside math");
  });

  test("the live preview renders math in a phone and a projector frame, the image, and lists LaTeX problems under the text", async () => {
    const sha = "a".repeat(64);
    const res = await t.postForm("/teacher/questions/preview", { text: "Half: $\\frac{1}{2}$, bad: $\\frac{1}{$", unit: "cm", image: sha, category: "score_steal" }, HX);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('class="frame frame-phone"');
    expect(html).toContain('class="frame frame-projector"');
    expect(html.match(/class="mfrac"/g)?.length).toBe(2);
    expect(html.match(new RegExp(`<img class="q-image" src="/img/${sha}"`, "g"))?.length).toBe(2);
    expect(html).toContain('<hx-partial hx-target="#math-problems"');
    expect(html).toContain("This math cannot be read; it is shown as plain text.");
    // A value that is not a hash names no image.
    const odd = await (await t.postForm("/teacher/questions/preview", { text: "x", image: "../../etc" }, HX)).text();
    expect(odd).not.toContain("<img");
  });

  test("an image is uploaded and removed on the edit page; a file that is not an image is refused there with its reason", async () => {
    const id = await createViaForm({ text: "With a picture" });
    const ok = await uploadPage(`/teacher/questions/${id}/image`, TINY_PNG, "photo.jpg");
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe(`/teacher/questions/${id}#image`);
    const page = await (await t.fetch(`/teacher/questions/${id}`)).text();
    const url = /src="(\/img\/[0-9a-f]{64})"/.exec(page)![1]!;
    expect(page.split(`src="${url}"`).length - 1).toBe(3); // thumbnail + both preview frames
    expect(page).toContain(`name="image" value="${url.slice(5)}"`);
    const bad = await uploadPage(`/teacher/questions/${id}/image`, new TextEncoder().encode("<html><script>alert(1)</script>"), "cat.png");
    expect(bad.status).toBe(415);
    expect(await bad.text()).toContain("Use a PNG, JPEG, WebP or GIF image");
    expect((await t.postForm(`/teacher/questions/${id}/image/remove`, {})).status).toBe(303);
    expect(await (await t.fetch(`/teacher/questions/${id}`)).text()).not.toContain(url);
  });

  test("try an answer: the verdict as a fragment for htmx, a refusal with its reason", async () => {
    const id = await createViaForm({ text: "3/4?", answer: "3/4" });
    const yes = await t.postForm(`/teacher/questions/${id}/check`, { answer: "0.75" }, HX);
    expect(await yes.text()).toBe('<p class="notice notice-ok" role="status">✓ Accepted as correct. Expected: 3/4</p>');
    const no = await (await t.postForm(`/teacher/questions/${id}/check`, { answer: "0.749" }, HX)).text();
    expect(no).toContain("✗ Not accepted. Expected: 3/4");
    const empty = await t.postForm(`/teacher/questions/${id}/check`, { answer: " " }, HX);
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain("notice-error");
    // Without htmx, the verdict comes on a page.
    const plain = await (await t.postForm(`/teacher/questions/${id}/check`, { answer: "3/4" })).text();
    expect(plain).toStartWith("<!doctype html>");
    expect(plain).toContain("Accepted as correct");
  });

  test("duplicate makes a copy (without the external id); delete removes the question", async () => {
    const id = await createViaForm({ text: "Copy me", externalId: "orig-1" });
    const dup = await t.postForm(`/teacher/questions/${id}/duplicate`, {});
    expect(dup.status).toBe(303);
    const copyId = Number(/\/(\d+)\?saved=1$/.exec(dup.headers.get("location")!)![1]);
    expect(copyId).not.toBe(id);
    const copy = (await (await fetch(`${s.url}/api/questions/${copyId}`, { headers: s.teacher })).json()) as any;
    expect(copy).toMatchObject({ text: "Copy me", externalId: null });
    const del = await t.postForm(`/teacher/questions/${copyId}/delete`, {});
    expect(del.headers.get("location")).toBe("/teacher/questions");
    expect((await t.fetch(`/teacher/questions/${copyId}`)).status).toBe(404);
  });
});

describe("a relay set", () => {
  test("the set page shows the chain of answers and highlights a division by zero", async () => {
    await createViaForm({ category: "relay", set: "C1", order: "1", text: "Start", answer: "2" });
    await createViaForm({ category: "relay", set: "C1", order: "2", text: "Double", answer: "", usesPrevious: "on", answerFormula: "2*T" });
    await createViaForm({ category: "relay", set: "C1", order: "3", text: "Oops", answer: "", usesPrevious: "on", answerFormula: "1/(T-4)" });
    const html = await (await t.fetch("/teacher/questions/sets/C1")).text();
    const cells = [...html.matchAll(/<td class="mono(?: strong)?">([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(cells).toEqual(["—", "2", "2", "4", "4", "?"]);
    expect(html.match(/class="row-error"/g)?.length).toBe(1);
    expect(html).toContain("⚠ The formula divides by zero for this input.");
    expect(html).toContain("Has problems");
    // The edit page of that question warns too.
    const list = (await (await fetch(`${s.url}/api/questions?set=C1`, { headers: s.teacher })).json()) as { questions: { id: number }[] };
    expect(await (await t.fetch(`/teacher/questions/${list.questions[2]!.id}`)).text()).toContain("The formula divides by zero");
  });

  test("up/down buttons reorder the set and come back focused on the same button; a question using T cannot go first", async () => {
    const ids = ((await (await fetch(`${s.url}/api/questions?set=C1`, { headers: s.teacher })).json()) as { questions: { id: number }[] }).questions.map((q) => q.id);
    const down = await t.postForm(`/teacher/questions/${ids[0]}/move`, { dir: "down" });
    // Question 1 moved to 2: question 2 (2*T) would become first, which is refused.
    expect(down.status).toBe(400);
    expect(await down.text()).toContain("The first question of a set has no previous answer to use.");
    const up = await t.postForm(`/teacher/questions/${ids[2]}/move`, { dir: "up" });
    expect(up.status).toBe(303);
    expect(up.headers.get("location")).toBe(`/teacher/questions/sets/C1?moved=${ids[2]}&dir=up`);
    const after = ((await (await fetch(`${s.url}/api/questions?set=C1`, { headers: s.teacher })).json()) as { questions: { id: number; order: number }[] }).questions;
    expect(after.map((q) => q.id)).toEqual([ids[0], ids[2], ids[1]]);
    const page = await (await t.fetch(up.headers.get("location")!)).text();
    expect(page).toMatch(new RegExp(`aria-label="Question 2 up"[^>]*autofocus`));
    // At the top already: nothing changes.
    expect((await t.postForm(`/teacher/questions/${ids[0]}/move`, { dir: "up" })).status).toBe(303);
    expect((await t.fetch("/teacher/questions/sets/NOPE")).status).toBe(404);
  });
});

describe("import, demo, template and the list", () => {
  const CSV = "category,set,order,text,answer\nscore_steal,,,Imported $\\sqrt{2}$,1\nrelay,IM,1,First,5\n";

  test("upload → preview (every row, nothing saved) → save with the token; the token works once", async () => {
    const count = () => (s.deps.db.$client.query("SELECT count(*) AS n FROM questions").get() as { n: number }).n;
    const before = count();
    const preview = await uploadPage("/teacher/questions/import/preview", new TextEncoder().encode(CSV), "bank.csv");
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain("<strong>2 rows</strong>");
    expect(html.match(/<td>Add<\/td>/g)?.length).toBe(2);
    expect(count()).toBe(before);
    const token = /name="token" value="([^"]+)"/.exec(html)![1]!;
    const saved = await t.postForm("/teacher/questions/import/save", { token }, HX);
    expect(await saved.text()).toContain("Imported: 2 added, 0 updated");
    expect(count()).toBe(before + 2);
    const again = await t.postForm("/teacher/questions/import/save", { token }, HX);
    expect(again.status).toBe(410);
  });

  test("a preview with errors shows each row's line and problem and offers no save", async () => {
    const bad = "category,text,answer\nscore_steal,ok,1\nscore_steal,,1\n";
    const html = await (await uploadPage("/teacher/questions/import/preview", new TextEncoder().encode(bad), "bad.csv")).text();
    expect(html).toContain('class="row-error"');
    expect(html).toContain("Question: Fill this in.");
    expect(html).not.toContain('name="token"');
    expect(html).toContain("Fix the errors and upload again. Nothing was saved.");
    const notCsv = await uploadPage("/teacher/questions/import/preview", new TextEncoder().encode("hello,world\n1,2\n"), "x.csv");
    expect(notCsv.status).toBe(422);
    expect(await notCsv.text()).toContain("The header has a column this program does not know. (hello)");
  });

  test("the import page documents every CSV column and links both templates; a template downloads with its header", async () => {
    const html = await (await t.fetch("/teacher/questions/import")).text();
    for (const col of ["external_id", "category", "set", "order", "text", "image", "answer", "alternatives", "answer_formula", "answer_table"]) expect(html).toContain(`<td class="mono">${col}</td>`);
    for (const lang of ["ko", "en"]) {
      expect(html).toContain(`href="/teacher/questions/template?lang=${lang}"`);
      const res = await t.fetch(`/teacher/questions/template?lang=${lang}`);
      expect(res.headers.get("content-disposition")).toBe(`attachment; filename="tmc-questions-template-${lang}.csv"`);
      expect((await res.text()).replace(/^\uFEFF/, "")).toStartWith("external_id,category,set,order,text");
    }
  });

  test("adding the demo questions: counts shown and the list refreshed (htmx); the other language names the sets in the way", async () => {
    const demo = await startServer();
    try {
      const teacher = await teacherBrowser(demo);
      teacher.extraHeaders["accept-language"] = "en";
      const en = await (await teacher.postForm("/teacher/questions/demo", { lang: "en" }, HX)).text();
      expect(en).toStartWith('<p class="notice notice-ok" role="status">Demo questions added: 42 added, 0 updated</p>');
      expect(en).toContain('<hx-partial hx-target="#bank-body" hx-swap="outerHTML"><div id="bank-body">');
      const ko = await teacher.postForm("/teacher/questions/demo", { lang: "ko" });
      expect(ko.status).toBe(409);
      const page = await ko.text();
      expect(page).toStartWith("<!doctype html>");
      expect(page).toContain("Sets already in use");
      for (const set of ["P1", "S2"]) expect(page).toContain(`<a href="/teacher/questions/sets/${set}">${set}</a>`);
    } finally {
      await demo.stop();
    }
  });

  test("the list filters by category, set, tag and search, and reflects the search escaped", async () => {
    await createViaForm({ text: "Needle in a haystack", tags: "needle" });
    const has = async (query: string, text: string) => (await (await t.fetch(`/teacher/questions?${query}`)).text()).includes(text);
    expect(await has("q=haystack", "Needle in a haystack")).toBe(true);
    expect(await has("q=haystack", "Imported")).toBe(false);
    expect(await has("tag=needle", "Needle in a haystack")).toBe(true);
    expect(await has("category=relay", "Needle in a haystack")).toBe(false);
    expect(await has("set=IM&category=relay", "First")).toBe(true);
    expect(await has("q=%22%3E%3Cb%3E", 'value="&#34;&gt;&lt;b&gt;"')).toBe(true);
    expect(await has("q=nothing-matches-this", "No questions match.")).toBe(true);
    // The export links point at the API, which the teacher's session cookie opens.
    expect(await has("", 'href="/api/questions/export?format=zip"')).toBe(true);
    const zip = await t.fetch("/api/questions/export?format=zip");
    expect(zip.status).toBe(200);
    expect(zip.headers.get("content-type")).toBe("application/zip");
  });
});
