#pragma once

// Liveness and wake-ups live under a runtime directory (/run/atelier-kiosk, or systemd's
// $RUNTIME_DIRECTORY), never in the database: they are lost on reboot, as they should be.

#include <chrono>
#include <filesystem>
#include <string>

namespace kiosk {

[[nodiscard]] std::filesystem::path default_runtime_dir();
[[nodiscard]] std::filesystem::path board_socket_path(const std::filesystem::path& runtime_dir);

// Tells the board that new scans are in the database. Best effort: if no board listens, the
// board's own polling will find them.
void wake_board(const std::filesystem::path& runtime_dir) noexcept;

// The board's end: a datagram socket that wake_board() writes to.
class WakeupListener {
public:
    explicit WakeupListener(const std::filesystem::path& runtime_dir); // throws std::system_error
    ~WakeupListener();
    WakeupListener(const WakeupListener&) = delete;
    WakeupListener& operator=(const WakeupListener&) = delete;

    // Waits up to `timeout` for a wake-up; drains every pending one. True when woken.
    [[nodiscard]] bool wait(std::chrono::milliseconds timeout);
    [[nodiscard]] int descriptor() const { return fd_; }

private:
    std::filesystem::path path_;
    int fd_ = -1;
};

// Replaces `path` with `content` atomically (write to a temporary file, then rename), so a
// reader never sees half a file.
void write_file_atomically(const std::filesystem::path& path, const std::string& content);

} // namespace kiosk
