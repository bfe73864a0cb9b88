import Foundation

/// Whole numbers read from `JSONSerialization` output.
public enum JSONInteger {
    /// The integer `raw` holds, or nil for anything else. JSON `true`/`false` come back as NSNumbers that
    /// also answer `is Bool` for 0 and 1, so the number's own type code decides ("c" is a boolean).
    public static func value(_ raw: Any?) -> Int? {
        guard let number = raw as? NSNumber, String(cString: number.objCType) != "c" else { return nil }
        let double = number.doubleValue
        guard double == double.rounded(), abs(double) < 9e15 else { return nil }
        return number.intValue
    }
}
