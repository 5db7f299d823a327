/// Maps a request path to a file of the site, or refuses it. The site is held in memory, so
/// nothing outside it can be served; this also refuses `..`, `.`, NUL and backslashes after
/// percent-decoding, so `/%2e%2e/` and `..%2f` are rejected rather than looked up.
public enum SitePath {
    public enum Resolution: Equatable {
        case file(String)
        /// A folder asked for without its trailing slash: relative links need it.
        case redirect(String)
        case refused
    }

    public static func resolve(_ rawPath: String, exists: (String) -> Bool) -> Resolution {
        let pathOnly = rawPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        // A slash or backslash is a separator only when written as one: `a%2fb` is refused, not read as `a/b`.
        let lowered = pathOnly.lowercased()
        if lowered.contains("%2f") || lowered.contains("%5c") { return .refused }
        guard let decoded = pathOnly.removingPercentEncoding, decoded.hasPrefix("/") else { return .refused }
        if decoded.contains("\0") || decoded.contains("\\") { return .refused }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        if segments.contains(where: { $0 == ".." || $0 == "." }) { return .refused }
        let joined = segments.joined(separator: "/")
        if joined.isEmpty { return .file("index.html") }
        if decoded.hasSuffix("/") { return .file(joined + "/index.html") }
        if !exists(joined), exists(joined + "/index.html") {
            // Built from the cleaned segments: `//host/x` must never become a protocol-relative URL.
            let encoded = segments.map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? String($0) }
            return .redirect("/" + encoded.joined(separator: "/") + "/")
        }
        return .file(joined)
    }

    public static func isLoopback(_ address: String) -> Bool {
        if ["localhost", "::1", "[::1]"].contains(address) { return true }
        // 127.0.0.0/8, as four numbers: `127.0.0.1.evil.example` is a name, not loopback.
        let octets = address.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// A `Host` header naming this machine's loopback (with or without a port).
    public static func isLoopbackHost(_ authority: String?) -> Bool {
        guard let authority, !authority.isEmpty else { return false }
        var host = authority
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            host = String(host[...close])
        } else if let colon = host.lastIndex(of: ":") {
            host = String(host[..<colon])
        }
        return isLoopback(host.lowercased())
    }

    public static func contentType(of path: String) -> String {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "pdf": return "application/pdf"
        case "txt", "md": return "text/plain; charset=utf-8"
        default: return "application/octet-stream"
        }
    }
}

import Foundation
