#include "loopback_client.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstdint>
#include <stdexcept>

namespace test {

LoopbackConnection::LoopbackConnection(const std::string& source, int port)
    : socket_(::socket(AF_INET, SOCK_STREAM, 0))
{
    if (socket_ < 0)
        throw std::runtime_error("socket() a échoué");
    const timeval patience{10, 0};
    setsockopt(socket_, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience);
    sockaddr_in from{};
    from.sin_family = AF_INET;
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<std::uint16_t>(port));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (inet_pton(AF_INET, source.c_str(), &from.sin_addr) != 1 ||
        ::bind(socket_, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0 ||
        ::connect(socket_, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
        ::close(socket_);
        throw std::runtime_error("connexion impossible depuis " + source);
    }
}

LoopbackConnection::~LoopbackConnection()
{
    if (tls_ != nullptr)
        SSL_free(tls_);
    ::close(socket_);
}

bool LoopbackConnection::start_tls(SSL_CTX* context)
{
    tls_ = SSL_new(context);
    SSL_set_fd(tls_, socket_);
    return SSL_connect(tls_) == 1;
}

bool LoopbackConnection::send(const std::string& text)
{
    if (tls_ != nullptr)
        return SSL_write(tls_, text.data(), static_cast<int>(text.size())) > 0;
    return ::send(socket_, text.data(), text.size(), MSG_NOSIGNAL) > 0;
}

std::string LoopbackConnection::answer()
{
    std::string text;
    char buffer[8192];
    int got = 0;
    while (tls_ != nullptr && (got = SSL_read(tls_, buffer, sizeof buffer)) > 0)
        text.append(buffer, static_cast<std::size_t>(got));
    return text;
}

bool LoopbackConnection::closed_by_server() const
{
    pollfd ready{socket_, POLLIN, 0};
    if (::poll(&ready, 1, 0) <= 0)
        return false;
    if (tls_ == nullptr) {
        char byte = 0;
        return ::recv(socket_, &byte, 1, MSG_DONTWAIT | MSG_PEEK) <= 0;
    }
    const int flags = fcntl(socket_, F_GETFL);
    fcntl(socket_, F_SETFL, flags | O_NONBLOCK);
    char byte = 0;
    const int got = SSL_peek(tls_, &byte, 1);
    const int error = SSL_get_error(tls_, got);
    fcntl(socket_, F_SETFL, flags);
    return got <= 0 && error != SSL_ERROR_WANT_READ;
}

} // namespace test
