#pragma once

#include <string>
#include <vector>

namespace kiosk_checkin_app {

struct ScanOptions {
    std::string database;
    std::string site;
    std::string config;
    std::string device;
    std::string camera;
    std::string pipeline;
    std::vector<std::string> images;
    std::string runtime_dir;
    std::string at;          // a frozen clock, for demonstrations and tests
    bool until_end = false;  // a recording: read every frame, stop at its end
    int debounce_ms = 3000;
};

// Runs the camera loop until SIGTERM/SIGINT (or the end of a recording); the exit status.
int run_scanner(const ScanOptions& options);

} // namespace kiosk_checkin_app
