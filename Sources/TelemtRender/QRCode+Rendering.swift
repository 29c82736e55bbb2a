extension QRCode {
    /// The code drawn with Unicode half blocks, two module rows per text line, quiet zone included.
    ///
    /// By default light modules are drawn (for terminals with a dark background);
    /// pass `darkOnLight: true` for a light background.
    public func terminalText(darkOnLight: Bool = false) -> String {
        let margin = 2
        let range = -margin..<(size + margin)
        var lines: [String] = []
        var y = -margin
        while y < size + margin {
            var line = ""
            for x in range {
                let top = isDark(x: x, y: y) == darkOnLight
                let bottom = y + 1 < size + margin ? isDark(x: x, y: y + 1) == darkOnLight : false
                switch (top, bottom) {
                case (true, true): line += "█"
                case (true, false): line += "▀"
                case (false, true): line += "▄"
                case (false, false): line += " "
                }
            }
            lines.append(line)
            y += 2
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The code as a standalone SVG document, `scale` pixels per module, quiet zone included.
    public func svg(scale: Int = 8) -> String {
        let side = (size + 2 * Self.quietZone) * scale
        var path = ""
        for y in 0..<size {
            for x in 0..<size where isDark(x: x, y: y) {
                path += "M\(x + Self.quietZone) \(y + Self.quietZone)h1v1h-1z"
            }
        }
        let extent = size + 2 * Self.quietZone
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(side)" height="\(side)" \
            viewBox="0 0 \(extent) \(extent)" shape-rendering="crispEdges">
            <rect width="\(extent)" height="\(extent)" fill="#fff"/>
            <path fill="#000" d="\(path)"/>
            </svg>

            """
    }

    /// The code as a grayscale PNG image, `scale` pixels per module, quiet zone included.
    public func png(scale: Int = 8) -> [UInt8] {
        let extent = size + 2 * Self.quietZone
        let side = extent * scale
        var pixels = [UInt8](repeating: 0xff, count: side * side)
        for y in 0..<size {
            for x in 0..<size where isDark(x: x, y: y) {
                let left = (x + Self.quietZone) * scale
                for row in (y + Self.quietZone) * scale..<(y + Self.quietZone + 1) * scale {
                    let start = row * side + left
                    pixels.replaceSubrange(start..<(start + scale), with: repeatElement(0, count: scale))
                }
            }
        }
        return PNGEncoder.grayscale(width: side, height: side, pixels: pixels)
    }
}
