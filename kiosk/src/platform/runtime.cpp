#include "kiosk/platform/runtime.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <system_error>
#include <unistd.h>

namespace kiosk {
namespace {

sockaddr_un address_of(const std::filesystem::path& path)
{
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const std::string text = path.string();
    if (text.size() >= sizeof(address.sun_path))
        throw std::system_error(ENAMETOOLONG, std::generic_category(), text);
    std::memcpy(address.sun_path, text.c_str(), text.size() + 1);
    return address;
}

} // namespace

std::filesystem::path default_runtime_dir()
{
    if (const char* systemd = std::getenv("RUNTIME_DIRECTORY"); systemd && *systemd)
        return std::string(systemd).substr(0, std::string(systemd).find(':'));
    return "/run/atelier-kiosk";
}

std::filesystem::path board_socket_path(const std::filesystem::path& runtime_dir)
{
    return runtime_dir / "board.sock";
}

void wake_board(const std::filesystem::path& runtime_dir) noexcept
{
    try {
        const auto address = address_of(board_socket_path(runtime_dir));
        const int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (fd < 0)
            return;
        const char byte = 1;
        (void)sendto(fd, &byte, 1, 0, reinterpret_cast<const sockaddr*>(&address),
                     sizeof(address));
        close(fd);
    } catch (...) {
        // Polling is the fallback; a wake-up is never worth failing a check-in for.
    }
}

WakeupListener::WakeupListener(const std::filesystem::path& runtime_dir)
    : path_(board_socket_path(runtime_dir))
{
    std::filesystem::create_directories(runtime_dir);
    const auto address = address_of(path_);
    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd_ < 0)
        throw std::system_error(errno, std::generic_category(), "socket");
    unlink(path_.c_str()); // a stale socket from a previous run
    if (bind(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
        const int error = errno;
        close(fd_);
        throw std::system_error(error, std::generic_category(), path_.string());
    }
}

WakeupListener::~WakeupListener()
{
    close(fd_);
    unlink(path_.c_str());
}

bool WakeupListener::wait(std::chrono::milliseconds timeout)
{
    pollfd entry{fd_, POLLIN, 0};
    if (poll(&entry, 1, static_cast<int>(timeout.count())) <= 0)
        return false;
    char buffer[64];
    while (recv(fd_, buffer, sizeof(buffer), 0) > 0) {
    }
    return true;
}

void write_file_atomically(const std::filesystem::path& path, const std::string& content)
{
    const auto temporary = path.string() + ".tmp";
    {
        std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
        file << content;
        if (!file)
            throw std::system_error(errno, std::generic_category(), temporary);
    }
    std::filesystem::rename(temporary, path);
}

} // namespace kiosk
