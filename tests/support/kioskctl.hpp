#pragma once

// Runs the built kioskctl binary against a database in a temporary directory, with no
// DISPLAY: what staff do on a headless kiosk.

#include "build_paths.hpp"
#include "process.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace test {

class Kioskctl {
public:
    Kioskctl() : database_((dir_ / "site.db").string()) {}

    ProcessResult operator()(std::vector<std::string> arguments) const
    {
        arguments.insert(arguments.begin(), {test::kioskctl_program(), "--db", database_});
        return run_process(arguments, {{"DISPLAY", ""}, {"KIOSK_DB", ""}, {"KIOSK_CONFIG", ""}});
    }

    ProcessResult with_input(std::vector<std::string> arguments, const std::string& input) const
    {
        arguments.insert(arguments.begin(), {test::kioskctl_program(), "--db", database_});
        return run_process_with_input(arguments, input,
                                      {{"DISPLAY", ""}, {"KIOSK_DB", ""}, {"KIOSK_CONFIG", ""}});
    }

    // Runs a command that must succeed and returns its standard output.
    std::string ok(const std::vector<std::string>& arguments) const
    {
        const auto result = (*this)(arguments);
        INFO("stderr: " << result.err);
        REQUIRE(result.exit_code == 0);
        return result.out;
    }

    nlohmann::json day(const std::string& site, const std::string& date) const
    {
        return nlohmann::json::parse(ok({"session", "list", "--site", site, "--date", date, "--json"}));
    }

    // The database file and its write-ahead log, to prove a refused command wrote nothing.
    std::string snapshot() const { return read_file(database_) + read_file(database_ + "-wal"); }

    [[nodiscard]] const std::string& database() const { return database_; }
    [[nodiscard]] const TempDir& dir() const { return dir_; }

private:
    TempDir dir_;
    std::string database_;
};

inline std::string trimmed(std::string text)
{
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    return text;
}

} // namespace test
