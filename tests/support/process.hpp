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

// `program` followed by `arguments`: a command line.
[[nodiscard]] std::vector<std::string> command_line(const std::string& program,
                                                    std::vector<std::string> arguments);

// Runs a program to completion with its output captured. `environment` entries are added to
// (or, with an empty value, removed from) the current environment.
ProcessResult run_process(const std::vector<std::string>& arguments,
                          const std::map<std::string, std::string>& environment = {});

// The same, with `input` on the program's standard input.
ProcessResult run_process_with_input(const std::vector<std::string>& arguments,
                                     const std::string& input,
                                     const std::map<std::string, std::string>& environment = {});

// A program running in the background until the object goes away (SIGTERM, then waited for).
// Its output goes to `log`, so it never holds the test's own output open; it dies with the test.
class BackgroundProcess {
public:
    BackgroundProcess(std::vector<std::string> arguments, const std::string& log,
                      const std::map<std::string, std::string>& environment = {});
    ~BackgroundProcess() { stop(); }
    BackgroundProcess(const BackgroundProcess&) = delete;
    BackgroundProcess& operator=(const BackgroundProcess&) = delete;

    // Asks the program to end (SIGTERM) and returns its exit status.
    int stop();
    // Ends the program with `signal_number` (SIGKILL: a crash) and returns its exit status.
    int end_with(int signal_number);
    [[nodiscard]] bool running();
    [[nodiscard]] int pid() const { return child_; } // -1 once stopped

private:
    int child_ = -1;
    int status_ = -1;
};

// Full contents of a file, or an empty string when it does not exist.
std::string read_file(const std::string& path);

// A memory line of /proc/<pid>/status ("VmRSS", "VmHWM"), in MB; 0 when absent.
double memory_mb(int pid, const std::string& name);

} // namespace test
