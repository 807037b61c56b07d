#include "kiosk_print/output_file.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <random>
#include <string>
#include <unistd.h>

namespace kiosk_print {
namespace {

std::string temporary_name(const std::filesystem::path& path)
{
    static thread_local std::mt19937_64 random{std::random_device{}()};
    return fmt::format(".{}.tmp-{}", path.filename().string(), random() % 1000000000);
}

[[noreturn]] void fail(const std::filesystem::path& path, int error)
{
    throw OutputError(path.string() + " : écriture impossible (" + std::strerror(error) + ")");
}

} // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view bytes)
{
    const auto directory = path.has_parent_path() ? path.parent_path() : ".";
    const auto temporary = directory / temporary_name(path);
    const int file = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (file < 0)
        fail(path, errno);
    std::size_t written = 0;
    while (written < bytes.size()) {
        const auto count = ::write(file, bytes.data() + written, bytes.size() - written);
        if (count < 0 && errno == EINTR)
            continue;
        if (count < 0) {
            const int error = errno;
            ::close(file);
            ::unlink(temporary.c_str());
            fail(path, error);
        }
        written += static_cast<std::size_t>(count);
    }
    if (::close(file) != 0 || ::rename(temporary.c_str(), path.c_str()) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        fail(path, error);
    }
}

void check_writable_directory(const std::filesystem::path& directory)
{
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error)
        throw OutputError(directory.string() + " : dossier impossible à créer (" +
                          error.message() + ")");
    if (!std::filesystem::is_directory(directory))
        throw OutputError(directory.string() + " : ce n'est pas un dossier");
    // Creating a file is the honest test: access() grants root everything, mounts aside.
    const auto probe = directory / temporary_name(directory / "probe");
    const int file = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (file < 0)
        fail(directory, errno);
    ::close(file);
    ::unlink(probe.c_str());
}

} // namespace kiosk_print
