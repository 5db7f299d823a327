import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension OutputWriter {
    /// A file being written piece by piece, closed when dropped.
    final class OpenFile {
        let path: String
        let fd: Int32
        /// An existing file written over from its start: `finish` cuts what is left beyond the
        /// new end (cheaper than truncating first, which frees blocks only to take them again).
        private let overwriting: Bool
        private var length = 0

        /// With `over` (the mode a new file gets), a regular file of this user already at `path`
        /// is written over in place and given that mode, unless it has other names (a hard link
        /// made by someone copying the site with `cp -l` must keep its contents); anything else
        /// there (a link, a folder, a FIFO) is removed first and never followed or opened.
        init(_ path: String, over mode: mode_t? = nil) throws {
            self.path = path
            var existing: Int32 = -1
            if let mode {
                var info = stat()
                if lstat(path, &info) == 0 {
                    if info.st_mode & S_IFMT == S_IFREG, info.st_nlink == 1, info.st_uid == geteuid() {
                        existing = open(path, O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
                        var opened = stat()
                        // Still the file looked at: it was not swapped for something else meanwhile.
                        if existing >= 0, fstat(existing, &opened) != 0 || opened.st_ino != info.st_ino
                            || opened.st_dev != info.st_dev || opened.st_mode & S_IFMT != S_IFREG || opened.st_nlink != 1 {
                            close(existing)
                            existing = -1
                        }
                        if existing >= 0, info.st_mode & 0o7777 != mode { fchmod(existing, mode) }
                    }
                    if existing < 0, !removeTree(path) {
                        throw Failure.system("替换", "replace", path)
                    }
                }
            }
            overwriting = existing >= 0
            // Over the spare a new file must be new: O_EXCL | O_NOFOLLOW never write through a link.
            let flags = mode == nil ? O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC : O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC
            fd = existing >= 0 ? existing : open(path, flags, 0o644)
            guard fd >= 0 else { throw Failure.system("创建", "create", path) }
        }

        func write(_ pieces: [UnsafeRawBufferPointer]) throws {
            length += try writeAll(fd, path, pieces)
        }

        /// Ends a file written over another: its old bytes beyond the new end are cut off.
        func finish() throws {
            guard overwriting else { return }
            guard ftruncate(fd, off_t(length)) == 0 else {
                throw Failure.system("写入", "write", path)
            }
        }

        deinit { close(fd) }

        /// Writes `bytes` and removes what it wrote from them. With a `root`, site-root links are
        /// made relative on the way out (the pieces between links copied into one buffer), and unless
        /// this is the `final` piece, a tail that may hold the start of a link is kept for the
        /// next call.
        func write(_ bytes: inout [UInt8], root: String?, final: Bool) throws {
            guard let root else {
                length += try bytes.withUnsafeBytes { try writeAll(fd, path, [$0]) }
                bytes.removeAll(keepingCapacity: true)
                return
            }
            let replacement = Array(("\"" + root).utf8)
            let written = try bytes.withUnsafeBytes { page in
                try replacement.withUnsafeBytes { replacement in
                    var links = RootLink.links(in: page)
                    var end = page.count
                    if !final {
                        // A link cut off at the end is not found yet: keep back what could be one.
                        end = max(0, page.count - (RootLink.marker.count - 1))
                        if let last = links.last, last.upperBound > end {
                            end = last.lowerBound
                            links.removeLast()
                        }
                    }
                    guard !links.isEmpty else {
                        length += try writeAll(fd, path, [UnsafeRawBufferPointer(rebasing: page[0..<end])])
                        return end
                    }
                    // Pieced together here, then one write: handed a vector of the pieces between
                    // links (a hundred bytes each on a duty list), the kernel's copy into the page
                    // cache took 2.4 times as long as for one buffer.
                    let bytes = page.assumingMemoryBound(to: UInt8.self), with = replacement.assumingMemoryBound(to: UInt8.self)
                    let found = links, grow = max(0, replacement.count - RootLink.marker.count)
                    let joined = [UInt8](unsafeUninitializedCapacity: end + found.count * grow) { buffer, count in
                        var copied = 0
                        for link in found {
                            count += UnsafeMutableBufferPointer(rebasing: buffer[count...])
                                .initialize(fromContentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<link.lowerBound]))
                            count += UnsafeMutableBufferPointer(rebasing: buffer[count...])
                                .initialize(fromContentsOf: with)
                            copied = link.upperBound
                        }
                        count += UnsafeMutableBufferPointer(rebasing: buffer[count...])
                            .initialize(fromContentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<end]))
                    }
                    length += try joined.withUnsafeBytes { try writeAll(fd, path, [$0]) }
                    return end
                }
            }
            bytes.removeFirst(written)
        }
    }

    static func writeFile(_ path: String, _ pieces: [UnsafeRawBufferPointer], over mode: mode_t? = nil) throws {
        let file = try OpenFile(path, over: mode)
        try file.write(pieces)
        try file.finish()
    }

    /// Writes the pieces one after another, with as few `writev` calls as the system allows;
    /// returns how many bytes that was (all of them).
    @discardableResult
    static func writeAll(_ fd: Int32, _ path: String, _ pieces: [UnsafeRawBufferPointer]) throws -> Int {
        var vectors = pieces.filter { $0.count > 0 }.map { iovec(iov_base: UnsafeMutableRawPointer(mutating: $0.baseAddress), iov_len: $0.count) }
        var first = 0
        while first < vectors.count {
            let count = min(vectors.count - first, 1024)  // IOV_MAX on Linux
            let written = vectors.withUnsafeBufferPointer { writev(fd, $0.baseAddress! + first, Int32(count)) }
            guard written > 0 else { throw Failure.system("写入", "write", path) }
            // Skip what was written; a short write leaves the rest of one vector.
            var left = written
            while left > 0, first < vectors.count {
                if left >= vectors[first].iov_len {
                    left -= vectors[first].iov_len
                    first += 1
                } else {
                    vectors[first].iov_base += left
                    vectors[first].iov_len -= left
                    left = 0
                }
            }
        }
        return pieces.reduce(0) { $0 + $1.count }
    }
}
