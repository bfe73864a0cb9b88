/// The process definition operations (docs/process.md).
extension APIOperations {
    static let process: [APIOperation] = [
        APIOperation(
            method: "get", path: "/api/v1/process",
            summary: "The process definition in force (ETag = its version); staff only", tag: "process",
            response: (200, "ProcessDefinition")),
        APIOperation(
            method: "put", path: "/api/v1/process",
            summary:
                "Apply a new version of the process definition (process.manage; If-Match required: the ETag you read, or *). Every problem is listed by its path (422); a newer version in force gets 412",
            tag: "process", request: "ProcessDefinition", response: (200, "ProcessDefinition")),
        APIOperation(
            method: "get", path: "/api/v1/process/versions", summary: "Every applied version, newest first", tag: "process",
            response: (200, "ProcessVersionList")),
    ]
}
