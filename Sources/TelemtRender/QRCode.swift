internal import CQRencode

/// A QR code symbol: a square of dark and light modules, encoded by libqrencode.
public struct QRCode: Sendable, Equatable {
    /// Modules per side, without the quiet zone.
    public let size: Int
    /// Row-major modules; `true` is dark.
    public let modules: [Bool]

    /// Light modules around the symbol that scanners need (the standard asks for four).
    public static let quietZone = 4

    /// Encodes `text` (byte mode, error correction level M).
    public init(encoding text: String) throws(QRCodeError) {
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else {
            throw QRCodeError(length: text.utf8.count)
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        var modules = [Bool](repeating: false, count: width * width)
        for index in 0..<(width * width) {
            modules[index] = code.pointee.data[index] & 1 == 1
        }
        self.size = width
        self.modules = modules
    }

    /// Whether the module at (`x`, `y`) is dark; coordinates outside the symbol (the quiet zone) are light.
    public func isDark(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return modules[y * size + x]
    }
}

/// Text too long for a QR code.
public struct QRCodeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The length of the text, in bytes.
    public var length: Int

    public var description: String {
        "cannot encode \(length) bytes as a QR code (the limit is about 2,300 at level M); use the link itself instead"
    }
}
