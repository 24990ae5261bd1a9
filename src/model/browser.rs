//! The browser's name and version, read from its user-agent string, for the machine panel.

/// "Firefox 140", "Chromium 148", "Safari 17", "WebKitGTK (Safari's engine)", or "an unknown
/// browser".
pub fn name_from_user_agent(ua: &str) -> String {
    let version = |marker: &str| -> Option<String> {
        let rest = &ua[ua.find(marker)? + marker.len()..];
        Some(
            rest.split(['.', ' ', ';', ')'])
                .next()
                .unwrap_or("")
                .to_owned(),
        )
    };
    let headless = if ua.contains("Headless") {
        " (headless)"
    } else {
        ""
    };
    if let Some(v) = version("Firefox/") {
        format!("Firefox {v}{headless}")
    } else if let Some(v) = version("Edg/") {
        format!("Edge {v}")
    } else if let Some(v) = version("Chrome/") {
        format!("Chromium {v}{headless}")
    } else if ua.contains("Safari/") && ua.contains("Linux") && !ua.contains("Android") {
        // WebKitGTK and WPE (Epiphany, MiniBrowser): Safari's engine, whose "Version/" is made up.
        "WebKitGTK (Safari's engine)".to_owned()
    } else if let (Some(v), true) = (version("Version/"), ua.contains("Safari/")) {
        format!("Safari {v}")
    } else {
        "an unknown browser".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::name_from_user_agent;

    #[test]
    fn names_common_browsers() {
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";
        assert_eq!(name_from_user_agent(firefox), "Firefox 140");
        let chromium = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/148.0.0.0 Safari/537.36";
        assert_eq!(name_from_user_agent(chromium), "Chromium 148 (headless)");
        let safari = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15";
        assert_eq!(name_from_user_agent(safari), "Safari 17");
        let webkitgtk = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/60.5 Safari/605.1.15";
        assert_eq!(
            name_from_user_agent(webkitgtk),
            "WebKitGTK (Safari's engine)"
        );
        assert_eq!(name_from_user_agent(""), "an unknown browser");
    }
}
