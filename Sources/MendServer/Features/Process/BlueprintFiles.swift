import MendCore

/// The drawings of a definition by file name: the overview, then one map per sub-process.
enum BlueprintFiles {
    struct Drawing: Sendable {
        /// `overview.svg`, `04c.02.svg`, ...
        var file: String
        var title: String
        var map: BlueprintMap

        var svg: String { BlueprintSVG.render(map) }
    }

    static func all(_ definition: ProcessDefinition) -> [Drawing] {
        files(definition).compactMap { drawing($0.file, of: definition) }
    }

    /// The drawings' file names and titles, without laying any out.
    static func files(_ definition: ProcessDefinition) -> [(file: String, title: String)] {
        [("overview.svg", "Overview")] + definition.subprocesses.map { ("\($0.id).svg", "\($0.id) \($0.name)") }
    }

    /// One drawing by its file name, laid out alone; nil for a name the definition has no drawing for.
    static func drawing(_ file: String, of definition: ProcessDefinition) -> Drawing? {
        if file == "overview.svg" {
            return Drawing(file: file, title: "Overview", map: BlueprintLayout.overview(of: definition))
        }
        guard let sub = definition.subprocesses.first(where: { "\($0.id).svg" == file }) else { return nil }
        return Drawing(file: file, title: "\(sub.id) \(sub.name)", map: BlueprintLayout.map(of: sub, in: definition))
    }

    /// A page that prints every drawing on its own A4 landscape sheet: what `mend blueprint` writes beside them.
    static func index(_ definition: ProcessDefinition, drawings: [Drawing]) -> String {
        let figures = drawings.map {
            """
            <figure><img src="\(BlueprintSVG.escape($0.file))" alt="\(BlueprintSVG.escape($0.title))">\
            <figcaption>\(BlueprintSVG.escape($0.title))</figcaption></figure>
            """
        }.joined(separator: "\n")
        let title = BlueprintSVG.escape("\(definition.organisation): \(definition.module) \(definition.name)")
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>\(title), version \(definition.version)</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 1rem; }
            figure { margin: 0 0 2rem; } img { width: 100%; height: auto; border: 1px solid #ddd; }
            @page { size: A4 landscape; margin: 10mm; }
            @media print { figure { break-after: page; margin: 0; } figcaption { display: none; } img { border: none; } }
            </style></head>
            <body><h1>\(title)</h1><p>Service blueprint, version \(definition.version). Print to PDF: one sheet per drawing.</p>
            \(figures)
            </body></html>

            """
    }
}
