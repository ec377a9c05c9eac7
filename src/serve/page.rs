//! The page the browser opens: a frame for the report, a banner for the map's errors, and the
//! live script (`live.js`, inline, allowed by its hash) that swaps in each new version.

use maud::{html, PreEscaped, DOCTYPE};

use crate::render::html::script_hash;

/// The live script.
const SCRIPT: &str = include_str!("live.js");
/// The page's stylesheet.
const STYLE: &str = include_str!("live.css");

/// The page's Content-Security-Policy: nothing from the network; the one inline script; the
/// events and the report from this server only; no page elsewhere may frame it.
pub(crate) fn policy() -> String {
    format!(
        "default-src 'none'; script-src '{}'; style-src 'unsafe-inline'; connect-src 'self'; \
         frame-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; \
         frame-ancestors 'none'",
        script_hash(SCRIPT)
    )
}

/// The page, the same for every visit (the state comes through the events).
pub(crate) fn shell() -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content="counterpoint";
                title { "counterpoint serve" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                p #live-bar role="status" hidden {}
                section #banner role="alert" aria-labelledby="banner-title" hidden {
                    h2 #banner-title {}
                    p #banner-note {}
                    ul #problems {}
                }
                div #frames {
                    p #waiting { "Drawing the map…" }
                }
                script { (PreEscaped(SCRIPT)) }
            }
        }
    }
    .into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_the_inline_script_and_nothing_from_elsewhere() {
        let policy = policy();
        assert!(policy.starts_with("default-src 'none'; script-src 'sha256-"));
        assert!(policy.contains(&script_hash(SCRIPT)));
        let page = shell();
        assert_eq!(page.matches("<script").count(), 1);
        assert!(page.contains(SCRIPT));
        assert!(!page.contains("http://") && !page.contains("https://"));
    }
}
