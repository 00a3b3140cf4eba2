// read.mjs FILE.pdf: prints what pdf.js (the engine of Firefox's PDF
// viewer) reads from a PDF, as JSON: per page the text as getTextContent
// gives it (items joined, a line feed where pdf.js ends a line) and the
// structure tree (getStructTree), and the form fields (getFieldObjects).
// formgen's tests run it; `npm ci` in this folder installs pdf.js.
import { readFile } from "node:fs/promises";

// pdf.js wants the canvas geometry classes at load time; reading text,
// structure and fields never draws, so empty stand-ins do (no native
// canvas package needed).
for (const name of ["DOMMatrix", "ImageData", "Path2D"]) {
  if (!globalThis[name]) globalThis[name] = class {};
}
const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");

const file = process.argv[2];
if (!file) {
  console.error("usage: node read.mjs FILE.pdf");
  process.exit(2);
}
const data = new Uint8Array(await readFile(file));
const doc = await getDocument({ data, verbosity: 0, useSystemFonts: false }).promise;
const out = { pages: [], fields: {} };
for (let n = 1; n <= doc.numPages; n++) {
  const page = await doc.getPage(n);
  const content = await page.getTextContent();
  let text = "";
  for (const it of content.items) {
    if (typeof it.str !== "string") continue;
    text += it.str + (it.hasEOL ? "\n" : "");
  }
  const struct = await page.getStructTree();
  out.pages.push({ text, struct });
}
const fields = (await doc.getFieldObjects()) || {};
for (const [name, objs] of Object.entries(fields)) {
  out.fields[name] = objs.map((o) => ({
    type: o.type,
    value: o.value,
    editable: o.editable,
    multiline: o.multiline,
    charLimit: o.charLimit,
    comb: o.comb,
    exportValues: o.exportValues,
    rect: o.rect,
    page: o.page,
  }));
}
const meta = await doc.getMetadata();
out.title = meta.info && meta.info.Title;
out.lang = meta.info && meta.info.Language;
out.marked = (await doc.getMarkInfo()) || null;
process.stdout.write(JSON.stringify(out));
await doc.destroy();
