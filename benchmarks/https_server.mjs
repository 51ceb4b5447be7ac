// A folder served as GitHub Pages serves a site, for the Lighthouse benchmark:
// HTTPS and HTTP/2 (what its CDN speaks), text gzip-compressed, cached for ten
// minutes. Node's own http2 module, so it needs no package.
//
//   node https_server.mjs FOLDER CERT KEY
//
// Listens on a free port of 127.0.0.1 and prints that port on a line of its own
// once it is listening.
import fs from "node:fs";
import http2 from "node:http2";
import path from "node:path";
import zlib from "node:zlib";

const [folder, cert, key] = process.argv.slice(2);
const COMPRESSED = new Set([".html", ".css", ".js", ".svg", ".json", ".xml", ".txt", ".inv"]);
const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8", ".json": "application/json", ".svg": "image/svg+xml",
  ".xml": "application/xml", ".txt": "text/plain; charset=utf-8", ".png": "image/png", ".woff2": "font/woff2",
  ".ico": "image/x-icon", ".pdf": "application/pdf",
};

function reply(request, response) {
  let file = path.join(folder, decodeURIComponent(new URL(request.url, "https://host").pathname));
  if (fs.statSync(file, {throwIfNoEntry: false})?.isDirectory()) file = path.join(file, "index.html");
  if (!fs.statSync(file, {throwIfNoEntry: false})?.isFile()) {
    response.writeHead(404, {"content-type": "text/plain"});
    response.end("not found");
    return;
  }
  const suffix = path.extname(file);
  const headers = {"content-type": TYPES[suffix] ?? "application/octet-stream", "cache-control": "max-age=600"};
  let body = fs.readFileSync(file);
  if (COMPRESSED.has(suffix) && /\bgzip\b/.test(request.headers["accept-encoding"] ?? "")) {
    body = zlib.gzipSync(body, {level: 6}); // the level tests/book/test_page_weight.py budgets with
    headers["content-encoding"] = "gzip";
  }
  headers["content-length"] = body.length;
  response.writeHead(200, headers);
  response.end(body);
}

const server = http2.createSecureServer({cert: fs.readFileSync(cert), key: fs.readFileSync(key)}, reply);
// A browser that leaves a page resets its streams: routine, not worth a line.
server.on("sessionError", () => {});
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
