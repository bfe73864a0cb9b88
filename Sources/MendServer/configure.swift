import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import SQLKit
import Vapor

/// Wires the application from its services: database, migrations, sessions, middleware, views and routes.
/// `database` overrides the configured database (tests use isolated ones).
public func configure(
    _ app: Application, services: MendServices, database: ((Application) async throws -> Void)? = nil
) async throws {
    app.mend = services
    if let database {
        try await database(app)
    } else {
        switch services.config.database {
        case let .sqlite(path):
            await useSQLite(path: path, on: app)
        case let .postgres(url):
            app.databases.use(try .postgres(url: url, maxConnectionsPerEventLoop: 4), as: .psql)
        }
    }
    services.gate.attach(to: app)
    app.migrations.add(MendMigrations.all)
    app.sessions.use(.fluent)
    app.sessions.configuration.cookieName = "mend_session"
    let secure = services.config.secureCookies
    app.sessions.configuration.cookieFactory = { id in
        HTTPCookies.Value(string: id.string, maxAge: 12 * 3600, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }
    app.middleware = Middlewares()
    // Outside in: every answer names its request and gets the security headers; every error below becomes a problem or the error page;
    // over-long heads are refused before any work; the session is loaded before anything that may fail on a path
    // (the static files refuse `..` and bad percent-encoding), so the error page can show the signed-in person.
    app.middleware.use(RequestID())
    app.middleware.use(ProcessScope())
    app.middleware.use(SecurityHeaders())
    app.middleware.use(MetricsMiddleware(metrics: services.metrics))
    app.middleware.use(RouteLoggingMiddleware(logLevel: .debug))
    app.middleware.use(ProblemMiddleware())
    app.middleware.use(RequestLimits())
    app.middleware.use(app.sessions.middleware)
    app.middleware.use(SessionsReady())
    app.middleware.use(StaticFiles(publicDirectory: app.directory.publicDirectory))
    app.middleware.use(AuthMiddleware())
    app.middleware.use(ReaderZone())
    app.middleware.use(CSRFMiddleware())
    app.views.use(.leaf)
    app.routes.defaultMaxBodySize = ByteCount(value: services.config.maxBodyBytes)
    try routes(app)
}

/// Prepares the database: SQLite gets write-ahead logging (readers never wait for the writer), then pending
/// migrations run, unless `MEND_MIGRATE=never` leaves them to `mend migrate` (`migrating` says that command runs).
/// A schema from a newer release is refused either way: an older server would misread it.
public func prepareDatabase(_ app: Application, migrating: Bool = false) async throws {
    if let sql = app.db as? any SQLDatabase, sql.dialect.name == "sqlite" {
        try await sql.raw("PRAGMA journal_mode=WAL").run()
    }
    try SchemaError.check(try await SchemaStatus.read(app.db), mayMigrate: migrating || app.mend.config.migrateOnStart)
    try await app.autoMigrate()
    try await ProcessStore(db: app.db, services: app.mend).load()
    try await KpiFactsStore(db: app.db, sla: app.mend.sla).fillOnce(gate: app.mend.gate, now: app.mend.clock.now())
    // The daily KPI totals are added up now rather than by the first report asked for.
    try await KpiDaily(db: app.db, gate: app.mend.gate, timeZone: app.mend.config.timeZone).refresh()
}
