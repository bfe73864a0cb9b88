import Vapor

extension Request {
    /// The id in path parameter `name`; one that is not a UUID cannot name a record, so it is 404 like a missing one.
    func idParameter(_ name: String, _ what: String) throws -> UUID {
        guard let id = parameters.get(name).flatMap(UUID.init(uuidString:)) else { throw Problem.notFound(what) }
        return id
    }
}
