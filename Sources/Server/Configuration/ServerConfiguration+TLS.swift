import NIOSSL

extension ServerConfiguration {
    /// The TLS configuration of `tls.certificate` and `tls.key`, nil without them (plain HTTP).
    /// - Throws: ``ConfigurationError/invalid(key:message:)`` naming the key whose file cannot be
    ///   read or is not PEM.
    func tlsServerConfiguration() throws(ConfigurationError) -> TLSConfiguration? {
        guard let tlsCertificate, let tlsKey else { return nil }
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(tlsCertificate)
        } catch {
            throw .invalid(key: "tls.certificate", message: "'\(tlsCertificate)' is not a readable PEM certificate chain: \(error)")
        }
        guard !chain.isEmpty else { throw .invalid(key: "tls.certificate", message: "'\(tlsCertificate)' holds no certificate") }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: tlsKey, format: .pem)
        } catch {
            throw .invalid(key: "tls.key", message: "'\(tlsKey)' is not a readable PEM private key: \(error)")
        }
        return TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
    }
}
