/// The character classes the field rules and the API document share, written out so every regular-expression
/// engine (ICU here, Python's in Schemathesis, ECMA in browsers) reads them alike; `\s` differs between them.
public enum TextRules {
    /// Unicode White_Space: what `FieldChecker` trims (Foundation's whitespaces and newlines), as a class body.
    public static let whiteSpace = #"\t\n\u000b\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"#

    /// Neither white space nor NUL, as a class body to put after `^` in `[^...]`.
    public static var visible: String { whiteSpace + #"\u0000"# }
}
