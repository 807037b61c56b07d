#pragma once

// A TCP connection to a server on 127.0.0.1 from a chosen loopback address (any of 127.0.0.0/8
// is this machine's, so one process can be many clients to the server), optionally with TLS,
// the server's certificate not checked: what slow-client tests and benchmarks are made of.

#include <openssl/ssl.h>

#include <string>

namespace test {

class LoopbackConnection {
public:
    // Throws std::runtime_error when the connection cannot be made.
    LoopbackConnection(const std::string& source, int port);
    ~LoopbackConnection();
    LoopbackConnection(const LoopbackConnection&) = delete;
    LoopbackConnection& operator=(const LoopbackConnection&) = delete;

    // The TLS handshake; false when the server refuses or cuts it.
    bool start_tls(SSL_CTX* context);
    // False once the server has cut the connection.
    bool send(const std::string& text);
    // Everything the server sends until it ends the connection (TLS only).
    std::string answer();
    // Whether the server has closed its side. Over TLS, the bytes waiting may be the server's
    // session tickets, not an end: TLS reads them.
    [[nodiscard]] bool closed_by_server() const;

private:
    int socket_;
    SSL* tls_ = nullptr;
};

} // namespace test
