// Serves build/ on http://127.0.0.1:3000 (PORT to change it) the way the hosted site behaves:
// files as they are, and index.html for any path that is not a file, so the app's own
// router answers it. Loopback only; nothing outside build/ is ever read.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { dirname, extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "build");
const port = Number(process.env.PORT || 3000);
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".txt": "text/plain; charset=utf-8",
};

async function fileFor(urlPath) {
  try {
    const candidate = normalize(join(root, decodeURIComponent(urlPath)));
    if (candidate.startsWith(root + sep) && (await stat(candidate)).isFile()) return candidate;
  } catch {
    // A malformed path or no such file: the app answers.
  }
  return join(root, "index.html");
}

createServer(async (request, response) => {
  const file = await fileFor(new URL(request.url, "http://localhost").pathname);
  response.writeHead(200, { "Content-Type": TYPES[extname(file)] || "application/octet-stream" });
  response.end(await readFile(file));
}).listen(port, "127.0.0.1", () => {
  console.log(`Serving build/ on http://127.0.0.1:${port} (Ctrl-C to stop)`);
});
