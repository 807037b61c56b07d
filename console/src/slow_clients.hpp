#pragma once

// Slow and idle clients must not hold the console. cpp-httplib 0.11 reads the TLS handshake and
// the headers on its worker threads, with a timeout per read only: 8 connections sending a
// header line every 5 s held its 8 workers for good. Here every TLS connection gets a deadline
// for each phase, a client address at most a few connections, and the pool grows a thread per
// waiting connection (up to a bound), so the one accepting thread never waits on anyone.

#include <httplib.h>

#include <openssl/ssl.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kiosk_console {

struct ConnectionLimits {
    // From the first byte of the handshake to the end of the headers.
    std::chrono::milliseconds head{std::chrono::seconds{10}};
    // Reading the body (8 MB at most) and answering: sync holds a request 25 s.
    std::chrono::milliseconds body{std::chrono::seconds{120}};
    // Writing the answer, waiting for the next request (keep-alive) and reading its headers.
    std::chrono::milliseconds after_answer{std::chrono::seconds{30}};
    std::size_t per_address = 8;
};

// Watches the connections of one SSL_CTX: registered when their handshake starts, forgotten when
// OpenSSL frees them, shut down (the worker's read returns at once) when a deadline passes or
// their address already holds `per_address` connections.
class ConnectionGuard {
public:
    ConnectionGuard(SSL_CTX* context, ConnectionLimits limits);
    ~ConnectionGuard();
    ConnectionGuard(const ConnectionGuard&) = delete;
    ConnectionGuard& operator=(const ConnectionGuard&) = delete;

    // The request's headers are read (pre-routing): the body's deadline starts.
    void headers_read(const httplib::Request& request);
    // The answer is ready (post-routing): the next request's deadline starts.
    void answered(const httplib::Request& request);
    // Stopping: every connection is cut, and those still to come as soon as they start.
    void cut_all();

private:
    struct Connection {
        int socket = -1;
        std::string address;
        int port = 0;
        std::chrono::steady_clock::time_point deadline;
    };

    static void on_info(const SSL* ssl, int where, int ret);
    static void on_free(void* parent, void* guard, CRYPTO_EX_DATA*, int, long, void*);
    void started(SSL* ssl);
    void forget(const SSL* ssl);
    void move_deadline(const httplib::Request& request, std::chrono::milliseconds from_now);
    void watch();

    ConnectionLimits limits_;
    SSL_CTX* context_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::map<const SSL*, Connection> connections_;
    bool stopping_ = false;
    bool cutting_ = false;
    std::thread watcher_;
};

// httplib's task queue: a thread for each connection waiting, up to `most_threads`, the rest
// queued; on shutdown, `before_join` runs (cutting what is held) and the queue drains.
class ElasticPool final : public httplib::TaskQueue {
public:
    ElasticPool(std::size_t most_threads, std::function<void()> before_join);
    ~ElasticPool() override;
    ElasticPool(const ElasticPool&) = delete;
    ElasticPool& operator=(const ElasticPool&) = delete;

    void enqueue(std::function<void()> task) override;
    void shutdown() override;

private:
    void work();

    std::size_t most_threads_;
    std::function<void()> before_join_;
    std::mutex mutex_;
    std::condition_variable waiting_;
    std::deque<std::function<void()>> tasks_;
    std::vector<std::thread> threads_;
    std::size_t idle_ = 0;
    bool stopping_ = false;
};

} // namespace kiosk_console
