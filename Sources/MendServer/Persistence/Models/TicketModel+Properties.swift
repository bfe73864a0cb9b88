import FluentKit

extension TicketModel {
    /// Every stored property, in declaration order: what FluentKit would find by reflection (`Mirror`) on each
    /// read, decode and write of a ticket. That reflection was 38% of the server's time on the first page of open
    /// tickets and 14% on a note (BENCHMARKS.md). A test holds this list to the one reflection finds, so a field
    /// added above without being added here fails it.
    var properties: [any AnyProperty] {
        [
            $id, $number, $summary, $description, $type, $subtype, $impact, $urgency, $priority, $source,
            $status, $queueID, $assigneeID, $companyID, $contactID, $siteID, $configurationItem,
            $resolution, $restoredTested, $verificationAttempted, $exitParty, $exitReference,
            $minutesLogged, $reopenCount, $version, $createdAt, $updatedAt, $exitedAt, $closedAt,
            $contractID, $slaStart, $slaClocks, $slaFired, $slaNextAt, $slaDueAt, $slaWarnAt, $slaStale,
            $alertSource, $alertFingerprint, $alertCount, $alertLastSeen, $statusSince, $watchNextAt,
            $watchFired, $handoffAt, $timeboxEndsAt, $checklistDone, $linkedFromID, $clientInformed,
            $incidentStartedAt, $slaFold,
        ]
    }
}
