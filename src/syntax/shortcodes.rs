//! Argdown's special characters: `.^.` becomes `∧`, `:love:` becomes `😍`, and so on. A
//! name between two dots or two colons that is not in the table stays as written.

/// Argdown 1.7's table of shortcodes and the characters they stand for.
const SHORTCODES: [(&str, &str); 80] = [
    (".A.", "∀"),
    (":A:", "∀"),
    (".E.", "∃"),
    (":E:", "∃"),
    (".O.", "𝗢"),
    (":O:", "𝗢"),
    (".P.", "𝗣"),
    (":P:", "𝗣"),
    (".->.", "→"),
    (":->:", "→"),
    (".<->.", "↔"),
    (":<->:", "↔"),
    (".~.", "¬"),
    (":~:", "¬"),
    (".^.", "∧"),
    (":^:", "∧"),
    (".v.", "∨"),
    (":v:", "∨"),
    (".v_.", "⊻"),
    (":v_:", "⊻"),
    (".<>.", "◇"),
    (":<>:", "◇"),
    (".[].", "◻"),
    (":[]:", "◻"),
    (":happy:", "😀"),
    (".happy.", "😀"),
    (":smile:", "☺️"),
    (".smile.", "☺"),
    (":smiley:", "☺"),
    (".smiley.", "☺"),
    (":laugh:", "😆"),
    (".laugh.", "😆"),
    (":lol:", "😆"),
    (".lol.", "😆"),
    (":rofl:", "🤣"),
    (".rofl.", "🤣"),
    (":joy:", "😂"),
    (".joy.", "😂"),
    (":heart:", "❤"),
    (".heart.", "❤"),
    (".?.", "❓"),
    (":?:", "❓"),
    (".question.", "❓"),
    (":question:", "❓"),
    (":love:", "😍"),
    (".love.", "😍"),
    (":wink:", "😉"),
    (".wink.", "😉"),
    (":shush:", "🤫"),
    (".shush.", "🤫"),
    (":meh:", "😐"),
    (".meh.", "😐"),
    (":eye-roll:", "🙄"),
    (".eye-roll.", "🙄"),
    (":sad:", "😢"),
    (".sad.", "😢"),
    (":disappointed:", "😞"),
    (".disappointed.", "😞"),
    (":scream:", "😱"),
    (".scream.", "😱"),
    (":+1:", "👍"),
    (".+1.", "👍"),
    (":up:", "👍"),
    (".up.", "👍"),
    (":-1:", "👎"),
    (".-1.", "👎"),
    (":down:", "👎"),
    (".down.", "👎"),
    (":think:", "🤔"),
    (".think.", "🤔"),
    (".star.", "⭐"),
    (":star:", "⭐"),
    (".y.", "✔"),
    (":y:", "✔"),
    (".agree.", "✔"),
    (":agree:", "✔"),
    (".n.", "❌"),
    (":n:", "❌"),
    (".disagree.", "❌"),
    (":disagree:", "❌"),
];

/// The character(s) a shortcode (delimiters included, e.g. `.^.`) stands for.
pub(crate) fn lookup(code: &str) -> Option<&'static str> {
    SHORTCODES
        .iter()
        .find(|(name, _)| *name == code)
        .map(|(_, unicode)| *unicode)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_up_both_forms() {
        assert_eq!(lookup(".^."), Some("∧"));
        assert_eq!(lookup(":^:"), Some("∧"));
        assert_eq!(lookup(":love:"), Some("😍"));
        assert_eq!(lookup(".g."), None);
    }
}
