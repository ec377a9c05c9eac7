//! The guard against DNS rebinding: a page on another site can make a browser send requests
//! to this server under the other site's name. Only requests whose `Host` header names this
//! machine the way a reader does (`localhost`, an IP address, or the name given with `--host`)
//! and the server's port are answered.

/// Which `Host` headers the server answers.
#[derive(Debug, Clone)]
pub(crate) struct Hosts {
    /// The name the server was bound with (`--host`), in lower case, without brackets.
    named: String,
    /// The port it listens on.
    port: u16,
}

impl Hosts {
    /// The hosts of a server bound with `named` (e.g. `127.0.0.1`) on `port`.
    pub(crate) fn new(named: &str, port: u16) -> Hosts {
        Hosts {
            named: unbracketed(named).to_ascii_lowercase(),
            port,
        }
    }

    /// Whether a request with this `Host` header (none: `None`) is answered.
    pub(crate) fn allow(&self, header: Option<&str>) -> bool {
        let Some(header) = header.map(str::trim) else {
            return false;
        };
        let (name, port) = if let Some(rest) = header.strip_prefix('[') {
            // An IPv6 address: `[::1]` or `[::1]:8000`.
            let Some((inside, after)) = rest.split_once(']') else {
                return false;
            };
            let port = match after {
                "" => None,
                _ => match after.strip_prefix(':') {
                    Some(p) => Some(p),
                    None => return false,
                },
            };
            if inside.parse::<std::net::Ipv6Addr>().is_err() {
                return false;
            }
            (inside, port)
        } else {
            match header.rsplit_once(':') {
                Some((name, port)) => (name, Some(port)),
                None => (header, None),
            }
        };
        let port_matches = match port {
            None => self.port == 80,
            Some(p) => p.parse::<u16>().is_ok_and(|p| p == self.port),
        };
        let name = name.to_ascii_lowercase();
        let name = name.strip_suffix('.').unwrap_or(&name);
        port_matches
            && (name == "localhost"
                || name.parse::<std::net::IpAddr>().is_ok()
                || (!self.named.is_empty() && name == self.named))
    }
}

/// `::1` for `[::1]`; other names as they are.
fn unbracketed(name: &str) -> &str {
    name.strip_prefix('[')
        .and_then(|n| n.strip_suffix(']'))
        .unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_machines_names_on_this_port_are_answered() {
        let hosts = Hosts::new("127.0.0.1", 8123);
        for ok in [
            "127.0.0.1:8123",
            "localhost:8123",
            "LocalHost:8123",
            "localhost.:8123",
            "[::1]:8123",
            " 127.0.0.1:8123 ",
        ] {
            assert!(hosts.allow(Some(ok)), "{ok}");
        }
        for refused in [
            "evil.example:8123",
            "localhost.evil.example:8123",
            "127.0.0.1:8124",
            "127.0.0.1",
            "localhost",
            "[::1]x:8123",
            "[nothing]:8123",
            "127.0.0.1:80123",
            "",
        ] {
            assert!(!hosts.allow(Some(refused)), "{refused}");
        }
        assert!(!hosts.allow(None));
        assert!(Hosts::new("127.0.0.1", 80).allow(Some("localhost")));
        let named = Hosts::new("Preview.Lan", 9000);
        assert!(named.allow(Some("preview.lan:9000")));
        assert!(!named.allow(Some("other.lan:9000")));
    }
}
