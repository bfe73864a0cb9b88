import MendCore

/// Draws a laid-out blueprint as a standalone SVG document: the same file for the process page, its print and
/// `mend blueprint --out DIR`. Presentation attributes only (no style sheet), so it draws the same in an `<img>`,
/// a browser tab or a vector editor.
enum BlueprintSVG {
    static let font = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"

    /// Fill and outline per lane, and for the shapes that have none.
    static func colours(_ box: BlueprintMap.Box) -> (fill: String, stroke: String) {
        switch (box.shape, box.tone) {
        case (.task, "client"), (.entry, _): ("#fef3c7", "#b45309")
        case (.task, "onstage"), (.subprocess, _): ("#dbeafe", "#1d4ed8")
        case (.task, "backstage"): ("#ede9fe", "#6d28d9")
        case (.task, "support"): ("#dcfce7", "#15803d")
        case (.exit, _): ("#f3f4f6", "#374151")
        case (.decision, _): ("#ffffff", "#111827")
        case (.document, _): ("#ffffff", "#6b7280")
        case (.system, _): ("#f9fafb", "#9ca3af")
        default: ("#ffffff", "#374151")
        }
    }

    static func render(_ map: BlueprintMap) -> String {
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(map.width) \(map.height)" width="\(map.width)" \
            height="\(map.height)" role="img" aria-labelledby="blueprint-title" font-family="\(font)" font-size="12">
            <title id="blueprint-title">\(escape(map.title))</title>
            <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" \
            orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#374151"/></marker></defs>
            <rect width="\(map.width)" height="\(map.height)" fill="#ffffff"/>
            <text x="24" y="30" font-size="20" font-weight="700" fill="#111827">\(escape(map.title))</text>
            <text x="24" y="52" font-size="12" fill="#4b5563">\(escape(map.subtitle))</text>

            """
        if let logo = map.logo {
            // Carried in the drawing itself, so a saved or printed SVG needs nothing from the network.
            svg += """
                <image class="logo" href="\(escape(logo))" x="\(map.width - 24 - 180)" y="10" width="180" height="48" \
                preserveAspectRatio="xMaxYMid meet"><title>Logo</title></image>

                """
        }
        for (index, lane) in map.lanes.enumerated() {
            let shade = index % 2 == 0 ? "#f9fafb" : "#ffffff"
            svg += """
                <g class="lane"><rect x="24" y="\(lane.top)" width="\(map.width - 48)" height="\(lane.height)" \
                fill="\(shade)" stroke="#e5e7eb"/><text x="34" y="\(lane.top + 22)" font-weight="700" \
                fill="#374151">\(escape(lane.title))</text></g>

                """
        }
        for line in map.lines {
            svg += """
                <g class="blueprint-line"><line x1="24" y1="\(line.y)" x2="\(map.width - 24)" y2="\(line.y)" \
                stroke="#111827" stroke-width="1.5" stroke-dasharray="8 5"/><text x="\(map.width - 28)" \
                y="\(line.y - 5)" text-anchor="end" font-size="11" font-style="italic" fill="#111827">\
                \(escape(line.title))</text></g>

                """
        }
        for connector in map.connectors {
            let points = connector.points.map { "\($0.x),\($0.y)" }.joined(separator: " ")
            svg += """
                <polyline points="\(points)" fill="none" stroke="#374151" stroke-width="1.4" \
                \(connector.dashed ? "stroke-dasharray=\"4 3\" " : "")marker-end="url(#arrow)"/>
                """
            if !connector.label.isEmpty, let first = connector.points.first {
                svg +=
                    "<text x=\"\(first.x + 5)\" y=\"\(first.y + 13)\" font-size=\"10\" fill=\"#374151\">\(escape(connector.label))</text>"
            }
            svg += "\n"
        }
        for box in map.boxes { svg += draw(box) }
        return svg + "</svg>\n"
    }

    static func draw(_ box: BlueprintMap.Box) -> String {
        let (fill, stroke) = colours(box)
        let id = "id=\"box-\(escape(box.id))\""
        switch box.shape {
        case .decision:
            let cx = box.x + box.width / 2
            let cy = box.y + box.height / 2
            let r = min(box.width, box.height) / 2
            return """
                <path \(id) class="decision" d="M\(cx),\(cy - r) L\(cx + r),\(cy) L\(cx),\(cy + r) L\(cx - r),\(cy) z" \
                fill="\(fill)" stroke="\(stroke)" stroke-width="1.4"/>

                """
        case .task where box.tone == "question":
            let lines = box.lines.enumerated().map { index, line in
                "<tspan x=\"\(box.x)\" y=\"\(box.y + index * 13)\">\(escape(line))</tspan>"
            }
            return "<text \(id) font-size=\"10.5\" font-style=\"italic\" fill=\"#111827\">" + lines.joined() + "</text>\n"
        case .document:
            let fold = 9
            return """
                <g \(id) class="document"><path d="M\(box.x),\(box.y) h\(box.width - fold) l\(fold),\(fold) \
                v\(box.height - fold) h-\(box.width) z" fill="\(fill)" stroke="\(stroke)"/>\(text(box, size: 10.5))</g>

                """
        default:
            let radius = box.shape == .system ? 14 : 6
            // Who does a task, at the top of its box; the task's own words centred below it.
            let caption = box.caption.map {
                "<text class=\"role\" x=\"\(box.x + box.width / 2)\" y=\"\(box.y + 13)\" text-anchor=\"middle\" "
                    + "font-size=\"9.5\" font-style=\"italic\" fill=\"#4b5563\">\(escape($0))</text>"
            }
            return """
                <g \(id) class="\(box.shape.rawValue)"><rect x="\(box.x)" y="\(box.y)" width="\(box.width)" \
                height="\(box.height)" rx="\(radius)" fill="\(fill)" stroke="\(stroke)" stroke-width="1.4"/>\
                \(caption ?? "")\(text(box, size: box.shape == .system ? 10.5 : 12, top: caption == nil ? 0 : 14))</g>

                """
        }
    }

    /// The box's lines, centred in it below `top` units kept for its caption.
    static func text(_ box: BlueprintMap.Box, size: Double, top: Int = 0) -> String {
        let lineHeight = size * 1.25
        let middle = Double(box.y + top) + Double(box.height - top) / 2
        let first = middle - lineHeight * Double(box.lines.count - 1) / 2 + size * 0.35
        var out = "<text text-anchor=\"middle\" font-size=\"\(size)\" fill=\"#111827\">"
        for (index, line) in box.lines.enumerated() {
            let y = first + lineHeight * Double(index)
            out += "<tspan x=\"\(box.x + box.width / 2)\" y=\"\(Int(y.rounded()))\">\(escape(line))</tspan>"
        }
        return out + "</text>"
    }

    /// Text and attribute values escaped as HTML's are: XML needs the same five.
    static func escape(_ text: String) -> String { HTMLText.escape(text) }
}
