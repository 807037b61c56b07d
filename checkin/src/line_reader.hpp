#pragma once

#include <chrono>
#include <filesystem>
#include <string>

namespace kiosk::checkin {

// Codes typed by a handheld scanner (serial or keyboard mode: one code then Enter) or replayed
// from a file, one per line; "-" is standard input. Waits with a timeout so the caller's loop
// keeps turning between codes.
class LineReader {
public:
    explicit LineReader(const std::filesystem::path& path); // throws std::system_error
    ~LineReader();
    LineReader(const LineReader&) = delete;
    LineReader& operator=(const LineReader&) = delete;

    enum class Outcome { Line, Timeout, End };
    // The next line without its end of line (a carriage return too), or why there is none.
    [[nodiscard]] Outcome next(std::string& line, std::chrono::milliseconds timeout);

private:
    bool take_line(std::string& line);

    int fd_ = -1;
    bool owned_ = false;
    bool ended_ = false;
    std::string buffer_;
};

} // namespace kiosk::checkin
