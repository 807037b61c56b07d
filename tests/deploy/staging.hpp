#pragma once

// deploy/install.sh run from the tests, staged under a temporary root (--root: no apt,
// useradd or systemctl, they are printed) with the programs of this very build.

#include "build_paths.hpp"
#include "process.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace test {

inline ProcessResult install(const std::vector<std::string>& options)
{
    // The test's own database, configuration or screen must not leak into the installer.
    static const std::map<std::string, std::string> clean_environment{
        {"KIOSK_DB", ""}, {"KIOSK_CONFIG", ""}, {"DISPLAY", ""}};
    std::vector<std::string> command{"bash", test::source_dir() + "/deploy/install.sh"};
    command.insert(command.end(), options.begin(), options.end());
    return run_process(command, clean_environment);
}

inline ProcessResult stage(const std::filesystem::path& root, std::vector<std::string> options = {})
{
    std::vector<std::string> all{"--site",      "rennes",      "--root",
                                 root.string(), "--build-dir", test::build_dir()};
    all.insert(all.end(), options.begin(), options.end());
    return install(all);
}

} // namespace test
