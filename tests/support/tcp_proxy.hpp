#pragma once

// A TCP proxy on loopback between a site and the office, for the live link's fault tests: it
// forwards bytes both ways, and on demand delays them, cuts every connection mid-request,
// refuses new ones (the link is down) or sends them to another port (the office restarted).

#include <atomic>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace test {

class TcpProxy {
public:
    explicit TcpProxy(int target_port);
    ~TcpProxy();
    TcpProxy(const TcpProxy&) = delete;
    TcpProxy& operator=(const TcpProxy&) = delete;

    [[nodiscard]] int port() const { return port_; }
    [[nodiscard]] std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }

    void retarget(int target_port) { target_port_ = target_port; }
    // Down: new connections are closed as soon as they open, and open ones are cut.
    void set_down(bool down);
    // Closes every open connection now, whatever it was in the middle of.
    void cut() { ++generation_; }
    // Holds each chunk this long before passing it on.
    void set_delay(std::chrono::milliseconds delay) { delay_ms_ = static_cast<int>(delay.count()); }

    [[nodiscard]] std::size_t connections_accepted() const { return accepted_; }
    [[nodiscard]] std::size_t connections_cut() const { return cut_; }
    // Bytes passed on so far, each way.
    [[nodiscard]] std::size_t bytes_to_target() const { return to_target_; }
    [[nodiscard]] std::size_t bytes_to_client() const { return to_client_; }

private:
    void accept_loop();
    void pump(int client, unsigned generation);

    int listener_ = -1;
    int port_ = 0;
    std::atomic<int> target_port_;
    std::atomic<bool> down_{false};
    std::atomic<bool> stopping_{false};
    std::atomic<unsigned> generation_{0};
    std::atomic<int> delay_ms_{0};
    std::atomic<std::size_t> accepted_{0};
    std::atomic<std::size_t> cut_{0};
    std::atomic<std::size_t> to_target_{0};
    std::atomic<std::size_t> to_client_{0};
    std::mutex threads_mutex_;
    std::vector<std::thread> threads_;
    std::thread acceptor_;
};

} // namespace test
