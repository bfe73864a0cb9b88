import MendCore

/// Schemas of the KPI report (docs/kpis.md); `Compared` figures repeat their members under `previous`.
extension OpenAPISchemas {
    static var number: Schema { ["type": "number"] }
    static var optionalNumber: Schema { ["type": ["number", "null"]] }
    static var optionalInteger: Schema { ["type": ["integer", "null"]] }

    /// An object whose members are named by `T`'s values, each holding `value`.
    static func byName<T: CaseIterable & RawRepresentable<String>>(_ type: T.Type, _ value: Schema) -> Schema {
        [
            "type": "object", "additionalProperties": false,
            "propertyNames": ["enum": T.allCases.map(\.rawValue)], "patternProperties": [".*": value],
        ]
    }

    /// `properties` with the same object again under `previous`.
    private static func compared(_ properties: [String: Schema], required: [String]) -> Schema {
        object(
            properties.merging(["previous": object(properties, required: required)]) { a, _ in a },
            required: required + ["previous"])
    }

    private static var time: Schema {
        object(
            ["n": integer, "meanSeconds": optionalNumber, "p50Seconds": optionalInteger, "p90Seconds": optionalInteger],
            required: ["n", "meanSeconds", "p50Seconds", "p90Seconds"])
    }

    private static var measure: [String: Schema] { ["business": time, "wall": time, "paused": time] }

    private static var rate: [String: Schema] {
        ["value": optionalNumber, "numerator": integer, "denominator": integer]
    }

    private static func rate(with counts: [String]) -> Schema {
        var properties = rate
        for count in counts { properties[count] = integer }
        return compared(properties, required: ["value", "numerator", "denominator"] + counts)
    }

    static var kpiPeriod: Schema {
        object(
            ["from": date, "to": date, "start": dateTime, "end": dateTime], required: ["from", "to", "start", "end"])
    }

    /// The `kpis` member of a KPI report, also a client review's.
    static var kpiFigures: Schema {
        let statusCounts = byName(TicketStatus.self, integer)
        let breach: [String: Schema] = [
            "clock": enumeration(SlaClockKind.self), "breaches": integer, "statusAtBreach": statusCounts,
            "longestStatus": statusCounts, "unassigned": integer,
        ]
        let logged = object(
            [
                "type": text, "tickets": integer, "meanMinutes": number,
                "meanMinutesByWorkType": byName(WorkType.self, number),
            ], required: ["type", "tickets", "meanMinutes", "meanMinutesByWorkType"])
        let statusTime = object(
            [
                "clock": enumeration(SlaClockKind.self), "priority": enumeration(Priority.self), "tickets": integer,
                "totalSeconds": integer, "pausedSeconds": integer, "secondsByStatus": statusCounts,
            ], required: ["clock", "priority", "tickets", "totalSeconds", "pausedSeconds", "secondsByStatus"])
        let plainRate = object(rate, required: ["value", "numerator", "denominator"])
        let kpis = object(
            [
                "responseTime": compared(measure, required: ["business", "wall", "paused"]),
                "restorationTime": compared(measure, required: ["business", "wall", "paused"]),
                "resolutionTime": compared(
                    measure.merging(["resolvedAgain": integer]) { a, _ in a },
                    required: ["business", "wall", "paused", "resolvedAgain"]),
                "slaCompliance": byName(SlaClockKind.self, rate(with: ["met", "breached", "transferred", "notMeasured"])),
                "firstContactResolution": rate(with: ["leftTier2"]),
                "timeLoggedByType": compared(["types": ["type": "array", "items": logged]], required: ["types"]),
                "reopenRate": rate(with: ["linkedFollowUps"]),
                "satisfaction": compared(
                    ["meanRating": optionalNumber, "satisfied": plainRate, "responseRate": plainRate],
                    required: ["meanRating", "satisfied", "responseRate"]),
                "timeByStatus": compared(["rows": ["type": "array", "items": statusTime]], required: ["rows"]),
                "breachCauses": byName(SlaClockKind.self, compared(breach, required: Array(breach.keys))),
            ],
            required: [
                "responseTime", "restorationTime", "resolutionTime", "slaCompliance", "firstContactResolution",
                "timeLoggedByType", "reopenRate", "satisfaction", "timeByStatus", "breachCauses",
            ])
        return kpis
    }

    static var reportSchemas: [String: Schema] {
        let optionalString: Schema = ["type": ["string", "null"]]
        return [
            "KpiReport": object(
                [
                    "definitionsVersion": string, "timeZone": string, "period": kpiPeriod, "previousPeriod": kpiPeriod,
                    "filters": object(
                        [
                            "company": optionalUUID, "priority": optionalString, "queue": optionalUUID,
                            "engineer": optionalUUID, "type": optionalString, "source": optionalString,
                        ], required: ["company", "priority", "queue", "engineer", "type", "source"]),
                    "kpis": kpiFigures,
                ], required: ["definitionsVersion", "timeZone", "period", "previousPeriod", "filters", "kpis"])
        ].merging(reviewSchemas) { a, _ in a }
    }
}
