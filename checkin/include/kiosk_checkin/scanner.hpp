#pragma once

#include <string>
#include <vector>

namespace kiosk::checkin {

struct ScanOptions {
    std::string database;
    std::string site;
    std::string config;
    std::string device;
    std::string camera;
    std::string pipeline;
    std::vector<std::string> images;
    std::string lines;       // codes one per line (a handheld scanner, a file, "-" for stdin)
    std::string runtime_dir;
    std::string at;          // a frozen clock, for demonstrations and tests
    bool until_end = false;  // a recording: read every frame, stop at its end
    int debounce_ms = 3000;
};

// Runs the camera loop (or reads lines) until SIGTERM/SIGINT, or the end of a recording or of
// the lines; the exit status. Prints one JSON line per recorded scan on standard output.
int run_scanner(const ScanOptions& options);

} // namespace kiosk::checkin
