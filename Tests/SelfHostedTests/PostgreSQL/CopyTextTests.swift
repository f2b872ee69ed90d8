import Testing

@testable import SelfHosted

@Suite struct CopyTextTests {
    private func parse(_ line: String) -> [String?] {
        Array(line.utf8).withUnsafeBufferPointer { CopyText.parseRow($0) }
    }

    @Test func escapesTheCharactersThatDelimitFields() {
        var buffer: [UInt8] = []
        #expect(CopyText.appendField("a\\b\tc\nd\re", to: &buffer))
        buffer.append(UInt8(ascii: "\t"))
        #expect(CopyText.appendField(nil, to: &buffer))
        buffer.append(UInt8(ascii: "\t"))
        #expect(CopyText.appendField(#"\N"#, to: &buffer))
        #expect(String(decoding: buffer, as: UTF8.self) == #"a\\b\tc\nd\re"# + "\t\\N\t" + #"\\N"#)
        #expect(!CopyText.appendField("nul\u{0}byte", to: &buffer))
    }

    @Test func parsesWhatItWritesBack() {
        let values: [String?] = ["a\\b\tc\nd\re", nil, #"\N"#, "", "é🎉", "$1;"]
        var buffer: [UInt8] = []
        for (index, value) in values.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: "\t")) }
            _ = CopyText.appendField(value, to: &buffer)
        }
        buffer.append(UInt8(ascii: "\n"))
        #expect(buffer.withUnsafeBufferPointer { CopyText.parseRow($0) } == values)
    }

    @Test func undoesEveryEscapeCopyCanWrite() {
        #expect(parse(#"\b\f\v\101\x41\x4g\q"# + "\n") == ["\u{8}\u{C}\u{B}AA\u{4}gq"])
        #expect(parse("\t") == ["", ""])
        #expect(parse(#"\Nx"#) == ["Nx"])
    }
}
