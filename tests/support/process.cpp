#include "process.hpp"

#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <csignal>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace test {

std::string read_file(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

namespace {

void apply_environment(const std::map<std::string, std::string>& environment)
{
    for (const auto& [name, value] : environment) {
        if (value.empty())
            unsetenv(name.c_str());
        else
            setenv(name.c_str(), value.c_str(), 1);
    }
}

int exit_status(int status)
{
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

} // namespace

std::vector<std::string> command_line(const std::string& program,
                                      std::vector<std::string> arguments)
{
    std::vector<std::string> line;
    line.reserve(arguments.size() + 1);
    line.push_back(program);
    for (auto& argument : arguments)
        line.push_back(std::move(argument));
    return line;
}

ProcessResult run_process(const std::vector<std::string>& arguments,
                          const std::map<std::string, std::string>& environment)
{
    return run_process_with_input(arguments, "", environment);
}

ProcessResult run_process_with_input(const std::vector<std::string>& arguments,
                                     const std::string& input,
                                     const std::map<std::string, std::string>& environment)
{
    char in_path[] = "/tmp/kiosk-test-in-XXXXXX";
    const int in_fd = mkstemp(in_path);
    if (in_fd < 0 || write(in_fd, input.data(), input.size()) != static_cast<ssize_t>(input.size()))
        throw std::runtime_error("cannot write the input file");
    char out_path[] = "/tmp/kiosk-test-out-XXXXXX";
    char err_path[] = "/tmp/kiosk-test-err-XXXXXX";
    const int out_fd = mkstemp(out_path);
    const int err_fd = mkstemp(err_path);
    if (out_fd < 0 || err_fd < 0)
        throw std::runtime_error("cannot create capture files");

    const pid_t child = fork();
    if (child < 0)
        throw std::runtime_error("fork failed");
    if (child == 0) {
        apply_environment(environment);
        lseek(in_fd, 0, SEEK_SET);
        dup2(in_fd, 0);
        dup2(out_fd, 1);
        dup2(err_fd, 2);
        std::vector<char*> argv;
        for (const auto& argument : arguments)
            argv.push_back(const_cast<char*>(argument.c_str()));
        argv.push_back(nullptr);
        execvp(argv[0], argv.data());
        _exit(127);
    }
    int status = 0;
    waitpid(child, &status, 0);
    close(in_fd);
    unlink(in_path);
    close(out_fd);
    close(err_fd);
    ProcessResult result;
    result.exit_code = exit_status(status);
    result.out = read_file(out_path);
    result.err = read_file(err_path);
    unlink(out_path);
    unlink(err_path);
    return result;
}

BackgroundProcess::BackgroundProcess(std::vector<std::string> arguments, const std::string& log,
                                     const std::map<std::string, std::string>& environment)
{
    child_ = fork();
    if (child_ < 0)
        throw std::runtime_error("fork failed");
    if (child_ == 0) {
        prctl(PR_SET_PDEATHSIG, SIGTERM); // a crashed test leaves nothing running behind
        const int log_fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int null_fd = open("/dev/null", O_RDONLY);
        dup2(null_fd, 0);
        dup2(log_fd, 1);
        dup2(log_fd, 2);
        apply_environment(environment);
        std::vector<char*> argv;
        for (auto& argument : arguments)
            argv.push_back(argument.data());
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
}

int BackgroundProcess::stop() { return end_with(SIGTERM); }

int BackgroundProcess::end_with(int signal_number)
{
    if (child_ <= 0)
        return status_;
    kill(child_, signal_number);
    int status = 0;
    waitpid(child_, &status, 0);
    child_ = -1;
    status_ = exit_status(status);
    return status_;
}

bool BackgroundProcess::running()
{
    if (child_ <= 0)
        return false;
    int status = 0;
    if (waitpid(child_, &status, WNOHANG) == child_) {
        child_ = -1;
        status_ = exit_status(status);
        return false;
    }
    return true;
}

double memory_mb(int pid, const std::string& name)
{
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.starts_with(name + ":"))
            return std::stod(line.substr(name.size() + 1)) / 1024.0;
    return 0;
}

} // namespace test
