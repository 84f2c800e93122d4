//! The embedded typeface: measuring text, encoding it, and embedding the subset used.
//!
//! Noto Sans (SIL Open Font License 1.1, `fonts/OFL.txt`) covers the Latin, Greek and
//! Cyrillic alphabets. Each PDF embeds only the glyphs it shows, as a CID-keyed
//! TrueType font with a ToUnicode map, so its text can be searched and copied.

use crate::error::DocError;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};
use std::collections::BTreeMap;
use subsetter::GlyphRemapper;
use ttf_parser::{Face, GlyphId};

static REGULAR: &[u8] = include_bytes!("../../fonts/NotoSans-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../fonts/NotoSans-Bold.ttf");

/// Which face a run of text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Regular,
    Bold,
}

/// One face, with the glyphs this document has used so far.
pub(crate) struct Font {
    face: Face<'static>,
    data: &'static [u8],
    postscript_name: &'static str,
    stem_v: f32,
    /// Original glyph ids in the order the subset numbers them.
    glyphs: GlyphRemapper,
    /// The text each subset glyph stands for, for the ToUnicode map.
    text: BTreeMap<u16, char>,
}

/// The two faces a document is set in.
pub(crate) struct Fonts {
    pub regular: Font,
    pub bold: Font,
}

impl Fonts {
    pub(crate) fn load() -> Result<Fonts, DocError> {
        Ok(Fonts {
            regular: Font::load(REGULAR, "NotoSans-Regular", 80.0)?,
            bold: Font::load(BOLD, "NotoSans-Bold", 140.0)?,
        })
    }

    pub(crate) fn get(&self, style: Style) -> &Font {
        match style {
            Style::Regular => &self.regular,
            Style::Bold => &self.bold,
        }
    }

    pub(crate) fn get_mut(&mut self, style: Style) -> &mut Font {
        match style {
            Style::Regular => &mut self.regular,
            Style::Bold => &mut self.bold,
        }
    }
}

/// The character drawn for `c`: tabs and other breaking spaces are set as spaces, and
/// the minus sign, which Noto Sans lacks, as an en dash of the same look.
fn drawn(c: char) -> char {
    match c {
        '\u{2212}' => '\u{2013}',
        '\u{a0}' | '\u{202f}' | '\u{2007}' => c,
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

/// The references of the objects that make up one embedded font.
pub(crate) struct FontRefs {
    pub type0: Ref,
    pub cid: Ref,
    pub descriptor: Ref,
    pub file: Ref,
    pub cmap: Ref,
}

impl Font {
    fn load(
        data: &'static [u8],
        postscript_name: &'static str,
        stem_v: f32,
    ) -> Result<Font, DocError> {
        let face = Face::parse(data, 0).map_err(|e| DocError::Font(e.to_string()))?;
        Ok(Font {
            face,
            data,
            postscript_name,
            stem_v,
            glyphs: GlyphRemapper::new(),
            text: BTreeMap::new(),
        })
    }

    /// The glyph a character is drawn with.
    fn glyph(&self, c: char) -> Result<GlyphId, DocError> {
        self.face
            .glyph_index(drawn(c))
            .ok_or(DocError::MissingGlyph { character: c })
    }

    /// How wide `text` is at `size` points. A character the font lacks counts as
    /// nothing here; [`Font::encode`] refuses it.
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .filter_map(|c| self.glyph(c).ok())
            .filter_map(|g| self.face.glyph_hor_advance(g))
            .map(u32::from)
            .sum();
        units as f32 * size / f32::from(self.face.units_per_em())
    }

    /// The bytes that show `text` in a content stream: two per glyph, numbered as in
    /// the subset.
    pub(crate) fn encode(&mut self, text: &str) -> Result<Vec<u8>, DocError> {
        let mut out = Vec::with_capacity(text.len() * 2);
        for c in text.chars() {
            let glyph = self.glyph(c)?;
            let cid = self.glyphs.remap(glyph.0);
            self.text.entry(cid).or_insert(drawn(c));
            out.extend_from_slice(&cid.to_be_bytes());
        }
        Ok(out)
    }

    /// Whether the document has shown any text in this face.
    pub(crate) fn used(&self) -> bool {
        !self.text.is_empty()
    }

    /// Writes the subset of glyphs used as a Type 0 font with its descendant, descriptor,
    /// font file and ToUnicode map.
    pub(crate) fn embed(&self, pdf: &mut Pdf, refs: &FontRefs) -> Result<(), DocError> {
        let subset = subsetter::subset(self.data, 0, &self.glyphs)
            .map_err(|e| DocError::Font(e.to_string()))?;
        let base = format!("{}+{}", self.subset_tag(), self.postscript_name);
        let base = Name(base.as_bytes());
        let system = SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"Identity"),
            supplement: 0,
        };
        let per_unit = 1000.0 / f32::from(self.face.units_per_em());
        let scaled = |v: i16| f32::from(v) * per_unit;

        pdf.type0_font(refs.type0)
            .base_font(base)
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(refs.cid)
            .to_unicode(refs.cmap);

        let widths: Vec<f32> = self
            .glyphs
            .remapped_gids()
            .map(|g| {
                let advance = self.face.glyph_hor_advance(GlyphId(g)).unwrap_or(0);
                f32::from(advance) * per_unit
            })
            .collect();
        let mut cid = pdf.cid_font(refs.cid);
        cid.subtype(CidFontType::Type2)
            .base_font(base)
            .system_info(system)
            .font_descriptor(refs.descriptor)
            .default_width(0.0)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        cid.widths().consecutive(0, widths);
        cid.finish();

        let bbox = self.face.global_bounding_box();
        pdf.font_descriptor(refs.descriptor)
            .name(base)
            .flags(FontFlags::NON_SYMBOLIC)
            .bbox(Rect::new(
                scaled(bbox.x_min),
                scaled(bbox.y_min),
                scaled(bbox.x_max),
                scaled(bbox.y_max),
            ))
            .italic_angle(0.0)
            .ascent(scaled(self.face.ascender()))
            .descent(scaled(self.face.descender()))
            .cap_height(scaled(
                self.face.capital_height().unwrap_or(self.face.ascender()),
            ))
            .stem_v(self.stem_v)
            .font_file2(refs.file);

        let compressed = miniz_oxide::deflate::compress_to_vec_zlib(&subset, 6);
        let length = i32::try_from(subset.len()).map_err(|e| DocError::Font(e.to_string()))?;
        pdf.stream(refs.file, &compressed)
            .filter(Filter::FlateDecode)
            .pair(Name(b"Length1"), length);

        let mut cmap = UnicodeCmap::new(Name(b"Rapport-UCS"), system);
        for (cid, c) in &self.text {
            cmap.pair(*cid, *c);
        }
        pdf.cmap(refs.cmap, &cmap.finish());
        Ok(())
    }

    /// Six capitals that name this subset, derived from the glyphs in it so the same
    /// document always gets the same name.
    fn subset_tag(&self) -> String {
        // FNV-1a over the glyph ids.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for g in self.glyphs.remapped_gids() {
            for b in g.to_be_bytes() {
                hash ^= u64::from(b);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
        (0..6)
            .map(|i| char::from(b'A' + ((hash >> (i * 5)) % 26) as u8))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_font_has_the_letters_of_the_five_languages() {
        let fonts = Fonts::load().unwrap();
        for font in [&fonts.regular, &fonts.bold] {
            for c in "ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ æøå ÆØÅ ß ñ ¿¡ äöü € − – “”„ 0123456789".chars()
            {
                assert!(font.glyph(c).is_ok(), "no glyph for {c:?}");
            }
        }
    }

    #[test]
    fn wider_text_measures_wider_and_bold_is_wider_than_regular() {
        let fonts = Fonts::load().unwrap();
        let narrow = fonts.regular.width("iii", 10.0);
        let wide = fonts.regular.width("WWW", 10.0);
        assert!(narrow > 0.0 && wide > narrow * 2.0);
        assert!(fonts.bold.width("Total", 10.0) > fonts.regular.width("Total", 10.0));
        let double = fonts.regular.width("Total", 20.0);
        assert!((double - 2.0 * fonts.regular.width("Total", 10.0)).abs() < 0.001);
    }

    #[test]
    fn a_character_outside_the_font_is_refused_by_name() {
        let mut fonts = Fonts::load().unwrap();
        assert_eq!(
            fonts.regular.encode("日本"),
            Err(DocError::MissingGlyph { character: '日' })
        );
    }

    #[test]
    fn the_minus_sign_is_drawn_as_an_en_dash() {
        let mut fonts = Fonts::load().unwrap();
        let minus = fonts.regular.encode("\u{2212}").unwrap();
        assert_eq!(minus, fonts.regular.encode("\u{2013}").unwrap());
        assert_eq!(
            fonts.regular.width("\u{2212}1", 10.0),
            fonts.regular.width("\u{2013}1", 10.0)
        );
    }

    #[test]
    fn encoding_numbers_glyphs_in_the_order_first_seen() {
        let mut fonts = Fonts::load().unwrap();
        let bytes = fonts.regular.encode("abca").unwrap();
        // Glyph 0 is .notdef, so the first letter seen is 1.
        assert_eq!(bytes, vec![0, 1, 0, 2, 0, 3, 0, 1]);
        assert!(fonts.regular.used());
        assert!(!fonts.bold.used());
    }
}
