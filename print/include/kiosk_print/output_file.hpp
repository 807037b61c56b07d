#pragma once

#include <filesystem>
#include <stdexcept>
#include <string_view>

namespace kiosk_print {

// A file could not be written (directory missing or read-only, disk full).
class OutputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Writes `bytes` to a temporary name in the same directory, then renames it over `path`: a
// reader sees the old file or the new one, never half of one. Throws OutputError.
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

// Throws OutputError unless files can be created in `directory` (created when missing).
void check_writable_directory(const std::filesystem::path& directory);

} // namespace kiosk_print
