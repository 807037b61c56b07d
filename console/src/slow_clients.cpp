#include "slow_clients.hpp"

#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstdlib>
#include <utility>

namespace kiosk_console {

namespace {

// Where a context keeps its guard, and where a connection keeps it once registered (so that
// OpenSSL's free of the connection tells the guard).
int context_slot()
{
    static const int slot = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
    return slot;
}

// The peer as httplib names it in Request::remote_addr / remote_port.
bool peer_of(int socket, std::string& address, int& port)
{
    sockaddr_storage peer{};
    socklen_t length = sizeof peer;
    if (getpeername(socket, reinterpret_cast<sockaddr*>(&peer), &length) != 0)
        return false;
    char host[NI_MAXHOST] = {};
    char service[NI_MAXSERV] = {};
    if (getnameinfo(reinterpret_cast<sockaddr*>(&peer), length, host, sizeof host, service,
                    sizeof service, NI_NUMERICHOST | NI_NUMERICSERV) != 0)
        return false;
    address = host;
    port = std::atoi(service);
    return true;
}

int connection_slot_for(CRYPTO_EX_free* on_free)
{
    static const int slot = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, on_free);
    return slot;
}

} // namespace

ConnectionGuard::ConnectionGuard(SSL_CTX* context, ConnectionLimits limits)
    : limits_(limits), context_(context)
{
    connection_slot_for(&ConnectionGuard::on_free);
    SSL_CTX_set_ex_data(context_, context_slot(), this);
    SSL_CTX_set_info_callback(context_, &ConnectionGuard::on_info);
    watcher_ = std::thread([this] { watch(); });
}

ConnectionGuard::~ConnectionGuard()
{
    SSL_CTX_set_info_callback(context_, nullptr);
    SSL_CTX_set_ex_data(context_, context_slot(), nullptr);
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    watcher_.join();
}

void ConnectionGuard::on_info(const SSL* ssl, int where, int)
{
    if ((where & SSL_CB_HANDSHAKE_START) == 0)
        return;
    auto* guard = static_cast<ConnectionGuard*>(
        SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), context_slot()));
    if (guard != nullptr)
        guard->started(const_cast<SSL*>(ssl));
}

void ConnectionGuard::on_free(void* parent, void* guard, CRYPTO_EX_DATA*, int, long, void*)
{
    if (guard != nullptr)
        static_cast<ConnectionGuard*>(guard)->forget(static_cast<const SSL*>(parent));
}

void ConnectionGuard::started(SSL* ssl)
{
    const int socket = SSL_get_fd(ssl);
    Connection connection{socket, {}, 0, std::chrono::steady_clock::now() + limits_.head};
    const bool known_peer = peer_of(socket, connection.address, connection.port);
    const std::lock_guard lock(mutex_);
    if (connections_.contains(ssl))
        return; // a later handshake on the same connection
    const auto same_address =
        static_cast<std::size_t>(std::count_if(connections_.begin(), connections_.end(),
                                               [&](const auto& held) {
                                                   return held.second.address ==
                                                          connection.address;
                                               }));
    if (!known_peer || cutting_ || same_address >= limits_.per_address) {
        // The handshake's next read fails and httplib closes the socket.
        ::shutdown(socket, SHUT_RDWR);
        return;
    }
    connections_.emplace(ssl, std::move(connection));
    SSL_set_ex_data(ssl, connection_slot_for(&ConnectionGuard::on_free), this);
    changed_.notify_all();
}

void ConnectionGuard::forget(const SSL* ssl)
{
    const std::lock_guard lock(mutex_);
    connections_.erase(ssl);
}

void ConnectionGuard::move_deadline(const httplib::Request& request,
                                    std::chrono::milliseconds from_now)
{
    const std::lock_guard lock(mutex_);
    for (auto& [ssl, connection] : connections_)
        if (connection.port == request.remote_port && connection.address == request.remote_addr)
            connection.deadline = std::chrono::steady_clock::now() + from_now;
    changed_.notify_all();
}

void ConnectionGuard::headers_read(const httplib::Request& request)
{
    move_deadline(request, limits_.body);
}

void ConnectionGuard::answered(const httplib::Request& request)
{
    move_deadline(request, limits_.after_answer);
}

void ConnectionGuard::cut_all()
{
    const std::lock_guard lock(mutex_);
    cutting_ = true;
    // The socket stays open until OpenSSL has freed the connection (httplib closes it after),
    // so a registered descriptor is never another connection's.
    for (const auto& [ssl, connection] : connections_)
        ::shutdown(connection.socket, SHUT_RDWR);
    connections_.clear();
}

void ConnectionGuard::watch()
{
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        const auto now = std::chrono::steady_clock::now();
        auto next = now + std::chrono::seconds{60};
        for (auto held = connections_.begin(); held != connections_.end();) {
            if (held->second.deadline <= now) {
                ::shutdown(held->second.socket, SHUT_RDWR);
                held = connections_.erase(held);
                continue;
            }
            next = std::min(next, held->second.deadline);
            ++held;
        }
        changed_.wait_until(lock, next);
    }
}

ElasticPool::ElasticPool(std::size_t most_threads, std::function<void()> before_join)
    : most_threads_(most_threads), before_join_(std::move(before_join))
{
}

ElasticPool::~ElasticPool() { shutdown(); }

void ElasticPool::enqueue(std::function<void()> task)
{
    {
        const std::lock_guard lock(mutex_);
        tasks_.push_back(std::move(task));
        if (tasks_.size() > idle_ && threads_.size() < most_threads_)
            threads_.emplace_back([this] { work(); });
    }
    waiting_.notify_one();
}

void ElasticPool::shutdown()
{
    {
        const std::lock_guard lock(mutex_);
        if (stopping_)
            return;
        stopping_ = true;
    }
    waiting_.notify_all();
    if (before_join_)
        before_join_();
    // No thread is added once stopping: the list is read without the lock.
    for (auto& thread : threads_)
        thread.join();
}

void ElasticPool::work()
{
    std::unique_lock lock(mutex_);
    for (;;) {
        ++idle_;
        waiting_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
        --idle_;
        if (tasks_.empty())
            return; // stopping, and nothing left: every queued connection was closed
        auto task = std::move(tasks_.front());
        tasks_.pop_front();
        lock.unlock();
        task();
        lock.lock();
    }
}

} // namespace kiosk_console
