// Line and column of a byte offset. Lines and columns are 1-based; a column counts Unicode
// scalars, so a line with "é" or an emoji before the problem still points at the right place.

struct LineIndex {
    private let bytes: [UInt8]
    /// Offsets at which each line starts.
    private let lineStarts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        lineStarts = starts
    }

    func position(of offset: Int) -> (line: Int, column: Int) {
        let offset = min(max(offset, 0), bytes.count)
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        // UTF-8 continuation bytes (10xxxxxx) do not start a scalar.
        let scalarsBefore = bytes[lineStarts[low]..<offset].lazy.filter { $0 & 0xc0 != 0x80 }.count
        return (low + 1, scalarsBefore + 1)
    }
}
