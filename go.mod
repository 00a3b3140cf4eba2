module formgen

go 1.26.0

require (
	codeberg.org/go-pdf/fpdf v0.12.0
	github.com/BurntSushi/toml v1.6.0
	github.com/go-text/typesetting v0.3.5
	golang.org/x/image v0.48.0
	golang.org/x/text v0.44.0
)

require (
	github.com/nicksnyder/go-i18n/v2 v2.7.0
	github.com/rogpeppe/go-internal v1.16.0
)

require (
	golang.org/x/sys v0.50.0 // indirect
	golang.org/x/tools v0.52.0 // indirect
)

replace github.com/go-text/typesetting => ./third_party/go-text-typesetting

replace codeberg.org/go-pdf/fpdf => ./third_party/fpdf
