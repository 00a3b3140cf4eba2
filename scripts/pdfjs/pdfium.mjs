// pdfium.mjs FILE.pdf: prints the text PDFium (the engine of the PDF
// viewers of Chrome, Edge and Android) extracts from a PDF, page by page
// (FPDFText_GetText), each page ended by a form feed. formgen's tests run
// it; `npm ci` in this folder installs PDFium, built for WebAssembly.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { init } from "@embedpdf/pdfium";

const file = process.argv[2];
if (!file) {
  console.error("usage: node pdfium.mjs FILE.pdf");
  process.exit(2);
}
const require = createRequire(import.meta.url);
const wasmBinary = await readFile(require.resolve("@embedpdf/pdfium/pdfium.wasm"));
const m = await init({ wasmBinary });
m.PDFiumExt_Init();
const data = await readFile(file);
const { malloc, free } = m.pdfium.wasmExports;
const ptr = malloc(data.length);
m.pdfium.HEAPU8.set(data, ptr);
const doc = m.FPDF_LoadMemDocument(ptr, data.length, "");
if (!doc) {
  console.error(`pdfium: cannot open ${file} (error ${m.FPDF_GetLastError()})`);
  process.exit(1);
}
let out = "";
for (let n = 0; n < m.FPDF_GetPageCount(doc); n++) {
  const page = m.FPDF_LoadPage(doc, n);
  const text = m.FPDFText_LoadPage(page);
  const count = m.FPDFText_CountChars(text);
  const buf = malloc((count + 1) * 2);
  m.FPDFText_GetText(text, 0, count, buf);
  out += m.pdfium.UTF16ToString(buf).replace(/\r\n/g, "\n") + "\f";
  free(buf);
  m.FPDFText_ClosePage(text);
  m.FPDF_ClosePage(page);
}
m.FPDF_CloseDocument(doc);
free(ptr);
process.stdout.write(out);
