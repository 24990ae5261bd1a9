//! How the page became cross-origin isolated, told only from what it can check: whether it is
//! isolated and in a frame, whether the browser supports `Document-Isolation-Policy`, and the
//! isolation headers on a response for its own address (the host's, or those the service worker
//! `coi-sw.js` added, which it lists in [`ADDED_BY_SERVICE_WORKER`]). Also why threads cannot
//! run in a frame, naming what the browser lacks. Pure: no browser types.

/// The response header in which `coi-sw.js` lists the headers it added (those the host did not
/// send). Keep the name equal to the one in `www/coi-sw.js`.
pub const ADDED_BY_SERVICE_WORKER: &str = "Cp-Service-Worker-Added";

/// Who sent an isolation header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The host, with the file.
    Host,
    /// The service worker, which added it to the host's response.
    ServiceWorker,
}

/// The isolation headers on a response for the page's own address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct SeenHeaders {
    /// `Cross-Origin-Opener-Policy: same-origin` with a `Cross-Origin-Embedder-Policy` that
    /// isolates, and who sent them (the service worker, if it added either).
    pub coop_coep: Option<Source>,
    /// `Document-Isolation-Policy: isolate-and-…`, and who sent it.
    pub dip: Option<Source>,
}

impl SeenHeaders {
    /// Reads the headers through `get`, which gives a header's value by its name.
    pub fn read(get: impl Fn(&str) -> Option<String>) -> Self {
        let added = get(ADDED_BY_SERVICE_WORKER)
            .unwrap_or_default()
            .to_ascii_lowercase();
        let source = |names: &[&str]| {
            if names
                .iter()
                .any(|n| added.contains(&n.to_ascii_lowercase()))
            {
                Source::ServiceWorker
            } else {
                Source::Host
            }
        };
        let value = |name: &str| get(name).unwrap_or_default().trim().to_ascii_lowercase();
        let coop = value("Cross-Origin-Opener-Policy") == "same-origin";
        let coep = matches!(
            value("Cross-Origin-Embedder-Policy").as_str(),
            "require-corp" | "credentialless"
        );
        let dip = value("Document-Isolation-Policy").starts_with("isolate-and-");
        Self {
            coop_coep: (coop && coep)
                .then(|| source(&["Cross-Origin-Opener-Policy", "Cross-Origin-Embedder-Policy"])),
            dip: dip.then(|| source(&["Document-Isolation-Policy"])),
        }
    }
}

/// What made the page cross-origin isolated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mechanism {
    /// The page is not cross-origin isolated: no shared memory, so no Threads modes.
    NotIsolated,
    /// COOP and COEP on a top-level page.
    CoopCoep(Source),
    /// `Document-Isolation-Policy`, in a browser that supports it.
    Dip(Source),
    /// In a frame without a policy the browser applies: the embedding page is isolated and
    /// lets the frame be (the only other way a frame is isolated).
    EmbeddingPage,
    /// Isolated, but the page could not read its headers to tell how.
    Unknown,
}

/// What made the page isolated, from what it could check (`seen` is `None` if it could not
/// read its own headers).
pub fn mechanism(
    isolated: bool,
    in_frame: bool,
    dip_supported: bool,
    seen: Option<SeenHeaders>,
) -> Mechanism {
    if !isolated {
        return Mechanism::NotIsolated;
    }
    let dip = seen.and_then(|s| s.dip).filter(|_| dip_supported);
    if in_frame {
        return match (dip, seen) {
            (Some(source), _) => Mechanism::Dip(source),
            (None, Some(_)) => Mechanism::EmbeddingPage,
            (None, None) if !dip_supported => Mechanism::EmbeddingPage,
            (None, None) => Mechanism::Unknown,
        };
    }
    match (seen.and_then(|s| s.coop_coep), dip) {
        (Some(source), _) => Mechanism::CoopCoep(source),
        (None, Some(source)) => Mechanism::Dip(source),
        (None, None) => Mechanism::Unknown,
    }
}

impl Mechanism {
    /// A stable name, for the page's markup and tests.
    pub fn id(self) -> &'static str {
        match self {
            Self::NotIsolated => "none",
            Self::CoopCoep(Source::Host) => "coop-coep-host",
            Self::CoopCoep(Source::ServiceWorker) => "coop-coep-service-worker",
            Self::Dip(Source::Host) => "dip-host",
            Self::Dip(Source::ServiceWorker) => "dip-service-worker",
            Self::EmbeddingPage => "embedding-page",
            Self::Unknown => "unknown",
        }
    }

    /// One sentence: how the page is isolated, or that it is not.
    pub fn describe(self, in_frame: bool) -> String {
        let place = if in_frame { "this frame" } else { "the page" };
        match self {
            Self::NotIsolated => "no".to_owned(),
            Self::CoopCoep(Source::Host) => {
                "yes, by the host's headers (Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy)".to_owned()
            }
            Self::CoopCoep(Source::ServiceWorker) => {
                "yes, by the service worker (coi-sw.js), which adds the Cross-Origin-Opener-Policy and \
                 Cross-Origin-Embedder-Policy headers this host does not send"
                    .to_owned()
            }
            Self::Dip(Source::Host) => format!(
                "yes, by Document-Isolation-Policy, which the host sends and which isolates {place} on its own"
            ),
            Self::Dip(Source::ServiceWorker) => format!(
                "yes, by Document-Isolation-Policy, which the service worker (coi-sw.js) adds because this \
                 host sends no headers, and which isolates {place} on its own"
            ),
            Self::EmbeddingPage => {
                "yes, by the embedding page, which is itself isolated and lets this frame be".to_owned()
            }
            Self::Unknown => {
                "yes (the page could not read its own headers to tell by what)".to_owned()
            }
        }
    }
}

/// Whether a browser, by its user-agent string, supports `Document-Isolation-Policy`:
/// Chromium-based browsers from 137 on desktop and from 146 on Android. Firefox and Safari (and
/// every browser on iOS, which all use WebKit) do not, yet.
pub fn dip_supported(user_agent: &str) -> bool {
    let Some(at) = user_agent.find("Chrome/") else {
        return false;
    };
    let major: u32 = user_agent[at + "Chrome/".len()..]
        .split('.')
        .next()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    major
        >= if user_agent.contains("Android") {
            146
        } else {
            137
        }
}

/// Why threads cannot run in a frame that is not isolated, naming what the browser lacks.
pub fn frame_reason(dip_supported: bool, browser: &str) -> String {
    let why = "Threads need memory shared between workers, which browsers allow only in a cross-origin isolated page";
    if dip_supported {
        format!(
            "{why}. This browser can isolate an embedded playground on its own, but the playground's host \
             sends no Document-Isolation-Policy header, and the service worker that adds one did not \
             isolate this frame (service workers or storage may be blocked here). Open the playground in \
             its own tab to run threads."
        )
    } else {
        format!(
            "{why}. This browser ({browser}) lacks Document-Isolation-Policy, with which Chromium-based \
             browsers (137 and later) isolate an embedded playground on their own, so in a frame it allows \
             that only when the course page itself is isolated, and this one is not. Open the playground \
             in its own tab to run threads."
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> SeenHeaders {
        SeenHeaders::read(|name| {
            pairs
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| (*v).to_owned())
        })
    }

    const COOP: (&str, &str) = ("cross-origin-opener-policy", "same-origin");
    const COEP: (&str, &str) = ("cross-origin-embedder-policy", "require-corp");
    const DIP: (&str, &str) = ("document-isolation-policy", "isolate-and-require-corp");

    #[test]
    fn reads_who_sent_which_header() {
        let host = headers(&[COOP, COEP, DIP]);
        assert_eq!(host.coop_coep, Some(Source::Host));
        assert_eq!(host.dip, Some(Source::Host));
        let worker = headers(&[
            COOP,
            COEP,
            DIP,
            (ADDED_BY_SERVICE_WORKER, "Document-Isolation-Policy"),
        ]);
        assert_eq!(worker.coop_coep, Some(Source::Host));
        assert_eq!(worker.dip, Some(Source::ServiceWorker));
        let none = headers(&[
            ("cross-origin-opener-policy", "same-origin-allow-popups"),
            COEP,
        ]);
        assert_eq!(none, SeenHeaders::default());
        assert_eq!(headers(&[("Document-Isolation-Policy", "none")]).dip, None);
    }

    #[test]
    fn tells_the_mechanism_honestly() {
        let all = Some(headers(&[COOP, COEP, DIP]));
        let dip_only = Some(headers(&[DIP]));
        let coop_coep_only = Some(headers(&[COOP, COEP]));
        assert_eq!(mechanism(false, true, true, all), Mechanism::NotIsolated);
        // Top level: COOP/COEP isolate in every browser, so they are named first.
        assert_eq!(
            mechanism(true, false, true, all),
            Mechanism::CoopCoep(Source::Host)
        );
        assert_eq!(
            mechanism(true, false, true, dip_only),
            Mechanism::Dip(Source::Host)
        );
        // In a frame: the policy, if the browser applies it; otherwise the embedding page.
        assert_eq!(
            mechanism(true, true, true, all),
            Mechanism::Dip(Source::Host)
        );
        assert_eq!(mechanism(true, true, false, all), Mechanism::EmbeddingPage);
        assert_eq!(
            mechanism(true, true, true, coop_coep_only),
            Mechanism::EmbeddingPage
        );
        assert_eq!(mechanism(true, true, false, None), Mechanism::EmbeddingPage);
        assert_eq!(mechanism(true, true, true, None), Mechanism::Unknown);
        assert_eq!(mechanism(true, false, false, dip_only), Mechanism::Unknown);
    }

    #[test]
    fn knows_which_browsers_support_the_policy() {
        let chromium = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36";
        assert!(dip_supported(chromium));
        assert!(!dip_supported(&chromium.replace("156", "136")));
        let android = "Mozilla/5.0 (Linux; Android 14; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/145.0.0.0 Mobile Safari/537.36";
        assert!(!dip_supported(android));
        assert!(dip_supported(&android.replace("145", "146")));
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";
        assert!(!dip_supported(firefox));
        let safari = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15";
        assert!(!dip_supported(safari));
    }

    #[test]
    fn the_frame_reason_names_what_the_browser_lacks() {
        let firefox = frame_reason(false, "Firefox 140");
        assert!(firefox.contains("Firefox 140"));
        assert!(firefox.contains("lacks Document-Isolation-Policy"));
        assert!(firefox.contains("own tab"));
        let chromium = frame_reason(true, "Chromium 156");
        assert!(chromium.contains("sends no Document-Isolation-Policy"));
    }
}
