import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A minimal HTTP/1.1 client over a plain TCP socket on loopback. Requests go out exactly as
/// written, so nothing on the client side normalizes `..` or percent-encoding in the path.
/// Reads never block a thread: the socket is non-blocking and waiting is `Task.sleep`, because
/// the server under test runs on the same few threads (on Linux, Swift concurrency and
/// `DispatchQueue.global()` share one pool as wide as the machine has cores).
final class RawConnection: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let fd: Int32
    private var closed = false
    private let lock = NSLock()
    /// Everything received so far.
    private(set) var received: [UInt8] = []

    private init(fd: Int32) { self.fd = fd }

    deinit { close() }

    /// Connects to 127.0.0.1:`port` (on loopback this is immediate).
    static func open(port: Int) throws -> RawConnection {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failure(description: "socket() failed: \(errno)") }
        let connection = RawConnection(fd: fd)
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else { throw Failure(description: "connect to port \(port) failed: \(errno)") }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        return connection
    }

    func send(_ text: String) async throws {
        var bytes = Array(text.utf8)
        let deadline = ContinuousClock.now + .seconds(5)
        while !bytes.isEmpty {
            let sent = bytes.withUnsafeBytes { Glibc_send(fd, $0.baseAddress, $0.count) }
            if sent < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(5))
                continue
            }
            guard sent > 0 else { throw Failure(description: "send failed: \(errno)") }
            bytes.removeFirst(sent)
        }
    }

    /// Reads until `done` says the bytes so far are enough, the peer closes, or `timeout` passes.
    /// Returns whether `done` was satisfied.
    @discardableResult
    func read(timeout: Duration = ServedHandbook.patience, until done: ([UInt8]) -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !done(received) {
            if ContinuousClock.now > deadline { return false }
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count == 0 { return done(received) }
            if count < 0 {
                guard errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR else {
                    throw Failure(description: "recv failed: \(errno)")
                }
                try await Task.sleep(for: .milliseconds(5))
                continue
            }
            received += buffer[0..<count]
        }
        return true
    }

    func close() {
        lock.lock()
        defer { lock.unlock() }
        if !closed {
            closed = true
            #if canImport(Glibc)
            _ = Glibc.close(fd)
            #else
            _ = Darwin.close(fd)
            #endif
        }
    }
}

private func Glibc_send(_ fd: Int32, _ pointer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.send(fd, pointer, count, Int32(MSG_NOSIGNAL))
    #else
    return Darwin.send(fd, pointer, count, 0)
    #endif
}

/// One parsed HTTP response.
struct RawResponse: Sendable {
    var status: Int
    /// Header names lowercased.
    var headers: [String: String]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
    var contentType: String { headers["content-type"] ?? "" }

    /// Parses `bytes` when they hold a complete response (headers, and the whole body when its
    /// length is known); nil while more is needed.
    static func parse(_ bytes: [UInt8], complete: Bool) -> RawResponse? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = bytes.firstRange(of: separator) else { return nil }
        let head = String(decoding: bytes[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head.first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let rest = Array(bytes[end.upperBound...])
        if let length = headers["content-length"].flatMap(Int.init) {
            guard rest.count >= length else { return nil }
            return RawResponse(status: status, headers: headers, body: Array(rest.prefix(length)))
        }
        if headers["transfer-encoding"]?.lowercased() == "chunked" {
            guard let body = dechunk(rest) else { return complete ? RawResponse(status: status, headers: headers, body: rest) : nil }
            return RawResponse(status: status, headers: headers, body: body)
        }
        return complete ? RawResponse(status: status, headers: headers, body: rest) : nil
    }

    /// The body of a chunked response, or nil until its last chunk has arrived.
    static func dechunk(_ bytes: [UInt8]) -> [UInt8]? {
        var body: [UInt8] = []
        var index = 0
        let crlf: [UInt8] = [13, 10]
        while true {
            guard let lineEnd = bytes[index...].firstRange(of: crlf) else { return nil }
            let sizeText = String(decoding: bytes[index..<lineEnd.lowerBound], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";").first ?? "", radix: 16) else { return nil }
            if size == 0 { return body }
            let start = lineEnd.upperBound
            guard bytes.count >= start + size + 2 else { return nil }
            body += bytes[start..<start + size]
            index = start + size + 2
        }
    }
}

enum RawHTTP {
    /// Sends `GET target` (or another method) exactly as given and returns the parsed response.
    static func request(_ target: String, port: Int, method: String = "GET",
                        timeout: Duration = ServedHandbook.patience) async throws -> RawResponse {
        let connection = try RawConnection.open(port: port)
        defer { connection.close() }
        try await connection.send("\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
        try await connection.read(timeout: timeout) { RawResponse.parse($0, complete: false) != nil }
        guard let response = RawResponse.parse(connection.received, complete: true) else {
            throw RawConnection.Failure(description: "no complete response to \(method) \(target) within \(timeout): "
                                        + String(decoding: connection.received.prefix(300), as: UTF8.self))
        }
        return response
    }
}
