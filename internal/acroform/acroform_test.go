package acroform

import (
	"strings"
	"testing"
)

// TestReadBadInput: what is not a filled-in formgen form gets an error
// that says so, never a panic.
func TestReadBadInput(t *testing.T) {
	minimal := "%PDF-1.7\n1 0 obj\n<</Type /Catalog /Pages 2 0 R>>\nendobj\n2 0 obj\n<</Type /Pages /Kids [] /Count 0>>\nendobj\ntrailer\n<</Root 1 0 R>>\n%%EOF\n"
	for _, c := range []struct {
		name, data, want string
	}{
		{"not a PDF", "hello", "not a PDF"},
		{"no catalog", "%PDF-1.4\n1 0 obj\n(x)\nendobj\n", "no document catalog"},
		{"not formgen's", minimal, "names no form"},
		{"no fields", strings.Replace(minimal, "/Pages 2 0 R", "/Pages 2 0 R /Metadata 3 0 R", 1) +
			"3 0 obj\n<<>>\nstream\n<formgen:form xmlns:formgen=\"" + Namespaces[0] + "\">vollmacht</formgen:form>\nendstream\nendobj\n", "no form fields"},
		{"unbalanced", "%PDF-1.4\n1 0 obj\n<< /A [ (x\nendobj\ntrailer << /Root 1 0 R >>", "no document catalog"},
		{"deep", "%PDF-1.4\n1 0 obj\n" + strings.Repeat("[", 5000) + "\nendobj\ntrailer << /Root 1 0 R >>", "no document catalog"},
	} {
		_, err := Read([]byte(c.data))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error saying %q", c.name, err, c.want)
		}
	}
}

// TestStrings reads the string forms a filler may write.
func TestStrings(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`(HADDAD)`, "HADDAD"},
		{`(a\(b\)c\\d)`, `a(b)c\d`},
		{`(\303\244)`, "Ã¤"}, // PDFDocEncoding bytes, read as Latin-1
		{`<FEFF00E4>`, "ä"},
		{`(Stra\337e)`, "Straße"},
		{"(\xfe\xff\x00M\x00\xfc)", "Mü"},
	} {
		p := &parser{data: []byte(c.in)}
		v, err := p.value()
		if err != nil {
			t.Fatalf("%s: %v", c.in, err)
		}
		if got := text(v); got != c.want {
			t.Errorf("%s: got %q, want %q", c.in, got, c.want)
		}
	}
}

// TestXMP reads the form, version and locale as formgen writes them, as
// forms written before the namespace was settled have them, and as tools
// that rewrite the metadata may leave them; properties of other
// namespaces are not taken for them.
func TestXMP(t *testing.T) {
	packet := func(ns, body string) string {
		return `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
			`<rdf:Description rdf:about="" xmlns:f="` + ns + `" ` + body + `</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`
	}
	elems := `><f:form>vollmacht</f:form><f:version>1.0</f:version><f:locale>ar</f:locale>`
	for _, c := range []struct {
		name, xmp string
		want      Filled
	}{
		{"current", packet(Namespaces[0], elems), Filled{Form: "vollmacht", Version: "1.0", Locale: "ar"}},
		{"before urn:uuid", packet("https://formgen.invalid/ns/form/1.0/", elems), Filled{Form: "vollmacht", Version: "1.0", Locale: "ar"}},
		{"attributes", packet(Namespaces[0], `f:form="vollmacht" f:version="1.0" f:locale="fa-AF">`), Filled{Form: "vollmacht", Version: "1.0", Locale: "fa-AF"}},
		{"escaped", packet(Namespaces[0], `><f:form>a&amp;b</f:form>`), Filled{Form: "a&b"}},
		{"another namespace", packet("http://example.org/other/", elems), Filled{}},
		{"damaged", packet(Namespaces[0], elems)[:200], Filled{}},
	} {
		var got Filled
		xmpProps([]byte(c.xmp), &got)
		if got.Form != c.want.Form || got.Version != c.want.Version || got.Locale != c.want.Locale {
			t.Errorf("%s: got %s, want %s", c.name, &got, &c.want)
		}
	}
}

// TestLineBreaks: a multiline field's line breaks, as viewers write them
// (CR LF, CR, LF), are read as line feeds.
func TestLineBreaks(t *testing.T) {
	for _, c := range []struct{ v, want string }{
		{`(eins\r\nzwei)`, "eins\nzwei"},
		{`(eins\rzwei\r)`, "eins\nzwei\n"},
		{`(eins\nzwei)`, "eins\nzwei"},
		{`<FEFF0061000D000A0062>`, "a\nb"},
		{"(eins\r\n\r\nzwei)", "eins\n\nzwei"},
	} {
		doc := "%PDF-1.7\n1 0 obj\n<</Type /Catalog /Metadata 2 0 R /AcroForm <</Fields [3 0 R]>>>>\nendobj\n" +
			"2 0 obj\n<<>>\nstream\n<formgen:form xmlns:formgen=\"" + Namespaces[0] + "\">vollmacht</formgen:form>\nendstream\nendobj\n" +
			"3 0 obj\n<</FT /Tx /Ff 4096 /T (notes) /V " + c.v + ">>\nendobj\ntrailer\n<</Root 1 0 R>>\n%%EOF\n"
		f, err := Read([]byte(doc))
		if err != nil {
			t.Fatalf("%s: %v", c.v, err)
		}
		if got := f.Values["notes"]; got != c.want {
			t.Errorf("%s: read %q, want %q", c.v, got, c.want)
		}
	}
}
