#include "line_reader.hpp"

#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <system_error>
#include <unistd.h>

namespace kiosk::checkin {

LineReader::LineReader(const std::filesystem::path& path)
{
    if (path == "-") {
        fd_ = STDIN_FILENO;
        return;
    }
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd_ < 0)
        throw std::system_error(errno, std::generic_category(), path.string());
    owned_ = true;
}

LineReader::~LineReader()
{
    if (owned_)
        ::close(fd_);
}

bool LineReader::take_line(std::string& line)
{
    const auto end = buffer_.find('\n');
    if (end == std::string::npos) {
        if (!ended_ || buffer_.empty())
            return false;
        line = std::move(buffer_); // a last line without its end of line still counts
        buffer_.clear();
    } else {
        line = buffer_.substr(0, end);
        buffer_.erase(0, end + 1);
    }
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return true;
}

LineReader::Outcome LineReader::next(std::string& line, std::chrono::milliseconds timeout)
{
    while (!take_line(line)) {
        if (ended_)
            return Outcome::End;
        pollfd waiting{fd_, POLLIN, 0};
        const int ready = ::poll(&waiting, 1, static_cast<int>(timeout.count()));
        if (ready < 0 && errno != EINTR)
            throw std::system_error(errno, std::generic_category(), "poll");
        if (ready <= 0)
            return Outcome::Timeout;
        char chunk[4096];
        const auto count = ::read(fd_, chunk, sizeof chunk);
        if (count < 0) {
            if (errno == EINTR || errno == EAGAIN)
                continue;
            throw std::system_error(errno, std::generic_category(), "read");
        }
        if (count == 0)
            ended_ = true;
        buffer_.append(chunk, static_cast<std::size_t>(count));
    }
    return Outcome::Line;
}

} // namespace kiosk::checkin
