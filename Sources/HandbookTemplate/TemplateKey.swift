/// A name in a template object. Its hash is worked out once, when the key is made (a view model's
/// literal, a compiled template's name), so that looking a name up through the context stack
/// costs no string hashing: hashing `String` keys with SipHash at every level of the stack was
/// the largest single cost of rendering.
public struct TemplateKey: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let name: String
    /// FNV-1a over the UTF-8 bytes, mixed so that the low bits (a dictionary's bucket) vary.
    @usableFromInline let code: Int

    public init(_ name: String) {
        self.name = name
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var copy = name
        copy.withUTF8 { bytes in
            for byte in bytes {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
        }
        code = Int(truncatingIfNeeded: Self.mix(hash))
    }

    public init(stringLiteral value: String) { self.init(value) }

    public var description: String { name }

    @inlinable
    public static func == (lhs: TemplateKey, rhs: TemplateKey) -> Bool {
        lhs.code == rhs.code && lhs.name == rhs.name
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// What `Dictionary` asks for: the stored hash mixed with the dictionary's seed (each
    /// dictionary's own, which keeps copies between dictionaries from clustering) instead of
    /// `Hasher`'s SipHash over the name.
    @inlinable
    public func _rawHashValue(seed: Int) -> Int {
        Int(truncatingIfNeeded: Self.mix(UInt64(bitPattern: Int64(code ^ seed))))
    }

    /// A 64-bit finaliser (splitmix64's): every input bit reaches every output bit.
    @inlinable
    static func mix(_ value: UInt64) -> UInt64 {
        var x = value
        x = (x ^ (x >> 30)) &* 0xbf58_476d_1ce4_e5b9
        x = (x ^ (x >> 27)) &* 0x94d0_49bb_1331_11eb
        return x ^ (x >> 31)
    }
}
