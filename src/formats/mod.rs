//! Formats read and written besides Argdown: counterpoint JSON and the formats of other tools,
//! and [`Format`], the one list of them that loading and the command line share.

pub mod aif;
pub mod argdown;
pub mod argdown_reduced;
pub mod graphml;
pub mod iccma;
pub mod json;
pub mod kialo;
pub mod mermaid;
pub(crate) mod spans;

/// A format counterpoint reads, writes, or both. This is the one list of formats: loading
/// ([`crate::load`](mod@crate::load)) reads by it and the command line builds `--from` and `--to` from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Argdown, counterpoint's subset; written in the canonical layout of `fmt`.
    Argdown,
    /// counterpoint's own JSON (see `counterpoint.schema.json`).
    Json,
    /// ICCMA apx facts `arg(a).` / `att(a,b).`; see [`iccma`].
    Apx,
    /// Trivial Graph Format (ids, `#`, attacks); read only; see [`iccma`].
    Tgf,
    /// ICCMA 2023 `p af N`, then `i j` attacks (also `.af` files); see [`iccma`].
    I23,
    /// Argument Interchange Format JSON (AIFdb, OVA3/xAIF); see [`aif`].
    Aif,
    /// Kialo's plain-text discussion export; read only; see [`kialo`].
    Kialo,
    /// A Mermaid flowchart; written only; see [`mermaid`].
    Mermaid,
    /// GraphML for graph tools; written only; see [`graphml`].
    Graphml,
}

impl Format {
    /// Every format, in the order the command line lists them.
    pub const ALL: [Format; 9] = [
        Format::Argdown,
        Format::Json,
        Format::Apx,
        Format::Tgf,
        Format::I23,
        Format::Aif,
        Format::Kialo,
        Format::Mermaid,
        Format::Graphml,
    ];

    /// The format's name, as `--from` and `--to` spell it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Argdown => "argdown",
            Format::Json => "json",
            Format::Apx => "apx",
            Format::Tgf => "tgf",
            Format::I23 => "i23",
            Format::Aif => "aif",
            Format::Kialo => "kialo",
            Format::Mermaid => "mermaid",
            Format::Graphml => "graphml",
        }
    }

    /// The format named `name` (as [`Format::name`] spells it), if any.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// One line saying what the format is, for help texts (without a full stop).
    pub fn about(self) -> &'static str {
        match self {
            Format::Argdown => {
                "Argdown; written in counterpoint's canonical layout (the same as `fmt`)"
            }
            Format::Json => "counterpoint's JSON",
            Format::Apx => {
                "ICCMA apx facts `arg(a).` / `att(a,b).` (the attack graph; written with ids made \
                 into atoms)"
            }
            Format::Tgf => "Trivial Graph Format (ids, `#`, attacks)",
            Format::I23 => {
                "ICCMA 2023 (`p af N`, then `i j` attacks; also for `.af` files); written with \
                 `# id i ID` comments"
            }
            Format::Aif => {
                "Argument Interchange Format JSON (AIFdb export, OVA3/xAIF); written AIFdb style \
                 (I-nodes, RA/CA/MA scheme nodes, locutions for sides), with counterpoint's extra \
                 data so that it reads back exactly"
            }
            Format::Kialo => "Kialo's plain-text discussion export (`Discussion Title: ...`)",
            Format::Mermaid => "A Mermaid flowchart, for Markdown",
            Format::Graphml => "GraphML, for yEd, Gephi and other graph tools",
        }
    }

    /// Whether counterpoint reads maps in this format.
    pub fn can_read(self) -> bool {
        !matches!(self, Format::Mermaid | Format::Graphml)
    }

    /// Whether counterpoint writes maps in this format.
    pub fn can_write(self) -> bool {
        !matches!(self, Format::Tgf | Format::Kialo)
    }

    /// The ICCMA dialect this format is, if it is one.
    pub(crate) fn dialect(self) -> Option<iccma::Dialect> {
        match self {
            Format::Apx => Some(iccma::Dialect::Apx),
            Format::Tgf => Some(iccma::Dialect::Tgf),
            Format::I23 => Some(iccma::Dialect::I23),
            _ => None,
        }
    }
}

impl From<iccma::Dialect> for Format {
    fn from(dialect: iccma::Dialect) -> Format {
        match dialect {
            iccma::Dialect::Apx => Format::Apx,
            iccma::Dialect::Tgf => Format::Tgf,
            iccma::Dialect::I23 => Format::I23,
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_read_back() {
        for format in Format::ALL {
            assert_eq!(Format::from_name(format.name()), Some(format));
        }
        assert_eq!(Format::from_name("auto"), None);
        assert_eq!(Format::from_name("JSON"), None);
    }

    #[test]
    fn what_is_read_and_written() {
        let names = |keep: fn(Format) -> bool| -> Vec<&str> {
            Format::ALL
                .into_iter()
                .filter(|&f| keep(f))
                .map(Format::name)
                .collect()
        };
        assert_eq!(
            names(Format::can_read),
            ["argdown", "json", "apx", "tgf", "i23", "aif", "kialo"]
        );
        assert_eq!(
            names(Format::can_write),
            ["argdown", "json", "apx", "i23", "aif", "mermaid", "graphml"]
        );
    }

    #[test]
    fn iccma_dialects_map_both_ways() {
        for dialect in [
            iccma::Dialect::Apx,
            iccma::Dialect::Tgf,
            iccma::Dialect::I23,
        ] {
            assert_eq!(Format::from(dialect).dialect(), Some(dialect));
        }
        assert_eq!(Format::Json.dialect(), None);
    }
}
