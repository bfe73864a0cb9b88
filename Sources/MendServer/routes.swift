import Vapor

/// Every route, registered in one place.
func routes(_ app: Application) throws {
    app.get("healthz") { _ in HTTPStatus.ok }
    let api = app.grouped("api", "v1")
    api.get("openapi.json", use: OpenAPIController.document)
    try api.register(collection: TicketAPIController())
    try api.register(collection: DirectoryAPIController())
    try api.register(collection: SlaAPIController())
    try api.register(collection: AlertAPIController())
    try api.register(collection: OnCallAPIController())
    try api.register(collection: EscalationAPIController())
    try api.register(collection: PageAPIController())
    try api.register(collection: NotificationAPIController())
    try api.register(collection: HandoffAPIController())
    try api.register(collection: ResolutionAPIController())
    try api.register(collection: ResolutionAdminAPIController())
    try api.register(collection: MessageAPIController())
    try api.register(collection: InboundMailAPIController())
    try api.register(collection: SurveyAPIController())
    try app.register(collection: AuthWebController())
    try app.register(collection: TicketWebController())
    try app.register(collection: SlaWebController())
    try app.register(collection: OnCallWebController())
    try app.register(collection: AlertWebController())
    try app.register(collection: EscalationWebController())
    try app.register(collection: NotificationWebController())
    try app.register(collection: HandoffWebController())
    try app.register(collection: ResolutionWebController())
    try app.register(collection: ResolutionAdminWebController())
    try app.register(collection: MessageWebController())
    try app.register(collection: SurveyWebController())
}
