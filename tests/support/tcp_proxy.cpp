#include "tcp_proxy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace test {
namespace {

sockaddr_in loopback(int port)
{
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

// Sends all of `size` bytes; false when the peer is gone.
bool send_all(int socket, const char* data, std::size_t size)
{
    while (size > 0) {
        const auto sent = ::send(socket, data, size, MSG_NOSIGNAL);
        if (sent <= 0)
            return false;
        data += sent;
        size -= static_cast<std::size_t>(sent);
    }
    return true;
}

} // namespace

TcpProxy::TcpProxy(int target_port)
    : target_port_(target_port)
{
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    const int yes = 1;
    ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    auto address = loopback(0);
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener_, 64) != 0)
        throw std::runtime_error("proxy: bind/listen failed");
    socklen_t length = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
}

TcpProxy::~TcpProxy()
{
    stopping_ = true;
    ++generation_;
    ::shutdown(listener_, SHUT_RDWR);
    ::close(listener_);
    acceptor_.join();
    const std::lock_guard lock(threads_mutex_);
    for (auto& thread : threads_)
        thread.join();
}

void TcpProxy::set_down(bool down)
{
    down_ = down;
    if (down)
        cut();
}

void TcpProxy::accept_loop()
{
    while (!stopping_) {
        pollfd waiting{listener_, POLLIN, 0};
        if (::poll(&waiting, 1, 50) <= 0)
            continue;
        const int client = ::accept(listener_, nullptr, nullptr);
        if (client < 0)
            continue;
        ++accepted_;
        if (down_) {
            ::close(client);
            continue;
        }
        const unsigned generation = generation_;
        const std::lock_guard lock(threads_mutex_);
        threads_.emplace_back([this, client, generation] { pump(client, generation); });
    }
}

void TcpProxy::pump(int client, unsigned generation)
{
    const int upstream = ::socket(AF_INET, SOCK_STREAM, 0);
    auto address = loopback(target_port_);
    if (::connect(upstream, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(upstream);
        ::close(client);
        return;
    }
    pollfd ends[2] = {{client, POLLIN, 0}, {upstream, POLLIN, 0}};
    char buffer[16384];
    for (;;) {
        if (generation_ != generation || stopping_) {
            ++cut_;
            break;
        }
        ends[0].revents = ends[1].revents = 0;
        if (::poll(ends, 2, 50) < 0)
            break;
        bool closed = false;
        for (int side = 0; side < 2 && !closed; ++side) {
            if ((ends[side].revents & (POLLIN | POLLHUP | POLLERR)) == 0)
                continue;
            const auto received = ::recv(ends[side].fd, buffer, sizeof buffer, 0);
            if (received <= 0) {
                closed = true;
                break;
            }
            if (const int delay = delay_ms_; delay > 0)
                std::this_thread::sleep_for(std::chrono::milliseconds{delay});
            if (generation_ != generation ||
                !send_all(ends[1 - side].fd, buffer, static_cast<std::size_t>(received)))
                closed = true;
            else
                (side == 0 ? to_target_ : to_client_) += static_cast<std::size_t>(received);
        }
        if (closed)
            break;
    }
    ::close(upstream);
    ::close(client);
}

} // namespace test
