import ArgumentParser
import Foundation

/// The everyday request a run repeats (issue 24): creating tickets, or what engineers do all day with them.
enum BenchPath: String, ExpressibleByArgument, CaseIterable {
    /// POST /api/v1/tickets (or /api/v1/alerts with --alert-fingerprints).
    case create
    /// GET /api/v1/tickets?open=true&limit=100: the first page of open tickets, in --sort order.
    case queue
    /// GET /api/v1/tickets/{number}, over --tickets open tickets.
    case ticket
    /// POST /api/v1/tickets/{number}/notes, a backstage note, over --tickets open tickets.
    case note
    /// Per connection, its own open ticket: reassigned, to Waiting on Client, back to In Progress, and again.
    case status
}

/// Runs one everyday path through the HTTP API at a fixed concurrency and reports throughput and latency.
@main
struct MendBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mend-bench", abstract: "Benchmark everyday paths through a running `mend serve`.")

    @Option(help: "Base URL of the server (plain http).") var url = "http://127.0.0.1:8080"
    @Option(help: "API token (mend token create).") var token: String
    @Option(help: "The path to repeat: \(BenchPath.allCases.map(\.rawValue).joined(separator: ", ")).")
    var path: BenchPath = .create
    @Option(help: "Requests to make (tickets to create, for create).") var count = 10_000
    @Option(help: "Concurrent requests in flight, one connection each.") var concurrency = 8
    @Option(help: "Company id; the first company when omitted.") var company: String?
    @Option(
        help: "Post monitoring alerts to /api/v1/alerts instead of tickets, fingerprints drawn from this many (repeats dedupe)."
    ) var alertFingerprints: Int?
    @Option(help: "For queue: the sort, as the API names it (deadline, ...); the API's default when omitted.")
    var sort: String?
    @Option(help: "For ticket and note: how many open tickets the requests go round.") var tickets = 100

    func run() throws {
        guard let parsed = URLComponents(string: url), parsed.scheme == "http", let host = parsed.host else {
            throw ValidationError("--url must be http://HOST[:PORT]")
        }
        let port = parsed.port ?? 80
        let request = try requests(host: host, port: port)
        let runs = (0..<concurrency).map { worker in
            Worker(share: count / concurrency + (worker < count % concurrency ? 1 : 0))
        }
        let done = DispatchGroup()
        let started = ContinuousClock.now
        for (index, worker) in runs.enumerated() {
            done.enter()
            let thread = Thread {
                worker.run(host: host, port: port) { request(index, $0) }
                done.leave()
            }
            thread.start()
        }
        done.wait()
        let seconds = (ContinuousClock.now - started) / .seconds(1)
        if let failure = runs.compactMap(\.failure).first { throw ValidationError(failure) }
        let latencies = runs.flatMap(\.latencies).sorted()
        print(
            String(
                format: "requests=%d concurrency=%d seconds=%.2f rate=%.0f/s p50=%.2fms p99=%.2fms max=%.2fms",
                latencies.count, concurrency, seconds, Double(latencies.count) / seconds, percentile(latencies, 0.50),
                percentile(latencies, 0.99), latencies.last ?? 0))
    }

    /// The bytes of request `i` of connection `worker`. Everything a path needs is read before the clock starts.
    private func requests(host: String, port: Int) throws -> @Sendable (Int, Int) -> [UInt8] {
        let token = token
        let concurrency = concurrency
        @Sendable func bytes(_ method: String, _ path: String, _ body: String? = nil) -> [UInt8] {
            BlockingHTTPConnection.request(method, path, host: host, token: token, body: body)
        }
        switch path {
        case .create:
            let (companyID, companyCode) = try firstCompany(host: host, port: port)
            let body =
                #"{"summary":"Benchmark incident","description":"Created by mend-bench","impact":"medium","urgency":"high","companyID":"\#(company ?? companyID)"}"#
            // Every ticket request is the same bytes: built once, so the client spends its time sending.
            let ticket = bytes("POST", "/api/v1/tickets", body)
            guard let fingerprints = alertFingerprints else { return { _, _ in ticket } }
            return { worker, i in
                let i = worker * 1_000_003 + i
                return bytes(
                    "POST", "/api/v1/alerts",
                    #"{"source":"mend-bench","fingerprint":"bench-\#(i % fingerprints)","status":"firing","severity":"warning","company":"\#(companyCode)","summary":"Benchmark alert \#(i % fingerprints)"}"#
                )
            }
        case .queue:
            let page = bytes("GET", "/api/v1/tickets?open=true&limit=100" + (sort.map { "&sort=" + $0 } ?? ""))
            return { _, _ in page }
        case .ticket:
            let shows = try openTickets(host: host, port: port, count: tickets).map { bytes("GET", "/api/v1/tickets/" + $0) }
            // Connections go round the tickets in step, never on the same one at once.
            return { worker, i in shows[(i * concurrency + worker) % shows.count] }
        case .note:
            let body = #"{"body":"Checked the firewall logs again: no drops since the change.","visibility":"backstage"}"#
            let notes = try openTickets(host: host, port: port, count: tickets).map {
                bytes("POST", "/api/v1/tickets/\($0)/notes", body)
            }
            return { worker, i in notes[(i * concurrency + worker) % notes.count] }
        case .status:
            let engineers = try self.engineers(host: host, port: port)
            let owned = try openTickets(host: host, port: port, count: concurrency)
            guard owned.count == concurrency, engineers.count >= 2 else {
                throw ValidationError("status needs \(concurrency) open tickets and two engineers: run `mend demo`")
            }
            // Each connection first takes its ticket to In Progress, outside the timed loop's pattern.
            for number in owned {
                let connection = try BlockingHTTPConnection(host: host, port: port)
                _ = try connection.exchange(bytes("PATCH", "/api/v1/tickets/" + number, #"{"assigneeID":"\#(engineers[0])"}"#))
                _ = try connection.exchange(bytes("POST", "/api/v1/tickets/\(number)/transitions", #"{"to":"in_progress"}"#))
            }
            let steps = owned.map { number in
                [
                    bytes("PATCH", "/api/v1/tickets/" + number, #"{"assigneeID":"\#(engineers[1])"}"#),
                    bytes("POST", "/api/v1/tickets/\(number)/transitions", #"{"to":"waiting_on_client"}"#),
                    bytes("POST", "/api/v1/tickets/\(number)/transitions", #"{"to":"in_progress"}"#),
                    bytes("PATCH", "/api/v1/tickets/" + number, #"{"assigneeID":"\#(engineers[0])"}"#),
                    bytes("POST", "/api/v1/tickets/\(number)/transitions", #"{"to":"waiting_on_client"}"#),
                    bytes("POST", "/api/v1/tickets/\(number)/transitions", #"{"to":"in_progress"}"#),
                ]
            }
            return { worker, i in steps[worker][i % 6] }
        }
    }

    /// The numbers of up to `count` open tickets, most urgent first.
    private func openTickets(host: String, port: Int, count: Int) throws -> [String] {
        struct Page: Decodable {
            struct Item: Decodable { var number: String }
            var items: [Item]
            var nextCursor: String?
        }
        let connection = try BlockingHTTPConnection(host: host, port: port)
        var numbers: [String] = []
        var cursor: String?
        repeat {
            let path = "/api/v1/tickets?open=true&limit=200" + (cursor.map { "&cursor=" + $0 } ?? "")
            let answer = try connection.exchange(BlockingHTTPConnection.request("GET", path, host: host, token: token))
            guard answer.status == 200 else { throw ValidationError("GET \(path) answered \(answer.status)") }
            let page = try JSONDecoder().decode(Page.self, from: Data(answer.body))
            numbers += page.items.map(\.number)
            cursor = page.nextCursor
        } while numbers.count < count && cursor != nil
        guard !numbers.isEmpty else { throw ValidationError("no open tickets: run `mend demo` first") }
        return Array(numbers.prefix(count))
    }

    /// The ids of the engineers.
    private func engineers(host: String, port: Int) throws -> [String] {
        struct List: Decodable {
            struct Item: Decodable {
                var id: String
                var role: String
            }
            var items: [Item]
        }
        let connection = try BlockingHTTPConnection(host: host, port: port)
        let answer = try connection.exchange(BlockingHTTPConnection.request("GET", "/api/v1/users", host: host, token: token))
        guard answer.status == 200 else { throw ValidationError("GET /api/v1/users answered \(answer.status)") }
        return try JSONDecoder().decode(List.self, from: Data(answer.body)).items.filter { $0.role == "engineer" }.map(\.id)
    }

    /// The first company's id and code.
    private func firstCompany(host: String, port: Int) throws -> (String, String) {
        let connection = try BlockingHTTPConnection(host: host, port: port)
        let answer = try connection.exchange(
            BlockingHTTPConnection.request("GET", "/api/v1/companies", host: host, token: token))
        guard answer.status == 200 else { throw ValidationError("GET /api/v1/companies answered \(answer.status)") }
        struct List: Decodable {
            struct Item: Decodable {
                var id: String
                var code: String
            }
            var items: [Item]
        }
        guard let first = try JSONDecoder().decode(List.self, from: Data(answer.body)).items.first else {
            throw ValidationError("no companies: run `mend demo` first")
        }
        return (first.id, first.code)
    }

    private func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }
}

/// One connection's share of the requests and their latencies; read only after its thread is done.
final class Worker: @unchecked Sendable {
    let share: Int
    private(set) var latencies: [Double] = []
    private(set) var failure: String?

    init(share: Int) {
        self.share = share
    }

    func run(host: String, port: Int, request: (Int) -> [UInt8]) {
        latencies.reserveCapacity(share)
        do {
            let connection = try BlockingHTTPConnection(host: host, port: port)
            for i in 0..<share {
                let bytes = request(i)
                let start = ContinuousClock.now
                let answer = try connection.exchange(bytes)
                latencies.append((ContinuousClock.now - start) / .milliseconds(1))
                guard answer.status == 201 || answer.status == 200 else {
                    failure = "server answered \(answer.status): \(String(decoding: answer.body, as: UTF8.self))"
                    return
                }
            }
        } catch {
            failure = "\(error)"
        }
    }
}
