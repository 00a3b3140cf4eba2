// pdfium-fields.mjs FILE.pdf [--fill VALUES.json --out FILLED.pdf]:
// prints, as JSON, every form field widget PDFium (the engine of the PDF
// viewers of Chrome, Edge and Android) sees on every page, through its
// form-fill environment: full field name, the widget's own partial name
// (/T; a kid's full name is its parents' names joined with it), type,
// flags, MaxLen, tooltip (/TU), value, export value, whether it is
// checked, its place among its field's widgets and its rectangle; and
// what its appearance shows, read from a flattened copy: the characters
// drawn inside its rectangle and their fonts.
//
// With --fill, it first fills the form as a person at the viewer does:
// a text field is focused, its text selected and replaced by what is
// typed (FORM_SetFocusedAnnot, FORM_SelectAllText, FORM_ReplaceSelection),
// a check box or radio button is clicked in its middle (FORM_OnLButtonDown
// and Up); VALUES.json maps a field's full name to the text to type, or,
// for a button, to the export value of the widget to click. The document
// is then saved (FPDF_SaveAsCopy through the wrapper's file writer) to
// FILLED.pdf, and the fields listed are those of the saved copy, read
// afresh. formgen's tests run it; `npm ci` in this folder installs PDFium.
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { init } from "@embedpdf/pdfium";

const usage = "usage: node pdfium-fields.mjs FILE.pdf [--fill VALUES.json --out FILLED.pdf]";
const args = process.argv.slice(2);
const file = args[0];
const opt = (flag) => {
  const i = args.indexOf(flag);
  return i > 0 ? args[i + 1] : undefined;
};
const fillFile = opt("--fill");
const outFile = opt("--out");
if (!file || !fillFile !== !outFile) {
  console.error(usage);
  process.exit(2);
}

const require = createRequire(import.meta.url);
const wasmBinary = await readFile(require.resolve("@embedpdf/pdfium/pdfium.wasm"));
const m = await init({ wasmBinary });
m.PDFiumExt_Init();
const { malloc, free } = m.pdfium.wasmExports;
const heap = () => m.pdfium.HEAPU8;

// PDFium's field types (fpdf_formfill.h, FPDF_FORMFIELD_*).
const types = ["unknown", "pushbutton", "checkbox", "radiobutton", "combobox", "listbox", "textfield", "signature"];
// Field flags (PDF 32000-1, 12.7.3.1 and 12.7.4).
const flagNames = {
  readonly: 1 << 0,
  required: 1 << 1,
  noexport: 1 << 2,
  multiline: 1 << 12,
  password: 1 << 13,
  notoggletooff: 1 << 14,
  radio: 1 << 15,
  pushbutton: 1 << 16,
  donotscroll: 1 << 23,
  comb: 1 << 24,
};
const WIDGET = 20; // FPDF_ANNOT_WIDGET

// wide reads a UTF-16 string from a PDFium call that fills a buffer of
// bytes and returns the length it needs, terminator included.
function wide(call) {
  const n = call(0, 0);
  if (n <= 2) return "";
  const buf = malloc(n);
  call(buf, n);
  const s = m.pdfium.UTF16ToString(buf);
  free(buf);
  return s;
}

// wideString copies s into PDFium's memory as a terminated UTF-16LE string.
function wideString(s) {
  const n = (s.length + 1) * 2;
  const buf = malloc(n);
  m.pdfium.stringToUTF16(s, buf, n);
  return buf;
}

// open loads a PDF from bytes with a form-fill environment.
function open(data) {
  const ptr = malloc(data.length);
  heap().set(data, ptr);
  const doc = m.FPDF_LoadMemDocument(ptr, data.length, "");
  if (!doc) throw new Error(`cannot open the PDF (PDFium error ${m.FPDF_GetLastError()})`);
  const info = m.PDFiumExt_OpenFormFillInfo();
  const form = m.PDFiumExt_InitFormFillEnvironment(doc, info);
  if (!form) throw new Error("no form-fill environment");
  return { doc, form, info, ptr };
}

function close({ doc, form, info, ptr }) {
  m.PDFiumExt_ExitFormFillEnvironment(form);
  m.PDFiumExt_CloseFormFillInfo(info);
  m.FPDF_CloseDocument(doc);
  free(ptr);
}

// eachWidget calls fn(page, annot, pageIndex) for every widget annotation,
// with the page loaded into the form-fill environment.
function eachWidget({ doc, form }, fn) {
  for (let n = 0; n < m.FPDF_GetPageCount(doc); n++) {
    const page = m.FPDF_LoadPage(doc, n);
    m.FORM_OnAfterLoadPage(page, form);
    for (let i = 0; i < m.FPDFPage_GetAnnotCount(page); i++) {
      const annot = m.FPDFPage_GetAnnot(page, i);
      if (m.FPDFAnnot_GetSubtype(annot) === WIDGET) fn(page, annot, n);
      m.FPDFPage_CloseAnnot(annot);
    }
    m.FORM_OnBeforeClosePage(page, form);
    m.FPDF_ClosePage(page);
  }
}

// rect returns a widget's rectangle: left, bottom, right, top.
function rect(annot) {
  const r = malloc(16);
  const ok = m.FPDFAnnot_GetRect(annot, r);
  const f = new Float32Array(heap().buffer, r, 4);
  const out = ok ? [f[0], f[3], f[2], f[1]] : null;
  free(r);
  return out;
}

// maxLen returns the widget's own /MaxLen, or 0.
function maxLen(annot) {
  if (!m.FPDFAnnot_HasKey(annot, "MaxLen")) return 0;
  const p = malloc(4);
  const ok = m.FPDFAnnot_GetNumberValue(annot, "MaxLen", p);
  const v = ok ? new Float32Array(heap().buffer, p, 1)[0] : 0;
  free(p);
  return v;
}

// describe returns what PDFium says of one widget.
function describe(form, annot, page) {
  const flags = m.FPDFAnnot_GetFormFieldFlags(form, annot);
  return {
    page,
    name: wide((b, n) => m.FPDFAnnot_GetFormFieldName(form, annot, b, n)),
    partialName: wide((b, n) => m.FPDFAnnot_GetStringValue(annot, "T", b, n)),
    type: types[m.FPDFAnnot_GetFormFieldType(form, annot)] ?? "unknown",
    flags,
    flagNames: Object.keys(flagNames).filter((k) => flags & flagNames[k]),
    maxLen: maxLen(annot),
    alternateName: wide((b, n) => m.FPDFAnnot_GetFormFieldAlternateName(form, annot, b, n)),
    value: wide((b, n) => m.FPDFAnnot_GetFormFieldValue(form, annot, b, n)),
    exportValue: wide((b, n) => m.FPDFAnnot_GetFormFieldExportValue(form, annot, b, n)),
    checked: m.FPDFAnnot_IsChecked(form, annot),
    controlCount: m.FPDFAnnot_GetFormControlCount(form, annot),
    controlIndex: m.FPDFAnnot_GetFormControlIndex(form, annot),
    rect: rect(annot),
  };
}

// fill types or clicks the values into the widgets they name (a button
// that is on already is not clicked: a click would turn a check box off);
// it returns the names it found no widget for.
function fill(d, values) {
  const left = new Set(Object.keys(values));
  eachWidget(d, (page, annot) => {
    const f = describe(d.form, annot, 0);
    if (!(f.name in values)) return;
    const want = values[f.name];
    if (f.type === "textfield") {
      if (!m.FORM_SetFocusedAnnot(d.form, annot)) throw new Error(`cannot focus ${f.name}`);
      m.FORM_SelectAllText(d.form, page);
      const s = wideString(want);
      m.FORM_ReplaceSelection(d.form, page, s);
      free(s);
      m.FORM_ForceToKillFocus(d.form);
      left.delete(f.name);
    } else if ((f.type === "checkbox" || f.type === "radiobutton") && f.exportValue === want) {
      if (!f.checked) {
        const [x0, y0, x1, y1] = f.rect;
        const x = (x0 + x1) / 2;
        const y = (y0 + y1) / 2;
        m.FORM_OnLButtonDown(d.form, page, 0, x, y);
        m.FORM_OnLButtonUp(d.form, page, 0, x, y);
        m.FORM_ForceToKillFocus(d.form);
      }
      left.delete(f.name);
    }
  });
  return [...left];
}

// save writes the document as a full copy and returns its bytes.
function save(doc) {
  const w = m.PDFiumExt_OpenFileWriter();
  if (!m.PDFiumExt_SaveAsCopy(doc, w)) throw new Error("FPDF_SaveAsCopy failed");
  const size = m.PDFiumExt_GetFileWriterSize(w);
  const buf = malloc(size);
  m.PDFiumExt_GetFileWriterData(w, buf, size);
  const out = heap().slice(buf, buf + size);
  free(buf);
  m.PDFiumExt_CloseFileWriter(w);
  return out;
}

// drawn adds to each widget what its appearance shows: the document is
// opened afresh and flattened (FPDFPage_Flatten, the appearances made part
// of the page), and each character PDFium's text extraction finds inside
// a widget's rectangle (whitespace left out) is added to the widget's
// drawn text, its font (base name, and whether it is embedded) to its
// fonts.
function drawn(data, widgets) {
  const { doc, ptr } = open(data);
  const box = malloc(32);
  const name = malloc(256);
  for (let n = 0; n < m.FPDF_GetPageCount(doc); n++) {
    const here = widgets.filter((w) => w.page === n && w.rect);
    for (const w of here) Object.assign(w, { drawn: "", fonts: [] });
    let page = m.FPDF_LoadPage(doc, n);
    m.FPDFPage_Flatten(page, 0); // FLAT_NORMALDISPLAY
    m.FPDF_ClosePage(page);
    page = m.FPDF_LoadPage(doc, n);
    const text = m.FPDFText_LoadPage(page);
    for (let c = 0; c < m.FPDFText_CountChars(text); c++) {
      const u = m.FPDFText_GetUnicode(text, c);
      if (u <= 0x20 || !m.FPDFText_GetCharBox(text, c, box, box + 8, box + 16, box + 24)) continue;
      const [left, right, bottom, top] = new Float64Array(heap().buffer, box, 4);
      const x = (left + right) / 2;
      const y = (bottom + top) / 2;
      const w = here.find(({ rect: [x0, y0, x1, y1] }) => x >= x0 && x <= x1 && y >= y0 && y <= y1);
      if (!w) continue;
      w.drawn += String.fromCodePoint(u);
      const font = m.FPDFTextObj_GetFont(m.FPDFText_GetTextObject(text, c));
      m.FPDFFont_GetBaseFontName(font, name, 256);
      const f = { name: m.pdfium.UTF8ToString(name), embedded: m.FPDFFont_GetIsEmbedded(font) === 1 };
      if (!w.fonts.some((g) => g.name === f.name && g.embedded === f.embedded)) w.fonts.push(f);
    }
    m.FPDFText_ClosePage(text);
    m.FPDF_ClosePage(page);
  }
  free(name);
  free(box);
  m.FPDF_CloseDocument(doc);
  free(ptr);
}

let data = new Uint8Array(await readFile(file));
const out = {};
if (fillFile) {
  const values = JSON.parse(await readFile(fillFile, "utf8"));
  const d = open(data);
  out.notFilled = fill(d, values);
  data = save(d.doc);
  close(d);
  await writeFile(outFile, data);
}
const d = open(data);
out.pages = m.FPDF_GetPageCount(d.doc);
out.widgets = [];
eachWidget(d, (_page, annot, n) => out.widgets.push(describe(d.form, annot, n)));
close(d);
drawn(data, out.widgets);
process.stdout.write(JSON.stringify(out));
