/// Per-page print CSS: running headers and page numbers as `@page` margin boxes (Chromium
/// prints them; no JavaScript), with named pages so each role's checklist in a booklet has its
/// own header. Every text is escaped as a CSS string, so content never ends the `<style>`.
enum PrintStyle {
    /// `footer`: the bottom-left of every page (the process and its version, a record's form number).
    static func css(header: String, footer: String? = nil, language: HandbookConfig.Language,
                    namedPages: [(name: String, header: String)] = []) -> String {
        let numbers = language == .en
            ? "\"Page \" counter(page) \" of \" counter(pages)"
            : "\"第 \" counter(page) \" 页 / 共 \" counter(pages) \" 页\""
        // The page number moves right when a footer takes the left: centred, a long footer ran into it.
        let bottom = footer.map { "@bottom-left { content: \(string($0)); } @bottom-center { content: none; } @bottom-right { content: \(numbers); }" }
            ?? "@bottom-center { content: \(numbers); }"
        var css = "@page { @top-center { content: \(string(header)); } \(bottom) }\n"
        for page in namedPages {
            css += "@page \(page.name) { @top-center { content: \(string(page.header)); } }\n"
            css += ".page-\(page.name) { page: \(page.name); }\n"
        }
        return css
    }

    /// A CSS string literal: quotes, backslashes, line breaks and `<` escaped.
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n", "\r": out += "\\A "
            case "<": out += "\\3C "
            case ">": out += "\\3E "
            // Every other control character (a form feed ends a CSS string) as a hex escape.
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\" + String(scalar.value, radix: 16) + " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
