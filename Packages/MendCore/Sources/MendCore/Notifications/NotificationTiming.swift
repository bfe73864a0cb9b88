import Foundation

/// When an in-app notification reaches its recipient (PRODUCT.md section 4): at once for a P1 ticket or
/// a recipient on call, otherwise at the start of the recipient's working hours.
public enum NotificationTiming {
    /// The delivery instant of a notification made at `now`; `workingHours` nil means always at work.
    public static func deliverAt(
        now: Instant, priority: Priority?, recipientOnCall: Bool, workingHours: BusinessCalendar?
    ) -> Instant {
        if priority == .p1 || recipientOnCall { return now }
        guard let workingHours else { return now }
        return workingHours.nextOpen(now)
    }
}
