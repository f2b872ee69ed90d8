/// Strings that break naive quoting, escaping or encoding; every database test that moves text uses them.
enum TrickyStrings {
    static let all: [String] = [
        "it's", #"say "hi""#, #"back\slash"#, #"\N"#, #"\\N"#, #"trailing\"#, "semi;colon'); DROP TABLE t; --",
        "$1", "$1 $2 \\$3 $$ $tag$", "line1\nline2", "cr\r\nlf", "tab\there", "  spaced  ", "",
        "naïve café Ærø ß", "日本語のテキスト", "emoji 🎉 👩‍👩‍👧‍👦 🇩🇪", #"{"json": [1, "two"]}"#, "{a,b}", "NULL", "null",
        String(repeating: "x", count: 200), String(repeating: "é🎉'\\\t", count: 40),
    ]
}
