import Foundation

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
        var payload: ArraySlice<UInt8>?
        /// `Hash.text` of the decoded file: equal to today's file's, today's parse stands for it.
        var textHash: UInt64
    }

    var entries: [HistoryReader.Key: Entry] = [:]

    static let fileName = "handbook-history.cache"
    /// Bumped with any change to `RawProcessCodec` or to what the parser makes of a file.
    static let format: UInt64 = 1
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
        guard let data = FileManager.default.contents(atPath: url.path) else { return VersionCache() }
        // Copied at once: `[UInt8](data)` went byte by byte, 0.2 s for the 40 MB of 8,000 versions.
        let bytes = data.withUnsafeBytes { [UInt8]($0) }
        return decode(bytes, stamp: stamp) ?? VersionCache()
    }

    static func decode(_ bytes: [UInt8], stamp: UInt64 = stamp) -> VersionCache? {
        var reader = ByteReader(bytes[...])
        guard reader.bytes(magic.count).map(Array.init) == magic, reader.uint() == stamp,
              let count = reader.uint(), count < 10_000_000 else { return nil }
        var cache = VersionCache()
        cache.entries.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let blob = reader.string(), let path = reader.string(), let hash = reader.uint(),
                  let kind = reader.uint() else { return nil }
            var payload: ArraySlice<UInt8>?
            if kind == 1 {
                guard let length = reader.uint(), let bytes = reader.bytes(Int(length)) else { return nil }
                payload = bytes
            }
            cache.entries[HistoryReader.Key(blob: blob, path: path)] = Entry(payload: payload, textHash: hash)
        }
        return reader.atEnd ? cache : nil
    }

    func encoded(stamp: UInt64 = Self.stamp) -> [UInt8] {
        var writer = ByteWriter()
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
                writer.uint(UInt64(payload.count))
                writer.bytes.append(contentsOf: payload)
            } else {
                writer.uint(0)
            }
        }
        return writer.bytes
    }

    /// Written beside itself and renamed over the old file; a failure (a read-only repository)
    /// costs only the next build's time, and is not reported.
    func write(_ url: URL, stamp: UInt64 = Self.stamp) {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(Self.fileName).\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(encoded(stamp: stamp))) else { return }
        if rename(temporary.path, url.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
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
/// a damaged file is refused, never trusted.
struct ByteReader {
    private var rest: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) { rest = bytes }

    var atEnd: Bool { rest.isEmpty }

    mutating func uint() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while let byte = rest.first {
            rest = rest.dropFirst()
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

    mutating func bytes(_ count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0, count <= rest.count else { return nil }
        defer { rest = rest.dropFirst(count) }
        return rest.prefix(count)
    }

    mutating func string() -> String? {
        guard let count = int(), let bytes = bytes(count) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    mutating func bool() -> Bool? {
        guard let byte = rest.first, byte <= 1 else { return nil }
        rest = rest.dropFirst()
        return byte == 1
    }
}
