/// A Mustache template parsed once into instructions (names already split at dots),
/// rendered many times over `TemplateValue`s.
///
/// Follows the Mustache spec (interpolation, sections, inverted sections, comments, partials,
/// set delimiters, standalone lines, and `~inheritance` parents and blocks) without lambdas
/// and dynamic names.
public struct Template: Sendable {
    let program: TemplateProgram
    /// The partials and parents this template includes, where: an unknown name renders
    /// nothing, so callers check them.
    public let references: [TemplateReference]
    /// The names this template looks up, where: a name no value provides renders nothing, so
    /// callers check them.
    public let names: [TemplateNameUse]

    public init(_ text: String) throws(TemplateSyntaxError) {
        let parsed = try TemplateParser.parse(text)
        program = TemplateProgram(parsed.nodes)
        references = parsed.references
        names = parsed.names
    }

    /// This template rendered over `value` on its own (partials and parents render nothing).
    public func render(_ value: TemplateValue) -> String {
        TemplateLibrary([:]).render(self, value)
    }

    /// Names this template includes as partials (`{{> name}}`) or parents (`{{< name}}`).
    public var includedTemplateNames: Set<String> { Set(references.map(\.name)) }
}

/// A `{{> name}}` or `{{< name}}` tag: 1-based line and column (in characters) of its opening
/// delimiter; `guarded` when a `{{#…}}` or `{{^…}}` section around it may render nothing.
public struct TemplateReference: Sendable, Equatable {
    public var name: String
    public var line: Int
    public var column: Int
    public var guarded: Bool
}

/// A name looked up by `{{name}}`, `{{{name}}}`, `{{&name}}`, `{{#name}}` or `{{^name}}`, as
/// written (`a.b` with its dots): 1-based line and column (in characters) of its opening delimiter.
public struct TemplateNameUse: Sendable, Equatable {
    public var name: String
    public var line: Int
    public var column: Int
}

/// A syntax error with the position (1-based line and column in characters) where it was found:
/// the opening delimiter of the offending tag.
public struct TemplateSyntaxError: Error, Sendable, Equatable {
    public var message: String
    public var line: Int
    public var column: Int

    public init(message: String, line: Int, column: Int) {
        self.message = message
        self.line = line
        self.column = column
    }
}

extension TemplateSyntaxError: CustomStringConvertible {
    public var description: String { "\(line):\(column): \(message)" }
}

/// Named templates that can include each other as partials (`{{> name}}`) and parents (`{{< name}}`).
public struct TemplateLibrary: Sendable {
    public let templates: [String: Template]

    public init(_ templates: [String: Template]) {
        self.templates = templates
    }

    /// The named template rendered over `value`; nil when there is no such template.
    public func render(_ name: String, _ value: TemplateValue) -> String? {
        guard let template = templates[name] else { return nil }
        return render(template, value)
    }

    /// `template` rendered over `value`, with this library's templates as its partials and parents.
    public func render(_ template: Template, _ value: TemplateValue) -> String {
        String(decoding: renderUTF8(template, value), as: UTF8.self)
    }

    /// The named template rendered as UTF-8, for callers that write bytes anyway: it skips
    /// building (and validating) a String, about a tenth of the time on large pages.
    public func renderUTF8(_ name: String, _ value: TemplateValue) -> [UInt8]? {
        templates[name].map { renderUTF8($0, value) }
    }

    public func renderUTF8(_ template: Template, _ value: TemplateValue) -> [UInt8] {
        var renderer = TemplateRenderer(library: templates)
        let program = template.program
        // Values usually add about as much as the literal text; growth past that doubles.
        renderer.out.reserveCapacity(max(4096, program.textByteCount * 2))
        renderer.stack = [value]
        renderer.render(program, 0..<program.ops.count)
        return renderer.out
    }

    /// The named template rendered in pieces: whenever the output holds `chunk` bytes or more,
    /// `flush` gets it and removes what it has written (all of it, or less, keeping a tail for
    /// the next call). Returns what is left at the end. A page of many megabytes is then
    /// written while its bytes are still in the CPU's caches, from a buffer that stays small.
    public func renderUTF8(_ name: String, _ value: TemplateValue, chunk: Int,
                           flush: (inout [UInt8]) -> Void) -> [UInt8]? {
        guard let template = templates[name] else { return nil }
        return withoutActuallyEscaping(flush) { flush in
            var renderer = TemplateRenderer(library: templates)
            renderer.out.reserveCapacity(chunk + chunk / 4)
            renderer.flush = flush
            renderer.flushAt = max(1, chunk)
            renderer.stack = [value]
            renderer.render(template.program, 0..<template.program.ops.count)
            return renderer.out
        }
    }
}
