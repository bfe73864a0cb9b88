import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One keep-alive HTTP/1.1 connection on a blocking socket, one request at a time. The load generator runs on
/// the same two cores as the server; AsyncHTTPClient spent about 0.5 ms of CPU per request there, a third of
/// what the server spent creating the ticket, so a thread per connection with plain `write`/`read` keeps
/// the client's share small.
final class BlockingHTTPConnection {
    struct Answer {
        var status: Int
        var body: [UInt8]
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let socket: Int32
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var pending: [UInt8] = []

    init(host: String, port: Int) throws {
        var hints = addrinfo()
        hints.ai_family = AF_INET
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &found) == 0, let address = found else {
            throw Failure(description: "cannot resolve \(host)")
        }
        defer { freeaddrinfo(found) }
        socket = Glibc.socket(address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
        guard socket >= 0, connect(socket, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 else {
            throw Failure(description: "cannot connect to \(host):\(port): errno \(errno)")
        }
        var on: Int32 = 1
        setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { close(socket) }

    /// Sends a complete request (head and body) and reads one response with a `Content-Length`.
    func exchange(_ request: [UInt8]) throws -> Answer {
        var sent = 0
        while sent < request.count {
            let n = request.withUnsafeBytes { write(socket, $0.baseAddress! + sent, request.count - sent) }
            guard n > 0 else { throw Failure(description: "write failed: errno \(errno)") }
            sent += n
        }
        let (headEnd, status, length) = try readHead()
        pending.removeFirst(headEnd)
        while pending.count < length { try fill() }
        let body = Array(pending[0..<length])
        pending.removeFirst(length)
        return Answer(status: status, body: body)
    }

    private func readHead() throws -> (Int, Int, Int) {
        let separator: [UInt8] = [13, 10, 13, 10]
        while true {
            if let end = pending.firstRange(of: separator)?.upperBound {
                let head = String(decoding: pending[0..<end], as: UTF8.self)
                let lines = head.split(separator: "\r\n")
                guard let first = lines.first, let status = Int(first.split(separator: " ").dropFirst().first ?? "") else {
                    throw Failure(description: "bad response head: \(head)")
                }
                let length = lines.dropFirst().compactMap { line -> Int? in
                    let parts = line.split(separator: ":", maxSplits: 1)
                    guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
                    return Int(parts[1].trimmingCharacters(in: .whitespaces))
                }.first
                guard let length else { throw Failure(description: "response without Content-Length") }
                return (end, status, length)
            }
            try fill()
        }
    }

    private func fill() throws {
        let n = buffer.withUnsafeMutableBytes { read(socket, $0.baseAddress!, $0.count) }
        guard n > 0 else { throw Failure(description: "connection closed by the server") }
        pending.append(contentsOf: buffer[0..<n])
    }

    /// A request's bytes: `Host`, the bearer token and, with a body, its JSON type and length.
    static func request(_ method: String, _ path: String, host: String, token: String, body: String? = nil) -> [UInt8] {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\nAuthorization: Bearer \(token)\r\n"
        if let body {
            head += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
        }
        return Array((head + "\r\n" + (body ?? "")).utf8)
    }
}
