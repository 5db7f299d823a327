import Foundation

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        var value = self
        while value.hasSuffix(suffix) { value.removeLast(suffix.count) }
        return value
    }

    func components(_ separator: String) -> Int {
        var count = 0
        var rest = Substring(self)
        while let range = rest.range(of: separator) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }

    /// Escapes text for an HTML attribute value or element content.
    public var htmlAttributeEscaped: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
