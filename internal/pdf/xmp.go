package pdf

import (
	"encoding/xml"
	"strings"
	"time"

	"formgen/internal/layout"
)

// FormgenNS is the XML namespace of the XMP properties that name the form,
// its version and the locale a PDF was made from (formgen:form,
// formgen:version, formgen:locale). It is a UUID URN (RFC 9562): a
// permanent name that claims no domain, unique without a registry. The
// "#" ends it as XMP asks of a namespace, so that the namespace and a
// property's name make the property's URI (…#form). Forms written before
// it used https://formgen.invalid/ns/form/1.0/, which internal/acroform
// still reads (docs/accessibility.md).
const FormgenNS = "urn:uuid:aa1c8789-d801-4b2a-bdc6-c37657441b87#"

// xmp returns the document's XMP metadata: the title, author, subject and
// dates of the document information, the language, the PDF/UA identifier
// (part 1) that says the file means to conform, and for a form the form,
// version and locale it was made from.
func xmp(info layout.Info, opt Options) []byte {
	esc := func(s string) string {
		var b strings.Builder
		_ = xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	date := opt.Date
	if date.IsZero() {
		date = time.Now()
	}
	d := date.UTC().Format("2006-01-02T15:04:05Z")
	var b strings.Builder
	b.WriteString(`<?xpacket begin="` + "\ufeff" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" xmlns:formgen="` + FormgenNS + `">
<pdfuaid:part>1</pdfuaid:part>
`)
	if f := info.Form; f.ID != "" {
		b.WriteString("<formgen:form>" + esc(f.ID) + "</formgen:form>\n<formgen:version>" + esc(f.Version) +
			"</formgen:version>\n<formgen:locale>" + esc(f.Locale) + "</formgen:locale>\n")
	}
	b.WriteString("<dc:format>application/pdf</dc:format>\n")
	b.WriteString(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">` + esc(info.Title) + "</rdf:li></rdf:Alt></dc:title>\n")
	if info.Author != "" {
		b.WriteString("<dc:creator><rdf:Seq><rdf:li>" + esc(info.Author) + "</rdf:li></rdf:Seq></dc:creator>\n")
	}
	if info.Subject != "" {
		b.WriteString(`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">` + esc(info.Subject) + "</rdf:li></rdf:Alt></dc:description>\n")
	}
	if info.Lang != "" {
		b.WriteString("<dc:language><rdf:Bag><rdf:li>" + esc(info.Lang) + "</rdf:li></rdf:Bag></dc:language>\n")
	}
	b.WriteString("<xmp:CreateDate>" + d + "</xmp:CreateDate>\n<xmp:ModifyDate>" + d + "</xmp:ModifyDate>\n")
	if info.Creator != "" {
		b.WriteString("<xmp:CreatorTool>" + esc(info.Creator) + "</xmp:CreatorTool>\n")
	}
	if opt.Producer != "" {
		b.WriteString("<pdf:Producer>" + esc(opt.Producer) + "</pdf:Producer>\n")
	}
	if info.Keywords != "" {
		b.WriteString("<pdf:Keywords>" + esc(info.Keywords) + "</pdf:Keywords>\n")
	}
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>")
	return []byte(b.String())
}
