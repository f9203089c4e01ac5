// Compiled into its own executable by demo-binary.test.ts, with the build script's flags: proves
// the demo bank (data and PNGs), KaTeX and the migrations work inside a compiled binary.
// Usage: demo-probe <data-dir> <lang>; prints one JSON line.
import { join } from "node:path";
import { openDb } from "../../src/db/client.ts";
import { closeDb } from "../../src/db/close.ts";
import { migrateDb } from "../../src/db/migrate.ts";
import { listQuestions } from "../../src/questions/bank.ts";
import { addDemoQuestions, type DemoLang } from "../../src/questions/demo/add.ts";
import { readImage } from "../../src/questions/images.ts";
import { renderMathText } from "../../src/questions/math.ts";
import { IS_COMPILED } from "../../src/paths.ts";
import circlePath from "../../src/questions/demo/images/circle.png" with { type: "file" };

const [dir, lang] = process.argv.slice(2) as [string, DemoLang];
const db = openDb(join(dir, "tmc.db"));
migrateDb(db);
const first = addDemoQuestions(db, lang);
const second = addDemoQuestions(db, lang);
const qs = listQuestions(db);
const images = [...new Set(qs.map((q) => q.image).filter((h): h is string => h !== null))].map((h) => ({ sha256: h, size: readImage(db, h)!.size }));
const math = renderMathText(qs.find((q) => q.text.includes("\\frac"))!.text);
console.log(JSON.stringify({ compiled: IS_COMPILED, circlePath, first, second, questions: qs.length, images, mathml: math.html.includes("<math"), problems: math.problems.length }));
closeDb(db);
