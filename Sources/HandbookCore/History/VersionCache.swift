import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Old versions as an earlier build parsed them, kept between builds in the repository's git
/// folder (`.git/handbook-history.cache`): a blob never changes, so a version parsed once is
/// read back instead of read from git and parsed again. At 2,000 processes × 5 versions that is
/// 18,000 blobs `cat-file` no longer reads and 8,000 files libyaml no longer parses (2 s of CPU
/// of the history's 4.5 s).
///
/// An entry is a blob read as one content path (a file without `id:` is named after its path):
/// either "not a version" (a draft, a file that does not parse) or the parsed process. The file
/// holds exactly the entries the last build used, so it does not grow with time; it is written
/// whole to a temporary file and renamed, so two builds at once never see half of one. The stamp
/// (the format and the handbook executable's size and date) turns every entry stale when the
/// parser may have changed: a new `handbook` parses everything once again.
struct VersionCache: Sendable {
    /// What the file holds for one (blob, path).
    struct Entry: Sendable {
        /// `RawProcessCodec`'s bytes; nil: not a version.
        var payload: Payload?
        /// `Hash.text` of the decoded file: equal to today's file's, today's parse stands for it.
        var textHash: UInt64
    }

    /// Bytes in a `Bytes` buffer (the mapped file, or a new parse's own).
    struct Payload: Sendable {
        var storage: Bytes
        var range: Range<Int>

        init(storage: Bytes, range: Range<Int>) {
            self.storage = storage
            self.range = range
        }

        init(_ bytes: [UInt8]) {
            storage = Bytes(bytes)
            range = 0..<bytes.count
        }

        func withBytes<T>(_ body: (UnsafeRawBufferPointer) -> T) -> T {
            withExtendedLifetime(storage) { body(UnsafeRawBufferPointer(rebasing: storage.bytes[range])) }
        }
    }

    /// Read-only bytes that outlive any copy of a `Payload`: the cache file mapped into memory
    /// (40 MB at 2,000 processes × 5 versions: reading it into a `Data` and then an array cost
    /// 0.2–0.3 s of page faults and copies; mapped, the kernel's cached pages are read in place),
    /// or a copy of an array.
    final class Bytes: @unchecked Sendable {
        // Never written after init: safe to read from any thread.
        let bytes: UnsafeRawBufferPointer
        private let mapped: Bool

        init(_ array: [UInt8]) {
            let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, array.count), alignment: 1)
            array.withUnsafeBytes { copy.copyMemory(from: $0) }
            bytes = UnsafeRawBufferPointer(rebasing: copy[0..<array.count])
            mapped = false
        }

        init?(mapping path: String) {
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { return nil }
            defer { close(descriptor) }
            var info = stat()
            guard fstat(descriptor, &info) == 0, info.st_size > 0,
                  let address = mmap(nil, Int(info.st_size), PROT_READ, MAP_PRIVATE, descriptor, 0),
                  address != MAP_FAILED else { return nil }
            bytes = UnsafeRawBufferPointer(start: address, count: Int(info.st_size))
            mapped = true
        }

        deinit {
            if mapped {
                munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
            } else {
                UnsafeMutableRawPointer(mutating: bytes.baseAddress)?.deallocate()
            }
        }
    }

    var entries: [HistoryReader.Key: Entry] = [:]
    /// `ComparisonCodec`'s bytes by the blobs compared (old, new), made while the organisation's
    /// names were `partiesStamp` (`PartyNames.stamp`).
    var comparisons: [Pair: Payload] = [:]
    var partiesStamp: UInt64 = 0

    struct Pair: Hashable, Sendable {
        var old: String
        var new: String
    }

    static let fileName = "handbook-history.cache"

    /// For a handbook in a folder of its repository (`docs/handbook/`): `handbook-history-<hash>.cache`.
    static func fileName(folder: String) -> String {
        let hash = Hash.add(bytes: folder.utf8, to: Hash.start)
        return "handbook-history-\(String(hash, radix: 16)).cache"
    }
    /// Bumped with any change to `RawProcessCodec` or to what the parser makes of a file.
    static let format: UInt64 = 2
    private static let magic = Array("HBHC".utf8)

    /// The running executable's size and modification time: the parser that wrote an entry.
    static let stamp: UInt64 = {
        var hash = Hash.start
        hash = Hash.add(format, to: hash)
        if let path = Bundle.main.executablePath,
           let attributes = try? FileManager.default.attributesOfItem(atPath: path) {
            hash = Hash.add(UInt64((attributes[.size] as? NSNumber)?.int64Value ?? 0), to: hash)
            hash = Hash.add(UInt64(bitPattern: Int64(((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0) * 1000)), to: hash)
        }
        return hash
    }()

    /// The cache at `url`; empty when there is none, it is unreadable, damaged or stale.
    static func read(_ url: URL, stamp: UInt64 = stamp) -> VersionCache {
        guard let bytes = Bytes(mapping: url.path) else { return VersionCache() }
        return decode(bytes, stamp: stamp) ?? VersionCache()
    }

    static func decode(_ bytes: [UInt8], stamp: UInt64 = stamp) -> VersionCache? {
        decode(Bytes(bytes), stamp: stamp)
    }

    static func decode(_ storage: Bytes, stamp: UInt64 = stamp) -> VersionCache? {
        var reader = ByteReader(storage.bytes)
        guard reader.bytes(magic.count).map(Array.init) == magic, reader.uint() == stamp,
              let count = reader.uint(), count < 10_000_000 else { return nil }
        var cache = VersionCache()
        cache.entries.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let blob = reader.string(), let path = reader.string(), let hash = reader.uint(),
                  let kind = reader.uint() else { return nil }
            var payload: Payload?
            if kind == 1 {
                guard let length = reader.int(), let start = reader.skip(length) else { return nil }
                payload = Payload(storage: storage, range: start..<start + length)
            }
            cache.entries[HistoryReader.Key(blob: blob, path: path)] = Entry(payload: payload, textHash: hash)
        }
        guard let partiesStamp = reader.uint(), let pairs = reader.uint(), pairs < 10_000_000 else { return nil }
        cache.partiesStamp = partiesStamp
        cache.comparisons.reserveCapacity(Int(pairs))
        for _ in 0..<pairs {
            guard let old = reader.string(), let new = reader.string(), let length = reader.int(),
                  let start = reader.skip(length) else { return nil }
            cache.comparisons[Pair(old: old, new: new)] = Payload(storage: storage, range: start..<start + length)
        }
        return reader.atEnd ? cache : nil
    }

    func encoded(stamp: UInt64 = Self.stamp) -> [UInt8] {
        var all: [UInt8] = []
        encode(stamp: stamp) { all.append(contentsOf: $0) }
        return all
    }

    /// The file's bytes, handed to `flush` a megabyte at a time (the whole of it is 44 MB at
    /// 2,000 processes × 5 versions, and a copy of it in memory was the first build's peak).
    private func encode(stamp: UInt64, flush: ([UInt8]) -> Void) {
        var writer = ByteWriter()
        func flushing() {
            guard writer.bytes.count >= 1 << 20 else { return }
            flush(writer.bytes)
            writer.bytes.removeAll(keepingCapacity: true)
        }
        writer.bytes.append(contentsOf: Self.magic)
        writer.uint(stamp)
        writer.uint(UInt64(entries.count))
        // Sorted: the same entries make the same file.
        for (key, entry) in entries.sorted(by: { ($0.key.blob, $0.key.path) < ($1.key.blob, $1.key.path) }) {
            writer.string(key.blob)
            writer.string(key.path)
            writer.uint(entry.textHash)
            if let payload = entry.payload {
                writer.uint(1)
                writer.uint(UInt64(payload.range.count))
                payload.withBytes { writer.bytes.append(contentsOf: $0) }
            } else {
                writer.uint(0)
            }
            flushing()
        }
        writer.uint(partiesStamp)
        writer.uint(UInt64(comparisons.count))
        for (pair, payload) in comparisons.sorted(by: { ($0.key.old, $0.key.new) < ($1.key.old, $1.key.new) }) {
            writer.string(pair.old)
            writer.string(pair.new)
            writer.uint(UInt64(payload.range.count))
            payload.withBytes { writer.bytes.append(contentsOf: $0) }
            flushing()
        }
        flush(writer.bytes)
    }

    /// Written beside itself and renamed over the old file; a failure (a read-only repository)
    /// costs only the next build's time, and is not reported.
    func write(_ url: URL, stamp: UInt64 = Self.stamp) {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(Self.fileName).\(ProcessInfo.processInfo.processIdentifier).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { return }
        var failed = false
        encode(stamp: stamp) { bytes in
            bytes.withUnsafeBytes { buffer in
                var done = 0
                while !failed, done < buffer.count {
                    let count = Glibc.write(descriptor, buffer.baseAddress! + done, buffer.count - done)
                    if count < 0, errno == EINTR { continue }
                    if count <= 0 { failed = true } else { done += count }
                }
            }
        }
        if close(descriptor) != 0 { failed = true }
        if failed || rename(temporary, url.path) != 0 { unlink(temporary) }
    }
}

/// FNV-1a, 64 bits: stable between runs (Swift's `Hasher` is seeded per process).
enum Hash {
    static let start: UInt64 = 0xcbf2_9ce4_8422_2325

    static func add<Bytes: Sequence<UInt8>>(bytes: Bytes, to hash: UInt64) -> UInt64 {
        var hash = hash
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }

    static func add(_ value: UInt64, to hash: UInt64) -> UInt64 {
        add(bytes: withUnsafeBytes(of: value.littleEndian) { Array($0) }, to: hash)
    }

    /// A decoded file's text.
    static func text(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { add(bytes: $0, to: start) }
    }
}

/// Unsigned numbers as LEB128 (most are line numbers and lengths: one byte), strings as their
/// UTF-8 length and bytes.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func uint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7f) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func int(_ value: Int) { uint(UInt64(max(0, value))) }

    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            uint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }
}

/// Reads what `ByteWriter` wrote; every read says nil past the end or on a malformed number, so
/// a damaged file is refused, never trusted. The caller keeps the bytes alive while it reads.
struct ByteReader {
    private let base: UnsafeRawBufferPointer
    private(set) var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) { base = bytes }

    var atEnd: Bool { offset == base.count }

    mutating func uint() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < base.count {
            let byte = base[offset]
            offset += 1
            guard shift < 64 else { return nil }
            value |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }

    mutating func int() -> Int? {
        guard let value = uint(), value <= UInt64(Int.max) else { return nil }
        return Int(value)
    }

    /// Moves past `count` bytes; where they start.
    mutating func skip(_ count: Int) -> Int? {
        guard count >= 0, count <= base.count - offset else { return nil }
        defer { offset += count }
        return offset
    }

    mutating func bytes(_ count: Int) -> UnsafeRawBufferPointer? {
        guard let start = skip(count) else { return nil }
        return UnsafeRawBufferPointer(rebasing: base[start..<start + count])
    }

    mutating func string() -> String? {
        guard let count = int(), let bytes = bytes(count) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    mutating func bool() -> Bool? {
        guard offset < base.count, base[offset] <= 1 else { return nil }
        defer { offset += 1 }
        return base[offset] == 1
    }
}
