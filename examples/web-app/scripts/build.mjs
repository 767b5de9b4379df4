// Builds the site into build/ with nothing but Node, so `npm run-script build` works offline
// with no dependencies installed.
//
// public/ is copied as is; src/ goes to build/static/, with a content hash in the names of
// app.js and styles.css so that a host may cache them for ever (index.html points at the new
// names). aws-exports.js keeps its name: app.js imports it by that name. 404.html is a copy of
// index.html, so the single-page app also works on hosts whose error document is 404.html.
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "build");
const FINGERPRINTED = new Set(["app.js", "styles.css"]);

rmSync(out, { recursive: true, force: true });
cpSync(join(root, "public"), out, { recursive: true });
mkdirSync(join(out, "static"), { recursive: true });

const renamed = new Map();
for (const entry of readdirSync(join(root, "src"), { withFileTypes: true })) {
  if (!entry.isFile()) continue;
  const data = readFileSync(join(root, "src", entry.name));
  let target = entry.name;
  if (FINGERPRINTED.has(entry.name)) {
    const hash = createHash("sha256").update(data).digest("hex").slice(0, 8);
    const ext = extname(entry.name);
    target = `${basename(entry.name, ext)}.${hash}${ext}`;
    renamed.set(`/static/${entry.name}`, `/static/${target}`);
  }
  writeFileSync(join(out, "static", target), data);
}

let html = readFileSync(join(out, "index.html"), "utf8");
for (const [from, to] of renamed) html = html.replaceAll(`"${from}"`, `"${to}"`);
writeFileSync(join(out, "index.html"), html);
writeFileSync(join(out, "404.html"), html);

console.log(`Built build/ (${renamed.size} fingerprinted assets).`);
