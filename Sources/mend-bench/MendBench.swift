import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore

/// Creates tickets through the HTTP API at a fixed concurrency and reports throughput and latency.
@main
struct MendBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mend-bench", abstract: "Benchmark ticket creation through a running `mend serve`.")

    @Option(help: "Base URL of the server.") var url = "http://127.0.0.1:8080"
    @Option(help: "API token (mend token create).") var token: String
    @Option(help: "Tickets to create.") var count = 10_000
    @Option(help: "Concurrent requests in flight.") var concurrency = 8
    @Option(help: "Company id; the first company when omitted.") var company: String?
    @Option(
        help: "Post monitoring alerts to /api/v1/alerts instead of tickets, fingerprints drawn from this many (repeats dedupe)."
    ) var alertFingerprints: Int?

    func run() async throws {
        let client = HTTPClient.shared
        let (companyID, companyCode) = try await firstCompany(client)
        let body =
            #"{"summary":"Benchmark incident","description":"Created by mend-bench","impact":"medium","urgency":"high","companyID":"\#(company ?? companyID)"}"#
        let alertBody: @Sendable (Int) -> String = { i in
            #"{"source":"mend-bench","fingerprint":"bench-\#(i % (alertFingerprints ?? 1))","status":"firing","severity":"warning","company":"\#(companyCode)","summary":"Benchmark alert \#(i % (alertFingerprints ?? 1))"}"#
        }
        let started = ContinuousClock.now
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for worker in 0..<concurrency {
                let share = count / concurrency + (worker < count % concurrency ? 1 : 0)
                group.addTask {
                    try await create(
                        share, body: { alertFingerprints == nil ? body : alertBody(worker * 1_000_003 + $0) }, client: client)
                }
            }
            return try await group.reduce(into: [Double]()) { $0 += $1 }.sorted()
        }
        let seconds = (ContinuousClock.now - started) / .seconds(1)
        let rate = Double(latencies.count) / seconds
        print(
            String(
                format: "requests=%d concurrency=%d seconds=%.2f rate=%.0f/s p50=%.2fms p99=%.2fms max=%.2fms",
                latencies.count, concurrency, seconds, rate, percentile(latencies, 0.50), percentile(latencies, 0.99),
                latencies.last ?? 0))
    }

    private func create(_ n: Int, body: @Sendable (Int) -> String, client: HTTPClient) async throws -> [Double] {
        var result: [Double] = []
        result.reserveCapacity(n)
        let path = alertFingerprints == nil ? "/api/v1/tickets" : "/api/v1/alerts"
        for i in 0..<n {
            var request = HTTPClientRequest(url: url + path)
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body(i)))
            let start = ContinuousClock.now
            let response = try await client.execute(request, timeout: .seconds(30))
            _ = try await response.body.collect(upTo: 1 << 20)
            result.append((ContinuousClock.now - start) / .milliseconds(1))
            guard response.status == .created || response.status == .ok else {
                throw ValidationError("server answered \(response.status)")
            }
        }
        return result
    }

    /// The first company's id and code.
    private func firstCompany(_ client: HTTPClient) async throws -> (String, String) {
        var request = HTTPClientRequest(url: url + "/api/v1/companies")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        let response = try await client.execute(request, timeout: .seconds(30))
        let data = try await response.body.collect(upTo: 1 << 22)
        struct List: Decodable {
            struct Item: Decodable {
                var id: String
                var code: String
            }
            var items: [Item]
        }
        guard let first = try JSONDecoder().decode(List.self, from: Data(data.readableBytesView)).items.first else {
            throw ValidationError("no companies: run `mend demo` first")
        }
        return (first.id, first.code)
    }

    private func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }
}
