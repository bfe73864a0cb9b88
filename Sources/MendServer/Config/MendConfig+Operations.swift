extension MendConfig {
    /// The settings of running Mend in production: migrations at start, the log format, the shutdown grace.
    static func readOperations(_ env: [String: String], into config: inout MendConfig, problems: inout [String]) {
        switch env["MEND_MIGRATE"] {
        case nil, "", "auto": config.migrateOnStart = true
        case "never": config.migrateOnStart = false
        default: problems.append("MEND_MIGRATE: must be auto (run pending migrations at start) or never")
        }
        if let text = env["LOG_FORMAT"], !text.isEmpty {
            if let format = LogFormat(rawValue: text) {
                config.logFormat = format
            } else {
                problems.append("LOG_FORMAT: must be text or json")
            }
        }
        if let text = env["MEND_SHUTDOWN_SECONDS"] {
            if let value = Int(text), (1...600).contains(value) {
                config.shutdownSeconds = value
            } else {
                problems.append("MEND_SHUTDOWN_SECONDS: must be a whole number of seconds from 1 to 600")
            }
        }
    }
}
