import SWXMLHash

/// Small helpers over SWXMLHash's tree, by local name: OOXML writers differ in the namespace
/// prefixes they use (`w:p`, `x:row`, or a default namespace), never in the local names.
extension XMLHashXMLElement {
    var localName: Substring { name.split(separator: ":").last ?? Substring(name) }

    var elements: [XMLHashXMLElement] { children.compactMap { $0 as? XMLHashXMLElement } }

    func elements(_ local: String) -> [XMLHashXMLElement] { elements.filter { $0.localName == local } }

    func first(_ local: String) -> XMLHashXMLElement? { elements.first { $0.localName == local } }

    /// An attribute by local name (`w:val`, `r:id`, `val`).
    func value(_ local: String) -> String? {
        if let direct = allAttributes[local] { return direct.text }
        return allAttributes.first { $0.key.split(separator: ":").last.map(String.init) == local }?.value.text
    }

    /// Every descendant with this local name, in document order.
    func descendants(_ local: String) -> [XMLHashXMLElement] {
        var found: [XMLHashXMLElement] = []
        var stack = [self]
        while let element = stack.popLast() {
            for child in element.elements.reversed() { stack.append(child) }
            if element !== self, element.localName == local { found.append(element) }
        }
        return found
    }
}

extension XMLIndexer {
    var root: XMLHashXMLElement? { element?.elements.first }
}
