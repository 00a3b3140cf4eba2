// Package text turns a string into positioned glyphs: it loads the font
// stack of fonts/ (fonts.toml: which font serves which script), picks a
// font for each run of a paragraph, orders the runs by the Unicode
// bidirectional algorithm, shapes them with HarfBuzz's rules (Arabic
// joined, Ethiopic and Georgian, Vietnamese marks), and breaks the
// paragraph into lines of a width. layout places the lines it returns;
// pdf writes their glyphs. A character no font of the stack prints is an
// error (MissingGlyphError), never a blank box.
package text
