#pragma once

#include <map>
#include <string>
#include <vector>

namespace test {

struct ProcessResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs a program to completion with its output captured. `environment` entries are added to
// (or, with an empty value, removed from) the current environment.
ProcessResult run_process(const std::vector<std::string>& arguments,
                          const std::map<std::string, std::string>& environment = {});

// Full contents of a file, or an empty string when it does not exist.
std::string read_file(const std::string& path);

} // namespace test
