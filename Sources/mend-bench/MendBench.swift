import ArgumentParser
import Foundation

/// Creates tickets through the HTTP API at a fixed concurrency and reports throughput and latency.
@main
struct MendBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mend-bench", abstract: "Benchmark ticket creation through a running `mend serve`.")

    @Option(help: "Base URL of the server (plain http).") var url = "http://127.0.0.1:8080"
    @Option(help: "API token (mend token create).") var token: String
    @Option(help: "Tickets to create.") var count = 10_000
    @Option(help: "Concurrent requests in flight, one connection each.") var concurrency = 8
    @Option(help: "Company id; the first company when omitted.") var company: String?
    @Option(
        help: "Post monitoring alerts to /api/v1/alerts instead of tickets, fingerprints drawn from this many (repeats dedupe)."
    ) var alertFingerprints: Int?

    func run() throws {
        guard let parsed = URLComponents(string: url), parsed.scheme == "http", let host = parsed.host else {
            throw ValidationError("--url must be http://HOST[:PORT]")
        }
        let port = parsed.port ?? 80
        let (companyID, companyCode) = try firstCompany(host: host, port: port)
        let ticketBody =
            #"{"summary":"Benchmark incident","description":"Created by mend-bench","impact":"medium","urgency":"high","companyID":"\#(company ?? companyID)"}"#
        let fingerprints = alertFingerprints
        let path = fingerprints == nil ? "/api/v1/tickets" : "/api/v1/alerts"
        let token = token
        // Every ticket request is the same bytes: built once, so the client spends its time sending.
        let ticketRequest = BlockingHTTPConnection.request("POST", path, host: host, token: token, body: ticketBody)
        let request: @Sendable (Int) -> [UInt8] = { i in
            guard let n = fingerprints else { return ticketRequest }
            let body =
                #"{"source":"mend-bench","fingerprint":"bench-\#(i % n)","status":"firing","severity":"warning","company":"\#(companyCode)","summary":"Benchmark alert \#(i % n)"}"#
            return BlockingHTTPConnection.request("POST", path, host: host, token: token, body: body)
        }
        let runs = (0..<concurrency).map { worker in
            Worker(share: count / concurrency + (worker < count % concurrency ? 1 : 0), first: worker * 1_000_003)
        }
        let done = DispatchGroup()
        let started = ContinuousClock.now
        for worker in runs {
            done.enter()
            let thread = Thread {
                worker.run(host: host, port: port, request: request)
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
    let first: Int
    private(set) var latencies: [Double] = []
    private(set) var failure: String?

    init(share: Int, first: Int) {
        self.share = share
        self.first = first
    }

    func run(host: String, port: Int, request: (Int) -> [UInt8]) {
        latencies.reserveCapacity(share)
        do {
            let connection = try BlockingHTTPConnection(host: host, port: port)
            for i in 0..<share {
                let bytes = request(first + i)
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
