package locale

// Ids of the messages every document prints, form, letter or sheet: its
// header and footer. A form's own common texts are form's, a letter's
// letter's; these are shared.
const (
	MsgLanguageName = "language.name"    // the language's own name
	MsgAuthority    = "common.authority" // kind of office, under its name
	MsgBinding      = "common.binding"   // only the German text is binding
	MsgPage         = "common.page"      // "Seite {{.Page}} von {{.Pages}}"
	MsgVersion      = "common.version"   // "Version {{.Version}} vom {{.Date}}"
)
