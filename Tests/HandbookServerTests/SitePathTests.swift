import Testing
@testable import HandbookServer

/// Request path → file of the in-memory site, a redirect, or a refusal.
@Suite("Site paths")
struct SitePathTests {
    /// A small site: what `exists` answers for.
    static let site: Set<String> = [
        "index.html", "404.html", "handbook.json", "assets/style.css", "assets/search.js",
        "processes/x/index.html", "processes/x/feedback/index.html", "guides/flow.svg",
        "processes/中文/index.html", "%2e%2e/handbook.yml",
    ]

    static func resolve(_ path: String) -> SitePath.Resolution {
        SitePath.resolve(path, exists: { site.contains($0) })
    }

    @Test("The root and folder paths with a slash serve their index.html")
    func folders() {
        #expect(Self.resolve("/") == .file("index.html"))
        #expect(Self.resolve("/processes/x/") == .file("processes/x/index.html"))
        #expect(Self.resolve("/processes/x/feedback/") == .file("processes/x/feedback/index.html"))
        #expect(Self.resolve("//processes///x/") == .file("processes/x/index.html"))
    }

    @Test("Files are served at their own path, query strings ignored")
    func files() {
        #expect(Self.resolve("/assets/style.css") == .file("assets/style.css"))
        #expect(Self.resolve("/assets/style.css?v=2") == .file("assets/style.css"))
        #expect(Self.resolve("/index.html") == .file("index.html"))
        #expect(Self.resolve("/?q=%E6%8A%95%E8%AF%89") == .file("index.html"))
        #expect(Self.resolve("/processes/%E4%B8%AD%E6%96%87/") == .file("processes/中文/index.html"))
    }

    @Test("A missing file is still a file answer (the server turns it into 404)")
    func missing() {
        #expect(Self.resolve("/nowhere.html") == .file("nowhere.html"))
        #expect(Self.resolve("/processes/y/") == .file("processes/y/index.html"))
    }

    @Test("A folder without its trailing slash redirects to it, so relative links work")
    func redirect() {
        #expect(Self.resolve("/processes/x") == .redirect("/processes/x/"))
        #expect(Self.resolve("/processes/x/feedback") == .redirect("/processes/x/feedback/"))
        #expect(Self.resolve("/processes/%E4%B8%AD%E6%96%87") == .redirect("/processes/%E4%B8%AD%E6%96%87/"))
        // A query is not carried over into the path of the location.
        #expect(Self.resolve("/processes/x?a=1") == .redirect("/processes/x/"))
    }

    @Test("A redirect stays on this server: its location never starts with //")
    func redirectStaysLocal() {
        // `//processes/x` names the same folder; a location `//processes/x/` would be a
        // protocol-relative URL to the host `processes`.
        guard case .redirect(let location) = Self.resolve("//processes/x") else {
            Issue.record("expected a redirect")
            return
        }
        #expect(location == "/processes/x/")
    }

    @Test("Traversal and odd bytes are refused, whether plain or percent-encoded",
          arguments: [
              "/..", "/../handbook.yml", "/assets/../../handbook.yml", "/a/b/..", "/.", "/./index.html",
              "/%2e%2e/handbook.yml", "/%2E%2E/%2E%2E/etc/passwd", "/%2E%2E%2Fhandbook.yml", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
              "/assets/..%2f..%2fhandbook.yml", "/assets/..%2F..%2Fhandbook.yml", "/.%2e/handbook.yml", "/%2e./handbook.yml",
              "/index.html%00", "/index.html%00.css", "/a%00b/", "/..\\handbook.yml", "/assets\\style.css", "/%5c..%5chandbook.yml",
              "/%zz", "/%", "relative/path", "", "%2f..%2fhandbook.yml",
              "/assets%2fstyle.css", "/processes%2Falpha/", "/assets%5Cstyle.css",
          ])
    func refused(path: String) {
        #expect(Self.resolve(path) == .refused, "\(path) was not refused")
    }

    @Test("Double encoding is decoded once: `%252e%252e` is a file named `%2e%2e`, not a step up",
          arguments: ["/%252e%252e/handbook.yml", "/%252E%252E%252Fhandbook.yml", "/assets/..%252f..%252fhandbook.yml"])
    func doubleEncoded(path: String) {
        let resolution = Self.resolve(path)
        guard case .file(let file) = resolution else {
            Issue.record("\(path) → \(resolution)")
            return
        }
        #expect(!file.split(separator: "/").contains(".."), "\(path) → \(file)")
        #expect(file.hasPrefix("%2") || file.hasPrefix("assets/"), "\(path) → \(file)")
    }

    @Test("The double-encoded name resolves to exactly that file, if the site happens to have one")
    func doubleEncodedExactFile() {
        #expect(Self.resolve("/%252e%252e/handbook.yml") == .file("%2e%2e/handbook.yml"))
    }

    @Test("Content types by extension", arguments: [
        ("index.html", "text/html; charset=utf-8"),
        ("processes/x/index.html", "text/html; charset=utf-8"),
        ("PAGE.HTML", "text/html; charset=utf-8"),
        ("assets/style.css", "text/css; charset=utf-8"),
        ("assets/search.js", "text/javascript; charset=utf-8"),
        ("guides/flow.svg", "image/svg+xml"),
        ("handbook.json", "application/json; charset=utf-8"),
        ("a.png", "image/png"), ("a.jpeg", "image/jpeg"), ("a.pdf", "application/pdf"),
        ("notes.txt", "text/plain; charset=utf-8"),
        ("archive.zip", "application/octet-stream"), ("LICENSE", "application/octet-stream"),
    ])
    func contentTypes(path: String, type: String) {
        #expect(SitePath.contentType(of: path) == type)
    }
}

@Suite("Host names")
struct HostNameTests {
    @Test("A loopback server answers loopback Host names only (DNS rebinding)",
          arguments: [("127.0.0.1:8000", true), ("localhost:8000", true), ("LOCALHOST", true), ("[::1]:8000", true),
                      ("attacker.example:8000", false), ("127.0.0.1.evil.example", false), ("", false)])
    func loopbackHost(_ host: String, _ allowed: Bool) {
        #expect(SitePath.isLoopbackHost(host) == allowed)
    }
}
