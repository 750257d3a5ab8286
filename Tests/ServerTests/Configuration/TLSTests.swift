import Foundation
import Testing

@testable import Server

/// `tls.certificate` and `tls.key`: the daemon answers HTTPS with that certificate, and a
/// certificate that is not PEM is refused at start naming the key.
@Suite struct TLSTests {
    /// A self-signed certificate for 127.0.0.1 and its key, made with the openssl command.
    static func makeCertificate(in directory: String) throws -> (certificate: String, key: String) {
        let certificate = directory + "/cert.pem"
        let key = directory + "/key.pem"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-days", "1", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return (certificate, key)
    }

    /// `curl` of `url` trusting `certificate`: the exit status and what it printed.
    static func curl(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-s", "-S", "--max-time", "10"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func answersHTTPSWithTheConfiguredCertificate() async throws {
        let directory = NSTemporaryDirectory() + "histd-tls-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (certificate, key) = try Self.makeCertificate(in: directory)
        try await TestServer.with({
            $0.tlsCertificate = certificate
            $0.tlsKey = key
        }) { client, _ in
            let secure = try Self.curl(["--cacert", certificate, "https://127.0.0.1:\(client.port)/health"])
            #expect(secure.status == 0 && secure.output.contains("\"status\":\"pass\""), "\(secure.output)")
            let written = try Self.curl([
                "--cacert", certificate, "-XPOST", "--data-binary", "m v=1 1704067200000000000", "-w", "%{http_code}",
                "https://127.0.0.1:\(client.port)/write",
            ])
            #expect(written.output == "204")
            // Plain HTTP to the TLS port gets no answer.
            let plain = try Self.curl(["http://127.0.0.1:\(client.port)/health"])
            #expect(plain.status != 0)
        }
    }

    @Test func aCertificateThatIsNotPEMIsRefusedNamingTheKey() throws {
        let directory = NSTemporaryDirectory() + "histd-tls-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (_, key) = try Self.makeCertificate(in: directory)
        try "not a certificate".write(toFile: directory + "/bad.pem", atomically: true, encoding: .utf8)
        var configuration = ServerConfiguration()
        configuration.tlsCertificate = directory + "/bad.pem"
        configuration.tlsKey = key
        do {
            _ = try configuration.tlsServerConfiguration()
            Issue.record("a file that is not PEM was taken as a certificate")
        } catch {
            if case .invalid(let name, _) = error { #expect(name == "tls.certificate") } else { Issue.record("\(error)") }
        }
    }
}
